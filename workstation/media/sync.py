"""Sync maths for several recordings on one case clock (plain Python, no Qt).

A recording is placed by the wall-clock time of its media time 0 (`started_at` plus the
bundle's clock offset plus the reviewer's correction). Wall times here are integer
milliseconds since the Unix epoch, so the arithmetic is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workstation.recordings.placement import Placement


def span(placements: Sequence[Placement]) -> tuple[int, int]:
    """The wall-clock range from the first footage to the end of the last."""
    if not placements:
        raise ValueError("no recordings to place")
    return min(p.start_ms for p in placements), max(p.end_ms for p in placements)


def next_footage(placements: Sequence[Placement], wall_ms: int) -> int | None:
    """Where playing on from `wall_ms` finds footage again: `wall_ms` itself when some
    recording has footage then, else the next start, None after the last recording."""
    if any(p.media_time(wall_ms) is not None for p in placements):
        return wall_ms
    return min((p.start_ms for p in placements if p.start_ms > wall_ms), default=None)


@dataclass(frozen=True)
class DriftPolicy:
    """When a follower playing beside the master is put back in step.

    A follower off by more than `tolerance_frames` is re-seeked to where it should be; after
    a correction it is left alone for `settle_ms`, since the frames that follow a seek are
    reported before the seek has taken effect.
    """

    tolerance_frames: float = 1.0
    settle_ms: int = 500

    def correction(
        self,
        expected_ms: int,
        shown_ms: int,
        frame_ms: float,
        now_ms: int,
        last_correction_ms: int | None,
    ) -> int | None:
        """The media time to seek the follower to, or None to leave it playing."""
        if last_correction_ms is not None and now_ms - last_correction_ms < self.settle_ms:
            return None
        if abs(expected_ms - shown_ms) <= self.tolerance_frames * frame_ms:
            return None
        return expected_ms
