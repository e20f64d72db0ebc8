"""Brings a database to the current schema, backing it up first (an SQLite copy, or a
`pg_dump` of the office's PostgreSQL database).

A start on a database already at this version is the common case, and it is checked without
Alembic (which takes a tenth of a second to import): the head revision is read from the
migration files themselves and the database's revision from `alembic_version` (with plain
sqlite3 before the database layer is even loaded, or one query on the office's server).
Alembic loads only when there is something to upgrade, or to refuse.
"""

from __future__ import annotations

import ast
import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.durable import create_private_file, make_private_dirs
from workstation.errors import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config

    from workstation.store.db import Database

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def head_revision(db: Database) -> str:
    """The newest shipped revision, as Alembic sees it."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The revision `db` is at (None: never migrated), as Alembic sees it."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def shipped_head(migrations: Path | None = None) -> str | None:
    """The head revision read from the migration files without Alembic: the one revision no
    other revision names as its `down_revision`. None when that is not plain (a branch, a
    merge, a file that computes its ids): the caller then asks Alembic."""
    revisions: dict[str, object] = {}
    for script in sorted((migrations or MIGRATIONS_DIR).joinpath("versions").glob("*.py")):
        ids = _revision_ids(script)
        if ids is None:
            return None
        revisions[ids[0]] = ids[1]
    parents = set(revisions.values())
    if not all(p is None or isinstance(p, str) for p in parents):
        return None  # a merge revision names a tuple of parents
    heads = [r for r in revisions if r not in parents]
    return heads[0] if len(heads) == 1 else None


# `revision = "0004"` and `down_revision = "0003"` (or None, or a tuple for a merge) as
# Alembic writes them at the top level of a migration file, optionally annotated.
_ID_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*(?:#.*)?$", re.M)


def _revision_ids(script: Path) -> tuple[str, object] | None:
    """`revision` and `down_revision` of one migration file, if both are plain literals
    (read line by line: parsing the whole file would cost more than the check saves)."""
    found: dict[str, object] = {}
    for name, value in _ID_LINE.findall(script.read_text(encoding="utf-8")):
        if name in found:
            return None  # assigned twice: not what Alembic writes
        try:
            found[name] = ast.literal_eval(value)
        except (SyntaxError, ValueError):
            return None
    revision = found.get("revision")
    if not isinstance(revision, str) or "down_revision" not in found:
        return None
    parent = found["down_revision"]
    return revision, tuple(parent) if isinstance(parent, list) else parent


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL; None for anything else (memory, options,
    another database server)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url[len(prefix) :]
    return Path(path) if path and path != ":memory:" else None


def stored_revision(database: Path) -> str | None:
    """The revision recorded in an SQLite file's `alembic_version`, read with plain sqlite3
    (None: no such file, or never migrated)."""
    if not database.is_file():
        return None
    connection = sqlite3.connect(database, timeout=5)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    finally:
        connection.close()
    return str(row[0]) if row else None


def is_current(url: str) -> bool:
    """Whether the SQLite database at `url` is certainly at the shipped head, checked without
    Alembic or SQLAlchemy; False whenever that cannot be told this way."""
    database = sqlite_file(url)
    if database is None:
        return False
    head = shipped_head()
    try:
        return head is not None and stored_revision(database) == head
    except sqlite3.Error as exc:
        log.info("quick revision check of %s failed (%s); asking Alembic", database, exc)
        return False


def upgrade(db: Database, backup_dir: Path, target: str = "head") -> UpgradeReport:
    """Upgrade `db` to `target`; an existing database is backed up to `backup_dir` first.

    On the office's server the upgrade holds the write lock, so two PCs starting a new
    version at once upgrade it once, and no PC writes while the schema changes."""
    from workstation.store.db import storage_errors

    head = shipped_head()
    if target == "head" and head is not None:
        if is_current(db.url):
            return UpgradeReport(head, head, None)
        with storage_errors("读取数据库结构版本"):
            if _revision_in(db) == head:
                return UpgradeReport(head, head, None)
    from alembic import command

    with storage_errors("升级数据库"), db.engine.connect() as connection:
        if db.engine_name == "postgresql":
            from workstation.store.db import WRITE_LOCK_KEY

            connection.exec_driver_sql(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY})")
            connection.commit()
        try:
            before = current_revision(db)
            wanted = head_revision(db) if target == "head" else target
            if before == wanted:
                return UpgradeReport(before, wanted, None)
            if before is not None and not _known(db, before):
                raise ConfigError(
                    f"数据库 {db.shown_url} 的结构版本 {before} 比本程序新，"
                    "请安装新版工作站后再打开"
                )
            backup = _backup(db, backup_dir, before) if before is not None else None
            config = alembic_config(db)
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
        finally:
            if db.engine_name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITE_LOCK_KEY})")
                connection.commit()
    log.info("database upgraded from %s to %s (backup %s)", before, wanted, backup)
    return UpgradeReport(before, wanted, backup)


def _revision_in(db: Database) -> str | None:
    """`alembic_version` read with one query through `db` (None: never migrated)."""
    from sqlalchemy import inspect, text

    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _backup(db: Database, backup_dir: Path, revision: str) -> Path | None:
    if db.engine_name == "postgresql":
        from workstation.store.pg_backup import dump

        return dump(db.url, backup_dir, revision)
    return _backup_sqlite(db, backup_dir, revision)


def known_revision(db: Database, revision: str) -> bool:
    """Whether `revision` is one of the shipped migrations (else: a newer program's)."""
    return _known(db, revision)


def _known(db: Database, revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config(db)).get_revision(revision) is not None
    except CommandError:
        return False


def _backup_sqlite(db: Database, backup_dir: Path, revision: str) -> Path | None:
    database = db.engine.url.database
    if db.engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    make_private_dirs(backup_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{Path(database).stem}-{revision}-{stamp}.sqlite"
    create_private_file(target)  # a copy of the database: as private as it is
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
