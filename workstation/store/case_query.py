"""The case list as SQL: filters, search, sorting, counting and pages, so that the cost of a
page follows the rows asked for, not the cases stored.

Each case shows its latest version (and the version under review, when that is an older
one). The review period's start (for the due filter and the
deadline order) is computed here in SQL from the restart actions the review layer names; the
review layer turns its deadline rules into plain cut-off instants (`PeriodWindow`), so this
module knows no rule pack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from workstation.labels import ACTION_TYPES
from workstation.store import models
from workstation.store.review_models import CaseReview, Transition, User
from workstation.store.types import UTCDateTime

# The orders a user can ask for; "newest" (newest import first) walks the primary key, so
# the first page costs the same with a thousand cases as with fifty thousand.
SORT_KEYS = (
    "newest",
    "number",
    "version",
    "title",
    "party",
    "action_type",
    "state",
    "reviewer",
    "deadline",
)

# The workflow's order of states, for sorting by state the way people read the list.
STATE_ORDER = (
    "submitted",
    "under_review",
    "re_review",
    "negotiation",
    "collective_discussion",
    "opinion_issued",
    "returned",
    "rejected",
    "approved",
)


@dataclass(frozen=True)
class PeriodWindow:
    """Pending cases whose review period began inside [after, before) for their number of
    extensions (None: unbounded); extension counts missing from `bounds` match nothing."""

    pending_states: frozenset[str]
    restart_actions: tuple[str, ...]
    bounds: Mapping[int, tuple[datetime | None, datetime | None]]


@dataclass(frozen=True)
class CaseFilter:
    """What the list is narrowed to; every field empty means every case."""

    states: frozenset[str] = frozenset()
    action_type: str | None = None
    reviewer_id: int | None = None  # "mine": cases this user reviews
    exercise_only: bool = False  # trainees see exercises only (decided by the service)
    search: str = ""  # words, each found in the number, title or a party's name
    window: PeriodWindow | None = None  # the due filter, from the review layer


@dataclass(frozen=True)
class CaseRow:
    """One case as the list shows it, before deadlines and the engine's view are added."""

    case_id: int
    number: str
    title: str
    party: str
    action_type: str
    review_state: str
    reviewer: str
    submitted_at: datetime
    version_id: int  # the latest version
    exercise: bool
    period_start: datetime  # when the review period began (see `period_start`)
    extensions: int
    version: int = 1  # the latest version's number (第 N 版)
    reviewed_version: int | None = None  # the version under review; None before a review

    @property
    def short_id(self) -> str:
        return f"C{self.case_id}"


@dataclass
class _Parts:
    """The aliased tables and expressions one statement uses."""

    latest: Any = field(default_factory=lambda: aliased(models.CaseVersion, name="latest"))
    review: Any = field(default_factory=lambda: aliased(CaseReview, name="review"))
    reviewer: Any = field(default_factory=lambda: aliased(User, name="reviewer"))

    def latest_join(self) -> ColumnElement[bool]:
        # By the newest version's id, found through the (case_id, version) index: on
        # PostgreSQL a join on `version = max(version)` was planned as a hash join over every
        # case before the first page could be cut (12x SQLite's time at 50,000 cases).
        newest = (
            select(models.CaseVersion.id)
            .where(models.CaseVersion.case_id == models.Case.id)
            .order_by(models.CaseVersion.version.desc())
            .limit(1)
            .correlate(models.Case)
            .scalar_subquery()
        )
        return self.latest.id == newest

    def first_party(self) -> Any:
        party = aliased(models.Party)
        return (
            select(party.name)
            .where(party.version_id == self.latest.id)
            .order_by(party.position)
            .limit(1)
            .correlate(self.latest)
            .scalar_subquery()
        )


def count_cases(session: Session, wanted: CaseFilter) -> int:
    """How many cases the filter lets through."""
    parts = _Parts()
    statement = _filtered(select(func.count(models.Case.id)), parts, wanted, rows=False)
    return int(session.scalar(statement) or 0)


def case_page(
    session: Session,
    wanted: CaseFilter,
    *,
    restart_actions: Sequence[str],
    sort: str = "newest",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[CaseRow]:
    """One page of the list in the order asked for (the deadline order is `pending_page`'s)."""
    if sort not in SORT_KEYS or sort == "deadline":
        raise ValueError(f"unknown case list order {sort!r}")
    parts = _Parts()
    statement = _filtered(_row_select(parts, restart_actions), parts, wanted)
    key = _sort_key(sort, parts)
    if sort == "newest":
        order = [models.Case.id.desc() if not descending else models.Case.id.asc()]
    else:
        order = [key.desc() if descending else key.asc(), models.Case.id.desc()]
    rows = session.execute(statement.order_by(*order).offset(offset).limit(limit))
    return [_row(r) for r in rows]


def extension_counts(session: Session, pending_states: frozenset[str]) -> list[int]:
    """The distinct numbers of extensions among pending cases (0 for cases never accepted)."""
    review = aliased(CaseReview)
    statement = (
        select(func.coalesce(review.extensions, 0))
        .select_from(models.Case)
        .outerjoin(review, review.case_id == models.Case.id)
        .where(models.Case.review_state.in_(pending_states))
        .distinct()
    )
    return sorted(int(n) for n in session.scalars(statement))


def pending_page(
    session: Session,
    wanted: CaseFilter,
    window: PeriodWindow,
    extensions: int,
    *,
    descending: bool,
    offset: int,
    limit: int,
) -> list[CaseRow]:
    """Pending cases with `extensions` extensions, by review period start: with the same
    number of extensions, a later start never gives an earlier deadline."""
    parts = _Parts()
    start = period_start(parts, window.restart_actions)
    statement = _filtered(_row_select(parts, window.restart_actions), parts, wanted).where(
        models.Case.review_state.in_(window.pending_states),
        func.coalesce(parts.review.extensions, 0) == extensions,
    )
    order = (start.desc(), models.Case.id.desc()) if descending else (start, models.Case.id)
    rows = session.execute(statement.order_by(*order).offset(offset).limit(limit))
    return [_row(r) for r in rows]


def period_start(parts: _Parts, restart_actions: Sequence[str]) -> ColumnElement[datetime]:
    """When the review period of the case began: the submission of the version under review
    (the latest before a review exists); a later re-review or negotiation request restarts it;
    a resubmission restarts it at the later of the new submission and the resubmission."""
    reviewed = aliased(models.CaseVersion)
    reviewed_at = (
        select(reviewed.submitted_at)
        .where(reviewed.id == parts.review.version_id)
        .correlate(parts.review)
        .scalar_subquery()
    )
    submitted = func.coalesce(reviewed_at, parts.latest.submitted_at)

    def last(column: Any) -> Any:
        return (
            select(column)
            .where(Transition.case_id == models.Case.id, Transition.action.in_(restart_actions))
            .order_by(Transition.id.desc())
            .limit(1)
            .correlate(models.Case)
            .scalar_subquery()
        )

    action, at = last(Transition.action), last(Transition.at)
    start = case(
        (action.is_(None), submitted),
        (action != "resubmit", at),
        (at > submitted, at),
        else_=submitted,
    )
    return type_coerce(start, UTCDateTime).label("period_start")


def _reviewed_version(parts: _Parts) -> Any:
    """The number of the version under review (None before the case has a review row)."""
    reviewed = aliased(models.CaseVersion)
    return (
        select(reviewed.version)
        .where(reviewed.id == parts.review.version_id)
        .correlate(parts.review)
        .scalar_subquery()
    )


def _row_select(parts: _Parts, restart_actions: Sequence[str]) -> Select[Any]:
    return select(
        models.Case.id,
        models.Case.number,
        parts.latest.title,
        parts.first_party(),
        parts.latest.action_type,
        models.Case.review_state,
        func.coalesce(parts.reviewer.display_name, ""),
        parts.latest.submitted_at,
        parts.latest.id,
        parts.latest.exercise_sha256.is_not(None),
        period_start(parts, restart_actions),
        func.coalesce(parts.review.extensions, 0),
        parts.latest.version,
        _reviewed_version(parts),
    )


def _row(r: Any) -> CaseRow:
    return CaseRow(
        case_id=r[0],
        number=r[1],
        title=r[2],
        party=r[3] or "",
        action_type=r[4],
        review_state=r[5],
        reviewer=r[6],
        submitted_at=r[7],
        version_id=r[8],
        exercise=bool(r[9]),
        period_start=r[10],
        extensions=int(r[11]),
        version=int(r[12]),
        reviewed_version=r[13],
    )


def _filtered(
    statement: Select[Any], parts: _Parts, wanted: CaseFilter, *, rows: bool = True
) -> Select[Any]:
    """The joins and conditions of `wanted`; when only counting, the version, review and
    reviewer are joined only if a condition needs them, so counting every case stays a walk
    over one index."""
    needs_version = rows or bool(
        wanted.action_type or wanted.exercise_only or wanted.search.strip() or wanted.window
    )
    statement = statement.select_from(models.Case)
    if needs_version:
        statement = statement.join(parts.latest, parts.latest_join())
    if needs_version or wanted.reviewer_id is not None:
        statement = statement.outerjoin(parts.review, parts.review.case_id == models.Case.id)
        statement = statement.outerjoin(
            parts.reviewer, parts.reviewer.id == parts.review.reviewer_id
        )
    conditions: list[ColumnElement[bool]] = []
    if wanted.states:
        conditions.append(models.Case.review_state.in_(sorted(wanted.states)))
    if wanted.action_type:
        conditions.append(parts.latest.action_type == wanted.action_type)
    if wanted.reviewer_id is not None:
        conditions.append(parts.review.reviewer_id == wanted.reviewer_id)
    if wanted.exercise_only:
        conditions.append(parts.latest.exercise_sha256.is_not(None))
    for word in wanted.search.split():
        conditions.append(_found(parts, word))
    if wanted.window is not None:
        conditions.append(_in_window(parts, wanted.window))
    return statement.where(*conditions)


def _found(parts: _Parts, word: str) -> ColumnElement[bool]:
    # LIKE, not FTS: SQLite's trigram tokenizer finds nothing for the two-character words
    # Chinese searches are made of (案由 "超市", a surname).
    party = aliased(models.Party)
    in_party = exists(
        select(literal(1)).where(
            party.version_id == parts.latest.id, party.name.contains(word, autoescape=True)
        )
    ).correlate(parts.latest)
    return or_(
        models.Case.number.contains(word, autoescape=True),
        parts.latest.title.contains(word, autoescape=True),
        in_party,
    )


def _in_window(parts: _Parts, window: PeriodWindow) -> ColumnElement[bool]:
    start = period_start(parts, window.restart_actions)
    extensions = func.coalesce(parts.review.extensions, 0)
    per_count: list[ColumnElement[bool]] = []
    for count, (after, before) in sorted(window.bounds.items()):
        bounded: list[ColumnElement[bool]] = [extensions == count]
        if after is not None:
            bounded.append(start >= after)
        if before is not None:
            bounded.append(start < before)
        per_count.append(and_(*bounded))
    return and_(
        models.Case.review_state.in_(sorted(window.pending_states)),
        or_(*per_count) if per_count else literal(False),
    )


def _sort_key(sort: str, parts: _Parts) -> Any:
    if sort == "number":
        return models.Case.number
    if sort == "version":
        return parts.latest.version
    if sort == "title":
        return parts.latest.title
    if sort == "party":
        return parts.first_party()
    if sort == "action_type":
        return case(
            {code: rank for rank, code in enumerate(ACTION_TYPES)},
            value=parts.latest.action_type,
            else_=len(ACTION_TYPES),
        )
    if sort == "state":
        return case(
            {state: rank for rank, state in enumerate(STATE_ORDER)},
            value=models.Case.review_state,
            else_=len(STATE_ORDER),
        )
    if sort == "reviewer":
        return func.coalesce(parts.reviewer.display_name, "")
    return models.Case.id
