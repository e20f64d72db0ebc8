"""No lost update between colleagues: an edit made on top of what someone else has since
changed is refused, naming who changed it and when.

Each editor says which change it last saw (`seen`: the audit sequence number of the newest
change it displayed). The audit log already holds every change with its author and time,
in one order shared by all PCs, so it is the version: an edit is refused when the newest
change of the same thing (a checklist section, the outcome, the opinion's wording) is
newer than `seen` and was made by someone else. The same person's own later changes (a
second edit queued before the first came back) never block them. `seen=None` edits
unconditionally (scripts, the command line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.store.models import AuditEntry
from workstation.store.review_models import User
from workstation.timefmt import format_minute

if TYPE_CHECKING:
    from workstation.review.desk import Unit

SECTION_CHANGES = ("review.comment", "review.verdict")
OUTCOME_CHANGES = ("review.outcome",)
OPINION_TEXT_CHANGES = ("opinion.text",)


def refuse_stale(
    unit: Unit, actions: Sequence[str], seen: int | None, what: str, section: str | None = None
) -> None:
    """`refuse_if_changed_since` for the case and actor of a service's unit of work."""
    refuse_if_changed_since(
        unit.session, case_id=unit.case.id, actions=actions, seen=seen,
        login=unit.actor.login, what=what, section=section,
    )  # fmt: skip


class StaleEditError(IllegalActionError):
    """Someone else changed it after this editor last read it; nothing was saved."""


def newest_by_section(session: Session, case_id: int) -> dict[str, int]:
    """Each checklist section's newest change: section → audit sequence number."""
    section = AuditEntry.details["section"].as_string()
    rows = session.execute(
        select(section, func.max(AuditEntry.seq))
        .where(AuditEntry.case_id == case_id, AuditEntry.action.in_(SECTION_CHANGES))
        .group_by(section)
    ).all()
    return {str(name): int(seq) for name, seq in rows if name is not None}


def newest(session: Session, case_id: int, actions: Sequence[str]) -> int:
    """The newest change among `actions` of the case (0: none yet)."""
    found = session.scalar(
        select(func.max(AuditEntry.seq)).where(
            AuditEntry.case_id == case_id, AuditEntry.action.in_(actions)
        )
    )
    return int(found or 0)


def refuse_if_changed_since(
    session: Session,
    *,
    case_id: int,
    actions: Sequence[str],
    seen: int | None,
    login: str,
    what: str,
    section: str | None = None,
) -> None:
    """Raise StaleEditError if someone other than `login` changed `what` after `seen`."""
    if seen is None:
        return
    query = select(AuditEntry).where(
        AuditEntry.case_id == case_id,
        AuditEntry.action.in_(actions),
        AuditEntry.seq > seen,
        AuditEntry.actor != login,
    )
    if section is not None:
        query = query.where(AuditEntry.details["section"].as_string() == section)
    other = session.scalars(query.order_by(AuditEntry.seq.desc()).limit(1)).first()
    if other is None:
        return
    name = session.scalar(select(User.display_name).where(User.login == other.actor))
    who = f"{name}（{other.actor}）" if name else other.actor
    raise StaleEditError(
        f"{what}已由{who}于 {format_minute(other.at)} 修改，你的修改未保存；"
        "已显示最新内容，请在此基础上重新修改"
    )
