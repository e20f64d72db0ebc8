"""`workstation office migrate`: a single PC's office, signed opinion and all, moves onto the
office's server and shared folder; afterwards everything verifies from another PC."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from checklist_steps import finish_checklist
from helpers import Cli, row_counts
from office_setup import Office
from opinion_office import ADMIN, HEAD, PASSPHRASE, REVIEWER, accepted_food_case

from workstation.app import open_workstation
from workstation.cli import main
from workstation.security.audit_anchor import ANCHOR_FILE


@pytest.fixture
def signed_single_pc(ws: Any, demo_root: Path) -> str:
    """The demo food case reviewed, issued and signed on a single PC: its ref."""
    ref = accepted_food_case(ws, demo_root)
    ws.review.set_outcome(ref, "approve", "", REVIEWER)
    finish_checklist(ws, ref, REVIEWER)
    assert ws.workflow.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"
    ws.opinions.sign(ref, HEAD, PASSPHRASE)
    return ref


def test_migrate_moves_rows_evidence_chain_and_signatures(
    ws: Any,
    signed_single_pc: str,
    shared_office: Office,
    cli: Cli,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = row_counts(ws)
    stored = sorted(ws.store.all_hashes())
    ws.close()

    ran = cli(
        ADMIN, "office", "migrate", "--to", shared_office.url, "--evidence", shared_office.evidence
    )
    assert ran.code == 0, ran.err
    assert "审计记录" in ran.out
    assert "链完整" in ran.out
    assert f'database_url = "{shared_office.public_url}"' in ran.out
    assert (shared_office.evidence / ANCHOR_FILE).is_file()

    pc = shared_office.pc(tmp_path / "another-pc")
    office_ws = open_workstation(pc)
    try:
        assert office_ws.db.engine_name == "postgresql"
        # Every row came over; the office adds its id (which the shared folder's marker names).
        assert row_counts(office_ws) == {**before, "office_values": 1}
        assert sorted(office_ws.store.all_hashes()) == stored
        assert office_ws.verify(None, actor=ADMIN).intact
        # The signed opinion, stored on the single PC, exported and verified on the office.
        exported = office_ws.opinions.export(signed_single_pc, REVIEWER, tmp_path / "意见书.docx")
        verified = office_ws.opinions.verify_file(exported)
        assert (verified.valid, verified.problem) == (True, None)
    finally:
        office_ws.close()

    def on_the_office(*args: str | Path) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(pc), "--user", ADMIN, *map(str, args)])
        return code, capsys.readouterr().out

    code, out = on_the_office("audit", "verify")
    assert code == 0, out
    code, out = on_the_office("verify")
    assert code == 0, out
    code, out = on_the_office("opinion", "verify", tmp_path / "意见书.docx")
    assert code == 0, out
    assert out.startswith("签名有效")

    # An office that already holds data is never merged into.
    ran = cli(
        ADMIN, "office", "migrate", "--to", shared_office.url, "--evidence", shared_office.evidence
    )
    assert ran.code == 2
    assert "已有用户，未迁移：只能迁入一个空的办公室数据库" in ran.err


def test_only_an_administrator_migrates(
    ws: Any, signed_single_pc: str, shared_office: Office, cli: Cli
) -> None:
    ws.close()
    ran = cli(
        REVIEWER,
        "office",
        "migrate",
        "--to",
        shared_office.url,
        "--evidence",
        shared_office.evidence,
    )
    assert ran.code == 2
    assert "管理用户" in ran.err
    assert not shared_office.evidence.exists()
