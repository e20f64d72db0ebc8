"""Scratch files for benchmarks: free-space checks, big incompressible files, clean removal."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

from benchmarks.registry import BenchmarkError

MIB = 1024**2
GIB = 1024**3
CHUNK = MIB
_POOL_MIB = 16


def require_free_space(folder: Path, needed: int, what: str) -> None:
    """Raise BenchmarkError unless `folder`'s filesystem has `needed` bytes free."""
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise BenchmarkError(
            f"{what} needs {needed / GIB:.1f} GiB free in {folder}, but only "
            f"{free / GIB:.1f} GiB is free; free some space, point TMPDIR at a larger disk, "
            f"or pass a smaller --size-mib"
        )


def write_incompressible(path: Path, size: int) -> None:
    """Write `size` bytes that neither compress nor deduplicate, then flush them to disk.

    A 16 MiB pool of random bytes is reused, but every 1 MiB block starts with its own
    block number, so no two blocks are equal. The file starts with eight zero bytes, which
    no file-type sniffer takes for a known format.
    """
    pool = os.urandom(_POOL_MIB * MIB)
    with open(path, "xb") as out:
        written = 0
        block = 0
        while written < size:
            offset = (block % _POOL_MIB) * MIB
            chunk = block.to_bytes(8, "big") + pool[offset + 8 : offset + CHUNK]
            chunk = chunk[: size - written]
            out.write(chunk)
            written += len(chunk)
            block += 1
        out.flush()
        # Written back now, so the dirty pages do not compete with the first timed run.
        os.fsync(out.fileno())


def read_through(path: Path) -> int:
    """Read a file once, discarding the bytes (puts it in the page cache); returns its size."""
    size = 0
    with open(path, "rb", buffering=0) as source:
        buffer = bytearray(CHUNK)
        while count := source.readinto(buffer):
            size += count
    return size


def remove_tree(folder: Path) -> None:
    """Delete a folder, including read-only files (the evidence store's, on Windows)."""

    def retry_writable(_function: object, name: str, _exc: object) -> None:
        os.chmod(name, stat.S_IWRITE | stat.S_IREAD)
        if os.path.isdir(name):
            os.rmdir(name)
        else:
            os.unlink(name)

    if not folder.exists():
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry_writable)
    else:
        shutil.rmtree(folder, onerror=retry_writable)
