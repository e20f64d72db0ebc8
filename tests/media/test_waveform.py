"""Waveform peaks decoded from real files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from workstation.errors import CancelledError, WorkstationError
from workstation.media.waveform import peaks


def test_the_clicks_of_the_barcode_clip_stand_out(clip_20s: Path) -> None:
    """The clip's tone is 0.1 loud with a 0.6 click at the start of every second."""
    lane = peaks(clip_20s, buckets=200)  # 0.1 s per bucket
    clicks = [lane[k * 10] for k in range(1, 19)]
    quiet = [lane[k * 10 + 5] for k in range(1, 19)]
    assert min(clicks) > 0.4
    assert max(quiet) < 0.2


def test_a_video_without_sound_has_no_lane(clip_65s: Path) -> None:
    assert peaks(clip_65s) == []


def test_progress_is_reported_and_cancel_stops(clip_20s: Path) -> None:
    seen: list[float] = []
    peaks(clip_20s, buckets=50, progress=lambda done, _name: seen.append(done))
    assert seen == sorted(seen)
    assert seen[-1] > 0.9
    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        peaks(clip_20s, cancel=stop)


def test_a_file_that_is_not_media_is_refused_by_name(tmp_path: Path) -> None:
    junk = tmp_path / "A07.m4a"
    junk.write_bytes(b"\x00" * 64)
    with pytest.raises(WorkstationError, match="A07.m4a"):
        peaks(junk)
