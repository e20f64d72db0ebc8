"""The review deadline: from submission under the pack's `review` block, plus extensions, and
whether it is due soon or overdue on a given day (the clock is the caller's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workstation.rules.calendar import DayCounter, Period, World
from workstation.rules.engine import review_due
from workstation.rules.rulepack.model import RulePack

STATUS_LABELS = {"ok": "", "due_soon": "即将到期", "overdue": "已超期", "done": ""}


@dataclass(frozen=True)
class Deadline:
    due_on: date | None
    approximate: bool
    status: str  # ok, due_soon, overdue, done (no longer pending)
    days_left: int | None  # in the pack's day kind; negative when overdue


def deadline(
    submitted_at: datetime, pack: RulePack, *, extensions: int, pending: bool, today: date
) -> Deadline:
    """The due date with `extensions` granted, and its status on `today`."""
    due, approximate = review_due(submitted_at, pack)
    rules = pack.review
    if due is None or rules is None:
        return Deadline(None, False, "ok", None)
    counter = DayCounter(pack)
    working = rules.day_kind == "working"
    for _ in range(extensions):
        extended = Period(counter, due, rules.extension_days, working=working, roll=True)
        due = extended.last(World.ESTIMATE) or due
        approximate = approximate or extended.last(World.EARLIEST) != extended.last(World.LATEST)
    if not pending:
        return Deadline(due, approximate, "done", None)
    left = _days_between(counter, today, due, working)
    if left < 0:
        status = "overdue"
    elif left <= rules.due_soon_days:
        status = "due_soon"
    else:
        status = "ok"
    return Deadline(due, approximate, status, left)


def _days_between(counter: DayCounter, today: date, due: date, working: bool) -> int:
    """Days from today to the due date (working days when the deadline counts them)."""
    if not working:
        return (due - today).days
    step = 1 if due >= today else -1
    count, day = 0, today
    while day != due:
        day = date.fromordinal(day.toordinal() + step)
        if not counter.is_rest_day(day):
            count += step
    return count
