"""The case list a front end shows: counted, filtered, searched and sorted in SQL, fetched a
page at a time, with the review deadline and the engine's "major or not" worked out only for
the rows fetched.
"""

from __future__ import annotations

import heapq
import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.casefile.model import Agency, CaseManifest, Event, FileFacts, Party
from workstation.review.case_rows import DUE_FILTERS, CaseListRow, CaseQuery
from workstation.review.review_period import RESTARTS, due_window
from workstation.review.workflow_rules import ACTIVE
from workstation.rules.checks import scope
from workstation.rules.context import CheckContext
from workstation.rules.deadlines import Deadline, deadline
from workstation.rules.rulepack import RulePack
from workstation.store import models
from workstation.store.case_query import (
    SORT_KEYS,
    STATE_ORDER,
    CaseFilter,
    CaseRow,
    PeriodWindow,
    case_page,
    count_cases,
    extension_counts,
    pending_page,
)
from workstation.store.db import Database

log = logging.getLogger(__name__)

T = TypeVar("T")


class CaseListing:
    """One opening of the case list: how many cases match, and their rows page by page.

    The clock is read once when the listing opens, so every page agrees on "today".
    """

    def __init__(
        self, db: Database, pack: RulePack, now: datetime, wanted: CaseFilter, query: CaseQuery
    ) -> None:
        if query.sort not in SORT_KEYS:
            raise ValueError(f"unknown case list order {query.sort!r}")
        if query.due not in DUE_FILTERS:
            raise ValueError(f"unknown due filter {query.due!r}")
        self._db, self._pack, self._now, self._query = db, pack, now, query
        with db.session() as session:
            # Only the due filter and the deadline order need these (a walk over the cases).
            by_deadline = query.due != "all" or query.sort == "deadline"
            counts = extension_counts(session, ACTIVE) if by_deadline else []
            window = None if query.due == "all" else due_window(pack, now, query.due, counts)
            self._filter = replace(wanted, window=window)
            self.total = count_cases(session, self._filter)
            self._counts = counts
        self._fetched = 0
        self._ended = False
        self._today = now.astimezone(pack.timezone).date()
        self._deadlines: dict[tuple[tuple[date, int], bool], Deadline] = {}
        self._rows = self._deadline_order() if query.sort == "deadline" else self._sql_order()

    @property
    def day_kind(self) -> str | None:
        """What the days left count, "working" or "calendar"; None without a deadline."""
        return self._pack.review.day_kind if self._pack.review else None

    @property
    def due_soon_days(self) -> int:
        """Days left at which the pack calls a deadline due soon."""
        return self._pack.review.due_soon_days if self._pack.review else 0

    @property
    def fetched(self) -> int:
        """Rows handed out so far."""
        return self._fetched

    @property
    def exhausted(self) -> bool:
        """Whether every matching row was handed out (or the cases changed meanwhile and
        the rows ran out before the count)."""
        return self._ended or self._fetched >= self.total

    def fetch(self, limit: int) -> list[CaseListRow]:
        """The next `limit` rows (fewer at the end)."""
        rows = list(itertools.islice(self._rows, limit))
        self._fetched += len(rows)
        self._ended = len(rows) < limit
        return self._complete(rows)

    # --- order --------------------------------------------------------------------------

    def _sql_order(self) -> Iterator[CaseRow]:
        query = self._query
        return _paged(
            lambda session, offset, limit: case_page(
                session,
                self._filter,
                restart_actions=RESTARTS,
                sort=query.sort,
                descending=query.descending,
                offset=offset,
                limit=limit,
            ),
            self._db,
        )

    def _deadline_order(self) -> Iterator[CaseRow]:
        """Pending cases by due date, then the closed ones (no deadline) newest first.

        SQL orders each group of cases with the same number of extensions by period start,
        which orders it by due date too; the groups are merged here, page by page.
        """
        window = PeriodWindow(ACTIVE, RESTARTS, {})
        descending = self._query.descending
        streams = [
            self._pending_stream(window, count, descending=descending) for count in self._counts
        ]
        pending = (row for _, row in heapq.merge(*streams, reverse=descending))
        closed_states = frozenset(self._filter.states or STATE_ORDER) - ACTIVE
        if not closed_states:
            return pending
        closed = replace(self._filter, states=closed_states)
        rest = _paged(
            lambda s, o, n: case_page(s, closed, restart_actions=RESTARTS, offset=o, limit=n),
            self._db,
        )
        return itertools.chain(pending, rest)

    def _pending_stream(
        self, window: PeriodWindow, count: int, *, descending: bool
    ) -> Iterator[tuple[tuple[date, datetime, int], CaseRow]]:
        pages = _paged(
            lambda session, offset, limit: pending_page(
                session,
                self._filter,
                window,
                count,
                descending=descending,
                offset=offset,
                limit=limit,
            ),
            self._db,
        )
        for row in pages:
            due = self._deadline(row.period_start, count, pending=True).due_on
            yield (due or date.max, row.period_start, row.case_id), row

    # --- what SQL cannot say -------------------------------------------------------------

    def _deadline(self, start: datetime, extensions: int, *, pending: bool) -> Deadline:
        """`deadline` (the workflow's own rule) for one period start; the due date depends on
        the start's local day only, so one computation serves every case begun that day."""
        key = (start.astimezone(self._pack.timezone).date(), extensions)
        known = self._deadlines.get((key, pending))
        if known is None:
            known = deadline(
                start, self._pack, extensions=extensions, pending=pending, today=self._today
            )
            self._deadlines[(key, pending)] = known
        return known

    def _complete(self, rows: list[CaseRow]) -> list[CaseListRow]:
        """Deadlines and "major" for these rows only."""
        if not rows:
            return []
        with self._db.session() as session:
            major = major_decisions(session, self._pack, [r.version_id for r in rows])
        has_deadline = self._pack.review is not None
        completed = []
        for r in rows:
            due = self._deadline(r.period_start, r.extensions, pending=r.review_state in ACTIVE)
            completed.append(
                CaseListRow(
                    case_id=r.case_id,
                    number=r.number,
                    title=r.title,
                    party=r.party,
                    action_type=r.action_type,
                    major=major.get(r.version_id),
                    review_state=r.review_state,
                    reviewer=r.reviewer,
                    submitted_at=r.submitted_at,
                    exercise=r.exercise,
                    due_on=due.due_on,
                    due_status=due.status if has_deadline else "",
                    days_left=due.days_left,
                    approximate=due.approximate,
                    version=r.version,
                    reviewed_version=r.reviewed_version,
                )
            )
        return completed


def _paged(
    fetch: Callable[[Session, int, int], list[T]], db: Database, page: int = 200
) -> Iterator[T]:
    """Rows from `fetch(session, offset, limit)` one page at a time, each page in its own
    short read session, so nothing stays open between two fetches of the view."""
    offset = 0
    while True:
        with db.session() as session:
            rows = fetch(session, offset, page)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def major_decisions(
    session: Session, pack: RulePack, version_ids: Sequence[int]
) -> dict[int, bool | None]:
    """Whether each version's decision is major under `pack` (SCOPE-01/02), by version id.

    The engine's own `scope.assess` decides, on the parts of the case it looks at (kind of
    action, procedure, flags, measures, parties, events), read with three plain queries
    instead of whole ORM cases: a page of the list costs milliseconds, not a tenth of a second.
    """
    versions = {
        row.id: row
        for row in session.execute(
            select(
                models.CaseVersion.id,
                models.CaseVersion.case_id,
                models.CaseVersion.title,
                models.CaseVersion.agency_name,
                models.CaseVersion.action_type,
                models.CaseVersion.procedure,
                models.CaseVersion.flags,
                models.CaseVersion.proposed_decision,
                models.CaseVersion.submitted_at,
            ).where(models.CaseVersion.id.in_(version_ids))
        )
    }
    parties: dict[int, list[Party]] = {v: [] for v in versions}
    for p in session.execute(
        select(
            models.Party.version_id, models.Party.kind, models.Party.name, models.Party.id_number
        )
        .where(models.Party.version_id.in_(versions))
        .order_by(models.Party.version_id, models.Party.position)
    ):
        parties[p.version_id].append(Party(p.kind, p.name, p.id_number))
    events: dict[int, list[Event]] = {v: [] for v in versions}
    for e in session.execute(
        select(models.Event.version_id, models.Event.key, models.Event.type, models.Event.at)
        .where(models.Event.version_id.in_(versions))
        .order_by(models.Event.version_id, models.Event.position)
    ):
        events[e.version_id].append(Event(e.key, e.type, e.at))
    result: dict[int, bool | None] = {}
    for version_id, v in versions.items():
        case = CaseManifest(
            number="",
            title=v.title,
            agency=Agency(v.agency_name),
            action_type=v.action_type,
            submitted_at=v.submitted_at,
            parties=tuple(parties[version_id]),
            officers=(),
            proposed_decision=dict(v.proposed_decision),
            procedure=v.procedure,
            flags=tuple(v.flags),
            events=tuple(events[version_id]),
        )
        try:
            result[version_id] = scope.assess(CheckContext(case, pack, FileFacts())).major
        except (KeyError, TypeError, ValueError):
            # A case the engine cannot read shows "unknown" here; its check says why.
            log.warning("cannot tell whether case C%s is major", v.case_id, exc_info=True)
            result[version_id] = None
    return result
