"""Reading a bundle for `workstation check`: the same safety checks as an import, but nothing
is stored. Files are hashed where they are; a recording whose manifest gives no duration is
probed (from a temporary copy when it sits in a ZIP, removed afterwards)."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from pathlib import Path

from workstation.casefile.bundle import BundleSource, open_bundle
from workstation.casefile.import_io import GuardedReader
from workstation.casefile.intake import read_manifest
from workstation.casefile.model import CaseManifest, FileFacts
from workstation.casefile.probe_worker import ProbeRunner
from workstation.progress import Progress, stop_if_cancelled
from workstation.settings import ImportLimits
from workstation.store.hashing import CHUNK_SIZE


def read_for_check(
    location: Path,
    limits: ImportLimits,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[CaseManifest, FileFacts]:
    """The checked manifest and the facts about its files (hashes, probed durations)."""
    report = progress or (lambda _f, _m: None)
    source = open_bundle(location, limits)
    try:
        manifest, _ = read_manifest(source, location, limits)
        hashes = _hash_all(source, location, report, cancel)
        facts = FileFacts(hashes=hashes)
        durations = _probe_durations(source, location, manifest, facts, limits, cancel)
    finally:
        source.close()
    report(1.0, "读取完毕")
    return manifest, FileFacts(hashes=hashes, durations=durations)


def _hash_all(
    source: BundleSource, location: Path, report: Progress, cancel: threading.Event | None
) -> dict[str, str]:
    total = max(sum(e.size for e in source.entries), 1)
    done = 0
    hashes: dict[str, str] = {}
    for entry in source.entries:
        report(0.9 * done / total, f"正在计算哈希：{entry.path}")
        digest = hashlib.sha256()
        with GuardedReader(source.open(entry.path), location, entry.path) as stream:
            while chunk := stream.read(CHUNK_SIZE):
                stop_if_cancelled(cancel, "检查已取消")
                digest.update(chunk)
        hashes[entry.path] = digest.hexdigest()
        done += entry.size
    return hashes


def _probe_durations(
    source: BundleSource,
    location: Path,
    manifest: CaseManifest,
    facts: FileFacts,
    limits: ImportLimits,
    cancel: threading.Event | None,
) -> dict[str, float]:
    wanted = {
        found
        for r in manifest.recordings
        if r.duration_s is None and (found := facts.find(r.path)) is not None
    }
    if not wanted:
        return {}
    durations: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory(prefix="workstation-check-") as scratch,
        ProbeRunner(limits.probe_timeout_s) as runner,
    ):
        for index, path in enumerate(sorted(wanted)):
            copy = Path(scratch) / f"{index}{Path(path).suffix.lower()[:10]}"
            with (
                GuardedReader(source.open(path), location, path) as stream,
                open(copy, "wb") as out,
            ):
                shutil.copyfileobj(stream, out, CHUNK_SIZE)
            result = runner.probe(str(copy), path, cancel)
            duration = result.details.get("duration_s")
            if isinstance(duration, int | float):
                durations[path] = float(duration)
    return durations
