"""An office's bad days (issue #12): the server restarted under an open workstation, the
server gone in the middle of an import, the shared folder full. Each time the message is
Chinese, nothing is half-stored, and work goes on once the cause is gone."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, register_users
from office_setup import Office
from sqlalchemy import func, select

from workstation.app import open_workstation
from workstation.errors import StorageError
from workstation.store import evidence, migrate, models
from workstation.store.db import Database


@pytest.fixture
def office_pc(shared_office: Office, tmp_path: Path) -> Path:
    db = Database(shared_office.url)
    try:
        migrate.upgrade(db, tmp_path / "backups")
    finally:
        db.dispose()
    pc = shared_office.pc(tmp_path / "pc", demo_pack=False)
    ws = open_workstation(pc)
    try:
        register_users(
            ws,
            ("admin", "管理员", "administrator"),
            ("zhao", "赵承办", "clerk"),
            ("li", "李审核", "reviewer"),
        )
    finally:
        ws.close()
    return pc


def _bundle(make_bundle: Any, number: str, size: int = 200_000) -> Path:
    documents = [{"id": "d1", "path": "docs/a.bin", "kind": "evidence"}]
    return make_bundle(
        minimal_case(number=number, documents=documents),
        {"docs/a.bin": number.encode() * (size // 20)},
    )


def _counts(ws: Any) -> tuple[int, int]:
    with ws.db.session() as session:
        cases = session.scalar(select(func.count()).select_from(models.Case))
        entries = session.scalar(select(func.count()).select_from(models.AuditEntry))
    return int(cases or 0), int(entries or 0)


def test_the_files_reach_the_share_across_filesystems(
    office_pc: Path, shared_office: Office
) -> None:
    assert (
        office_pc / "staging"
    ).parent.stat().st_dev != shared_office.evidence.parent.stat().st_dev


def test_a_server_restart_under_an_open_workstation_loses_and_doubles_nothing(
    office_pc: Path, pg_cluster: Any, make_bundle: Any
) -> None:
    ws = open_workstation(office_pc)
    try:
        first = ws.import_bundle(_bundle(make_bundle, "重启〔2026〕1号"), actor="zhao")
        ws.workflow.act(str(first.short_id), "accept", "li")
        before = _counts(ws)
        pg_cluster.stop_server()
        try:
            with pytest.raises(StorageError, match="无法连接办公室数据库服务器|连接中断"):
                ws.review.set_comment(str(first.short_id), "facts", "停机时的意见", "li")
        finally:
            pg_cluster.start_server()
        assert _counts(ws) == before  # the refused edit left nothing
        # The pool's dead connections are replaced on the way: the next edit just works.
        ws.review.set_comment(str(first.short_id), "facts", "恢复后的意见", "li")
        cases, entries = _counts(ws)
        assert (cases, entries) == (before[0], before[1] + 1)
        with ws.db.session() as session:
            comments = session.scalars(
                select(models.AuditEntry.details).where(
                    models.AuditEntry.action == "review.comment"
                )
            ).all()
        assert [c["comment"] for c in comments] == ["恢复后的意见"]
    finally:
        ws.close()


def test_the_server_gone_mid_import_stores_no_half_case(
    office_pc: Path, shared_office: Office, pg_cluster: Any, make_bundle: Any
) -> None:
    ws = open_workstation(office_pc)
    stopped = []

    def cut(_fraction: float, message: str) -> None:
        if not stopped and "a.bin" in message:
            pg_cluster.stop_server()
            stopped.append(message)

    try:
        try:
            with pytest.raises(StorageError) as refused:
                ws.import_bundle(
                    _bundle(make_bundle, "断网〔2026〕1号"), actor="zhao", progress=cut
                )
        finally:
            pg_cluster.start_server()
        assert stopped
        assert "办公室数据库" in refused.value.message or "数据库" in refused.value.message
    finally:
        ws.close()
    ws = open_workstation(office_pc)  # the next start cleans what this PC left
    try:
        assert _counts(ws)[0] == 0
        with ws.db.session() as session:
            known = set(session.scalars(select(models.EvidenceFile.sha256)))
        assert set(ws.store.all_hashes()) <= known
        assert not list((office_pc / "staging").glob("*"))
        assert not list(shared_office.evidence.rglob("*.part"))
    finally:
        ws.close()


def test_a_full_share_refuses_the_import_and_leaves_no_partial_file(
    office_pc: Path, shared_office: Office, make_bundle: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = shutil.copyfileobj

    def copy_until_full(source: Any, out: Any, length: int = 0) -> None:
        out.write(source.read(1000))
        raise OSError(errno.ENOSPC, "No space left on device")

    ws = open_workstation(office_pc)
    try:
        monkeypatch.setattr(evidence.shutil, "copyfileobj", copy_until_full)
        with pytest.raises(StorageError, match="磁盘空间不足|空间"):
            ws.import_bundle(_bundle(make_bundle, "满盘〔2026〕1号"), actor="zhao")
        assert _counts(ws)[0] == 0
        assert not list(shared_office.evidence.rglob("*.part"))
        assert ws.store.all_hashes() == []
        monkeypatch.setattr(evidence.shutil, "copyfileobj", real_copy)
        result = ws.import_bundle(_bundle(make_bundle, "满盘〔2026〕1号"), actor="zhao")
        assert result.outcome == "imported"
        assert ws.verify(None, actor="zhao").intact
    finally:
        ws.close()


def test_a_writer_held_up_too_long_is_told_the_database_is_busy(shared_office: Office) -> None:
    """Another PC holds the write lock (a long transaction): this one waits its timeout, then
    says so in Chinese; nothing of its unit is kept."""
    import psycopg

    from workstation.store.db import WRITE_LOCK_KEY

    db = Database(shared_office.url, busy_timeout_ms=300)
    try:
        migrate.upgrade(db, Path("/nonexistent-backups"))
        with psycopg.connect(shared_office.url.replace("+psycopg", "")) as holder:
            holder.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")  # type: ignore[arg-type]
            with (
                pytest.raises(StorageError, match="数据库正被其他程序占用"),
                db.write("测试写入") as session,
            ):
                session.add(models.OfficeValue(key="probe", value="x"))
        with db.session() as session:
            assert session.get(models.OfficeValue, "probe") is None
        with db.write("测试写入") as session:  # the holder is gone: writing works again
            session.add(models.OfficeValue(key="probe", value="x"))
    finally:
        db.dispose()
