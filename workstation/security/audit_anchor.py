"""The audit log's newest entry, also kept outside the database.

The hash chain shows an entry changed, removed or reordered anywhere before the last one,
but not the newest entries removed together: what is left is a shorter, valid chain. So
after every commit that appended entries, the newest entry's number and hash are written to
`audit-head.json` in the data folder, and `audit verify` checks that the chain still
reaches that entry with that hash. A head that lags behind (a process killed between its
commit and this write, two processes racing) is harmless: the entry it names must still be
there; a log with entries but no recorded head is reported, not passed. The file keeps one
head per database (keyed by a hash of its URL without password). Someone who can rewrite
both the database and this file can still hide entries; `audit verify` prints the head so
that an office can also record it elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from workstation.durable import write_durably
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
        heads = _read_all(path)
    except ValueError:
        heads = {}  # damaged: replaced by a good one (verify reports it until then)
    key = database_key(database)
    current = heads.get(key)
    if current is not None and current[0] >= head[0]:
        return
    heads[key] = head
    body = json.dumps(
        {"heads": {k: {"seq": seq, "hash": digest} for k, (seq, digest) in heads.items()}},
        sort_keys=True,
    )
    try:
        write_durably(path, body.encode("utf-8"))
    except OSError as exc:
        # The action is committed; a stale head only weakens the next check, it is not lost.
        log.warning("could not record the audit head in %s: %s", path, exc)


def read_head(path: Path, database: str) -> tuple[int, str] | None:
    """The recorded (seq, hash) for `database`; None when none was recorded for it.
    Raises ValueError, in Chinese, when the file is there but unreadable."""
    return _read_all(path).get(database_key(database))


def database_key(database: str) -> str:
    """Which database a head belongs to, without keeping its URL (it may hold a password)."""
    try:
        shown = make_url(database).render_as_string(hide_password=True)
    except ArgumentError:
        shown = database
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]


def _read_all(path: Path) -> dict[str, tuple[int, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ValueError(f"审计记录的库外末条哈希文件 {path} 无法读取：{exc}") from exc
    heads = data.get("heads") if isinstance(data, dict) else None
    if not isinstance(heads, dict):
        raise ValueError(f"审计记录的库外末条哈希文件 {path} 已损坏")
    result = {}
    for key, value in heads.items():
        seq = value.get("seq") if isinstance(value, dict) else None
        digest = value.get("hash") if isinstance(value, dict) else None
        if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(digest, str):
            raise ValueError(f"审计记录的库外末条哈希文件 {path} 已损坏")
        result[key] = (seq, digest)
    return result
