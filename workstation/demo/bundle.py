"""Writing one demo case as a bundle folder: the files, then case.json describing them.

The folder is built beside its target and swapped in at the end, so a rerun never leaves
a mix of old and new files, and an interrupted run never leaves half a bundle in place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from typing import Any

from workstation.demo.docx_writer import render_docx
from workstation.demo.media import probe_duration, srt, write_recording
from workstation.demo.model import CaseSpec, DocumentSpec, RecordingSpec, iso
from workstation.demo.pdf import render_pdf
from workstation.errors import StorageError
from workstation.os_errors import os_error_text

log = logging.getLogger(__name__)

FORMAT = "legal-review-case/1"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_document(root: Path, spec: DocumentSpec) -> dict[str, Any]:
    target = root / spec.path
    target.parent.mkdir(parents=True, exist_ok=True)
    entry: dict[str, Any] = {
        "id": spec.id,
        "path": spec.path,
        "kind": spec.kind,
        "title": spec.title,
    }
    if target.suffix == ".pdf":
        data, pages = render_pdf(spec)
        target.write_bytes(data)
        entry["pages"] = pages
    elif target.suffix == ".docx":
        target.write_bytes(render_docx(spec))
    else:
        raise ValueError(f"演示文书只能是 PDF 或 DOCX：{spec.path}")
    entry["sha256"] = _sha256(target)
    return entry


def _write_recording(root: Path, spec: RecordingSpec) -> dict[str, Any]:
    target = root / spec.path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_recording(spec, target)
    entry: dict[str, Any] = {"id": spec.id, "path": spec.path, "device": spec.device}
    if spec.operator:
        entry["operator"] = spec.operator
    entry.update(
        {
            "activity": spec.activity,
            "started_at": iso(spec.started_at),
            # What FFmpeg reports, so the declared and the probed duration agree.
            "duration_s": round(probe_duration(target), 3),
            "archived_at": iso(spec.archived_at),
            "sha256": _sha256(target),
        }
    )
    if spec.clock_offset_ms:
        entry["clock_offset_ms"] = spec.clock_offset_ms
    if spec.transcript:
        transcript = root / spec.transcript
        transcript.write_bytes(srt(spec.cues()))
        entry["transcript"] = spec.transcript
    return entry


def _json_bytes(document: dict[str, Any]) -> bytes:
    # Written as bytes: no platform newline translation, the same file everywhere.
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_bundle(spec: CaseSpec, out_dir: Path) -> Path:
    """Write `spec` as the bundle folder `out_dir/spec.folder`, replacing an earlier one."""
    target = out_dir / spec.folder
    if target.exists() and not (target / "case.json").is_file():
        # Only ever replace what this generator made: a bundle has case.json at its root.
        raise StorageError(f"{target} 已存在且不是案卷包，未覆盖；请换一个存放文件夹")
    building = out_dir / f".{spec.folder}.partial"
    try:
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        documents = [_write_document(building, doc) for doc in spec.documents]
        recordings = [_write_recording(building, rec) for rec in spec.recordings]
        case = {**spec.case, "documents": documents}
        if recordings:
            case["recordings"] = recordings
        (building / "case.json").write_bytes(_json_bytes({"format": FORMAT, "case": case}))
        if spec.exercise is not None:
            (building / "exercise.json").write_bytes(_json_bytes(spec.exercise))
        if target.exists():
            shutil.rmtree(target)
        building.rename(target)
    except OSError as exc:
        raise StorageError(f"无法写入演示案卷包 {target}：{os_error_text(exc)}") from exc
    finally:
        shutil.rmtree(building, ignore_errors=True)
    log.info(
        "demo bundle written: %s (%d documents, %d recordings)",
        target,
        len(documents),
        len(recordings),
    )
    return target
