"""What the case list asks for and what each of its rows shows: plain values, so a front end
can hold them before the database layer has loaded (review/case_listing.py fills them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

DUE_FILTERS = ("all", "overdue", "due_soon")


@dataclass(frozen=True)
class CaseQuery:
    """What the user asked the list for; the service adds who is asking."""

    states: frozenset[str] = frozenset()  # empty: every state
    due: str = "all"  # all, overdue, due_soon
    action_type: str | None = None
    mine: bool = False  # only cases the user reviews
    search: str = ""
    sort: str = "newest"  # one of store.case_query.SORT_KEYS
    descending: bool = False


@dataclass(frozen=True)
class CaseListRow:
    """One row of the case list, ready to show."""

    case_id: int
    number: str
    title: str
    party: str
    action_type: str
    major: bool | None  # SCOPE-01/02 under the office pack; None if the engine could not tell
    review_state: str
    reviewer: str
    submitted_at: datetime
    exercise: bool
    due_on: date | None = None
    due_status: str = ""  # ok, due_soon, overdue, done; "" when the pack sets no deadline
    days_left: int | None = None  # in the pack's day kind; negative when overdue
    approximate: bool = False  # the due date reaches past the pack's calendar
    version: int | None = None  # the latest version (第 N 版); None in the start-up rows
    reviewed_version: int | None = None  # the version under review, when there is a review

    @property
    def short_id(self) -> str:
        """The reference every service accepts (C17)."""
        return f"C{self.case_id}"
