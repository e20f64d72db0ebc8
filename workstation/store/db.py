"""The database: SQLite in WAL mode by default, the office's PostgreSQL server otherwise.

Writers are serialised on both engines, so every service can read, decide and write in one
unit without a lost update: SQLite by `BEGIN IMMEDIATE`, PostgreSQL by one transaction-level
advisory lock taken as the unit begins (released at commit or rollback, also when the
client's connection dies). Readers never wait for it.
"""

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
from workstation.errors import ConfigError, DatabasePasswordError, StorageError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5_000
_IMMEDIATE = "workstation_immediate"
# pg_advisory_xact_lock's key for "one writer at a time" (any constant no other program
# on the office's server uses; this one spells "LRWS").
WRITE_LOCK_KEY = 0x4C525753


class Database:
    """One engine plus the two ways of using it: reading, and writing one unit of work."""

    def __init__(self, url: str, *, busy_timeout_ms: int | None = None) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, **_engine_options(url))
        except (ArgumentError, NoSuchModuleError) as exc:
            raise ConfigError(f"数据库地址无效：{_shown(url)}（{exc}）") from exc
        timeout_ms = busy_timeout_ms or SQLITE_BUSY_TIMEOUT_MS
        if self.engine.dialect.name == "sqlite":
            _private_sqlite_files(self.engine)
            _configure_sqlite(self.engine, timeout_ms)
        elif self.engine.dialect.name == "postgresql":
            _configure_postgresql(self.engine, timeout_ms)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False
        )

    @property
    def engine_name(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @property
    def shown_url(self) -> str:
        """The URL without its password, for messages and logs."""
        return _shown(self.url)

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


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("postgresql"):
        # A server restarted, or a PC that slept: a dead pooled connection is replaced on
        # checkout instead of failing the next action.
        return {"pool_pre_ping": True}
    return {}


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


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


def _configure_postgresql(engine: Engine, lock_timeout_ms: int) -> None:
    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        if context.is_disconnect:
            # The pool drops its connections; the next action connects afresh (pre-ping).
            log.warning("lost the connection to the office database %s", _shown(str(engine.url)))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_IMMEDIATE, False):
            # As SQLite's busy timeout: a writer waits this long for another, then says so.
            # One round trip: every write unit pays it, and a writer waiting for the lock
            # holds everyone behind it up by its latency.
            connection.exec_driver_sql(
                f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}; "
                f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
            )


@contextmanager
def storage_errors(what: str) -> Iterator[None]:
    """Turn a locked, read-only or full database into a StorageError naming `what`."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig) if exc.orig is not None else str(exc)
        log.warning("database error during %s: %s", what, text)
        reason = error_reason(text)
        refused = "password" in text.lower()  # the desktop then asks for it (first start)
        error = DatabasePasswordError if refused else StorageError
        raise error(f"{what}失败：{reason}（{text}）") from exc


def error_reason(text: str) -> str:
    """The Chinese reason for a database error, from the driver's English text."""
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered or "lock timeout" in lowered:
        return "数据库正被其他程序占用，请稍后重试"
    if "no password supplied" in lowered:
        return "本机没有办公室数据库的密码：请用 workstation office password 保存"
    if "password authentication failed" in lowered:
        return "数据库用户名或密码不正确"
    if (
        "connection refused" in lowered
        or "could not connect" in lowered
        or ("connection" in lowered and ("timeout" in lowered or "closed" in lowered))
    ):
        return "无法连接办公室数据库服务器，请检查网络或联系信息管理员"
    if "server closed the connection" in lowered or "terminating connection" in lowered:
        return "与办公室数据库服务器的连接中断，请重试"
    if "read-only" in lowered or "readonly" in lowered:
        return "数据库只读"
    if "full" in lowered or "no space" in lowered:
        return "磁盘空间不足"
    return "数据库错误"
