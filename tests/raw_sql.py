"""The database a data folder's workstation uses, reached as an insider would: a plain engine,
no services, no audit, each statement committed at once. Tests marked `both_engines` then
make the same edit on SQLite and on PostgreSQL.

Statements take named parameters (`:seq`). What differs between the engines is the test's to
write neutrally: booleans as Python bools, JSON columns read through `CAST(… AS TEXT)` and
written as JSON text, an ORDER BY wherever the order of rows matters. On PostgreSQL the audit
log is append-only (triggers, migration 0007): an insider rewriting it must first disable them
as the table's owner, which `audit_log_opened` does for one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, RowMapping, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from workstation.app import DB_URL_ENV
from workstation.paths import resolve_paths


def database_url(data_dir: Path) -> str:
    """What `open_workstation(data_dir)` opens: WORKSTATION_DB, else the folder's SQLite file."""
    return os.environ.get(DB_URL_ENV) or resolve_paths(data_dir).database_url


class RawSql:
    """Plain SQL on the database of `data_dir`; a new connection for every call."""

    def __init__(self, data_dir: Path) -> None:
        self.url = database_url(data_dir)
        self._engine = create_engine(self.url, poolclass=NullPool)

    @property
    def engine_name(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    def run(self, statement: str, /, **params: Any) -> int:
        """Execute and commit `statement`; how many rows it changed."""
        with self._engine.begin() as connection:
            return int(connection.execute(text(statement), params).rowcount)

    def rewrite_audit_log(self, statement: str, /, **params: Any) -> int:
        """`run` a change of the audit log, its append-only triggers disabled meanwhile."""
        with self._engine.begin() as connection, audit_log_opened(connection):
            return int(connection.execute(text(statement), params).rowcount)

    def rows(self, query: str, /, **params: Any) -> list[RowMapping]:
        """Every row of `query`, each by column name."""
        with self._engine.connect() as connection:
            return list(connection.execute(text(query), params).mappings())

    def one(self, query: str, /, **params: Any) -> RowMapping:
        """The one row of `query` (an error if there are none or more)."""
        with self._engine.connect() as connection:
            return connection.execute(text(query), params).mappings().one()

    def value(self, query: str, /, **params: Any) -> Any:
        """The one value of `query`'s one row."""
        with self._engine.connect() as connection:
            return connection.execute(text(query), params).scalar_one()


@contextmanager
def audit_log_opened(connection: Connection | Session) -> Iterator[None]:
    """Within `connection`'s transaction, the audit log open to UPDATE and DELETE as its owner
    could make it: on PostgreSQL its triggers disabled, and enabled again before the commit
    (a session is flushed first). SQLite has no such triggers: nothing to do."""
    bind = connection if isinstance(connection, Connection) else connection.get_bind()
    if bind.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SET LOCAL lock_timeout = '20s'"))  # a test waiting: an error
    connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
    yield
    if isinstance(connection, Session):
        connection.flush()
    connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))


def another_office_database(request: pytest.FixtureRequest) -> str | None:
    """The database for a second office in the same test: None on SQLite (its own data
    folder holds its own file); on PostgreSQL a fresh one on the test server, dropped when
    the test ends, as two offices never share a database."""
    if os.environ.get(DB_URL_ENV) is None:
        return None
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.fresh_database()
    request.addfinalizer(lambda: cluster.drop(name))
    return str(cluster.url(name))
