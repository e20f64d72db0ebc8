"""What each new file of an import is, asked of the probe child within one time budget."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from workstation.casefile.assemble import StagedFile
from workstation.casefile.manifest import EXERCISE_NAME, MANIFEST_NAME
from workstation.casefile.probe import OK, ProbeResult
from workstation.casefile.probe_worker import ProbeRunner
from workstation.progress import Progress, stop_if_cancelled
from workstation.settings import ImportLimits
from workstation.store import models
from workstation.store.evidence import EvidenceStore


def probe_new(
    runner: ProbeRunner,
    store: EvidenceStore,
    files: Iterable[tuple[StagedFile, Path]],
    limits: ImportLimits,
    report: Progress,
    cancel: threading.Event | None,
) -> dict[str, ProbeResult]:
    """Probe each (file, staged copy) once, by hash. Each file gets the per-file limit until
    the import's budget is spent, then the floor: a bundle of hostile files costs about the
    budget, not the per-file limit times their number (M1)."""
    todo = {item.sha256: (item, path) for item, path in files}
    budget_ends = time.monotonic() + limits.probe_budget_s
    probes: dict[str, ProbeResult] = {}
    for index, (sha256, (item, path)) in enumerate(sorted(todo.items())):
        report(index / max(len(todo), 1), f"正在识别文件：{item.path}")
        stop_if_cancelled(cancel, "导入已取消，未保存任何内容")
        if item.path in (MANIFEST_NAME, EXERCISE_NAME):
            probes[sha256] = ProbeResult("json", OK)  # case.json / exercise.json
            continue
        # A copy restored into the store a moment ago is read from there.
        where = path if path.exists() else store.path_for(sha256)
        left = max(budget_ends - time.monotonic(), limits.probe_floor_s)
        probes[sha256] = runner.probe(str(where), item.path, cancel, timeout_s=left)
    return probes


def store_probe_rows(
    session: Session,
    probes: dict[str, ProbeResult],
    known: dict[str, models.EvidenceFile],
    files: dict[str, StagedFile],
    now: datetime,
) -> None:
    """Rows for new files; fresh results for files whose earlier probe failed."""
    sizes = {item.sha256: item.size for item in files.values()}
    for sha256, probe in probes.items():
        row = known.get(sha256)
        if row is None:
            session.add(
                models.EvidenceFile(
                    sha256=sha256,
                    size=sizes[sha256],
                    media_kind=probe.media_kind,
                    condition=probe.condition,
                    reason=probe.reason,
                    details=probe.details,
                    stored_at=now,
                )
            )
        elif "probe_failure" in row.details:
            row.media_kind, row.condition = probe.media_kind, probe.condition
            row.reason, row.details = probe.reason, probe.details
    session.flush()
