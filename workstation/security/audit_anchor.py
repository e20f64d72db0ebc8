"""The audit log's newest entry, also kept outside the database.

The hash chain shows an entry changed, removed or reordered anywhere before the last one,
but not the newest entries removed together: what is left is a shorter, valid chain. So
after every commit that appended entries, the newest entry's number and hash are written to
`audit-head.json` in the data folder, and `audit verify` checks that the chain still
reaches that entry with that hash. A head that lags behind (a process killed between its
commit and this write, two processes racing) is harmless: the entry it names must still be
there; a log with entries but no recorded head is reported, not passed.

A head is created with the chain's first entry and never again by an ordinary action: when
the file is missing, damaged or has no head for the database while the log already has
entries, actions carry on (a warning is logged) and `audit verify` fails until an
administrator re-anchors it (`reanchor`, audited as "audit.reanchor" with the reason and the
entry it anchors) — deleting the newest entries and the file together is not healed
silently by the next action.

The file keeps one head per database: a SQLite file in the data folder by its file name, so
that the folder can be moved or restored elsewhere (L4); any other database by a hash of
its URL without password. Someone who can rewrite both the database and this file can
still hide entries; `audit verify` prints the head so that an office can also record it
elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from workstation.durable import write_durably
from workstation.errors import IllegalActionError
from workstation.security import audit
from workstation.store.db import Database

log = logging.getLogger(__name__)

ANCHOR_FILE = "audit-head.json"
REANCHOR = "audit.reanchor"
_FORCE_KEY = "audit_reanchor"  # session.info: this commit re-anchors (written whatever is there)


def install(db: Database, path: Path) -> None:
    """Keep `path` up to date with the newest entry committed through `db`. A missing or
    damaged head while the log has entries is logged now and left alone (`missing_head`)."""
    problem = missing_head(db, path)
    if problem is not None:
        log.warning("audit head: %s", problem)

    def committed(session: Session) -> None:
        head = session.info.pop(audit.HEAD_KEY, None)
        first = session.info.pop(audit.FIRST_KEY, None)
        force = session.info.pop(_FORCE_KEY, False)
        if head is not None:
            write_head(path, db.url, head, create=first == 1, force=force)

    def rolled_back(session: Session) -> None:
        for key in (audit.HEAD_KEY, audit.FIRST_KEY, _FORCE_KEY):
            session.info.pop(key, None)  # those entries were never committed

    db.on_session_event("after_commit", committed)
    db.on_session_event("after_rollback", rolled_back)


def missing_head(db: Database, path: Path) -> str | None:
    """Why `audit verify` cannot confirm the log's end (in Chinese); None when a head is
    recorded for `db`, or the log is still empty."""
    try:
        head = read_head(path, db.url)
    except ValueError as exc:
        return f"{exc}；须由系统管理员核实后用 workstation audit anchor 重新记录"
    if head is not None:
        return None
    with db.session() as session:
        if audit.last_entry(session) is None:
            return None
    return (
        f"{path} 中没有本数据库审计记录的末条哈希，无法确认末尾的记录未被删除；"
        f"须由系统管理员核实后用 workstation audit anchor 重新记录"
    )


def write_head(
    path: Path, database: str, head: tuple[int, str], *, create: bool = True, force: bool = False
) -> bool:
    """Record `head` unless the file already names a later entry of the same database.

    With `create` False a head is only moved on, never made: when the file is missing or
    damaged or holds no head for `database`, nothing is written (an ordinary action after
    the head was lost). `force` replaces whatever is there (re-anchoring). Returns whether
    the head was written."""
    try:
        heads = _read_all(path)
    except ValueError:
        if not force:
            log.warning("audit head in %s is damaged; not replaced until re-anchored", path)
            return False
        heads = {}
    key, legacy = _keys(path, database)
    current = heads.get(key) or heads.get(legacy)
    if current is None and not (create or force):
        log.warning("no audit head for this database in %s; not recreated until re-anchored", path)
        return False
    if current is not None and current[0] >= head[0] and not force:
        return True
    heads.pop(legacy, None)  # kept under the key that survives moving the folder
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
        return False
    return True


def read_head(path: Path, database: str) -> tuple[int, str] | None:
    """The recorded (seq, hash) for `database`; None when none was recorded for it.
    Raises ValueError, in Chinese, when the file is there but unreadable."""
    heads = _read_all(path)
    key, legacy = _keys(path, database)
    return heads.get(key) or heads.get(legacy)


@dataclass(frozen=True)
class Reanchored:
    """What `reanchor` did: the entry it anchored and what the file said before."""

    anchored: tuple[int, str]  # the newest entry before the re-anchoring one
    head: tuple[int, str]  # the re-anchoring entry itself, now the recorded head
    before: str  # what the file held for this database


def reanchor(db: Database, path: Path, *, actor: str, reason: str, at: datetime) -> Reanchored:
    """Record the log's newest entry as its head again, after an administrator checked why
    it was lost. The chain itself must be intact; the re-anchoring is an audit entry (the
    reason, the entry anchored, what the file said) and becomes the head."""
    if not reason.strip():
        raise IllegalActionError("重新记录审计记录的末条哈希须写明原因（--reason）")
    try:
        recorded = read_head(path, db.url)
        before = "无" if recorded is None else f"第 {recorded[0]} 条，哈希 {recorded[1]}"
    except ValueError as exc:
        before = f"无法读取（{exc}）"
    with db.write("重新记录审计末条哈希") as session:
        report = audit.verify_chain(session)
        if not report.intact:
            raise IllegalActionError(
                f"审计记录的哈希链在第 {report.first_broken_seq} 条断裂（{report.problem}），"
                f"不能重新记录末条哈希"
            )
        last = audit.last_entry(session)
        anchored = (last.seq, last.hash) if last else (0, audit.GENESIS_HASH)
        entry = audit.append(
            session,
            at=at,
            actor=actor,
            action=REANCHOR,
            details={
                "reason": reason.strip(),
                "anchors": {"seq": anchored[0], "hash": anchored[1]},
                "file_before": before,
            },
        )
        head = (entry.seq, entry.hash)
        session.info[_FORCE_KEY] = True
    if read_head(path, db.url) != head:
        raise IllegalActionError(f"未能写入 {path}，末条哈希未重新记录（详见日志）")
    return Reanchored(anchored, head, before)


def database_key(database: str) -> str:
    """Which database a head belongs to, without keeping its URL (it may hold a password)."""
    try:
        shown = make_url(database).render_as_string(hide_password=True)
    except ArgumentError:
        shown = database
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]


def _keys(path: Path, database: str) -> tuple[str, str]:
    """(the key a head is kept under, the key earlier versions used): a SQLite file beside
    the head file is named by its file name alone, so moving the folder keeps its head; an
    office's database by its name on the server."""
    legacy = database_key(database)
    try:
        url = make_url(database)
    except ArgumentError:
        return legacy, legacy
    file = url.database
    if url.get_backend_name() == "postgresql" and file:
        # An office's head sits in its shared folder, and its PCs may spell the server
        # differently (a name, an address): the database's name is what they share.
        return hashlib.sha256(f"office-database:{file}".encode()).hexdigest()[:16], legacy
    if url.get_backend_name() != "sqlite" or not file or file == ":memory:" or url.query:
        return legacy, legacy
    if Path(file).resolve().parent != path.resolve().parent:
        return legacy, legacy
    local = hashlib.sha256(f"sqlite-in-data-folder:{Path(file).name}".encode()).hexdigest()
    return local[:16], legacy


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
