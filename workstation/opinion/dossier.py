"""`workstation export CASE OUT --dossier`: a case's review written out as a folder another
office can check — the contents (`dossier_contents`) and `MANIFEST.sha256` (`dossier_check`).

The folder is written under a temporary name beside `out` and renamed into place whole in
the transaction that audits it (`case.export`, with the manifest's own SHA-256, so the
exporting office's audit trail pins what left it). An `out` that exists and is not an empty folder is refused.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from workstation.clock import Clock
from workstation.durable import fsync_dir
from workstation.errors import IllegalActionError, StorageError
from workstation.opinion.dossier_check import MANIFEST, manifest_bytes
from workstation.opinion.dossier_contents import collect
from workstation.os_errors import os_error_text
from workstation.review.checklist import ChecklistService
from workstation.security import audit
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore


@dataclass(frozen=True)
class DossierResult:
    """A dossier written: where, how many files (the manifest not counted), the manifest's
    SHA-256 (told to the recipient by another way, it proves the manifest too)."""

    out: Path
    files: int
    manifest_sha256: str


def export_dossier(
    db: Database,
    store: EvidenceStore,
    checklist: ChecklistService,
    clock: Clock,
    reference: str,
    out: Path,
    *,
    actor: str,
) -> DossierResult:
    """Write the review dossier of `reference` to the new folder `out` and audit it."""
    if out.suffix.lower() == ".zip":
        raise IllegalActionError(f"审核档案导出为文件夹，不能导出为 ZIP 文件 {out.name}")
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise IllegalActionError(f"导出目标 {out} 已存在，请指定一个新的文件夹")
    contents = collect(checklist, store, reference, actor, clock())
    manifest = manifest_bytes(contents.files)
    digest = hashlib.sha256(manifest).hexdigest()
    partial = out.with_name(f".{out.name}.partial-{uuid.uuid4().hex[:8]}")
    placed = False
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.mkdir()
        for path, data in {**contents.files, MANIFEST: manifest}.items():
            _write(partial / path, data)
        # Put in place inside the transaction that logs it: a dossier the audit trail shows
        # exists, and one it does not show does not.
        with db.write("记录导出") as session:
            audit.append(
                session,
                at=clock(),
                actor=actor,
                action="case.export",
                case_id=contents.case_id,
                details={
                    "version": contents.version,
                    "out": str(out),
                    "files": len(contents.files),
                    "dossier": True,
                    "manifest_sha256": digest,
                },
            )
            if out.is_dir():
                out.rmdir()  # an empty folder given as the target
            partial.rename(out)
            placed = True
            fsync_dir(out.parent)
    except BaseException as exc:
        shutil.rmtree(out if placed else partial, ignore_errors=True)
        shutil.rmtree(partial, ignore_errors=True)
        if isinstance(exc, OSError):
            raise StorageError(f"导出审核档案到 {out} 失败：{os_error_text(exc)}") from exc
        raise
    return DossierResult(out, len(contents.files), digest)


def _write(target: Path, data: bytes) -> None:
    """A new file, synced, its folder made first ("xb": never over anything)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
