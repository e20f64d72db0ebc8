"""The case timeline's maths (plain Python, no Qt): where an instant falls on a strip of pixels,
zooming and panning that strip, where the time-axis ticks go and how they read, and which
mark a click lands on.

Instants are integer ms since the Unix epoch (as in `sync.py`); the strip's window keeps
float ms so that repeated zooming around a point does not drift. Tick labels read in office
time (China Standard Time, whatever the PC's zone), and day ticks fall on office midnights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from workstation.timefmt import OFFICE_TZ

SECOND = 1_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
# The office clock's distance from UTC: ticks are aligned on its midnights, not UTC's.
_OFFICE_OFFSET = round((OFFICE_TZ.utcoffset(None) or timedelta()) / timedelta(milliseconds=1))
# Week ticks fall on Mondays: 1970-01-05 was one.
_MONDAY = 4 * DAY
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Tick steps people read easily, finest first; past the last, whole multiples of it.
STEPS = (
    *(1, 2, 5, 10, 20, 50, 100, 200, 500),
    *(SECOND * n for n in (1, 2, 5, 10, 15, 30)),
    *(MINUTE * n for n in (1, 2, 5, 10, 15, 30)),
    *(HOUR * n for n in (1, 2, 3, 6, 12)),
    *(DAY * n for n in (1, 2, 7, 14, 28, 56, 112, 364)),
)


@dataclass(frozen=True)
class TimeWindow:
    """The stretch of the case clock a strip `width` px wide shows: `start_ms` at x = 0 and
    `span_ms` across the whole width."""

    start_ms: float
    span_ms: float
    width: int

    @property
    def end_ms(self) -> float:
        """The instant at the right edge."""
        return self.start_ms + self.span_ms

    @property
    def ms_per_px(self) -> float:
        """How much time one pixel stands for."""
        return self.span_ms / max(self.width, 1)

    def x_of(self, ms: float) -> float:
        """The x (px, may lie outside the strip) of the instant `ms`."""
        return (ms - self.start_ms) / self.ms_per_px

    def ms_at(self, x: float) -> float:
        """The instant at x."""
        return self.start_ms + x * self.ms_per_px

    def resized(self, width: int) -> TimeWindow:
        """The same stretch of time on a strip of another width."""
        return replace(self, width=width)

    def panned(self, dx: float) -> TimeWindow:
        """Dragged `dx` px to the right: earlier instants come into view."""
        return replace(self, start_ms=self.start_ms - dx * self.ms_per_px)

    def zoomed(
        self, factor: float, anchor_x: float, min_span: float, max_span: float
    ) -> TimeWindow:
        """Showing `factor` times the time (< 1 zooms in), the instant at `anchor_x` staying
        at `anchor_x`; the span is kept within [min_span, max_span]."""
        span = min(max(self.span_ms * factor, min_span), max_span)
        anchor = self.ms_at(anchor_x)
        return replace(self, start_ms=anchor - anchor_x * span / max(self.width, 1), span_ms=span)

    def clamped(self, lo_ms: float, hi_ms: float, margin: float = 0.5) -> TimeWindow:
        """Kept from wandering off [lo_ms, hi_ms]: at most `margin` of the view may lie past
        either end, so the marks never vanish off the strip for good."""
        slack = self.span_ms * margin
        start = min(self.start_ms, hi_ms + slack - self.span_ms)
        start = max(start, lo_ms - slack)
        return replace(self, start_ms=start)


def fit_window(lo_ms: float, hi_ms: float, width: int, margin: float = 0.03) -> TimeWindow:
    """A window showing [lo_ms, hi_ms] whole with `margin` (of the span) either side; a single
    instant gets a minute around it."""
    span = hi_ms - lo_ms
    if span <= 0:
        return TimeWindow(lo_ms - 30 * SECOND, MINUTE, width)
    pad = span * margin
    return TimeWindow(lo_ms - pad, span + 2 * pad, width)


@dataclass(frozen=True)
class Tick:
    """A labelled mark on the time axis."""

    ms: int
    x: float
    label: str


def tick_step(ms_per_px: float, min_px: float) -> int:
    """The finest readable step whose ticks stand at least `min_px` apart."""
    wanted = ms_per_px * min_px
    for step in STEPS:
        if step >= wanted:
            return step
    return STEPS[-1] * math.ceil(wanted / STEPS[-1])


def ticks(window: TimeWindow, min_px: float) -> list[Tick]:
    """The axis ticks inside the window, aligned on the office clock (minutes on whole
    minutes, days on office midnights, weeks on Mondays), with their labels."""
    step = tick_step(window.ms_per_px, min_px)
    origin = _MONDAY - _OFFICE_OFFSET  # an office midnight (a Monday's) in epoch ms
    first = origin + math.ceil((window.start_ms - origin) / step) * step
    found = []
    ms = first
    while ms <= window.end_ms:
        found.append(Tick(ms, window.x_of(ms), tick_label(ms, step)))
        ms += step
    return found


def tick_label(ms: int, step: int) -> str:
    """How a tick reads in office time: 10:15:05 (10:15:05.5 below a second), and 03-02 for
    day steps or at an office midnight."""
    moment = to_datetime(ms).astimezone(OFFICE_TZ)
    if step >= DAY or (ms + _OFFICE_OFFSET) % DAY == 0:
        return moment.strftime("%m-%d")
    text = moment.strftime("%H:%M:%S")
    if step >= SECOND:
        return text
    digits = 1 if step % 100 == 0 else 2 if step % 10 == 0 else 3
    return f"{text}.{moment.microsecond // 1000:03d}"[: len(text) + 1 + digits]


def nearest(xs: Sequence[float], x: float, tolerance: float) -> int | None:
    """The index of the mark in `xs` closest to `x` within `tolerance` px; of equals, the
    last (it is drawn on top)."""
    best: int | None = None
    best_distance = tolerance
    for index, mark in enumerate(xs):
        distance = abs(mark - x)
        if distance <= best_distance:
            best, best_distance = index, distance
    return best


def to_datetime(ms: float) -> datetime:
    """The UTC-aware instant `ms` (rounded to the ms) since the epoch, exactly."""
    return _EPOCH + timedelta(milliseconds=round(ms))
