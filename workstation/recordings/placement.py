"""A recording on the case clock, as the players' sync maths uses it (plain Python, no
imports): wall times are integer milliseconds since the Unix epoch, so the arithmetic is
exact. The one type for it; `RecordingSpan.placement` makes it from the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def epoch_ms(moment: datetime) -> int:
    """A timezone-aware datetime as integer ms since the epoch."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the case clock needs an offset")
    return round(moment.timestamp() * 1000)


@dataclass(frozen=True)
class Placement:
    """One recording on the case clock."""

    start_ms: int  # wall time of media time 0
    duration_ms: int

    @property
    def end_ms(self) -> int:
        """Wall time just after the last of its footage."""
        return self.start_ms + self.duration_ms

    def media_time(self, wall_ms: int) -> int | None:
        """The media time showing `wall_ms`, or None when the recording has no footage then."""
        media = wall_ms - self.start_ms
        return media if 0 <= media < self.duration_ms else None

    def wall_time(self, media_ms: int) -> int:
        """The wall time of a media time."""
        return self.start_ms + media_ms
