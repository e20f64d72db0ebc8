"""The audit log's newest entry, also kept outside the database.

The hash chain shows an entry changed, removed or reordered anywhere before the last one,
but not the newest entries removed together: what is left is a shorter, valid chain. So
after every commit that appended entries, the newest entry's number and hash are written to
`audit-head.json` in the data folder, and `audit verify` checks that the chain still
reaches that entry with that hash. A head that lags behind (a process killed between its
commit and this write, two processes racing) is harmless: the entry it names must still be
there. Someone who can rewrite both the database and this file can still hide entries;
`audit verify` prints the head so that an office can also record it elsewhere.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from workstation.security.audit import HEAD_KEY
from workstation.store.db import Database

log = logging.getLogger(__name__)

ANCHOR_FILE = "audit-head.json"


def install(db: Database, path: Path) -> None:
    """Keep `path` up to date with the newest entry committed through `db`."""

    def committed(session: Session) -> None:
        head = session.info.pop(HEAD_KEY, None)
        if head is not None:
            write_head(path, db.url, head)

    def rolled_back(session: Session) -> None:
        session.info.pop(HEAD_KEY, None)  # those entries were never committed

    db.on_session_event("after_commit", committed)
    db.on_session_event("after_rollback", rolled_back)


def write_head(path: Path, database: str, head: tuple[int, str]) -> None:
    """Record `head` unless the file already names a later entry of the same database."""
    try:
        current = read_head(path, database)
    except ValueError:
        current = None  # damaged: replaced by a good one (verify reports it until then)
    if current is not None and current[0] >= head[0]:
        return
    body = json.dumps({"database": database, "seq": head[0], "hash": head[1]})
    try:
        handle, temporary = tempfile.mkstemp(prefix=".audit-head-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        # The action is committed; a stale head only weakens the next check, it is not lost.
        log.warning("could not record the audit head in %s: %s", path, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


def read_head(path: Path, database: str) -> tuple[int, str] | None:
    """The recorded (seq, hash) for `database`; None when none was recorded for it.
    Raises ValueError, in Chinese, when the file is there but unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ValueError(f"审计记录的库外末条哈希文件 {path} 无法读取：{exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"审计记录的库外末条哈希文件 {path} 已损坏")
    if data.get("database") != database:
        return None  # another database's log (the data folder was used with --db)
    seq, digest = data.get("seq"), data.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(digest, str):
        raise ValueError(f"审计记录的库外末条哈希文件 {path} 已损坏")
    return seq, digest
