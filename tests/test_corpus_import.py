"""Every real-world file of the shared corpus, wrapped in one bundle, imports with the marking
its MANIFEST.tsv `expected` column implies; nothing crashes or hangs, every byte is kept."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from helpers import minimal_case, shared_dir

from workstation.store import models

CORPUS = shared_dir() / "corpus"


def _manifest_rows() -> list[dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ROWS = _manifest_rows() if CORPUS.is_dir() else []


def _entry_id(index: int) -> str:
    return f"c{index:02d}"


@pytest.fixture(scope="module")
def corpus_import(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Import one bundle holding every corpus file: documents and recordings."""
    from workstation.app import open_workstation

    root = tmp_path_factory.mktemp("corpus-bundle")
    documents, recordings = [], []
    for index, row in enumerate(ROWS):
        path = f"files/{row['file']}"
        (root / "files").mkdir(exist_ok=True)
        (root / path).write_bytes((CORPUS / row["file"]).read_bytes())
        if row["kind"] in ("audio", "video"):
            recordings.append(
                {
                    "id": _entry_id(index),
                    "path": path,
                    "device": row["file"],
                    "started_at": "2026-03-01T10:00:00+08:00",
                    "archived_at": "2026-03-01T12:00:00+08:00",
                    "sha256": row["sha256"],
                }
            )
        else:
            documents.append(
                {
                    "id": _entry_id(index),
                    "path": path,
                    "kind": "evidence",
                    "title": row["file"],
                    "sha256": row["sha256"],
                }
            )
    case = minimal_case(documents=documents, recordings=recordings, events=[])
    import json

    (root / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    ws = open_workstation(tmp_path_factory.mktemp("data"))
    result = ws.import_bundle(root, actor="tester")
    with ws.db.session() as session:
        version = session.get_one(
            models.CaseVersion,
            result.import_id
            and session.scalar(
                models.ImportRecord.__table__.select()
                .with_only_columns(models.ImportRecord.case_version_id)
                .where(models.ImportRecord.id == result.import_id)
            ),
        )
        by_path = {}
        for item in [*version.documents, *version.recordings]:
            by_path[item.path] = (item.status, item.evidence)
    yield {"ws": ws, "result": result, "entries": by_path}
    ws.close()


def test_whole_corpus_imports_as_one_case(corpus_import: dict[str, Any]) -> None:
    result = corpus_import["result"]
    assert result.outcome == "imported"
    assert len(corpus_import["entries"]) == len(ROWS) > 30


def _expected_conditions(expected: str) -> set[str]:
    if expected == "opens":
        return {"ok"}
    if expected.startswith("opens-with-password:"):
        return {"password"}
    if expected == "repairable":
        return {"repaired"}
    assert expected == "must-reject", expected
    return {"damaged", "unsupported"}


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_file_marking(corpus_import: dict[str, Any], row: dict[str, str]) -> None:
    ws = corpus_import["ws"]
    status, evidence = corpus_import["entries"][f"files/{row['file']}"]
    assert status == "stored"
    assert evidence.sha256 == row["sha256"]
    assert evidence.size == int(row["bytes"])
    assert evidence.condition in _expected_conditions(row["expected"]), evidence.reason
    if evidence.condition != "ok":
        assert evidence.reason
        assert re.search(r"[\u4e00-\u9fff]", evidence.reason)
    stored = ws.store.path_for(evidence.sha256)
    assert stored.read_bytes() == (CORPUS / row["file"]).read_bytes()


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["expected"] == "opens" and "pages" in r["checked"]],
    ids=lambda r: r["file"],
)
def test_pdf_page_counts_match_manifest(corpus_import: dict[str, Any], row: dict[str, str]) -> None:
    _, evidence = corpus_import["entries"][f"files/{row['file']}"]
    pages = int(re.search(r"opens: (\d+) pages", row["checked"]).group(1))
    assert evidence.details["pages"] == pages


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["kind"] in ("audio", "video") and r["expected"] == "opens"],
    ids=lambda r: r["file"],
)
def test_media_duration_and_kind(corpus_import: dict[str, Any], row: dict[str, str]) -> None:
    _, evidence = corpus_import["entries"][f"files/{row['file']}"]
    assert evidence.media_kind == row["kind"]
    match = re.search(r"duration=([\d.]+)s", row["checked"])
    if match:
        assert evidence.details["duration_s"] == pytest.approx(float(match.group(1)), abs=0.1)
    else:  # container without a duration: measured from the packets
        assert evidence.details["duration_s"] > 0


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["kind"] == "pdf" and r["expected"].startswith("opens-with-password:")],
    ids=lambda r: r["file"],
)
def test_password_pdfs_open_with_their_password(
    corpus_import: dict[str, Any], row: dict[str, str]
) -> None:
    _, evidence = corpus_import["entries"][f"files/{row['file']}"]
    password = row["expected"].split(":", 1)[1]
    with pymupdf.open(corpus_import["ws"].store.path_for(evidence.sha256)) as doc:
        assert doc.needs_pass
        assert doc.authenticate(password)
        assert doc.page_count >= 1


def test_rotated_video_reports_rotation(corpus_import: dict[str, Any]) -> None:
    _, evidence = corpus_import["entries"]["files/video_androidx_rotated_270.mp4"]
    video = next(s for s in evidence.details["streams"] if s["type"] == "video")
    assert abs(video["rotation"]) in (90, 270)


def test_garbage_prefixed_mp3_records_where_audio_starts(corpus_import: dict[str, Any]) -> None:
    _, evidence = corpus_import["entries"]["files/audio_androidx_200kB-garbage-prefix.mp3"]
    assert evidence.details["skip_initial_bytes"] == 200_000


def test_damaged_files_are_import_findings(corpus_import: dict[str, Any]) -> None:
    findings = corpus_import["result"].findings
    damaged = {f.path for f in findings if f.code in ("FILE_DAMAGED", "FILE_UNSUPPORTED")}
    must_reject = {f"files/{r['file']}" for r in ROWS if r["expected"] == "must-reject"}
    assert damaged == must_reject


def test_corpus_files_are_untouched(corpus_dir: Path) -> None:
    """The shared corpus is read in place, never written."""
    for row in ROWS:
        import hashlib

        assert hashlib.sha256((corpus_dir / row["file"]).read_bytes()).hexdigest() == row["sha256"]
