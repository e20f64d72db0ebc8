"""C2: checkpoints of the audit trail signed by the office root. An insider who rewrites
the trail and recomputes its hashes (and the head file) cannot re-sign them: the recorded
checkpoints catch the rewrite, and a checkpoint file kept off the PC catches it even when
the recorded ones are deleted too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from audit_tampering import rechain
from helpers import FixedClock, minimal_case, proven
from office_roots import ROOT_PASSPHRASE, office_root, root_passphrase_file
from review_desk import ADMIN, CLERK, Office
from sqlalchemy import select

from workstation.cli import main
from workstation.security import checkpoints
from workstation.security.office_root import WrongRootPassphrase
from workstation.store.models import AuditEntry

pytestmark = pytest.mark.both_engines


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock, make_bundle: Any) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    office_root(office.ws, ADMIN.login)
    office.ws.import_bundle(make_bundle(minimal_case()), actor=CLERK.login)
    yield office
    office.close()


def cli(office: Office, capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main(proven(["--data-dir", office.data_dir, "--user", ADMIN.login, *args]))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def take_checkpoint(office: Office, capsys: pytest.CaptureFixture[str], out: Path) -> None:
    passphrase = root_passphrase_file(office.ws)
    code, said = cli(
        office, capsys, "audit", "checkpoint", "--out", out, "--root-passphrase-file", passphrase
    )
    assert code == 0, said


def rewrite_trail(office: Office, *, drop_checkpoints: bool = False) -> None:
    """Backdate the import entry, optionally drop the recorded checkpoints, recompute every
    hash and write the head file anew: everything the chain check looks at."""

    def backdate(entries: list[AuditEntry]) -> list[AuditEntry]:
        (imported,) = [e for e in entries if e.action == "case.import"]
        imported.at = imported.at - timedelta(days=3)
        if drop_checkpoints:
            return [e for e in entries if e.action != checkpoints.ACTION]
        return entries

    rechain(office, backdate)


def test_a_checkpoint_is_signed_recorded_and_verifies(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "checkpoint.json"
    take_checkpoint(office, capsys, out)
    kept = json.loads(out.read_text("utf-8"))
    with office.ws.db.session() as session:
        recorded = session.scalars(
            select(AuditEntry).where(AuditEntry.action == checkpoints.ACTION)
        ).one()
        signed = session.scalars(select(AuditEntry).where(AuditEntry.seq == int(kept["seq"]))).one()
    assert kept["hash"] == signed.hash
    assert recorded.seq == signed.seq + 1  # it signs what came before it
    code, said = cli(office, capsys, "audit", "verify", "--checkpoint", out)
    assert code == 0, said
    assert "审计检查点所确认的审计记录均未被改写" in said


def test_a_rewritten_trail_is_caught_by_the_recorded_checkpoint(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    take_checkpoint(office, capsys, tmp_path / "checkpoint.json")
    rewrite_trail(office)
    code, said = cli(office, capsys, "audit", "verify")
    assert code == 1
    assert "中的检查点确认的第" in said
    assert "此前的审计记录被改写后重算过哈希" in said


def test_dropping_the_recorded_checkpoints_too_is_caught_by_a_file_kept_elsewhere(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "checkpoint.json"
    take_checkpoint(office, capsys, out)
    rewrite_trail(office, drop_checkpoints=True)
    code, said = cli(office, capsys, "audit", "verify")
    assert code == 0, said  # what this PC alone cannot tell: the threat model says so
    code, said = cli(office, capsys, "audit", "verify", "--checkpoint", out)
    assert code == 1
    assert f"检查点文件 {out.name} 确认的第" in said


def test_an_edited_checkpoint_file_is_refused(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "checkpoint.json"
    take_checkpoint(office, capsys, out)
    kept = json.loads(out.read_text("utf-8"))
    kept["seq"] = str(int(kept["seq"]) - 1)
    out.write_text(json.dumps(kept, ensure_ascii=False), "utf-8")
    code, said = cli(office, capsys, "audit", "verify", "--checkpoint", out)
    assert code == 1
    assert "的签名无效（检查点被改动过）" in said


def test_a_wrong_root_passphrase_signs_nothing_and_is_audited(office: Office) -> None:
    ws = office.ws
    with pytest.raises(WrongRootPassphrase):
        checkpoints.make_checkpoint(
            ws.db, ws.keys, "不是这个口令-2026", actor=ADMIN.login, at=ws.clock()
        )
    with ws.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
    assert checkpoints.ACTION not in actions
    assert actions[-1] == "office_root.wrong_passphrase"
    checkpoints.make_checkpoint(ws.db, ws.keys, ROOT_PASSPHRASE, actor=ADMIN.login, at=ws.clock())
