"""When each case's review period began, and its deadline today.

The period starts when the version under review was submitted; a written re-review request
or a request to negotiate starts a new period (the office reviews again, under the same
rules). A resubmission starts one too: at the new version's submission, or at the
resubmission when that is later. One query serves the whole
case list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.review.deadlines import Deadline, deadline
from workstation.review.rulepack import RulePack
from workstation.review.workflow import ACTIVE
from workstation.store import models
from workstation.store.review_models import CaseReview, Transition

RESTARTS = ("resubmit", "request_re_review", "negotiate")


def case_deadlines(
    session: Session, pack: RulePack, now: datetime, cases: Iterable[models.Case]
) -> dict[int, Deadline]:
    """The review deadline of each case, by case id."""
    cases = list(cases)
    ids = [c.id for c in cases]
    reviews = {
        r.case_id: r for r in session.scalars(select(CaseReview).where(CaseReview.case_id.in_(ids)))
    }
    last_restart: dict[int, Transition] = {}
    for step in session.scalars(
        select(Transition)
        .where(Transition.case_id.in_(ids), Transition.action.in_(RESTARTS))
        .order_by(Transition.id)
    ):
        last_restart[step.case_id] = step
    today = now.astimezone(pack.timezone).date()
    result = {}
    for case in cases:
        review = reviews.get(case.id)
        version = _under_review(case, review)
        start = version.submitted_at
        restart = last_restart.get(case.id)
        if restart is not None and restart.action != "resubmit":
            start = restart.at
        elif restart is not None:
            # Resubmitted: from the new submission, or from the resubmission itself when the
            # materials came back unchanged (or the bundle kept its first date).
            start = max(start, restart.at)
        result[case.id] = deadline(
            start,
            pack,
            extensions=review.extensions if review else 0,
            pending=case.review_state in ACTIVE,
            today=today,
        )
    return result


def _under_review(case: models.Case, review: CaseReview | None) -> models.CaseVersion:
    if review is None:
        return case.latest
    return next(v for v in case.versions if v.id == review.version_id)
