"""Reading a case's workflow: its state, its transitions, who answers for it, its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from workstation.review.desk import Desk
from workstation.review.review_hands import review_hands, reviewer_names
from workstation.review.review_period import case_deadlines
from workstation.rules.deadlines import Deadline
from workstation.security.users import find_user
from workstation.store import models
from workstation.store.review_models import Transition


@dataclass(frozen=True)
class Responsibility:
    """谁承办谁负责、谁审核谁负责、谁审批谁负责 (薛城区审核办法第十四条)."""

    handled: list[str]  # the handling unit and the clerks who submitted or disputed
    # Who accepted the version under review, then everyone else who changed its checklist
    # or outcome (review_hands.py): a head who edited answers for the review too.
    reviewers: list[str]
    approved: list[str]  # who signed the opinion; heads who decided in discussion

    @property
    def reviewed(self) -> str | None:
        """The reviewers as the chain prints them (张三、李四); None before anyone accepted."""
        return "、".join(self.reviewers) or None


class WorkflowReading(Desk):
    """What anyone with the right to read a case may ask about its review."""

    def state(self, reference: str, login: str) -> str:
        with self.reading(reference, login) as unit:
            return unit.case.review_state

    def history(self, reference: str, login: str) -> list[Transition]:
        with self.reading(reference, login) as unit:
            return list(
                unit.session.scalars(
                    select(Transition)
                    .where(Transition.case_id == unit.case.id)
                    .order_by(Transition.id)
                )
            )

    def responsibility(self, reference: str, login: str) -> Responsibility:
        with self.reading(reference, login) as unit:
            steps = unit.session.scalars(
                select(Transition).where(Transition.case_id == unit.case.id).order_by(Transition.id)
            ).all()

            def who(actions: tuple[str, ...]) -> list[str]:
                logins = dict.fromkeys(t.actor for t in steps if t.action in actions)
                return [_name(unit.session, login) for login in logins]

            importers = unit.session.scalars(
                select(models.ImportRecord.actor)
                .join(
                    models.CaseVersion, models.ImportRecord.case_version_id == models.CaseVersion.id
                )
                .where(models.CaseVersion.case_id == unit.case.id)
                .order_by(models.ImportRecord.id)
            )
            clerks = [
                user.display_name
                for login in dict.fromkeys(importers)
                if (user := find_user(unit.session, login)) and "clerk" in user.roles
            ]
            handled = [unit.version.unit or unit.version.agency_name]
            handled += list(
                dict.fromkeys(clerks + who(("resubmit", "request_re_review", "negotiate")))
            )
            hands = review_hands(unit.session, unit.case.id, unit.version.version)
            reviewers = reviewer_names(unit.session, hands.chain)
            if not reviewers:  # the version not accepted yet: who reviewed the case last
                reviewers = who(("accept",))[-1:]
            return Responsibility(handled, reviewers, who(("sign", "record_minutes")))

    def deadline(self, reference: str, login: str) -> Deadline:
        with self.reading(reference, login) as unit:
            return case_deadlines(unit.session, self.pack(), unit.now, [unit.case])[unit.case.id]


def _name(session: Any, login: str) -> str:
    """A user's name as the office writes it; the login when no such user (first-run set-up)."""
    user = find_user(session, login)
    return user.display_name if user else login
