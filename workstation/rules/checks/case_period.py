"""TIME-02's case period (PPL Art. 60; review-rules.md, the TIME-02 row).

The pack's period for the case's domain (else its default), in calendar days after filing,
rolled like every deadline the agency must meet, lengthened by the days of the suspensions
it counts; and the gross period past which an overrun is an error. Which suspensions count
depends on the unlengthened last day, which may itself depend on days the calendar does not
cover: everything is therefore asked per world.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from workstation.casefile.model import Event
from workstation.rules.calendar import World
from workstation.rules.context import CheckContext

# A period reaching this close to the end of the calendar type is one that never ends: the
# rolling loop and the date arithmetic must never overflow on an absurd pack value.
_MARGIN_DAYS = 40_000


def period_days(ctx: CheckContext) -> tuple[int | None, str | None]:
    """The unlengthened days, and the domain whose own period they are (None: the default)."""
    domain = ctx.case.domain
    by_domain = ctx.pack.case_deadline_days_by_domain
    if domain is not None and domain in by_domain:
        return by_domain[domain], domain
    return ctx.pack.case_deadline_days, None


def gross_days(factor: float | None, days: int) -> int | None:
    """factor × days, rounded up: the gross period ends with the day its fraction falls in
    (rounded first, so 1.1 × 100 is 110, not 111 through binary fractions)."""
    product = None if factor is None else factor * days
    if product is None or not math.isfinite(product):
        return None  # no factor, or one so large the gross period never ends
    return math.ceil(round(product, 6))


@dataclass(frozen=True)
class Suspended:
    """The suspensions a period counts and their days, overlaps counted once."""

    days: int
    events: tuple[Event, ...]


class CasePeriod:
    """The case deadline after `filed_on` and its gross period, in every world."""

    def __init__(self, ctx: CheckContext, filed_on: date, days: int, factor: float | None) -> None:
        self.ctx, self.filed_on, self.days = ctx, filed_on, days
        self.gross_days = gross_days(factor, days)

    def suspended(self, world: World) -> Suspended:
        """Suspensions with an `until`, dated on or before the unlengthened last day."""
        base_last = self._end(self.days, world)
        counted = tuple(
            e
            for e in self.ctx.events("suspension")
            if e.until is not None and (base_last is None or self.ctx.date_of(e.at) <= base_last)
        )
        spans = sorted(
            (self.ctx.date_of(e.at).toordinal() + 1, e.until.toordinal())
            for e in counted
            if e.until is not None
        )
        return Suspended(_union_length(spans), counted)

    def last(self, world: World) -> date | None:
        """The lengthened deadline's last day (None: it never ends)."""
        return self._end(self.days + self.suspended(world).days, world)

    def gross_last(self, world: World) -> date | None:
        """The gross period's last day (None: no gross period, or it never ends)."""
        if self.gross_days is None:
            return None
        return self._end(self.gross_days + self.suspended(world).days, world)

    def _end(self, days: int, world: World) -> date | None:
        if days >= date.max.toordinal() - self.filed_on.toordinal() - _MARGIN_DAYS:
            return None
        return self.ctx.days.period_end(self.filed_on, days, working=False, roll=True, world=world)


def _union_length(spans: list[tuple[int, int]]) -> int:
    """Days covered by sorted [first, last] ordinal spans, each day once."""
    total, reached = 0, None
    for first, last in spans:
        if reached is not None:
            first = max(first, reached + 1)
        if last >= first:
            total += last - first + 1
        reached = last if reached is None else max(reached, last)
    return total
