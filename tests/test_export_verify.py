"""Export writes a bundle that imports back to the same case; verify catches tampering."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case
from sqlalchemy import select

from workstation.app import open_workstation
from workstation.errors import IllegalActionError
from workstation.store import models


@pytest.fixture
def imported(ws: Any, make_bundle: Any, corpus_dir: Path) -> Path:
    pdf = (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()
    wav = (corpus_dir / "audio_androidx_sample_pcm16.wav").read_bytes()
    case = minimal_case(
        documents=[
            {
                "id": "d1",
                "path": "docs/现场检查笔录.pdf",
                "kind": "inspection_record",
                "sha256": hashlib.sha256(pdf).hexdigest(),
            },
            {"id": "d2", "path": "docs/缺失.pdf", "kind": "evidence"},
        ],
        recordings=[
            {
                "id": "r1",
                "path": "media/A01.wav",
                "device": "执法记录仪 A01",
                "started_at": "2026-03-01T09:59:30+08:00",
                "archived_at": "2026-03-01T18:00:00+08:00",
                "sha256": "0" * 64,
            }
        ],
    )
    bundle = make_bundle(
        case,
        {
            "docs/现场检查笔录.pdf": pdf,
            "media/A01.wav": wav,
            "exercise.json": b'{"format": "legal-review-exercise/1"}',
            "附件/说明.txt": "说明".encode(),
        },
    )
    ws.import_bundle(bundle, actor="tester")
    return bundle


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("target", ["out-folder", "out.case.zip"])
def test_export_round_trip(
    ws: Any, imported: Path, tmp_path: Path, clock: Any, target: str
) -> None:
    out = ws.export("C1", tmp_path / target, actor="tester")
    if out.is_dir():
        assert _tree(out) == _tree(imported)  # byte for byte, refused and extra files too
    # The exported bundle is the same case: identical content → nothing changes.
    assert ws.import_bundle(out, actor="tester").outcome == "unchanged"
    # Into another office's empty store it arrives as the same case with the same findings.
    other = open_workstation(tmp_path / "other-office", clock=clock)
    try:
        result = other.import_bundle(out, actor="tester")
        original = ws.import_findings(ws.resolve("C1"))
        assert (result.number, result.version) == ("薛市监罚〔2026〕12号", 1)
        assert sorted(f.message for f in result.findings) == sorted(f.message for f in original)
        assert other.resolve("C1").content_digest == ws.resolve("C1").content_digest
    finally:
        other.close()


def test_export_refuses_to_overwrite(ws: Any, imported: Path, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("keep me")
    with pytest.raises(IllegalActionError, match="已存在"):
        ws.export("C1", tmp_path / "busy", actor="tester")
    assert (tmp_path / "busy" / "x").read_text() == "keep me"


def test_export_is_audited(ws: Any, imported: Path, tmp_path: Path) -> None:
    ws.export("C1", tmp_path / "out", actor="审核员甲")
    with ws.db.session() as session:
        entry = session.scalars(
            select(models.AuditEntry).order_by(models.AuditEntry.seq.desc())
        ).first()
    assert (entry.actor, entry.action, entry.case_id) == ("审核员甲", "case.export", 1)


def _tamper(ws: Any, name: str) -> str:
    with ws.db.session() as session:
        sha256 = session.scalar(
            select(models.BundleFile.sha256).where(models.BundleFile.path == name)
        )
    path = ws.store.path_for(sha256)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    with open(path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00tampered")
    return sha256


def test_verify_reports_intact_then_catches_tampering(ws: Any, imported: Path) -> None:
    first = ws.verify(None, actor="tester")
    assert first.intact
    assert first.checked == 5
    sha256 = _tamper(ws, "docs/现场检查笔录.pdf")
    report = ws.verify("C1", actor="tester")
    assert [(d.sha256, d.problem) for d in report.damaged] == [(sha256, "altered")]
    assert "C1 薛市监罚〔2026〕12号 第1版 docs/现场检查笔录.pdf" in report.damaged[0].message
    assert "内容已被改动" in report.damaged[0].message


def test_verify_reports_a_missing_file(ws: Any, imported: Path) -> None:
    with ws.db.session() as session:
        sha256 = session.scalar(
            select(models.BundleFile.sha256).where(models.BundleFile.path == "media/A01.wav")
        )
    ws.store.path_for(sha256).unlink()
    report = ws.verify(None, actor="tester")
    assert [(d.sha256, d.problem) for d in report.damaged] == [(sha256, "missing")]
    assert "已丢失" in report.damaged[0].message


def test_export_never_ships_tampered_evidence(ws: Any, imported: Path, tmp_path: Path) -> None:
    _tamper(ws, "media/A01.wav")
    with pytest.raises(IllegalActionError, match="已被改动，导出已中止"):
        ws.export("C1", tmp_path / "out.zip", actor="tester")
    assert not (tmp_path / "out.zip").exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".out.zip")] == []


def test_verify_is_audited(ws: Any, imported: Path) -> None:
    ws.verify("C1", actor="审核员乙")
    with ws.db.session() as session:
        entry = session.scalars(
            select(models.AuditEntry).order_by(models.AuditEntry.seq.desc())
        ).first()
    assert (entry.action, entry.actor, entry.details["scope"]) == (
        "evidence.verify",
        "审核员乙",
        "C1@v1",
    )
