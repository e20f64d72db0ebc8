"""The hash-chained audit log: each entry carries the hash of the one before it.

Changing, removing or reordering any entry breaks the chain from that point on, which
`verify_chain` reports. Entries are added inside the caller's transaction, so an action and
its audit entry are committed together or not at all.

A front end names where its actions come from (`recording_origin`): every entry it causes
then carries `details["origin"]` (the front end, the operating-system account and the
computer), inside the hash like the rest, so a login typed as `--user` is never the only
record of who acted.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.store.models import AuditEntry

GENESIS_HASH = "0" * 64
HEAD_KEY = "audit_head"  # session.info: the newest entry this session appended
FIRST_KEY = "audit_first"  # session.info: the first entry this session appended (its seq)
ORIGIN_KEY = "origin"  # details: where the entry's action came from

# Process-wide, not a context variable: the desktop's worker threads append entries too.
_origin: dict[str, str] | None = None


def origin_of(front_end: str, **more: str) -> dict[str, str]:
    """Where this process acts from: `front_end` ("cli", "desktop"), the operating-system
    account running it and the computer's name, with `more` (how the user was proven)."""
    account, host = _this_account_and_host()
    return {"via": front_end, "os_account": account, "host": host, **more}


@contextmanager
def recording_origin(origin: dict[str, str]) -> Iterator[None]:
    """Every entry appended meanwhile (on any thread) carries `origin` in its details."""
    global _origin
    before, _origin = _origin, dict(origin)
    try:
        yield
    finally:
        _origin = before


def this_host() -> str:
    """This PC's name, as audit entries record it."""
    return _this_account_and_host()[1]


@cache
def _this_account_and_host() -> tuple[str, str]:
    # gethostname() asks the OS, not the network.
    return _os_account(), socket.gethostname()


def _os_account() -> str:
    # From the process's user id where there is one: $USER and $LOGNAME are the caller's
    # to set, so getpass.getuser() would believe a caller who names someone else.
    if hasattr(os, "getuid"):
        import pwd

        try:
            return pwd.getpwuid(os.getuid()).pw_name
        except KeyError:  # an id without an account entry (containers)
            return f"uid {os.getuid()}"
    try:
        return os.getlogin()  # Windows: GetUserNameW, not %USERNAME%
    except OSError:
        return getpass.getuser()


def append(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    case_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry after the current last one (with the front end's origin, if one is
    being recorded)."""
    last = last_entry(session)
    recorded = dict(details or {})
    if _origin is not None:
        recorded[ORIGIN_KEY] = dict(_origin)
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=at,
        actor=actor,
        action=action,
        case_id=case_id,
        details=recorded,
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()  # a concurrent writer with the same seq fails here, not silently later
    session.info[HEAD_KEY] = (entry.seq, entry.hash)  # for the anchor, once committed
    session.info.setdefault(FIRST_KEY, entry.seq)  # 1: this session starts the chain
    return entry


def last_entry(session: Session) -> AuditEntry | None:
    return session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()


def vouched_entry_problem(session: Session, seq: int, digest: str, who: str) -> str | None:
    """Why entry `seq` no longer has the hash `digest` that `who` (a signature, a
    checkpoint) vouched for — deleted, or its chain recomputed after an edit — or None."""
    entry = session.scalar(select(AuditEntry).where(AuditEntry.seq == seq))
    if entry is None:
        return f"{who}确认的第 {seq} 条审计记录已不存在（审计记录被删改）"
    if entry.hash != digest:
        return (
            f"{who}确认的第 {seq} 条审计记录的哈希已变（签署时 {digest[:16]}…，"
            f"现为 {entry.hash[:16]}…）：此前的审计记录被改写后重算过哈希"
        )
    return None


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 of an entry's canonical JSON form, previous hash included."""
    body = {
        "seq": entry.seq,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor,
        "action": entry.action,
        "case_id": entry.case_id,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the whole chain."""

    entries: int
    first_broken_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(session: Session, head: tuple[int, str] | None = None) -> ChainReport:
    """Recompute every hash in order and report the first entry that does not fit.

    `head` is the (seq, hash) of an entry known to have been committed (the anchor kept
    outside the database): the chain must still reach it, with that hash, or its newest
    entries were removed."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            return ChainReport(count, entry.seq, f"第 {expected_seq} 条记录缺失")
        if entry.prev_hash != expected_prev:
            return ChainReport(count, entry.seq, f"第 {entry.seq} 条记录的前序哈希与链不符")
        if entry_hash(entry) != entry.hash:
            return ChainReport(count, entry.seq, f"第 {entry.seq} 条记录的内容已被改动")
        if head is not None and entry.seq == head[0] and entry.hash != head[1]:
            return ChainReport(count, entry.seq, f"第 {entry.seq} 条记录与保存在库外的末条哈希不符")
        expected_prev = entry.hash
        expected_seq += 1
    if head is not None and count < head[0]:
        return ChainReport(
            count, count + 1, f"第 {count + 1}–{head[0]} 条记录缺失（审计记录末尾被删除）"
        )
    return ChainReport(count)
