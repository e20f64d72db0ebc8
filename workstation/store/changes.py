"""What changed since a moment: the audit log as the office's change counter.

Every change anyone makes on any PC — an import, a transition, an assignment, an edit, a
signature — is an audit entry, numbered in one order for the whole office. A PC that
remembers the newest number it has seen asks for the entries after it: one indexed query,
the same on SQLite and PostgreSQL, cheap enough to ask every second.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.store.models import AuditEntry

MAX_ENTRIES = 500  # more at once: "much changed", reload everything


@dataclass(frozen=True)
class Changes:
    """The entries after `after` made by someone other than the asker."""

    head: int  # the newest entry number now (the next question's `after`)
    case_ids: frozenset[int]  # cases others changed
    by_others: bool  # anything at all by someone else (the case list may have moved)
    many: bool = False  # more than MAX_ENTRIES: treat every open case as changed


def changes_after(session: Session, after: int | None, login: str) -> Changes:
    """What others changed after entry `after` (None: nothing yet, just the head)."""
    if after is None:
        head = session.scalar(select(func.max(AuditEntry.seq)))
        return Changes(int(head or 0), frozenset(), False)
    rows = session.execute(
        select(AuditEntry.seq, AuditEntry.case_id, AuditEntry.actor)
        .where(AuditEntry.seq > after)
        .order_by(AuditEntry.seq)
        .limit(MAX_ENTRIES + 1)
    ).all()
    if not rows:
        return Changes(after, frozenset(), False)
    theirs = [r for r in rows if r.actor != login]
    return Changes(
        head=int(rows[-1].seq),
        case_ids=frozenset(int(r.case_id) for r in theirs if r.case_id is not None),
        by_others=bool(theirs),
        many=len(rows) > MAX_ENTRIES,
    )
