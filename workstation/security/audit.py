"""The hash-chained audit log: each entry carries the hash of the one before it.

Changing, removing or reordering any entry breaks the chain from that point on, which
`verify_chain` reports. Entries are added inside the caller's transaction, so an action and
its audit entry are committed together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.store.models import AuditEntry

GENESIS_HASH = "0" * 64
HEAD_KEY = "audit_head"  # session.info: the newest entry this session appended


def append(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    case_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry after the current last one."""
    last = last_entry(session)
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=at,
        actor=actor,
        action=action,
        case_id=case_id,
        details=details or {},
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()  # a concurrent writer with the same seq fails here, not silently later
    session.info[HEAD_KEY] = (entry.seq, entry.hash)  # for the anchor, once committed
    return entry


def last_entry(session: Session) -> AuditEntry | None:
    return session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()


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
