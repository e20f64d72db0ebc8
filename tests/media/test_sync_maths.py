"""The case-clock arithmetic and the drift policy, without any player."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workstation.media.sync import DriftPolicy, next_footage, span
from workstation.recordings.placement import Placement, epoch_ms


def test_a_recording_has_footage_from_its_start_to_just_before_its_end() -> None:
    placed = Placement(start_ms=10_000, duration_ms=5_000)
    assert placed.media_time(9_999) is None
    assert placed.media_time(10_000) == 0
    assert placed.media_time(14_999) == 4_999
    assert placed.media_time(15_000) is None
    assert placed.wall_time(1_234) == 11_234


def test_span_runs_from_the_first_footage_to_the_end_of_the_last() -> None:
    assert span([Placement(5_000, 1_000), Placement(2_000, 2_000)]) == (2_000, 6_000)
    with pytest.raises(ValueError, match="no recordings"):
        span([])


def test_epoch_ms_is_exact_and_refuses_a_clock_without_offset() -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 3, 2, 10, 15, 7, 250_000, tzinfo=beijing)
    assert epoch_ms(moment) == epoch_ms(moment.astimezone(UTC))
    assert epoch_ms(moment) % 1000 == 250
    with pytest.raises(ValueError, match="naive"):
        epoch_ms(datetime(2026, 3, 2, 10, 15, 7))


def test_a_follower_within_a_frame_is_left_alone() -> None:
    policy = DriftPolicy()
    assert policy.correction(1_000, 1_040, 40.0, now_ms=0, last_correction_ms=None) is None
    assert policy.correction(1_000, 960, 40.0, now_ms=0, last_correction_ms=None) is None


def test_a_follower_more_than_a_frame_off_is_sent_where_it_should_be() -> None:
    policy = DriftPolicy()
    assert policy.correction(1_000, 1_041, 40.0, now_ms=0, last_correction_ms=None) == 1_000
    assert policy.correction(1_000, 700, 40.0, now_ms=0, last_correction_ms=None) == 1_000


def test_after_a_correction_the_follower_is_given_time_to_settle() -> None:
    policy = DriftPolicy(settle_ms=500)
    assert policy.correction(1_000, 700, 40.0, now_ms=400, last_correction_ms=0) is None
    assert policy.correction(1_000, 700, 40.0, now_ms=500, last_correction_ms=0) == 1_000


def test_playing_on_finds_footage_now_at_the_next_start_or_nowhere() -> None:
    placed = [Placement(10_000, 2_000), Placement(11_000, 2_000), Placement(60_000, 1_000)]
    assert next_footage(placed, 10_500) == 10_500  # footage now: play on
    assert next_footage(placed, 12_999) == 12_999
    assert next_footage(placed, 13_000) == 60_000  # a gap with nothing: the next start
    assert next_footage(placed, 5_000) == 10_000  # before the first recording
    assert next_footage(placed, 61_000) is None  # after the last one ended
