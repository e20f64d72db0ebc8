"""copy_and_hash: one pass, the right hash, errors from the writer thread not lost."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workstation.errors import CancelledError
from workstation.store import hashing


@pytest.mark.parametrize("size", [0, 1, hashing.CHUNK_SIZE, 5 * hashing.CHUNK_SIZE + 17])
def test_copy_and_hash_copies_and_hashes(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    seen: list[int] = []
    digest, copied = hashing.copy_and_hash(io.BytesIO(data), tmp_path / "out", on_bytes=seen.append)
    assert (digest, copied) == (hashlib.sha256(data).hexdigest(), size)
    assert (tmp_path / "out").read_bytes() == data
    assert sum(seen) == size
    assert hashing.hash_file(tmp_path / "out") == digest


def test_buffered_writer_syncs_in_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashing, "SYNC_EVERY", 2 * hashing.CHUNK_SIZE)
    synced: list[tuple[int, int]] = []
    real = hashing._sync_and_drop
    monkeypatch.setattr(
        hashing, "_sync_and_drop", lambda fd, off, n: (synced.append((off, n)), real(fd, off, n))
    )
    data = os.urandom(7 * hashing.CHUNK_SIZE)
    path = tmp_path / "out"
    _write_all(hashing._BufferedWriter(os.open(path, os.O_WRONLY | os.O_CREAT)), data)
    step = 2 * hashing.CHUNK_SIZE
    assert synced == [(0, step), (step, step), (2 * step, step)]
    assert path.read_bytes() == data


def _write_all(writer: hashing._Writer, data: bytes, step: int = hashing.CHUNK_SIZE) -> None:
    source = io.BytesIO(data)
    with writer:
        while chunk := source.read(step):
            writer.write(chunk)
        writer.finish()


def test_a_full_disk_in_the_writer_thread_reaches_the_caller() -> None:
    # /dev/full answers every write with ENOSPC: a real full disk, no mocking.
    writer = hashing._BufferedWriter(os.open("/dev/full", os.O_WRONLY))
    with pytest.raises(OSError, match="No space") as caught:
        _write_all(writer, os.urandom(40 * hashing.CHUNK_SIZE))
    assert caught.value.errno == errno.ENOSPC


@pytest.mark.parametrize("size", [1, 4095, 4096, hashing.CHUNK_SIZE, 3 * hashing.CHUNK_SIZE + 5000])
@pytest.mark.parametrize("step", [hashing.CHUNK_SIZE, 300_000])
def test_direct_writer_handles_tails_and_short_reads(tmp_path: Path, size: int, step: int) -> None:
    path = tmp_path / "direct.bin"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(path, flags | os.O_DIRECT)
    except OSError:  # a filesystem without O_DIRECT (tmpfs): the buffering logic still runs
        fd = os.open(path, flags)
    data = os.urandom(size)
    _write_all(hashing._DirectWriter(fd), data, step)
    assert path.read_bytes() == data


def test_cancel_stops_the_copy(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        hashing.copy_and_hash(io.BytesIO(b"x" * 10), tmp_path / "out", cancel=cancel)


class _Trickle(io.RawIOBase):
    """A raw stream that hands out at most `step` bytes per call, as pipes and sockets do."""

    def __init__(self, data: bytes, step: int) -> None:
        self._source, self._step = io.BytesIO(data), step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        return self._source.readinto(memoryview(buffer)[: self._step])


class _ReadOnly:
    """A reader with read() only: copied through the writer's own buffers."""

    def __init__(self, data: bytes) -> None:
        self._source = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._source.read(size)


@pytest.mark.parametrize("size", [0, 4096, hashing.CHUNK_SIZE, 3 * hashing.CHUNK_SIZE + 5000])
@pytest.mark.parametrize("make", [lambda d: _Trickle(d, 300_000), _ReadOnly, io.BytesIO])
def test_short_reads_and_read_only_sources_copy_whole(
    tmp_path: Path, size: int, make: Callable[[bytes], Any]
) -> None:
    data = os.urandom(size)
    seen: list[int] = []
    digest, copied = hashing.copy_and_hash(make(data), tmp_path / "out", on_bytes=seen.append)
    assert (digest, copied) == (hashlib.sha256(data).hexdigest(), size)
    assert (tmp_path / "out").read_bytes() == data
    assert sum(seen) == size
