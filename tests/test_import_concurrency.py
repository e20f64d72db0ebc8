"""M1: a long import blocks nobody. Copying and probing run without the store lock, so a
signing (filing) and other imports go on meanwhile; recovery never touches a live import's
staging folder; one import's probing has a budget, so ten hostile files do not cost ten
per-file time limits."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import probe_targets
import pytest
from helpers import minimal_case, staging_leftovers
from sqlalchemy import select

from workstation.casefile.probe_worker import ProbeRunner
from workstation.errors import CancelledError
from workstation.store import models
from workstation.store.filing import filing
from workstation.store.staging import recover

CEILING_S = 60.0  # generous: a busy machine is slow, not wrong


@pytest.fixture
def pdf_bytes(corpus_dir: Path) -> bytes:
    return (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()


def _bundle(make_bundle: Any, number: str, names: list[str], data: bytes) -> Path:
    documents = [
        {"id": f"d{i}", "path": f"docs/{n}", "kind": "evidence"} for i, n in enumerate(names)
    ]
    return make_bundle(
        minimal_case(number=number, documents=documents), {f"docs/{n}": data for n in names}
    )


def test_an_import_stuck_probing_blocks_neither_filing_nor_another_import(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    ws.importer._runner = ProbeRunner(600, probe=probe_targets.hang_on_hang_files)
    stuck = _bundle(make_bundle, "薛市监罚〔2026〕1号", ["hang.pdf"], pdf_bytes)
    probing, cancel = threading.Event(), threading.Event()
    outcome: list[BaseException] = []

    def progress(_fraction: float, message: str) -> None:
        if "hang.pdf" in message and "识别" in message:
            probing.set()

    def run() -> None:
        try:
            ws.importer.import_bundle(stuck, actor="t", progress=progress, cancel=cancel)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert probing.wait(CEILING_S), "the import never reached its probe"
        [live] = staging_leftovers(ws.paths.data_dir)

        # Another office member files a signed opinion: the store is free.
        with (
            filing(ws.paths.data_dir, ws.store, ws.importer.is_committed, ws.db) as filer,
            ws.db.write("test") as session,
        ):
            sha = filer.file(session, b"signed", media_kind="docx", suffix=".docx", at=ws.clock())
        assert ws.store.path_for(sha).read_bytes() == b"signed"

        # Another import (its own probe child: the shared one is busy) passes the live
        # folder by in its recovery of abandoned ones.
        other = _bundle(make_bundle, "薛市监罚〔2026〕2号", ["fine.pdf"], b"%PDF-1.4 other")
        assert ws.import_bundle(other, actor="t").outcome == "imported"
        assert recover(ws.importer.staging_root, ws.store, ws.importer.is_committed) == 0
        assert live in staging_leftovers(ws.paths.data_dir)
        assert worker.is_alive()
    finally:
        cancel.set()
        worker.join(CEILING_S)
    assert not worker.is_alive()
    assert [type(e) for e in outcome] == [CancelledError]
    assert staging_leftovers(ws.paths.data_dir) == []
    with ws.db.session() as session:
        assert session.scalars(select(models.Case.number)).all() == ["薛市监罚〔2026〕2号"]


def test_the_probing_of_one_import_has_a_budget(
    ws: Any, make_bundle: Any, pdf_bytes: bytes
) -> None:
    # Per-file limit 30 s, budget 2 s, floor 1 s: three hanging files cost ~2 + 1 + 1 s,
    # not 90 s. What is asserted is the limit each file was given, not a time.
    ws.importer.limits = dataclasses.replace(
        ws.importer.limits, probe_timeout_s=30, probe_budget_s=2, probe_floor_s=1
    )
    ws.importer._runner = ProbeRunner(30, probe=probe_targets.hang_on_hang_files)
    names = ["hang1.pdf", "hang2.pdf", "hang3.pdf"]
    documents = [
        {"id": f"d{i}", "path": f"docs/{n}", "kind": "evidence"} for i, n in enumerate(names)
    ]
    files: dict[str, bytes | Path] = {f"docs/{n}": pdf_bytes + n.encode() for n in names}
    result = ws.import_bundle(make_bundle(minimal_case(documents=documents), files), actor="t")
    reasons = [f.message for f in result.findings if f.code == "FILE_DAMAGED"]
    assert len(reasons) == 3
    limits = sorted(int(m.split("超过 ")[1].split(" 秒")[0]) for m in reasons)
    assert limits[0] == 1  # the floor, once the budget was spent
    assert limits[-1] <= 2  # never the per-file 30 s
