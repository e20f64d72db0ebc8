"""The data folder (password hashes, ID numbers, evidence, logs) is this account's alone:
folders 0700, files 0600 (evidence 0400), whatever the umask; an existing folder open to
others is tightened at opening. What the user exports elsewhere keeps the usual modes."""

from __future__ import annotations

import faulthandler
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, minimal_case

from workstation import logsetup
from workstation.app import open_workstation
from workstation.documents import docx_pdf
from workstation.paths import resolve_paths
from workstation.session_marker import begin_session
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.filing import filing

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")

SRT = "1\n00:00:00,000 --> 00:00:00,900\n执法人员：我们是执法人员。\n".encode()


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common 022: without the explicit modes everything would be world-readable (under a
    umask of 077 this test could not fail)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def workstation_logging() -> Iterator[None]:
    """configure_logging's handler and faulthandler's file are taken down after the test."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_workstation", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    if logsetup._fault_file:
        faulthandler.enable(sys.__stderr__, all_threads=True)
        for handle in logsetup._fault_file:
            handle.close()
        logsetup._fault_file.clear()


def open_to_others(folder: Path) -> list[str]:
    """Every file or folder under `folder` (itself included) that group or others may use."""
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(folder.parent)} {mode:04o}")
    return found


def a_full_bundle(make_bundle: Any, corpus_dir: Path) -> Path:
    import hashlib

    pdf = (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()
    wav = (corpus_dir / "audio_androidx_sample_pcm16.wav").read_bytes()
    case = minimal_case(
        documents=[
            {
                "id": "d1",
                "path": "docs/现场检查笔录.pdf",
                "kind": "inspection_record",
                "title": "现场检查笔录",
                "sha256": hashlib.sha256(pdf).hexdigest(),
                "pages": 1,
            }
        ],
        recordings=[
            {
                "id": "r1",
                "path": "media/A01.wav",
                "device": "执法记录仪 A01",
                "operator": "37040001",
                "activity": "inspection",
                "started_at": "2026-03-01T09:59:30+08:00",
                "duration_s": 1.0,
                "archived_at": "2026-03-01T18:00:00+08:00",
                "sha256": hashlib.sha256(wav).hexdigest(),
                "transcript": "media/A01.srt",
            }
        ],
    )
    return make_bundle(
        case, {"docs/现场检查笔录.pdf": pdf, "media/A01.wav": wav, "media/A01.srt": SRT}
    )


@pytest.mark.usefixtures("workstation_logging")
def test_everything_a_workstation_writes_in_its_data_folder_is_private(
    tmp_path: Path, clock: FixedClock, make_bundle: Any, corpus_dir: Path
) -> None:
    data = tmp_path / "office" / "data"  # its parent is created too
    paths = resolve_paths(data)
    assert logsetup.configure_logging(paths.log_file) is not None
    assert logsetup.enable_fault_log(paths.log_dir) is not None
    ws = open_workstation(data, clock=clock)
    try:
        result = ws.import_bundle(a_full_bundle(make_bundle, corpus_dir), actor="tester")
        assert result.outcome == "imported"
        with (
            filing(data, ws.store, lambda _sha: False, ws.db) as filer,
            ws.db.write("归档") as session,
        ):
            filer.file(session, b"%PDF-1.7 opinion", media_kind="pdf", suffix=".pdf", at=clock())
        marker, _ = begin_session(data, ws.db, "tester", clock)
        assert marker is not None
        logging.getLogger("test").warning("当事人身份证号码 370403…")
        exported = ws.export("C1", tmp_path / "Documents" / "C1.zip", actor="tester")

        written = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
        for expected in (
            "workstation.sqlite",
            "workstation.sqlite-wal",
            "workstation.sqlite-shm",
            "audit-head.json",
            "import.lock",
            "logs/workstation.log",
            "logs/faults.log",
        ):
            assert expected in written
        assert len(list((data / "evidence").glob("??/??/*"))) == 5  # 4 imported, 1 filed
        assert list((data / "sessions").glob("*.json"))
        assert open_to_others(tmp_path / "office") == []
        # The user's own export keeps the modes the umask gives.
        assert stat.S_IMODE(exported.stat().st_mode) == 0o644
        marker.close()
    finally:
        ws.close()
    assert open_to_others(tmp_path / "office") == []


@pytest.mark.usefixtures("workstation_logging")
def test_an_existing_folder_open_to_others_is_tightened_at_opening(
    tmp_path: Path, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    older = Database(f"sqlite:///{data / 'workstation.sqlite'}")
    migrate.upgrade(older, tmp_path / "elsewhere", target="0003")
    older.dispose()
    database = data / "workstation.sqlite"
    os.chmod(database, 0o644)  # as an older version left it
    (data / "logs").mkdir(mode=0o755)
    os.chmod(data / "logs", 0o755)
    with caplog.at_level(logging.INFO):
        logsetup.configure_logging(resolve_paths(data).log_file)
        ws = open_workstation(data, clock=clock)
    try:
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "logs").stat().st_mode) == 0o700
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
        (backup,) = (data / "backups").iterdir()  # the upgrade's copy of the database
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert stat.S_IMODE((data / "backups").stat().st_mode) == 0o700
        assert any(
            "data folder" in r.getMessage() and "now 0700" in r.getMessage() for r in caplog.records
        )
    finally:
        ws.close()


def test_a_private_folder_is_left_as_it_is(
    tmp_path: Path, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    with caplog.at_level(logging.INFO):
        open_workstation(data, clock=clock).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert not [r for r in caplog.records if "open to other accounts" in r.getMessage()]


@pytest.mark.usefixtures("workstation_logging")
def test_log_files_started_by_rotation_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logsetup, "MAX_BYTES", 300)
    log_file = logsetup.configure_logging(tmp_path / "logs" / "workstation.log")
    assert log_file is not None
    for n in range(20):
        logging.getLogger("test").warning("一行日志 %d", n)
    rotated = sorted((tmp_path / "logs").iterdir())
    assert len(rotated) > 2
    assert open_to_others(tmp_path / "logs") == []


def test_a_converted_document_in_the_cache_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = tmp_path / "笔录.docx"
    docx.write_bytes(b"PK not really")

    def convert(_docx: Path, out: Path, **_: Any) -> Path:
        out.parent.mkdir(parents=True, exist_ok=True)  # as LibreOffice's copy does: umask
        out.write_bytes(b"%PDF-1.7")
        return out

    monkeypatch.setattr(docx_pdf.office, "docx_to_pdf", convert)
    cache = tmp_path / "data" / "cache"
    pdf = docx_pdf.converted_pdf(docx, cache)
    assert pdf.read_bytes() == b"%PDF-1.7"
    assert open_to_others(cache) == []


def test_stored_evidence_is_read_only_for_its_owner_alone(ws: Any, make_bundle: Any) -> None:
    ws.import_bundle(make_bundle(files={"docs/a.pdf": b"%PDF-1.7 a"}), actor="tester")
    (stored,) = (
        p
        for p in (ws.paths.data_dir / "evidence").glob("??/??/*")
        if p.read_bytes() == b"%PDF-1.7 a"
    )
    assert stat.S_IMODE(stored.stat().st_mode) == 0o400
