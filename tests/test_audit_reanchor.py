"""C2 (the head file) and L4: a lost audit head is an error until an administrator
re-anchors it, never re-created by the next ordinary action; moving the data folder keeps
its head."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from helpers import TEST_PASSWORD, FixedClock, proven
from raw_sql import RawSql, database_url

from workstation import cli
from workstation.app import open_workstation
from workstation.security.audit_anchor import ANCHOR_FILE, database_key, read_head

pytestmark = pytest.mark.both_engines

ADD_ADMIN = ["users", "add", "admin", "--name", "管理员", "--role", "administrator"]


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(proven(["--data-dir", str(data_dir), *args]))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def add_user(data_dir: Path, capsys: pytest.CaptureFixture[str], login: str, role: str) -> None:
    args = ["--user", "admin", "users", "add", login, "--name", f"{login}某", "--role", role]
    assert run(data_dir, capsys, *args)[0] == 0


def office(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert cli.main(["--data-dir", str(data_dir), *ADD_ADMIN]) == 0
    add_user(data_dir, capsys, "wang", "reviewer")
    assert (data_dir / ANCHOR_FILE).is_file()
    return data_dir / ANCHOR_FILE


def audit_verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    return run(data_dir, capsys, "--user", "admin", "audit", "verify")


def last_entry(data_dir: Path) -> tuple[int, str, str, dict[str, object]]:
    row = RawSql(data_dir).one(
        "SELECT seq, actor, action, CAST(details AS TEXT) AS details FROM audit_log"
        " ORDER BY seq DESC LIMIT 1"
    )
    return row["seq"], row["actor"], row["action"], json.loads(row["details"])


def test_a_deleted_head_is_an_error_and_not_recreated_by_the_next_action(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor = office(data_dir, capsys)
    anchor.unlink()

    add_user(data_dir, capsys, "qian", "division_head")  # an ordinary action still works
    assert not anchor.exists()
    code, out = audit_verify(data_dir, capsys)
    assert code == 1
    assert "没有本数据库的末条哈希，无法确认末尾的记录未被删除" in out
    assert "workstation audit anchor --reason" in out


def test_a_damaged_head_is_not_replaced_by_the_next_action(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor = office(data_dir, capsys)
    anchor.write_text("{", encoding="utf-8")
    add_user(data_dir, capsys, "qian", "division_head")
    assert anchor.read_text(encoding="utf-8") == "{"
    assert audit_verify(data_dir, capsys)[0] == 1


def test_the_app_opens_and_acts_without_its_head_and_logs_why(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    anchor = office(data_dir, capsys)
    anchor.unlink()
    with caplog.at_level(logging.WARNING, logger="workstation.security.audit_anchor"):
        ws = open_workstation(data_dir, clock=clock)
    try:
        assert any(
            "没有本数据库审计记录的末条哈希" in r.getMessage() and "audit anchor" in r.getMessage()
            for r in caplog.records
        )
        assert ws.users_registered()  # reading works
        assert ws.log_in("admin", TEST_PASSWORD).login == "admin"  # so does an action
    finally:
        ws.close()
    assert not anchor.exists()


def test_an_administrator_re_anchors_and_it_is_audited(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor = office(data_dir, capsys)
    anchor.unlink()
    before = last_entry(data_dir)
    reason = "备份恢复后文件丢失，已与纸质记录核对至最后一条"

    # Not an administrator: refused, nothing written.
    code, out = run(data_dir, capsys, "--user", "wang", "audit", "anchor", "--reason", reason)
    assert code == 2
    assert "无权管理用户" in out
    assert not anchor.exists()
    # A reason is required.
    code, out = run(data_dir, capsys, "--user", "admin", "audit", "anchor", "--reason", "  ")
    assert code == 2
    assert "须写明原因" in out
    assert not anchor.exists()

    code, out = run(data_dir, capsys, "--user", "admin", "audit", "anchor", "--reason", reason)
    assert code == 0, out
    seq, actor, action, details = last_entry(data_dir)
    assert (seq, actor, action) == (before[0] + 1, "admin", "audit.reanchor")
    assert details["reason"] == reason
    assert details["anchors"] == {"seq": before[0], "hash": _hash_of(data_dir, before[0])}
    assert details["file_before"] == "无"
    assert details["origin"]["via"] == "cli"  # type: ignore[index]
    assert f"核实至第 {before[0]} 条" in out

    code, out = audit_verify(data_dir, capsys)
    assert code == 0, out
    assert f"末条：第 {seq} 条" in out
    # From now on ordinary actions move the head again.
    add_user(data_dir, capsys, "qian", "division_head")
    recorded = read_head(anchor, database_url(data_dir))
    assert recorded is not None
    assert recorded[0] == seq + 1


def test_re_anchoring_refuses_a_broken_chain(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anchor = office(data_dir, capsys)
    anchor.unlink()
    RawSql(data_dir).rewrite_audit_log("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    code, out = run(data_dir, capsys, "--user", "admin", "audit", "anchor", "--reason", "恢复")
    assert code == 2
    assert "审计记录的哈希链在第 2 条断裂（第 2 条记录的内容已被改动），不能重新记录末条哈希" in out
    assert not anchor.exists()


def test_a_moved_data_folder_still_verifies(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office(data_dir, capsys)
    moved = data_dir.parent / "搬到别处" / "data"
    moved.parent.mkdir()
    data_dir.rename(moved)

    code, out = audit_verify(moved, capsys)
    assert code == 0, out
    add_user(moved, capsys, "qian", "division_head")
    assert audit_verify(moved, capsys)[0] == 0


def test_a_head_recorded_by_an_earlier_version_is_still_read(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Earlier versions keyed the head by the database's full URL: an office upgraded in
    place keeps its head, which moves to the new key with the next action."""
    anchor = office(data_dir, capsys)
    url = database_url(data_dir)
    head = read_head(anchor, url)
    assert head is not None
    old = {"heads": {database_key(url): {"seq": head[0], "hash": head[1]}}}
    anchor.write_text(json.dumps(old), encoding="utf-8")

    assert audit_verify(data_dir, capsys)[0] == 0
    add_user(data_dir, capsys, "qian", "division_head")
    heads = json.loads(anchor.read_text(encoding="utf-8"))["heads"]
    assert database_key(url) not in heads
    assert [entry["seq"] for entry in heads.values()] == [head[0] + 1]
    assert audit_verify(data_dir, capsys)[0] == 0


def _hash_of(data_dir: Path, seq: int) -> str:
    return str(RawSql(data_dir).value("SELECT hash FROM audit_log WHERE seq = :seq", seq=seq))
