"""Bringing a bundle's files into staging: each read once, copied and hashed in one pass."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from pathlib import Path

from workstation.casefile.assemble import StagedFile
from workstation.casefile.bundle import BundleSource
from workstation.casefile.import_io import GuardedReader, write_errors
from workstation.casefile.manifest import MANIFEST_NAME, parse_manifest
from workstation.casefile.model import CaseManifest
from workstation.errors import BundleError
from workstation.progress import Progress
from workstation.settings import ImportLimits
from workstation.store.hashing import copy_and_hash
from workstation.store.staging import Staging

Staged = dict[str, tuple[StagedFile, Path]]


def read_manifest(
    source: BundleSource, location: Path, limits: ImportLimits
) -> tuple[CaseManifest, str]:
    """The parsed and validated case.json, and the SHA-256 of the bytes parsed."""
    entry = next((e for e in source.entries if e.path == MANIFEST_NAME), None)
    if entry is None:
        raise BundleError(f"{location} 中没有 case.json（案卷包的根目录必须有 case.json）")
    if entry.size > limits.max_manifest_bytes:
        raise BundleError(f"{location} 中的 case.json 过大（{entry.size} 字节）")
    with GuardedReader(source.open(MANIFEST_NAME), location, MANIFEST_NAME) as stream:
        raw = stream.read(limits.max_manifest_bytes + 1)
    manifest = parse_manifest(raw, f"{location.name}/{MANIFEST_NAME}")
    return manifest, hashlib.sha256(raw).hexdigest()


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
