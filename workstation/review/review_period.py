"""When each case's review period began, and its deadline today.

The period starts when the version under review was submitted; a written re-review request
or a request to negotiate starts a new period (the office reviews again, under the same
rules). A resubmission starts one too: at the new version's submission, or at the
resubmission when that is later. One query serves a page of the case list;
`store.case_query.period_start` says the same in SQL for the list's filter and order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.review.workflow_rules import ACTIVE
from workstation.rules.deadlines import Deadline, deadline
from workstation.rules.rulepack import RulePack
from workstation.store import models
from workstation.store.case_query import PeriodWindow
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


# --- the due filter in SQL ------------------------------------------------------------------

_RANK = {"overdue": 0, "due_soon": 1, "ok": 2}
_SEARCH_BACK_DAYS = 4000  # a review begun this long ago is overdue under any pack


def due_window(
    pack: RulePack, now: datetime, due: str, extension_counts: Iterable[int]
) -> PeriodWindow:
    """Which review period starts make a pending case `due` ("overdue" or "due_soon") today,
    as cut-off instants per number of extensions, for the case list's SQL.

    The status only moves from overdue to due soon to ok as the start moves later (a later
    start never gives an earlier due date), so one boundary per status and extension count
    says it all; each is found by bisection with `deadline` itself, so the SQL filter and
    the deadline shown beside it cannot disagree.
    """
    if due not in ("overdue", "due_soon"):
        raise ValueError(f"unknown due filter {due!r}")
    bounds: dict[int, tuple[datetime | None, datetime | None]] = {}
    if pack.review is not None:
        today = now.astimezone(pack.timezone).date()
        for count in extension_counts:
            not_overdue = _first_start(pack, today, count, _RANK["due_soon"])
            ok = _first_start(pack, today, count, _RANK["ok"])
            bounds[count] = (None, not_overdue) if due == "overdue" else (not_overdue, ok)
    return PeriodWindow(ACTIVE, RESTARTS, bounds)


def _first_start(pack: RulePack, today: date, extensions: int, rank: int) -> datetime | None:
    """The local midnight of the first start date whose status ranks at least `rank`
    (None: every start does)."""

    def ranks(ordinal: int) -> bool:
        start = _midnight(pack, date.fromordinal(ordinal))
        status = deadline(start, pack, extensions=extensions, pending=True, today=today).status
        return _RANK[status] >= rank

    low = today.toordinal() - _SEARCH_BACK_DAYS
    high = today.toordinal() + _SEARCH_BACK_DAYS // 10
    if ranks(low):
        return None
    if not ranks(high):
        return _midnight(pack, date.fromordinal(high))
    while high - low > 1:  # ranks(low) is False, ranks(high) is True
        middle = (low + high) // 2
        if ranks(middle):
            high = middle
        else:
            low = middle
    return _midnight(pack, date.fromordinal(high))


def _midnight(pack: RulePack, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=pack.timezone)
