"""The database: migrations (with backup), WAL mode, the audit chain, the evidence store."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text, update

from workstation.security import audit
from workstation.store import migrate, models
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore


def test_upgrade_from_an_empty_database(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite'}")
    report = migrate.upgrade(db, tmp_path / "backups")
    assert report.from_revision is None
    assert report.to_revision == migrate.head_revision(db)
    assert report.backup is None  # nothing to back up yet
    assert migrate.current_revision(db) == migrate.head_revision(db)


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    migrate.upgrade(db, tmp_path / "backups")
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), models.Base.metadata)
    assert diff == [], "models changed without a migration: run alembic revision --autogenerate"


NEXT_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9000_next"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_feature", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("later_feature")
"""


@pytest.fixture
def migrations_with_a_next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shipped migrations plus one more, as after installing a newer version."""
    import shutil

    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    first = ScriptDirectory(str(folder)).get_current_head()
    (folder / "versions" / "9000_next.py").write_text(NEXT_REVISION.format(head=first))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    return first


def test_upgrade_from_an_earlier_revision_keeps_data_and_backs_up_first(
    tmp_path: Path, migrations_with_a_next_revision: str
) -> None:
    shipped_head = migrations_with_a_next_revision
    path = tmp_path / "office.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db, tmp_path / "backups", target=shipped_head)
    with db.write("测试") as session:
        audit.append(session, at=datetime(2026, 3, 1, tzinfo=UTC), actor="甲", action="x")
    report = migrate.upgrade(db, tmp_path / "backups")
    assert (report.from_revision, report.to_revision) == (shipped_head, "9000_next")
    assert migrate.current_revision(db) == "9000_next"
    with db.session() as session:
        assert session.scalar(select(models.AuditEntry.actor)) == "甲"
        assert audit.verify_chain(session).intact
    assert report.backup is not None
    assert report.backup.name.startswith(f"office-{shipped_head}-")
    copy = sqlite3.connect(report.backup)
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (shipped_head,)
        assert copy.execute("SELECT actor FROM audit_log").fetchone() == ("甲",)
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        assert "later_feature" not in tables
    finally:
        copy.close()


def test_every_shipped_revision_upgrades_to_the_next(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'steps.sqlite'}")
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(db, tmp_path / "backups", target=revision)
        assert migrate.current_revision(db) == revision


def test_the_quick_revision_check_agrees_with_alembic(tmp_path: Path) -> None:
    """Start-up reads the head from the migration files and the database's revision with
    plain sqlite3; both must say what Alembic says, at every shipped revision."""
    path = tmp_path / "steps.sqlite"
    db = Database(f"sqlite:///{path}")
    assert migrate.shipped_head() == migrate.head_revision(db)
    assert migrate.stored_revision(path) is None  # no file yet
    assert not migrate.is_current(db.url)
    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    for revision in [r.revision for r in reversed(list(script.walk_revisions()))]:
        migrate.upgrade(db, tmp_path / "backups", target=revision)
        assert migrate.stored_revision(path) == migrate.current_revision(db) == revision
        assert migrate.is_current(db.url) == (revision == migrate.head_revision(db))
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert migrate.stored_revision(empty) is None  # a file never migrated


def test_the_quick_check_sees_a_newly_shipped_revision(
    tmp_path: Path, migrations_with_a_next_revision: str
) -> None:
    path = tmp_path / "office.sqlite"
    db = Database(f"sqlite:///{path}")
    assert migrate.shipped_head() == migrate.head_revision(db) == "9000_next"
    migrate.upgrade(db, tmp_path / "backups", target=migrations_with_a_next_revision)
    assert not migrate.is_current(db.url)  # so the upgrade (with its backup) runs
    report = migrate.upgrade(db, tmp_path / "backups")
    assert report.backup is not None
    assert migrate.is_current(db.url)


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite:///x.sqlite?mode=ro", "postgresql://h/db"]
)
def test_the_quick_check_leaves_other_databases_to_alembic(url: str) -> None:
    assert migrate.sqlite_file(url) is None
    assert not migrate.is_current(url)


def test_a_current_data_folder_opens_without_alembic(tmp_path: Path) -> None:
    """The usual start: nothing to upgrade, so neither Alembic nor (until the services are
    asked for) SQLAlchemy is imported."""
    import subprocess
    import sys

    from workstation.app import open_workstation

    open_workstation(tmp_path / "data").close()
    probe = (
        "import sys\n"
        "from workstation.app import begin_opening\n"
        "opening = begin_opening(sys.argv[1])\n"
        "assert opening.workstation is None\n"
        "assert 'sqlalchemy' not in sys.modules and 'alembic' not in sys.modules\n"
        "opening.finish().close()\n"
        "assert 'sqlalchemy' in sys.modules and 'alembic' not in sys.modules\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "data")], capture_output=True, text=True
    )
    assert ran.returncode == 0, ran.stderr


def test_an_older_or_newer_database_is_dealt_with_before_anything_shows(
    tmp_path: Path, migrations_with_a_next_revision: str
) -> None:
    from workstation.app import begin_opening
    from workstation.errors import ConfigError

    data = tmp_path / "data"
    data.mkdir()
    db = Database(f"sqlite:///{data / 'workstation.sqlite'}")
    migrate.upgrade(db, tmp_path / "backups", target=migrations_with_a_next_revision)
    opening = begin_opening(data)
    try:
        assert opening.workstation is not None  # upgraded on the spot, backup first
        assert migrate.current_revision(opening.workstation.db) == "9000_next"
        assert list((data / "backups").iterdir())
    finally:
        opening.close()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(ConfigError, match="比本程序新"):
        begin_opening(data)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(ws: Any) -> None:
    with ws.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_url_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workstation.app import open_workstation

    elsewhere = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("WORKSTATION_DB", f"sqlite:///{elsewhere}")
    ws = open_workstation(tmp_path / "data")
    ws.close()
    assert elsewhere.exists()
    assert not (tmp_path / "data" / "workstation.sqlite").exists()


def test_datetimes_keep_their_instant(ws: Any) -> None:
    from datetime import timedelta, timezone

    at = datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    with ws.db.write("测试") as session:
        entry = audit.append(session, at=at, actor="甲", action="test")
    with ws.db.session() as session:
        stored = session.get_one(models.AuditEntry, entry.seq).at
    assert stored == at
    assert stored.tzinfo == UTC


def test_naive_datetimes_are_refused(ws: Any) -> None:
    with pytest.raises(Exception, match="naive datetime"), ws.db.write("测试") as session:
        audit.append(session, at=datetime(2026, 3, 1), actor="甲", action="test")


# --- audit chain ------------------------------------------------------------------------


def _chain(ws: Any, count: int) -> None:
    with ws.db.write("测试") as session:
        for i in range(count):
            audit.append(
                session,
                at=datetime(2026, 3, 1, 8, i, tzinfo=UTC),
                actor="甲",
                action="case.import",
                details={"n": i, "名": "案"},
            )


def test_audit_chain_links_every_entry(ws: Any) -> None:
    _chain(ws, 5)
    with ws.db.session() as session:
        entries = session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq)).all()
        assert entries[0].prev_hash == audit.GENESIS_HASH
        for before, after in zip(entries, entries[1:], strict=False):
            assert after.prev_hash == before.hash
        assert audit.verify_chain(session) == audit.ChainReport(5)


@pytest.mark.parametrize(
    ("change", "broken", "problem"),
    [
        ({"actor": "乙"}, 3, "内容已被改动"),
        ({"details": {"n": 99}}, 3, "内容已被改动"),
        ({"prev_hash": "f" * 64}, 3, "前序哈希与链不符"),
    ],
)
def test_audit_chain_detects_tampering(
    ws: Any, change: dict[str, Any], broken: int, problem: str
) -> None:
    _chain(ws, 5)
    with ws.db.write("篡改") as session:
        session.execute(
            update(models.AuditEntry).where(models.AuditEntry.seq == 3).values(**change)
        )
    with ws.db.session() as session:
        report = audit.verify_chain(session)
    assert not report.intact
    assert report.first_broken_seq == broken
    assert problem in report.problem


def test_audit_chain_detects_a_removed_entry(ws: Any) -> None:
    _chain(ws, 5)
    with ws.db.write("篡改") as session:
        session.execute(models.AuditEntry.__table__.delete().where(models.AuditEntry.seq == 2))
    with ws.db.session() as session:
        report = audit.verify_chain(session)
    assert (report.first_broken_seq, report.problem) == (3, "第 2 条记录缺失")


# --- evidence store ---------------------------------------------------------------------


def test_evidence_store_keeps_one_read_only_copy(tmp_path: Path) -> None:
    import hashlib

    store = EvidenceStore(tmp_path / "evidence")
    data = "证据".encode()
    digest = hashlib.sha256(data).hexdigest()
    for name in ("a", "b"):
        (tmp_path / name).write_bytes(data)
    assert store.adopt(tmp_path / "a", digest) is True
    assert store.adopt(tmp_path / "b", digest) is False
    assert not (tmp_path / "b").exists()
    path = store.path_for(digest)
    assert path.relative_to(tmp_path / "evidence").parts == (digest[:2], digest[2:4], digest)
    assert path.stat().st_mode & 0o222 == 0
    assert store.all_hashes() == [digest]
    with pytest.raises(ValueError, match="SHA-256"):
        store.path_for("../../etc/passwd")


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    from workstation.errors import ConfigError

    db = Database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate.upgrade(db, tmp_path / "backups")
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(ConfigError, match="比本程序新"):
        migrate.upgrade(db, tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
