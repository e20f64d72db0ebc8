"""Brings a database to the current schema, backing up an SQLite file first."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from workstation.errors import ConfigError
from workstation.store.db import Database, storage_errors

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class UpgradeReport:
    """What an upgrade did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config(db: Database) -> Config:
    """An Alembic config pointing at the shipped migrations and at `db`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def head_revision(db: Database) -> str:
    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, backup_dir: Path, target: str = "head") -> UpgradeReport:
    """Upgrade `db` to `target`; an existing SQLite database is copied to `backup_dir` first."""
    with storage_errors("升级数据库"):
        before = current_revision(db)
        wanted = head_revision(db) if target == "head" else target
        if before == wanted:
            return UpgradeReport(before, wanted, None)
        if before is not None and not _known(db, before):
            raise ConfigError(
                f"数据库 {db.url} 的结构版本 {before} 比本程序新，请安装新版工作站后再打开"
            )
        backup = _backup_sqlite(db, backup_dir, before) if before is not None else None
        config = alembic_config(db)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    log.info("database upgraded from %s to %s (backup %s)", before, wanted, backup)
    return UpgradeReport(before, wanted, backup)


def _known(db: Database, revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config(db)).get_revision(revision) is not None
    except CommandError:
        return False


def _backup_sqlite(db: Database, backup_dir: Path, revision: str) -> Path | None:
    database = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{Path(database).stem}-{revision}-{stamp}.sqlite"
    # The online backup API copies a consistent snapshot, WAL contents included.
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
