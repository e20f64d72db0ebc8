"""Day counting through the rule pack's calendar (review-rules.md "Common definitions").

A date outside the calendar's coverage is neither a working day nor a rest day: nobody knows
yet. Every computation can therefore be asked in three worlds:
- EARLIEST: as many unknown days as possible are working days — weekends too, up to the
  most adjusted working days (调休) a year has ever had;
- LATEST: as many unknown days as possible are rest days — weekdays too, up to the statutory
  holidays a year has (全国年节及纪念日放假办法: 13 days), all of them falling where they
  delay the period most;
- ESTIMATE: unknown dates follow the weekend rule, for display only.
A rule whose outcome differs between EARLIEST and LATEST depends on unknown days: it is
reported as approximate, never silently guessed. Bounding the two worlds by what a real
year holds keeps a deadline months past the calendar from being called uncertain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from workstation.rules.rulepack.model import CalendarData, RulePack

ONE_DAY = timedelta(days=1)
# How far past the calendar a period may run before it is called endless.
_HORIZON = timedelta(days=3660)
# 全国年节及纪念日放假办法（2024年修订）：全体公民放假的节日合计13天.
MAX_HOLIDAY_WEEKDAYS_A_YEAR = 13
# The most weekend days ever made working days in one year (2013: 12).
MAX_ADJUSTED_WORKDAYS_A_YEAR = 12


class World(Enum):
    EARLIEST = "earliest"
    LATEST = "latest"
    ESTIMATE = "estimate"


@dataclass(frozen=True)
class Outcome:
    """Whether a rule fires, and whether that depends on days the calendar does not cover."""

    fires: bool
    approximate: bool = False


def decide(predicate: Callable[[World], bool]) -> Outcome:
    """Evaluate a rule's condition in the two extreme worlds."""
    early, late = predicate(World.EARLIEST), predicate(World.LATEST)
    if early == late:
        return Outcome(early)
    return Outcome(True, approximate=True)


class _Budget:
    """How many unknown days of a year one computation has already bent its way."""

    def __init__(self) -> None:
        self._spent: dict[tuple[int, str], int] = {}

    def take(self, year: int, limit: int, kind: str) -> bool:
        used = self._spent.get((year, kind), 0)
        if used >= limit:
            return False
        self._spent[(year, kind)] = used + 1
        return True


class DayCounter:
    """Working days, rest days and periods as one rule pack defines them."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.counting = pack.day_counting
        self.calendar = pack.calendar or CalendarData(
            frozenset({5, 6}),
            frozenset(),
            frozenset(),
            date.max,
            date.min,  # covers nothing
        )

    def local_date(self, moment: datetime) -> date:
        """The date of a moment in the pack's time zone."""
        return moment.astimezone(self.pack.timezone).date()

    def covered(self, day: date) -> bool:
        start, end = self.calendar.covered_from, self.calendar.covered_through
        return (start is None or day >= start) and (end is None or day <= end)

    def is_rest_day(self, day: date, world: World = World.ESTIMATE) -> bool:
        """Whether one date is a rest day in `world` (unknown dates: see the module doc)."""
        return self._rest(day, world, _Budget())

    def _rest(self, day: date, world: World, budget: _Budget) -> bool:
        weekend = day.weekday() in self.calendar.weekend
        if self.covered(day):
            if day in self.calendar.holidays:
                return True
            return weekend and day not in self.calendar.adjusted_workdays
        if world is World.EARLIEST and weekend:
            return not budget.take(day.year, MAX_ADJUSTED_WORKDAYS_A_YEAR, "worked")
        if world is World.LATEST and not weekend:
            return budget.take(day.year, MAX_HOLIDAY_WEEKDAYS_A_YEAR, "rested")
        return weekend

    def counts_working_days(self, days: int) -> bool:
        """PPL Art. 85: periods of these lengths are working days."""
        return days in self.counting.working_day_periods_days

    def period_end(
        self, start: date, days: int, *, working: bool, roll: bool, world: World
    ) -> date | None:
        """The last day of a period of `days` days after `start`; None if it never ends
        (only possible in the LATEST world, past the calendar)."""
        first = start + ONE_DAY if self.counting.exclude_start_day else start
        limit = max(first, self.calendar.covered_through or first) + _HORIZON
        budget = _Budget()  # the unknown days' extremes are spent where they matter most
        if working:
            counted, day = 0, first
            while day <= limit:
                if not self._rest(day, world, budget):
                    counted += 1
                    if counted >= days:
                        return day
                day += ONE_DAY
            return None
        end = first + timedelta(days=days - 1)
        if roll and self.counting.roll_end_to_next_workday:
            while self._rest(end, world, budget):
                if end > limit:
                    return None
                end += ONE_DAY
        return end

    def statutory_period_end(
        self, start: date, days: int, *, roll: bool, world: World
    ) -> date | None:
        """A statutory period: working days when its length says so (PPL Art. 85)."""
        return self.period_end(
            start, days, working=self.counts_working_days(days), roll=roll, world=world
        )


def after(day: date, last: date | None) -> bool:
    """`day` falls after a period's last day (a period that never ends is never exceeded)."""
    return last is not None and day > last


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Period:
    """A period of `days` days after `start`, asked about in every world at once."""

    def __init__(
        self, counter: DayCounter, start: date, days: int, *, working: bool, roll: bool
    ) -> None:
        self.counter, self.start, self.days = counter, start, days
        self.working, self.roll = working, roll

    @classmethod
    def statutory(cls, counter: DayCounter, start: date, days: int, *, roll: bool) -> Period:
        """Working days when the length says so (PPL Art. 85), else calendar days."""
        return cls(counter, start, days, working=counter.counts_working_days(days), roll=roll)

    def last(self, world: World = World.ESTIMATE) -> date | None:
        return self.counter.period_end(
            self.start, self.days, working=self.working, roll=self.roll, world=world
        )

    def exceeded_by(self, day: date) -> Outcome:
        """`day` falls after the last day."""
        return decide(lambda world: after(day, self.last(world)))

    def running_on(self, day: date) -> Outcome:
        """`day` is on or before the last day."""
        return decide(lambda world: not after(day, self.last(world)))

    def not_reached_by(self, day: date) -> Outcome:
        """`day` is before the last day."""
        return decide(lambda world: (last := self.last(world)) is None or day < last)

    def words(self) -> str:
        """五个工作日 / 90日"""
        return f"{self.days}个工作日" if self.working else f"{self.days}日"

    def last_words(self) -> str:
        """The estimated last day as a reviewer writes it."""
        last = self.last(World.ESTIMATE)
        return f"{last.year}年{last.month}月{last.day}日" if last else "无法确定"
