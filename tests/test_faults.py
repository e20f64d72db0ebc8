"""Faults part-way through an import: a kill, a full disk, a read-only folder, a locked
database. Each leaves no partial case and no orphan files, and nothing already stored is
lost. Faults are injected: the tests run as root, which would sail through permissions."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_store_consistent, minimal_case, row_counts, staging_leftovers

import workstation.store.db
from workstation.app import open_workstation
from workstation.errors import StorageError
from workstation.store import staging
from workstation.store.evidence import EvidenceStore

HERE = Path(__file__).resolve().parent


@pytest.fixture
def big_bundle(make_bundle: Any, corpus_dir: Path) -> Path:
    """Several files, one of 24 MiB so that copying takes many chunks."""
    documents = [{"id": f"d{i}", "path": f"docs/{i}.bin", "kind": "evidence"} for i in range(3)]
    documents.append({"id": "p1", "path": "docs/笔录.pdf", "kind": "inspection_record"})
    files: dict[str, bytes | Path] = {f"docs/{i}.bin": os.urandom(8 * 1024**2) for i in range(3)}
    files["docs/笔录.pdf"] = corpus_dir / "pdf_pdfjs_issue12823_zh.pdf"
    return make_bundle(minimal_case(documents=documents), files, name="big")


def _imported_case(ws: Any, make_bundle: Any) -> None:
    """A case that is already stored before the fault: it must survive untouched."""
    case = minimal_case(number="薛市监罚〔2026〕1号")
    ws.import_bundle(make_bundle(case, {"docs/old.txt": b"stored before"}), actor="t")


@pytest.mark.both_engines  # on PostgreSQL the kill also drops the server session's store lock
@pytest.mark.parametrize("point", ["copy", "probe", "adopt", "committed"])
def test_sigkill_part_way_leaves_a_consistent_store(
    data_dir: Path, big_bundle: Path, make_bundle: Any, point: str
) -> None:
    ws = open_workstation(data_dir)
    _imported_case(ws, make_bundle)
    ws.close()
    child = subprocess.run(
        [sys.executable, str(HERE / "kill_import.py"), str(data_dir), str(big_bundle), point],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert staging_leftovers(data_dir), "the kill should have left a staging folder"

    ws = open_workstation(data_dir)  # start-up cleans what the kill left
    try:
        assert staging_leftovers(data_dir) == []
        assert_store_consistent(ws)
        numbers = {c.number for c in ws.list_cases("t")}
        if point == "committed":
            assert numbers == {"薛市监罚〔2026〕1号", "薛市监罚〔2026〕12号"}
            assert ws.import_bundle(big_bundle, actor="t").outcome == "unchanged"
        else:
            assert numbers == {"薛市监罚〔2026〕1号"}
            assert ws.import_bundle(big_bundle, actor="t").outcome == "imported"
        assert_store_consistent(ws)
        assert ws.verify(None, actor="t").intact
    finally:
        ws.close()


def _no_partial_import(ws: Any, before: dict[str, int]) -> None:
    after = row_counts(ws)
    for table in ("cases", "case_versions", "evidence_files", "bundle_files", "documents"):
        assert after[table] == before[table], table
    assert staging_leftovers(ws.paths.data_dir) == []
    assert_store_consistent(ws)
    assert ws.verify(None, actor="t").intact


def test_disk_full_while_copying(
    ws: Any, make_bundle: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _imported_case(ws, make_bundle)
    before = row_counts(ws)
    from workstation.casefile import intake

    real_copy = intake.copy_and_hash
    calls = []

    def copy_until_full(source: Any, destination: Path, **kwargs: Any) -> Any:
        calls.append(destination)
        if len(calls) == 3:
            destination.write_bytes(source.read(1024**2))  # half-written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(source, destination, **kwargs)

    monkeypatch.setattr(intake, "copy_and_hash", copy_until_full)
    with pytest.raises(StorageError, match="磁盘空间不足，导入已撤销"):
        ws.import_bundle(big_bundle, actor="t")
    _no_partial_import(ws, before)


def test_disk_full_while_moving_into_the_store(
    ws: Any, make_bundle: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _imported_case(ws, make_bundle)
    before = row_counts(ws)
    real_adopt = EvidenceStore.adopt
    calls = []

    def adopt_until_full(self: EvidenceStore, staged: Path, sha256: str) -> bool:
        calls.append(sha256)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_adopt(self, staged, sha256)

    monkeypatch.setattr(EvidenceStore, "adopt", adopt_until_full)
    with pytest.raises(StorageError, match="磁盘空间不足"):
        ws.import_bundle(big_bundle, actor="t")
    _no_partial_import(ws, before)


def test_read_only_data_folder(
    ws: Any, make_bundle: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _imported_case(ws, make_bundle)
    before = row_counts(ws)

    def read_only(self: staging.Staging, root: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(root))

    monkeypatch.setattr(staging.Staging, "__init__", read_only)
    with pytest.raises(StorageError, match="数据文件夹不可写"):
        ws.import_bundle(big_bundle, actor="t")
    _no_partial_import(ws, before)


def test_locked_database(
    data_dir: Path, make_bundle: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workstation.store.db, "SQLITE_BUSY_TIMEOUT_MS", 300)
    ws = open_workstation(data_dir)
    try:
        _imported_case(ws, make_bundle)
        before = row_counts(ws)
        other = sqlite3.connect(ws.paths.database_file, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StorageError, match="数据库正被其他程序占用"):
                ws.import_bundle(big_bundle, actor="t")
        finally:
            other.execute("ROLLBACK")
            other.close()
        _no_partial_import(ws, before)
        assert ws.import_bundle(big_bundle, actor="t").outcome == "imported"
    finally:
        ws.close()


def test_an_import_waits_for_the_store_lock_and_says_so_when_it_is_held_too_long(
    ws: Any, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "LOCK_WAIT_S", 0.5)
    before = row_counts(ws)
    with (
        staging.import_lock(ws.paths.data_dir),
        pytest.raises(StorageError, match="证据库正在被另一项操作写入"),
    ):
        ws.import_bundle(big_bundle, actor="t")
    _no_partial_import(ws, before)
    assert staging_leftovers(ws.paths.data_dir) == []
    assert ws.import_bundle(big_bundle, actor="t").outcome == "imported"


def test_cleanup_that_cannot_finish_never_blocks_the_app(
    data_dir: Path, big_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = subprocess.run(
        [sys.executable, str(HERE / "kill_import.py"), str(data_dir), str(big_bundle), "adopt"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL
    # A torn last journal line, as a power cut leaves it.
    [leftover] = staging_leftovers(data_dir)
    with open(leftover / staging.JOURNAL, "a") as journal:
        journal.write("3f2a9c")

    def locked(self: EvidenceStore, sha256: str) -> None:  # e.g. Windows: file in use
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr(EvidenceStore, "discard", locked)
        ws = open_workstation(data_dir)  # opens although the cleanup fails
        assert staging_leftovers(data_dir) == [leftover]  # kept for a later try
        assert ws.import_bundle(big_bundle, actor="t").outcome == "imported"
        ws.close()
    ws = open_workstation(data_dir)  # the lock is gone: cleaned now
    try:
        assert staging_leftovers(data_dir) == []
        assert_store_consistent(ws)
    finally:
        ws.close()
