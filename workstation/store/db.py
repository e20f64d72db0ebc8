"""The database: SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workstation.durable import create_private_file, keep_private
from workstation.errors import ConfigError, StorageError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5_000
_IMMEDIATE = "workstation_immediate"


class Database:
    """One engine plus the two ways of using it: reading, and writing one unit of work."""

    def __init__(self, url: str, *, busy_timeout_ms: int | None = None) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise ConfigError(f"数据库地址无效：{url}（{exc}）") from exc
        if self.engine.dialect.name == "sqlite":
            _private_sqlite_files(self.engine)
            _configure_sqlite(self.engine, busy_timeout_ms or SQLITE_BUSY_TIMEOUT_MS)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False
        )

    def session(self) -> Session:
        """A session for reading (and small writes the caller commits itself)."""
        return self._reader()

    def on_session_event(self, name: str, callback: Callable[[Session], None]) -> None:
        """Call `callback(session)` on a session event ("after_commit", "after_rollback"…)
        of every session of this database."""
        for factory in (self._reader, self._writer):
            event.listen(factory, name, callback)

    @contextmanager
    def write(self, what: str) -> Iterator[Session]:
        """One transaction that takes the write lock at once and commits on success.

        `what` names the action in Chinese for the error message if the database is busy,
        read-only or full; nothing of the unit is kept then.
        """
        with storage_errors(what), self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _private_sqlite_files(engine: Engine) -> None:
    """The database file (password hashes, ID numbers) is 0600. SQLite creates its -wal and
    -shm with the database file's mode, so the file is created here, empty, before SQLite
    would create it with the umask's; files an older version left readable are tightened."""
    database = engine.url.database
    if not database or database == ":memory:" or engine.url.query or database.startswith("file:"):
        return  # in memory, or a URI whose meaning SQLite decides
    try:
        create_private_file(Path(database))
    except FileExistsError:
        for file in (database, f"{database}-wal", f"{database}-shm"):
            with contextlib.suppress(OSError):  # not ours to chmod: SQLite decides on it
                keep_private(Path(file))
    except OSError:
        return  # no such folder, read-only: SQLite reports it on connecting, in its words


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite would defer it past the first write).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the lock up front so a busy database fails before any work is done.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def storage_errors(what: str) -> Iterator[None]:
    """Turn a locked, read-only or full database into a StorageError naming `what`."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig) if exc.orig is not None else str(exc)
        log.warning("database error during %s: %s", what, text)
        if "locked" in text or "busy" in text:
            reason = "数据库正被其他程序占用，请稍后重试"
        elif "readonly" in text or "read-only" in text:
            reason = "数据库文件只读"
        elif "full" in text:
            reason = "磁盘空间不足"
        else:
            reason = "数据库错误"
        raise StorageError(f"{what}失败：{reason}（{text}）") from exc
