"""Who reviews a case: a division head assigns it (and reassigns it) to a reviewer.

The assignee is the case review's `reviewer_id`, the same field acceptance fills when the
case was not assigned: "mine" in the case list, the right to edit the checklist, and the
due-date notice at login all follow it. Each assignment is audited with the new and the
previous reviewer, so the state check can recompute the reviewer from the log.
"""

from __future__ import annotations

from sqlalchemy import select

from workstation.errors import IllegalActionError
from workstation.review.desk import Desk, recusal
from workstation.review.workflow_rules import STATES
from workstation.security.users import find_user
from workstation.store.review_models import User

# A case may change hands while it is being reviewed, not once the opinion is out.
ASSIGNABLE = frozenset({"submitted", "under_review", "re_review", "negotiation"})
REVIEWING_ROLES = frozenset({"reviewer", "division_head"})


class AssignmentService(Desk):
    """Assigning cases to reviewers."""

    def assign(self, reference: str, reviewer: str, login: str) -> str:
        """Give the case to `reviewer` (a login) as `login`, a division head; a sentence."""
        with self.unit(reference, login, "case.assign", "分配审核人员") as unit:
            state = unit.case.review_state
            if state not in ASSIGNABLE:
                raise IllegalActionError(
                    f"案件状态为“{STATES.get(state, state)}”，不能再分配审核人员"
                )
            person = find_user(unit.session, reviewer.strip())
            if person is None or not person.active:
                raise IllegalActionError(f"用户 {reviewer} 未登记或已停用，不能分配")
            if not REVIEWING_ROLES & set(person.roles):
                raise IllegalActionError(
                    f"{person.display_name}（{person.login}）不是审核人员，不能分配"
                )
            reason = recusal(person, unit.version)
            if reason:
                raise IllegalActionError(reason)
            previous = unit.review.reviewer
            if previous is not None and previous.id == person.id:
                return (
                    f"{unit.case.number} 已分配给 {person.display_name}（{person.login}），未作改动"
                )
            unit.review.reviewer_id = person.id
            unit.review.updated_at = unit.now
            unit.session.add(unit.review)
            unit.log(
                "review.assign", to=person.login, previous=previous.login if previous else None
            )
        before = f"，原由 {previous.display_name} 审核" if previous is not None else ""
        return f"已将 {unit.case.number} 分配给 {person.display_name}（{person.login}）审核{before}"

    def reviewers(self) -> list[User]:
        """Everyone a case may be assigned to, by name."""
        with self.db.session() as session:
            users = session.scalars(select(User).where(User.active).order_by(User.display_name))
            return [u for u in users if REVIEWING_ROLES & set(u.roles)]
