"""Bringing a bundle's files into staging: each read once, copied and hashed in one pass."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from workstation.casefile.assemble import StagedFile
from workstation.casefile.bundle import BundleSource
from workstation.casefile.import_io import GuardedReader, write_errors
from workstation.store.hashing import copy_and_hash
from workstation.store.staging import Staging

Progress = Callable[[float, str], None]
Staged = dict[str, tuple[StagedFile, Path]]


def copy_bundle(
    source: BundleSource,
    staging: Staging,
    location: Path,
    report: Progress,
    cancel: threading.Event | None,
) -> Staged:
    """Copy every entry into `staging`, hashing as it goes; bundle path → (file, staged copy)."""
    total = max(sum(e.size for e in source.entries), 1)
    done = 0
    current = ""

    def advance(count: int) -> None:
        nonlocal done
        done += count
        report(done / total, current)

    staged: Staged = {}
    for entry in source.entries:
        current = f"正在复制并计算哈希：{entry.path}"
        report(done / total, current)
        target = staging.new_file(Path(entry.path).suffix)
        with (
            GuardedReader(source.open(entry.path), location, entry.path) as stream,
            write_errors(f" {entry.path} "),
        ):
            sha256, size = copy_and_hash(stream, target, cancel=cancel, on_bytes=advance)
        staged[entry.path] = (StagedFile(entry.path, sha256, size), target)
    return staged


def content_digest(files: Iterable[StagedFile]) -> str:
    """Identity of a bundle's content: SHA-256 over its sorted (path, sha256) pairs."""
    digest = hashlib.sha256()
    for path, sha256 in sorted((item.path, item.sha256) for item in files):
        digest.update(f"{path}\t{sha256}\n".encode())
    return digest.hexdigest()
