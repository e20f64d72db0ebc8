"""Importing bundles: entries, findings, versions, deduplication, progress and cancel."""

from __future__ import annotations

import hashlib
import shutil
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    assert_store_consistent,
    minimal_case,
    row_counts,
    staging_leftovers,
    store_files,
)
from sqlalchemy import select

from workstation.errors import CancelledError
from workstation.security.audit import verify_chain
from workstation.store import models

pytestmark = pytest.mark.both_engines

SRT = (
    "1\n00:00:00,000 --> 00:00:00,900\n执法人员：我们是薛城区市场监督管理局的执法人员。\n".encode()
)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def pdf_bytes(corpus_dir: Path) -> bytes:
    return (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()


@pytest.fixture
def wav_bytes(corpus_dir: Path) -> bytes:
    return (corpus_dir / "audio_androidx_sample_pcm16.wav").read_bytes()


def full_case(pdf: bytes, wav: bytes, **overrides: Any) -> dict[str, Any]:
    case = minimal_case(
        documents=[
            {
                "id": "d1",
                "path": "docs/现场检查笔录.pdf",
                "kind": "inspection_record",
                "title": "现场检查笔录",
                "sha256": sha(pdf),
                "pages": 1,
            },
        ],
        recordings=[
            {
                "id": "r1",
                "path": "media/执法记录仪A01.wav",
                "device": "执法记录仪 A01",
                "operator": "37040001",
                "activity": "inspection",
                "started_at": "2026-03-01T09:59:30+08:00",
                "duration_s": 1.0,
                "archived_at": "2026-03-01T18:00:00+08:00",
                "sha256": sha(wav),
                "transcript": "media/执法记录仪A01.srt",
            },
        ],
    )
    case["case"].update(overrides)
    return case


def version_of(ws: Any, result: Any) -> models.CaseVersion:
    return ws.resolve(f"{result.short_id}@v{result.version}")


def files_of(ws: Any, version_id: int) -> dict[str, str]:
    with ws.db.session() as session:
        rows = session.scalars(
            select(models.BundleFile).where(models.BundleFile.version_id == version_id)
        )
        return {row.path: row.role for row in rows}


def test_clean_bundle_imports_everything(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, wav_bytes: bytes
) -> None:
    bundle = make_bundle(
        full_case(pdf_bytes, wav_bytes),
        {
            "docs/现场检查笔录.pdf": pdf_bytes,
            "media/执法记录仪A01.wav": wav_bytes,
            "media/执法记录仪A01.srt": SRT,
        },
    )
    result = ws.import_bundle(bundle, actor="审核员甲")
    assert (result.outcome, result.short_id, result.version) == ("imported", "C1", 1)
    assert result.findings == []
    with ws.db.session() as session:
        version = session.get_one(models.CaseVersion, version_of(ws, result).id)
        assert version.title == "销售过期食品案"
        assert [p.name for p in version.parties] == ["枣庄市某某超市有限公司"]
        assert [o.certificate_no for o in version.officers] == ["37040001", "37040002"]
        assert version.events[0].officers == ["37040001", "37040002"]
        doc = version.documents[0]
        assert (doc.status, doc.evidence.media_kind, doc.evidence.details["pages"]) == (
            "stored",
            "pdf",
            1,
        )
        rec = version.recordings[0]
        assert rec.evidence.media_kind == "audio"
        assert rec.transcript.evidence.details["cues"] == 1
        assert rec.started_at.utcoffset().total_seconds() == 0  # stored as UTC
    assert files_of(ws, version.id) == {
        "case.json": "manifest",
        "docs/现场检查笔录.pdf": "document",
        "media/执法记录仪A01.wav": "recording",
        "media/执法记录仪A01.srt": "transcript",
    }
    assert_store_consistent(ws)


def test_stored_evidence_is_read_only_and_named_by_hash(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    bundle = make_bundle(files={"docs/a.pdf": pdf_bytes})
    ws.import_bundle(bundle, actor="tester")
    stored = ws.store.path_for(sha(pdf_bytes))
    assert stored.read_bytes() == pdf_bytes
    assert stored.stat().st_mode & 0o222 == 0


def test_missing_and_mismatched_files_refuse_only_their_entry(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, wav_bytes: bytes
) -> None:
    case = full_case(pdf_bytes, wav_bytes)
    case["case"]["documents"].append(
        {"id": "d2", "path": "docs/询问笔录.pdf", "kind": "interview_record", "title": "询问笔录"}
    )
    case["case"]["recordings"][0]["sha256"] = "0" * 64
    bundle = make_bundle(
        case,
        {
            "docs/现场检查笔录.pdf": pdf_bytes,
            "media/执法记录仪A01.wav": wav_bytes,
            "media/执法记录仪A01.srt": SRT,
        },
    )
    result = ws.import_bundle(bundle, actor="tester")
    by_code = {f.code: f for f in result.findings}
    assert set(by_code) == {"FILE_MISSING", "HASH_MISMATCH"}
    missing = by_code["FILE_MISSING"]
    assert missing.severity == "error"
    assert missing.message == (
        "case.documents[1]（d2 询问笔录）引用的文件 docs/询问笔录.pdf 不在案卷包中，该项未导入"
    )
    mismatch = by_code["HASH_MISMATCH"]
    assert "media/执法记录仪A01.wav" in mismatch.message
    assert sha(wav_bytes) in mismatch.message
    with ws.db.session() as session:
        version = session.get_one(models.CaseVersion, version_of(ws, result).id)
        assert [d.status for d in version.documents] == ["stored", "missing"]
        assert version.recordings[0].status == "hash_mismatch"
        assert version.recordings[0].evidence_sha256 is None
    # The refused bytes are still kept, apart, so nothing that arrived is lost.
    assert files_of(ws, version.id)["media/执法记录仪A01.wav"] == "refused"
    assert ws.store.path_for(sha(wav_bytes)).read_bytes() == wav_bytes


def test_unreferenced_files_are_kept_and_listed(ws: Any, make_bundle: Any) -> None:
    bundle = make_bundle(files={"docs/补充说明.txt": "补充说明".encode()})
    result = ws.import_bundle(bundle, actor="tester")
    assert [(f.code, f.severity, f.path) for f in result.findings] == [
        ("UNREFERENCED", "info", "docs/补充说明.txt")
    ]


def test_exercise_answer_key_is_stored_apart(ws: Any, make_bundle: Any) -> None:
    key = b'{"format": "legal-review-exercise/1", "expected_outcome": "return"}'
    result = ws.import_bundle(make_bundle(files={"exercise.json": key}), actor="tester")
    assert result.findings == []
    with ws.db.session() as session:
        version = session.get_one(models.CaseVersion, version_of(ws, result).id)
        assert version.exercise_sha256 == sha(key)
        assert version.documents == []
    assert files_of(ws, version.id)["exercise.json"] == "exercise"


def test_declared_pages_and_duration_are_checked(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, wav_bytes: bytes
) -> None:
    case = full_case(pdf_bytes, wav_bytes)
    case["case"]["documents"][0]["pages"] = 3
    case["case"]["recordings"][0]["duration_s"] = 600
    bundle = make_bundle(
        case,
        {
            "docs/现场检查笔录.pdf": pdf_bytes,
            "media/执法记录仪A01.wav": wav_bytes,
            "media/执法记录仪A01.srt": SRT,
        },
    )
    codes = {f.code: f.message for f in ws.import_bundle(bundle, actor="t").findings}
    assert codes["PAGES_MISMATCH"].endswith("申报 3 页，文件 docs/现场检查笔录.pdf 实为 1 页")
    assert "申报时长 600 秒" in codes["DURATION_MISMATCH"]


def test_letter_case_differences_in_paths_are_forgiven_with_a_warning(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    case = minimal_case(documents=[{"id": "d1", "path": "Docs/A.PDF", "kind": "evidence"}])
    result = ws.import_bundle(make_bundle(case, {"docs/a.pdf": pdf_bytes}), actor="t")
    assert [f.code for f in result.findings] == ["PATH_CASE"]
    assert ws.resolve("C1").documents[0].status == "stored"


def test_reimport_of_identical_content_changes_nothing(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, tmp_path: Path
) -> None:
    bundle = make_bundle(files={"docs/a.pdf": pdf_bytes})
    first = ws.import_bundle(bundle, actor="tester")
    before = row_counts(ws)
    stored_before = store_files(ws.paths.data_dir)
    again = ws.import_bundle(bundle, actor="tester")
    as_zip = Path(shutil.make_archive(str(tmp_path / "same"), "zip", bundle))
    zipped = ws.import_bundle(as_zip, actor="tester")
    assert (again.outcome, again.version) == ("unchanged", 1)
    assert (zipped.outcome, zipped.case_id) == ("unchanged", first.case_id)
    after = row_counts(ws)
    changed = {t for t in after if after[t] != before[t]}
    assert changed == {"imports", "audit_log"}  # the attempts are recorded, nothing else
    assert store_files(ws.paths.data_dir) == stored_before
    assert staging_leftovers(ws.paths.data_dir) == []


def test_changed_bundle_adds_a_version_and_keeps_the_old(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    files = {"docs/a.pdf": pdf_bytes}
    ws.import_bundle(make_bundle(files=files), actor="tester")
    changed = minimal_case(title="销售过期食品案（补正）")
    second = ws.import_bundle(make_bundle(changed, files), actor="tester")
    assert (second.outcome, second.case_id, second.version) == ("imported", 1, 2)
    assert ws.resolve("C1").title == "销售过期食品案（补正）"
    assert ws.resolve("C1@v1").title == "销售过期食品案"
    [summary] = ws.list_cases("t")
    assert summary.versions == 2
    # The PDF is stored once although two versions list it.
    assert len([h for h in store_files(ws.paths.data_dir) if h == sha(pdf_bytes)]) == 1
    assert row_counts(ws)["evidence_files"] == 3  # two case.json versions + the PDF


def test_same_number_at_another_agency_is_another_case(ws: Any, make_bundle: Any) -> None:
    ws.import_bundle(make_bundle(), actor="tester")
    other = minimal_case(agency={"name": "枣庄市市中区市场监督管理局"})
    result = ws.import_bundle(make_bundle(other), actor="tester")
    assert (result.case_id, result.version) == (2, 1)


def test_progress_is_reported_from_zero_to_one(ws: Any, make_bundle: Any, pdf_bytes: bytes) -> None:
    seen: list[tuple[float, str]] = []
    ws.import_bundle(
        make_bundle(files={"docs/a.pdf": pdf_bytes}),
        actor="t",
        progress=lambda f, m: seen.append((f, m)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0
    assert fractions[-1] == 1.0
    assert any("docs/a.pdf" in m for _, m in seen)


@pytest.mark.parametrize("stop_at", ["正在复制", "正在识别"])
def test_cancel_leaves_nothing_behind(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, stop_at: str
) -> None:
    cancel = threading.Event()

    def progress(_fraction: float, message: str) -> None:
        if message.startswith(stop_at):
            cancel.set()

    bundle = make_bundle(files={"docs/a.pdf": pdf_bytes, "docs/b.pdf": pdf_bytes + b"\n"})
    with pytest.raises(CancelledError):
        ws.import_bundle(bundle, actor="t", progress=progress, cancel=cancel)
    counts = row_counts(ws)
    assert counts["cases"] == counts["evidence_files"] == 0
    assert store_files(ws.paths.data_dir) == set()
    assert staging_leftovers(ws.paths.data_dir) == []
    assert ws.import_bundle(bundle, actor="t").outcome == "imported"


def test_every_import_is_in_the_audit_chain(ws: Any, make_bundle: Any, tmp_path: Path) -> None:
    bundle = make_bundle()
    ws.import_bundle(bundle, actor="审核员甲")
    ws.import_bundle(bundle, actor="审核员乙")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nonsense")
    with pytest.raises(Exception, match="ZIP"):
        ws.import_bundle(bad, actor="审核员丙")
    with ws.db.session() as session:
        entries = session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq)).all()
        assert [(e.actor, e.action) for e in entries] == [
            ("审核员甲", "case.import"),
            ("审核员乙", "case.import_unchanged"),
            ("审核员丙", "case.import_refused"),
        ]
        assert entries[0].case_id == 1
        assert verify_chain(session).intact


def test_zip_and_folder_import_the_same(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, tmp_path: Path
) -> None:
    case = minimal_case(documents=[{"id": "d1", "path": "docs/a.pdf", "kind": "evidence"}])
    bundle = make_bundle(case, {"docs/a.pdf": pdf_bytes})
    archive = tmp_path / "case.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(bundle).as_posix())
    result = ws.import_bundle(archive, actor="t")
    assert (result.outcome, result.findings) == ("imported", [])
    assert set(files_of(ws, ws.resolve("C1").id)) == {"case.json", "docs/a.pdf"}


def test_answer_key_cannot_be_listed_as_a_document(ws: Any, make_bundle: Any) -> None:
    case = minimal_case(
        documents=[
            {"id": "d1", "path": "exercise.json", "kind": "evidence"},
            {"id": "d2", "path": "Case.JSON", "kind": "evidence"},
        ]
    )
    key = b'{"format": "legal-review-exercise/1"}'
    result = ws.import_bundle(make_bundle(case, {"exercise.json": key}), actor="t")
    assert [(f.code, f.severity) for f in result.findings] == [
        ("RESERVED_PATH", "error"),
        ("RESERVED_PATH", "error"),
    ]
    version = ws.resolve("C1")
    assert [(d.status, d.evidence_sha256) for d in version.documents] == [
        ("refused", None),
        ("refused", None),
    ]
    assert files_of(ws, version.id)["exercise.json"] == "exercise"


def test_content_of_an_older_version_sent_again_becomes_the_newest(
    ws: Any, make_bundle: Any
) -> None:
    first = make_bundle()
    ws.import_bundle(first, actor="t")
    ws.import_bundle(make_bundle(minimal_case(title="补正后")), actor="t")
    again = ws.import_bundle(first, actor="t")
    assert (again.outcome, again.version) == ("imported", 3)
    assert ws.resolve("C1").title == "销售过期食品案"


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_reimport_restores_a_lost_or_cut_evidence_file(
    ws: Any, make_bundle: Any, pdf_bytes: bytes, damage: str
) -> None:
    case = minimal_case(documents=[{"id": "d1", "path": "docs/a.pdf", "kind": "evidence"}])
    bundle = make_bundle(case, {"docs/a.pdf": pdf_bytes})
    ws.import_bundle(bundle, actor="t")
    stored = ws.store.path_for(sha(pdf_bytes))
    if damage == "delete":
        stored.unlink()
    else:
        stored.chmod(0o644)
        stored.write_bytes(pdf_bytes[:100])
    assert not ws.verify(None, actor="t").intact
    result = ws.import_bundle(bundle, actor="t")
    assert result.outcome == "unchanged"
    assert [(f.code, f.path) for f in result.findings] == [("EVIDENCE_RESTORED", "docs/a.pdf")]
    assert stored.read_bytes() == pdf_bytes
    assert ws.verify(None, actor="t").intact
    with ws.db.session() as session:
        entry = session.scalars(
            select(models.AuditEntry).where(models.AuditEntry.action == "case.import_unchanged")
        ).one()
    assert entry.details["restored"] == ["docs/a.pdf"]


def test_a_failed_probe_is_retried_by_a_later_import(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    import probe_targets

    from workstation.casefile.probe_worker import ProbeRunner

    case = minimal_case(documents=[{"id": "d1", "path": "docs/hang.pdf", "kind": "evidence"}])
    ws.importer._runner = ProbeRunner(1, probe=probe_targets.hang_on_hang_files)
    first = ws.import_bundle(make_bundle(case, {"docs/hang.pdf": pdf_bytes}), actor="t")
    assert [f.code for f in first.findings] == ["FILE_DAMAGED"]
    ws.importer.close()  # the next import uses the ordinary probe again
    other = minimal_case(
        number="薛市监罚〔2026〕99号",
        documents=[{"id": "d1", "path": "docs/fine.pdf", "kind": "evidence"}],
    )
    second = ws.import_bundle(make_bundle(other, {"docs/fine.pdf": pdf_bytes}), actor="t")
    assert second.findings == []
    assert ws.resolve("C1").documents[0].evidence.condition == "ok"  # same bytes, re-probed
