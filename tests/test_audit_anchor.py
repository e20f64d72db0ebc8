"""The audit log's newest entry kept outside the database: removing the tail shows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from raw_sql import RawSql, database_url

from workstation import cli
from workstation.security import audit
from workstation.security.audit_anchor import ANCHOR_FILE, read_head, write_head

pytestmark = pytest.mark.both_engines

AT = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)


def log_entries(ws: Any, count: int) -> None:
    for number in range(count):
        with ws.db.write("测试") as session:
            audit.append(session, at=AT, actor="t", action="test.entry", details={"n": number})


def chain(ws: Any) -> audit.ChainReport:
    head = read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url)
    with ws.db.session() as session:
        return audit.verify_chain(session, head)


def delete_from(ws: Any, seq: int) -> None:
    """The newest entries deleted by someone with the database, not through the services."""
    RawSql(ws.paths.data_dir).rewrite_audit_log("DELETE FROM audit_log WHERE seq >= :seq", seq=seq)


def test_every_commit_moves_the_head_to_its_newest_entry(ws: Any) -> None:
    log_entries(ws, 3)
    with ws.db.session() as session:
        last = audit.last_entry(session)
    assert last is not None
    assert read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url) == (last.seq, last.hash)
    assert chain(ws).intact


def test_removing_the_newest_entries_is_caught(ws: Any) -> None:
    log_entries(ws, 5)
    delete_from(ws, 4)
    report = chain(ws)
    assert report.first_broken_seq == 4
    assert report.problem == "第 4–5 条记录缺失（审计记录末尾被删除）"


def test_a_replaced_newest_entry_is_caught(ws: Any) -> None:
    log_entries(ws, 3)
    recorded = read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url)
    delete_from(ws, 3)
    log_entries(ws, 1)  # a different third entry, validly chained: only the head tells
    with ws.db.session() as session:
        third = audit.last_entry(session)
    assert third is not None
    assert third.seq == 3
    assert recorded is not None
    assert third.hash != recorded[1]
    # The head keeps the first third entry: a head never moves back or sideways.
    assert read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url) == recorded
    report = chain(ws)
    assert (report.first_broken_seq, report.problem) == (3, "第 3 条记录与保存在库外的末条哈希不符")


def test_a_head_that_lags_behind_is_harmless(ws: Any) -> None:
    log_entries(ws, 2)
    lagging = read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url)
    log_entries(ws, 2)
    assert lagging is not None
    path = ws.paths.data_dir / ANCHOR_FILE
    # As if the process died between its commit and the head's update.
    path.unlink()
    write_head(path, ws.db.url, lagging)
    assert chain(ws).intact
    # An older head never replaces a newer one.
    write_head(path, ws.db.url, (1, "f" * 64))
    assert read_head(path, ws.db.url) == lagging


def test_a_rolled_back_entry_does_not_move_the_head(ws: Any) -> None:
    log_entries(ws, 1)
    before = read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url)

    def failing_action() -> None:
        with ws.db.write("测试") as session:
            audit.append(session, at=AT, actor="t", action="test.entry")
            raise RuntimeError("the action failed after its audit entry")

    with pytest.raises(RuntimeError):
        failing_action()
    assert read_head(ws.paths.data_dir / ANCHOR_FILE, ws.db.url) == before
    log_entries(ws, 1)
    assert chain(ws).intact


def test_each_database_has_its_own_head_and_no_password_is_kept(tmp_path: Path) -> None:
    path = tmp_path / ANCHOR_FILE
    write_head(path, "postgresql://review:s3cret@db.local/office", (9, "a" * 64))
    write_head(path, "sqlite:////here.sqlite", (2, "b" * 64))
    assert read_head(path, "postgresql://review:s3cret@db.local/office") == (9, "a" * 64)
    assert read_head(path, "sqlite:////here.sqlite") == (2, "b" * 64)
    assert read_head(path, "sqlite:////elsewhere.sqlite") is None
    assert "s3cret" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["{", "[]", '{"heads": {"x": {"seq": "9", "hash": "x"}}}'])
def test_a_damaged_head_file_is_reported_not_ignored(
    data_dir: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    add = ["users", "add", "admin", "--name", "管理员", "--role", "administrator"]
    assert cli.main(["--data-dir", str(data_dir), *add]) == 0
    (data_dir / ANCHOR_FILE).write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data_dir), "--user", "admin", "audit", "verify"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{data_dir / ANCHOR_FILE}" in out
    assert "审计记录无法完整核对" in out


def test_a_missing_head_is_reported_not_passed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["users", "add", "admin", "--name", "管理员", "--role", "administrator"]
    assert cli.main(["--data-dir", str(data_dir), *add]) == 0
    (data_dir / ANCHOR_FILE).unlink()
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data_dir), "--user", "admin", "audit", "verify"])
    out = capsys.readouterr().out
    assert code == 1
    assert "没有本数据库的末条哈希，无法确认末尾的记录未被删除" in out


def test_audit_verify_prints_the_head_to_record_elsewhere(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["users", "add", "admin", "--name", "管理员", "--role", "administrator"]
    assert cli.main(["--data-dir", str(data_dir), *add]) == 0
    capsys.readouterr()
    assert cli.main(["--data-dir", str(data_dir), "--user", "admin", "audit", "verify"]) == 0
    out = capsys.readouterr().out
    head = read_head(data_dir / ANCHOR_FILE, database_url(data_dir))
    assert head is not None
    assert f"末条：第 {head[0]} 条，哈希 {head[1]}" in out
