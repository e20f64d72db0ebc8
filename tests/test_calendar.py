"""Day counting through the pack calendar, including days the calendar does not cover."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_helpers import pack, shipped

from workstation.rules.calendar import DayCounter, Outcome, Period, World, add_years

BASELINE = shipped("cn-national-baseline")
DAYS = DayCounter(BASELINE)


@pytest.mark.parametrize(
    ("day", "rest"),
    [
        (date(2026, 10, 1), True),  # National Day
        (date(2026, 10, 8), False),  # Thursday after the holiday
        (date(2026, 10, 10), False),  # adjusted working Saturday
        (date(2026, 9, 20), False),  # adjusted working Sunday
        (date(2026, 10, 11), True),  # ordinary Sunday
        (date(2026, 2, 14), False),  # Saturday worked before Spring Festival
        (date(2026, 2, 16), True),  # Spring Festival, a Monday
        (date(2026, 3, 10), False),  # ordinary Tuesday
    ],
)
def test_rest_days_follow_the_national_calendar(day: date, rest: bool) -> None:
    assert DAYS.is_rest_day(day) is rest


def test_working_day_period_skips_the_holiday_week() -> None:
    # Five working days after 30 September 2026: 8, 9, 10 (adjusted Saturday), 12, 13 October.
    last = DAYS.period_end(date(2026, 9, 30), 5, working=True, roll=True, world=World.ESTIMATE)
    assert last == date(2026, 10, 13)


def test_calendar_period_rolls_off_a_holiday_only_when_asked() -> None:
    start = date(2026, 9, 26)  # + 5 days = 1 October, a holiday
    rolled = DAYS.period_end(start, 5, working=False, roll=True, world=World.ESTIMATE)
    kept = DAYS.period_end(start, 5, working=False, roll=False, world=World.ESTIMATE)
    assert (rolled, kept) == (date(2026, 10, 8), date(2026, 10, 1))


def test_start_day_counts_when_the_pack_says_so() -> None:
    including = DayCounter(pack(day_counting={"exclude_start_day": False}))
    end = including.period_end(date(2026, 3, 9), 5, working=False, roll=False, world=World.ESTIMATE)
    assert end == date(2026, 3, 13)


def test_ppl_article_85_lengths_count_working_days() -> None:
    assert [DAYS.counts_working_days(n) for n in (2, 3, 5, 7, 15, 90)] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_periods_past_the_calendar_are_only_known_approximately() -> None:
    period = Period(DAYS, date(2026, 12, 28), 5, working=True, roll=True)
    assert period.last(World.EARLIEST) == date(2027, 1, 2)  # if every unknown day were worked
    # At worst all 13 statutory holidays of 2027 fall on its first weekdays: 21 January.
    assert period.last(World.LATEST) == date(2027, 1, 21)
    assert period.last(World.ESTIMATE) == date(2027, 1, 4)  # Mon–Fri guess, for display
    assert period.exceeded_by(date(2027, 1, 20)) == Outcome(fires=True, approximate=True)
    assert not period.exceeded_by(date(2026, 12, 31)).fires  # before any unknown day matters
    # Months later, no arrangement of 2027's holidays could still leave the period running.
    assert period.exceeded_by(date(2027, 3, 1)) == Outcome(fires=True, approximate=False)


def test_a_pack_without_a_calendar_knows_no_day() -> None:
    bare = DayCounter(pack(extends=None))
    assert not bare.covered(date(2026, 3, 10))
    assert bare.is_rest_day(date(2026, 3, 10), World.LATEST)
    assert not bare.is_rest_day(date(2026, 3, 10), World.EARLIEST)


def test_add_years_keeps_the_day_or_falls_back_from_29_february() -> None:
    assert add_years(date(2024, 3, 1), 2) == date(2026, 3, 1)
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)


covered_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 30))


@settings(max_examples=300, deadline=None)
@given(start=covered_days, days=st.integers(min_value=1, max_value=20))
def test_working_day_periods_count_exactly_n_working_days(start: date, days: int) -> None:
    end = DAYS.period_end(start, days, working=True, roll=True, world=World.ESTIMATE)
    assert end is not None
    assert not DAYS.is_rest_day(end)
    counted = sum(
        not DAYS.is_rest_day(start + timedelta(n)) for n in range(1, (end - start).days + 1)
    )
    assert counted == days


@settings(max_examples=300, deadline=None)
@given(start=covered_days, days=st.integers(min_value=1, max_value=90))
def test_rolled_calendar_periods_end_on_the_first_working_day(start: date, days: int) -> None:
    end = DAYS.period_end(start, days, working=False, roll=True, world=World.ESTIMATE)
    nominal = start + timedelta(days)
    assert end is not None
    assert end >= nominal
    assert not DAYS.is_rest_day(end)
    assert all(DAYS.is_rest_day(nominal + timedelta(n)) for n in range((end - nominal).days))


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2026, 6, 1), max_value=date(2027, 6, 1)),
    days=st.integers(min_value=1, max_value=30),
    working=st.booleans(),
)
def test_worlds_bracket_the_estimate_and_agree_inside_the_calendar(
    start: date, days: int, working: bool
) -> None:
    ends = {w: DAYS.period_end(start, days, working=working, roll=True, world=w) for w in World}
    early, guess, late = ends[World.EARLIEST], ends[World.ESTIMATE], ends[World.LATEST]
    assert early is not None
    assert guess is not None
    assert early <= guess
    if late is not None:
        assert guess <= late
    if late is not None and late <= date(2026, 12, 31):
        assert early == guess == late
