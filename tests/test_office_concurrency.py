"""Many PCs at once, with real processes (issue #12): eight on one PostgreSQL server, four on
one SQLite file in WAL mode. Each edits shared checklists, imports and issues opinions for
a while; afterwards every acknowledged write is there, nothing crashed, the audit chain and
the evidence verify, and no opinion number was given twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, register_users
from office_setup import Office
from sqlalchemy import select

from workstation.app import open_workstation
from workstation.security import audit, audit_anchor
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.models import AuditEntry, Case
from workstation.store.review_models import Opinion

WORKER = Path(__file__).with_name("office_worker.py")
SHARED_CASES = 4
OWN_CASES = 3
CEILING_S = 300.0  # past the run's own length: a busy machine is slow, not wrong


def _office_pcs(shared_office: Office, tmp_path: Path, count: int) -> list[Path]:
    db = Database(shared_office.url)
    try:
        migrate.upgrade(db, tmp_path / "backups")
    finally:
        db.dispose()
    return [shared_office.pc(tmp_path / f"pc{n}", demo_pack=False) for n in range(count)]


def _prepare(data_dir: Path, tmp_path: Path, workers: int) -> tuple[list[str], list[list[str]]]:
    """Staff, the shared cases and each worker's own cases, all accepted for review."""
    ws = open_workstation(data_dir)
    try:
        register_users(
            ws,
            ("admin", "管理员", "administrator"),
            ("li", "李审核", "reviewer"),
            ("zhao", "赵承办", "clerk"),
        )
        refs = []
        for n in range(SHARED_CASES + workers * OWN_CASES):
            folder = tmp_path / "setup" / str(n)
            folder.mkdir(parents=True)
            (folder / "case.json").write_text(
                json.dumps(minimal_case(number=f"准备〔2026〕{n + 1}号"), ensure_ascii=False),
                encoding="utf-8",
            )
            ref = str(ws.import_bundle(folder, actor="zhao").short_id)
            ws.workflow.act(ref, "accept", "li")
            refs.append(ref)
    finally:
        ws.close()
    shared = refs[:SHARED_CASES]
    own = [
        refs[SHARED_CASES + w * OWN_CASES : SHARED_CASES + (w + 1) * OWN_CASES]
        for w in range(workers)
    ]
    return shared, own


def _run_workers(
    folders: list[Path],
    shared: list[str],
    own: list[list[str]],
    tmp_path: Path,
    seconds: float,
    env: dict[str, str],
) -> list[dict[str, Any]]:
    running = []
    for worker, folder in enumerate(folders):
        plan = {
            "data_dir": str(folder), "duration_s": seconds, "seed": worker, "worker": worker,
            "shared_cases": shared, "own_cases": own[worker], "bundles": str(tmp_path / "bundles"),
            "out": str(tmp_path / f"result{worker}.json"),
        }  # fmt: skip
        plan_file = tmp_path / f"plan{worker}.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        running.append(
            subprocess.Popen(
                [sys.executable, str(WORKER), str(plan_file)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )  # fmt: skip
        )
    results = []
    for worker, process in enumerate(running):
        output, _ = process.communicate(timeout=seconds + CEILING_S)
        assert process.returncode == 0, output
        results.append(json.loads((tmp_path / f"result{worker}.json").read_text(encoding="utf-8")))
    return results


def _check_everything_held(data_dir: Path, results: list[dict[str, Any]], anchor: Path) -> None:
    crashes = [c for r in results for c in r["crashes"]]
    assert crashes == [], crashes[0] if crashes else ""
    assert sum(r["operations"] for r in results) > 10 * len(results)  # they did work
    ws = open_workstation(data_dir)
    try:
        with ws.db.session() as session:
            logged = {
                e.details.get("comment")
                for e in session.scalars(
                    select(AuditEntry).where(AuditEntry.action == "review.comment")
                )
            }
            numbers = session.scalars(select(Case.number)).all()
            issued = [n for n in session.scalars(select(Opinion.number)) if n]
            chain = audit.verify_chain(session, audit_anchor.read_head(anchor, ws.db.url))
        acknowledged = [c for r in results for c in r["comments"]]
        assert acknowledged
        assert set(acknowledged) <= logged
        imported = [n for r in results for n in r["imports"]]
        assert set(imported) <= set(numbers)
        claimed = [n for r in results for n in r["numbers"]]
        assert len(set(issued)) == len(issued), "an opinion number was given twice"
        assert set(claimed) <= set(issued)
        assert chain.intact, chain.problem
        assert ws.verify(None, actor="admin").intact
    finally:
        ws.close()


@pytest.mark.slow
def test_eight_pcs_on_one_postgresql_server(shared_office: Office, tmp_path: Path) -> None:
    folders = _office_pcs(shared_office, tmp_path, 8)
    shared, own = _prepare(folders[0], tmp_path, len(folders))
    env = {
        **os.environ,
        "WORKSTATION_DB": shared_office.url,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    results = _run_workers(folders, shared, own, tmp_path, 60.0, env)
    _check_everything_held(folders[0], results, shared_office.evidence / audit_anchor.ANCHOR_FILE)


@pytest.mark.slow
def test_four_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shared, own = _prepare(data_dir, tmp_path, 4)
    env = {k: v for k, v in os.environ.items() if k != "WORKSTATION_DB"}
    results = _run_workers([data_dir] * 4, shared, own, tmp_path, 30.0, env)
    _check_everything_held(data_dir, results, data_dir / audit_anchor.ANCHOR_FILE)
