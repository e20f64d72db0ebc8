"""The timeline's maths: instants to pixels and back, zoom and pan, ticks, hit testing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workstation.media.timeline_scale import (
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    STEPS,
    TimeWindow,
    fit_window,
    nearest,
    tick_label,
    tick_step,
    ticks,
    to_datetime,
)
from workstation.recordings.placement import epoch_ms

CST = timezone(timedelta(hours=8))


def ms(text: str) -> int:
    """An office-time instant as epoch ms."""
    return epoch_ms(datetime.fromisoformat(text).replace(tzinfo=CST))


def test_x_and_instant_convert_both_ways() -> None:
    window = TimeWindow(start_ms=10_000, span_ms=8_000, width=800)
    assert window.ms_per_px == 10
    assert window.end_ms == 18_000
    assert window.x_of(10_000) == 0
    assert window.x_of(12_345) == pytest.approx(234.5)
    assert window.ms_at(234.5) == pytest.approx(12_345)
    assert window.x_of(9_000) == -100  # off the strip to the left
    assert window.resized(400).ms_per_px == 20  # the same time on half the pixels


def test_zoom_keeps_the_instant_under_the_anchor_and_respects_the_limits() -> None:
    window = TimeWindow(start_ms=0, span_ms=100_000, width=1000)
    under = window.ms_at(730)
    closer = window.zoomed(0.5, 730, min_span=1_000, max_span=1_000_000)
    assert closer.span_ms == 50_000
    assert closer.ms_at(730) == pytest.approx(under)
    # Many zooms in and out around the same point do not drift.
    moved = closer
    for factor in (0.8, 0.8, 1.25, 1.25, 0.5, 2.0) * 20:
        moved = moved.zoomed(factor, 730, min_span=1_000, max_span=1_000_000)
    assert moved.ms_at(730) == pytest.approx(under, abs=1e-6)
    assert window.zoomed(1e-9, 500, 1_000, 1_000_000).span_ms == 1_000
    assert window.zoomed(1e9, 500, 1_000, 1_000_000).span_ms == 1_000_000


def test_pan_follows_the_drag_and_stops_short_of_losing_the_marks() -> None:
    window = TimeWindow(start_ms=0, span_ms=10_000, width=1000)
    assert window.panned(100).start_ms == -1_000  # drag right: earlier times come in
    assert window.panned(-100).start_ms == 1_000
    far_left = window.panned(1e6).clamped(0, 50_000)
    assert far_left.start_ms == -5_000  # half the view may lie before the first mark
    far_right = window.panned(-1e7).clamped(0, 50_000)
    assert far_right.end_ms == 55_000
    assert window.clamped(0, 50_000) == window


def test_fit_shows_the_whole_extent_with_a_margin() -> None:
    window = fit_window(1_000, 101_000, width=500)
    assert window.start_ms == pytest.approx(-2_000)
    assert window.end_ms == pytest.approx(104_000)
    single = fit_window(60_000, 60_000, width=500)
    assert (single.start_ms, single.span_ms) == (30_000, 60_000)


@pytest.mark.parametrize(
    ("ms_per_px", "step"),
    [
        (0.01, 1),
        (1, 100),
        (10, SECOND),
        (100, 10 * SECOND),
        (1_000, 2 * MINUTE),
        (60_000, 2 * HOUR),
        (900_000, DAY),
        (10_000_000, 14 * DAY),
        (1e9, 364 * DAY * 3),
    ],
)
def test_the_tick_step_is_the_finest_readable_one(ms_per_px: float, step: int) -> None:
    assert tick_step(ms_per_px, 90) == step
    assert step / ms_per_px >= 90
    finer = [s for s in STEPS if s < step]
    assert not finer or finer[-1] / ms_per_px < 90


@pytest.mark.parametrize("span", [50, 3_000, 90_000, 5 * HOUR, 3 * DAY, 60 * DAY, 3_000 * DAY])
def test_ticks_are_evenly_spaced_readable_and_inside_the_view(span: int) -> None:
    window = TimeWindow(start_ms=ms("2026-03-02 10:15:03.217"), span_ms=span, width=900)
    found = ticks(window, 90)
    assert 2 <= len(found) <= 11
    gaps = {b.ms - a.ms for a, b in zip(found, found[1:], strict=False)}
    assert len(gaps) == 1
    assert gaps.pop() / window.ms_per_px >= 90
    assert all(0 <= t.x <= 900 for t in found)
    assert all(t.x == pytest.approx(window.x_of(t.ms)) for t in found)


def test_ticks_fall_on_round_office_times_and_read_in_office_time() -> None:
    minutes = TimeWindow(start_ms=ms("2026-03-02 10:14:41"), span_ms=10 * MINUTE, width=600)
    labels = [t.label for t in ticks(minutes, 90)]
    assert labels == ["10:16:00", "10:18:00", "10:20:00", "10:22:00", "10:24:00"]
    fine = TimeWindow(start_ms=ms("2026-03-02 10:15:05.03"), span_ms=1_000, width=900)
    assert [t.label for t in ticks(fine, 90)][:3] == ["10:15:05.1", "10:15:05.2", "10:15:05.3"]
    weeks = TimeWindow(start_ms=ms("2026-03-01 19:42"), span_ms=43 * DAY, width=700)
    week_ticks = ticks(weeks, 90)
    assert [t.label for t in week_ticks] == [
        "03-02",
        "03-09",
        "03-16",
        "03-23",
        "03-30",
        "04-06",
        "04-13",
    ]
    # Mondays at office midnight, not UTC midnight.
    first = to_datetime(week_ticks[0].ms).astimezone(CST)
    assert (first.weekday(), first.hour, first.minute) == (0, 0, 0)


def test_a_tick_at_office_midnight_names_the_day() -> None:
    assert tick_label(ms("2026-03-03 00:00"), HOUR) == "03-03"
    assert tick_label(ms("2026-03-03 08:00"), HOUR) == "08:00:00"  # UTC midnight: no date
    assert tick_label(ms("2026-03-03 08:00:00.25"), 10) == "08:00:00.25"
    assert tick_label(ms("2026-03-03 08:00:00.257"), 1) == "08:00:00.257"


def test_nearest_finds_the_closest_mark_within_reach() -> None:
    xs = [10.0, 50.0, 52.0, 200.0]
    assert nearest(xs, 49, 5) == 1
    assert nearest(xs, 51, 5) == 2  # equally near: the one drawn last
    assert nearest(xs, 53.5, 5) == 2
    assert nearest(xs, 100, 5) is None
    assert nearest([], 0, 5) is None


def test_instants_come_back_utc_aware_and_exact() -> None:
    moment = to_datetime(ms("2026-03-02 10:15:07.25"))
    assert moment.tzinfo is UTC
    assert moment == datetime(2026, 3, 2, 2, 15, 7, 250_000, tzinfo=UTC)
    assert to_datetime(1_772_417_707_250.4) == moment
