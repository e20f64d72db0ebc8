"""One office on the network: settings, `office init`, `office doctor`, `office password`,
and PCs working on one PostgreSQL server and one shared evidence folder (issue #12)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import password_file, register_users
from office_setup import Office
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from workstation.app import open_workstation
from workstation.cli import main
from workstation.errors import ConfigError
from workstation.office import doctor
from workstation.security.audit_anchor import ANCHOR_FILE
from workstation.settings import load_settings
from workstation.store import migrate
from workstation.store.db import Database


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- settings -------------------------------------------------------------------------------


def test_the_office_settings_name_server_and_folder_and_never_a_password(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[office]\ndatabase_url = "postgresql://ws@db.office.lan:5433/review"\n'
        'evidence_root = "/mnt/evidence"\n',
        encoding="utf-8",
    )
    office_ = load_settings(settings).office
    assert office_ is not None
    assert office_.database_url == "postgresql+psycopg://ws@db.office.lan:5433/review"
    assert office_.evidence_root == Path("/mnt/evidence")

    settings.write_text(
        '[office]\ndatabase_url = "postgresql://ws:secret@db/review"\nevidence_root = "e"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="密码不得写在设置文件里"):
        load_settings(settings)
    settings.write_text('[office]\ndatabase_url = "postgresql://ws@db/review"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="缺少 evidence_root"):
        load_settings(settings)
    settings.write_text(
        '[office]\ndatabase_url = "mysql://ws@db/review"\nevidence_root = "e"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="应为 PostgreSQL 数据库地址"):
        load_settings(settings)


# --- office init ----------------------------------------------------------------------------


def test_init_creates_the_schema_and_marks_the_shared_folder(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    code, out, err = run(capsys, "--data-dir", pc, "office", "init")
    assert (code, err) == (0, ""), out
    assert "已创建办公室数据库结构" in out
    assert "✓ 共享证据文件夹" in out
    assert "可写" in out
    marker = json.loads((shared_office.evidence / doctor.MARKER_FILE).read_text(encoding="utf-8"))
    db = Database(shared_office.url)
    try:
        assert migrate.current_revision(db) == migrate.shipped_head()
        assert marker["database"] == doctor.office_identity(db)
    finally:
        db.dispose()

    code, out, _ = run(capsys, "--data-dir", pc, "office", "init")
    assert code == 0
    assert "办公室数据库已是当前版本" in out


def test_init_backs_the_database_up_with_pg_dump_before_an_upgrade(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(shared_office.url)
    try:
        migrate.upgrade(db, tmp_path / "unused", target="0006")
    finally:
        db.dispose()
    pc = shared_office.pc(tmp_path / "pc1")
    code, out, _ = run(capsys, "--data-dir", pc, "office", "init")
    assert code == 0, out
    assert f"已升级办公室数据库：0006 → {migrate.shipped_head()}" in out
    (dump,) = (pc / "backups").glob("*.pgdump")
    from workstation.store.pg_backup import pg_tool

    listing = subprocess.run(
        [str(pg_tool("pg_restore")), "--list", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE public audit_log" in listing


def test_init_refuses_the_folder_of_another_office(
    shared_office: Office, pg_cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    assert run(capsys, "--data-dir", pc, "office", "init")[0] == 0
    other = pg_cluster.blank_database()
    try:
        code, _, err = run(
            capsys, "--data-dir", pc, "--db", pg_cluster.url(other), "office", "init"
        )
    finally:
        pg_cluster.drop(other)
    assert code == 3
    assert f"{shared_office.evidence} 已属于另一个办公室数据库" in err


# --- office doctor --------------------------------------------------------------------------


def test_doctor_passes_on_a_working_office(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    run(capsys, "--data-dir", pc, "office", "init")
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 0, out
    assert "✓ 已连接数据库服务器" in out
    assert "本机可以正常使用办公室数据库与共享证据文件夹" in out


def test_doctor_names_a_wrong_password_and_an_unreachable_server(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    wrong = shared_office.url.replace(":test-office-password@", ":wrong@")
    code, out, _ = run(capsys, "--data-dir", pc, "--db", wrong, "office", "doctor")
    assert code == 1
    assert "✗ 数据库服务器" in out
    assert "数据库用户名或密码不正确" in out
    assert "password" not in out.split("（")[0]  # the reason is Chinese, the detail follows

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = f"postgresql+psycopg://postgres:x@127.0.0.1:{port}/review"
    code, out, _ = run(capsys, "--data-dir", pc, "--db", nowhere, "office", "doctor")
    assert code == 1
    assert "无法连接办公室数据库服务器" in out


def test_doctor_names_a_missing_folder_an_uninitialised_schema_and_a_newer_one(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 1
    assert "✗ 办公室数据库尚未初始化：请运行 workstation office init" in out
    assert f"✗ 共享证据文件夹 {shared_office.evidence} 不存在或未挂载" in out

    run(capsys, "--data-dir", pc, "office", "init")
    db = Database(shared_office.url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        db.dispose()
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 1
    assert "✗ 数据库结构版本 9999 比本程序新：请在本机安装新版工作站" in out


def test_doctor_sees_a_folder_that_is_not_the_servers(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_bundle: Any
) -> None:
    """A PC that mounted some other folder at the office's path: no marker, or files the
    database has that the folder lacks."""
    pc = shared_office.pc(tmp_path / "pc1")
    run(capsys, "--data-dir", pc, "office", "init")
    ws = open_workstation(pc)
    try:
        _import_as_first_admin(ws, make_bundle)
    finally:
        ws.close()
    stored = [p for p in shared_office.evidence.glob("??/??/*")]
    assert stored
    for path in stored:
        path.chmod(0o600)
        path.unlink()
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 1
    assert f"在 {shared_office.evidence} 中找不到" in out
    (shared_office.evidence / doctor.MARKER_FILE).unlink()
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert f"✗ {shared_office.evidence} 中没有 office.json" in out


def test_doctor_names_clock_skew(shared_office: Office, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    pc = shared_office.pc(tmp_path / "pc1")
    db = Database(shared_office.url)
    try:
        migrate.upgrade(db, pc / "backups")
        fast = doctor.check_server(db, now=lambda: datetime.now(UTC) + timedelta(minutes=5))
        right = doctor.check_server(db)
    finally:
        db.dispose()
    assert any(
        not f.ok and "本机时钟与数据库服务器相差" in f.text and "本机快" in f.text for f in fast
    )
    assert all(f.ok for f in right)


# --- working as an office -------------------------------------------------------------------


def test_two_pcs_share_cases_evidence_and_one_audit_head(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_bundle: Any
) -> None:
    """The clerk imports on one PC; the reviewer on another sees the case and its files."""
    first, second = shared_office.pc(tmp_path / "pc1"), shared_office.pc(tmp_path / "pc2")
    assert run(capsys, "--data-dir", first, "office", "init")[0] == 0
    ws1 = open_workstation(first)
    try:
        assert ws1.db.engine_name == "postgresql"
        short_id = _import_as_first_admin(ws1, make_bundle)
    finally:
        ws1.close()
    assert not (first / "workstation.sqlite").exists()
    assert not (first / "evidence").exists()
    assert (shared_office.evidence / ANCHOR_FILE).is_file()

    ws2 = open_workstation(second)
    try:
        assert [c.short_id for c in ws2.list_cases("admin")] == [short_id]
        assert ws2.verify(None, actor="admin").intact
    finally:
        ws2.close()
    code, out, _ = run(capsys, "--data-dir", second, "--user", "admin", "audit", "verify")
    assert code == 0, out


def test_the_password_comes_from_the_keyring_and_a_missing_one_is_named(
    shared_office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: Any
) -> None:
    pc = shared_office.pc(tmp_path / "pc1")
    assert run(capsys, "--data-dir", pc, "office", "init")[0] == 0
    memory_keyring.entries.clear()
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 1
    assert "本机没有办公室数据库的密码：请用 workstation office password 保存" in out

    from pg_server import PASSWORD

    secret = password_file(tmp_path / "secret", PASSWORD)
    code, out, _ = run(capsys, "--data-dir", pc, "office", "password", "--from-file", secret)
    assert code == 0
    assert "办公室数据库密码已保存在系统密钥环" in out
    assert PASSWORD not in (pc / "settings.toml").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", pc, "office", "doctor")
    assert code == 0, out


def test_the_audit_log_refuses_updates_and_deletes_on_the_server(database_url: str) -> None:
    db = Database(database_url)
    try:
        migrate.upgrade(db, Path("/nonexistent"))
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
                    "VALUES (1, now(), 'a', 'x', '{}', :p, :h)"
                ),
                {"p": "0" * 64, "h": "1" * 64},
            )
        for statement in (
            "UPDATE audit_log SET actor = 'b'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
        ):
            with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        db.dispose()


@pytest.fixture
def database_url(pg_cluster: Any) -> Any:
    name = pg_cluster.blank_database()
    yield pg_cluster.url(name)
    pg_cluster.drop(name)


def _import_as_first_admin(ws: Any, make_bundle: Any) -> str:
    register_users(ws, ("admin", "管理员", ("administrator", "clerk")))
    bundle = make_bundle(files={"docs/a.pdf": b"%PDF-1.4 tiny"})
    result = ws.import_bundle(bundle, actor="admin")
    assert result.outcome == "imported", result
    return str(result.short_id)


# --- two roles: the owner sets up, the PCs only append to the audit log ------------------------


@pytest.fixture
def owned_database(pg_cluster: Any) -> Any:
    """A blank database owned by its own role, and a second role for the PCs: their URLs."""
    from pg_server import PASSWORD

    suffix = f"{os.getpid()}_{next(_ROLE_COUNTER)}"
    owner, app, name = f"ws_owner_{suffix}", f"ws_app_{suffix}", f"owned_{suffix}"
    for role in (owner, app):
        pg_cluster.admin(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    pg_cluster.admin(f'CREATE DATABASE "{name}" OWNER {owner}')

    def url(role: str) -> str:
        return pg_cluster.url(name).replace("postgres:", f"{role}:", 1)

    yield url(owner), url(app), app
    pg_cluster.drop(name)
    for role in (owner, app):
        pg_cluster.admin(f"DROP ROLE IF EXISTS {role}")


_ROLE_COUNTER = itertools.count()


def test_init_with_an_app_role_leaves_the_pcs_only_appending_to_the_audit_log(
    owned_database: Any, tmp_path: Path, make_bundle: Any
) -> None:
    from workstation.office.roles import check_role
    from workstation.office.setup import init_office

    owner_url, app_url, app = owned_database
    owner = Database(owner_url)
    try:
        report = init_office(owner, tmp_path / "evidence", tmp_path / "backups", app_role=app)
        assert any(f.ok and f"已授予角色 {app}" in f.text for f in report.findings)
        assert not check_role(owner).ok  # the owner itself could switch the triggers off
    finally:
        owner.dispose()

    # A PC connects as the app role: the whole workstation works…
    ws = open_workstation(tmp_path / "pc", db_url=app_url)
    try:
        ref = _import_as_first_admin(ws, make_bundle)
        assert ws.verify(ref, actor="admin").intact
        assert check_role(ws.db).ok
    finally:
        ws.close()
    # …but history cannot be rewritten, nor its protection switched off, nor the schema moved.
    db = Database(app_url)
    try:
        for statement, refusal in (
            ("UPDATE audit_log SET actor = 'b'", "permission denied"),
            ("DELETE FROM audit_log", "permission denied"),
            ("TRUNCATE audit_log", "permission denied"),
            ("ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner"),
            ("UPDATE alembic_version SET version_num = '0001'", "permission denied"),
            ("DROP TABLE cases CASCADE", "must be owner"),
        ):
            with pytest.raises(DBAPIError, match=refusal), db.engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        db.dispose()


def test_init_refuses_an_unknown_role_or_connecting_as_it(
    owned_database: Any, tmp_path: Path
) -> None:
    from workstation.office.setup import init_office

    owner_url, app_url, app = owned_database
    for url, role, said in (
        (owner_url, "no_such_role", "数据库服务器上没有角色 no_such_role"),
        (owner_url, "Robert'); DROP", "数据库角色名"),
        (app_url, app, f"office init 正以 {app} 的身份连接"),
    ):
        db = Database(url)
        try:
            with pytest.raises(ConfigError, match=re.escape(said)):
                init_office(db, tmp_path / "evidence", tmp_path / "backups", app_role=role)
        finally:
            db.dispose()
