"""The one durable-write module: a folder's entries synced, a file written whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from workstation import durable


def test_a_file_is_written_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "head.json"
    target.write_bytes(b"old")
    durable.write_durably(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["head.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "head.json"
    target.write_bytes(b"old")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left") as failed:
        durable.write_durably(target, b"new")
    assert failed.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["head.json"]


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
def test_a_filesystem_that_cannot_sync_a_folder_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    durable.fsync_dir(tmp_path)  # the files were synced; the mount cannot do folders


def test_a_real_failure_to_sync_a_folder_is_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="Input/output") as failed:
        durable.fsync_dir(tmp_path)
    assert failed.value.errno == errno.EIO


def test_no_module_keeps_its_own_folder_sync() -> None:
    package = Path(durable.__file__).parent
    own = [
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if p.name != "durable.py" and "def _fsync_dir" in p.read_text("utf-8")
    ]
    assert own == []
