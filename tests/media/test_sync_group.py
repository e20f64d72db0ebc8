"""Two real players on one case clock: what each shows is read from its barcode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from media_support import FrameLog, settle, spin_until

from workstation.media.qt_player import QtPlayer
from workstation.media.sync import Placement
from workstation.media.sync_group import SyncGroup

pytestmark = pytest.mark.gui

START = 1_772_417_707_000  # 2026-03-02 10:15:07 +08:00
OFFSET_MS = 3_000  # camera B started 3 s after camera A
OFFSET_FRAMES = OFFSET_MS // 40


@pytest.fixture
def pair(qapp, clip_65s: Path) -> Iterator[tuple[SyncGroup, FrameLog, FrameLog]]:  # noqa: ANN001
    players = [QtPlayer(), QtPlayer()]
    logs = [FrameLog(), FrameLog()]
    for player, log in zip(players, logs, strict=True):
        player.frame_shown.connect(log.record)
        player.open(str(clip_65s))
    assert spin_until(lambda: all(log.numbers for log in logs), 10)
    placements = [Placement(START, 65_000), Placement(START + OFFSET_MS, 65_000)]
    group = SyncGroup(players, placements, master=0)
    yield group, logs[0], logs[1]
    for player in players:
        player.close()


def _in_step(a: FrameLog, b: FrameLog) -> int:
    assert a.last is not None
    assert b.last is not None
    return a.last - (b.last + OFFSET_FRAMES)


def test_seeking_the_clock_shows_the_same_instant_in_both(pair) -> None:  # noqa: ANN001
    group, a, b = pair
    for wall in (START + 3_000, START + 10_020, START + 41_333, START + 64_960):
        a.clear()
        b.clear()
        group.seek(wall)
        assert spin_until(lambda: a.numbers and b.numbers, 5)
        settle(0.05)
        assert a.last == (wall - START) // 40
        assert _in_step(a, b) == 0


def test_a_camera_without_footage_then_is_reported_and_paused(pair) -> None:  # noqa: ANN001
    group, a, _b = pair
    changes: list[tuple[int, bool]] = []
    group.footage_changed.connect(lambda index, present: changes.append((index, present)))
    group.seek(START + 1_000)  # B has not started yet
    assert changes == [(1, False)]
    assert not group.has_footage(1)
    group.seek(START + 66_000)  # A has ended, B still runs
    assert changes == [(1, False), (0, False), (1, True)]
    group.seek(START + 20_000)
    assert group.has_footage(0)
    assert group.has_footage(1)


def test_only_the_master_is_audible(pair) -> None:  # noqa: ANN001
    group, _a, _b = pair
    players = group._players  # the group's own players, as built in the fixture
    assert not players[0]._muted
    assert players[1]._muted
    group.set_master(1)
    assert players[0]._muted
    assert not players[1]._muted


@pytest.mark.slow
def test_two_cameras_stay_within_a_frame_over_sixty_seconds(pair) -> None:  # noqa: ANN001
    """60 s of media at 2× (30 s here): sampled every 50 ms, never more than a frame apart."""
    group, a, b = pair
    group.seek(START + OFFSET_MS)
    group.set_rate(2.0)
    group.play()
    worst, samples = 0, 0
    end_wall = START + OFFSET_MS + 60_000
    spin_until(lambda: a.last is not None and a.last > OFFSET_FRAMES + 12, 5)  # half a second
    while group.instant() < end_wall:
        settle(0.05)
        if a.last is not None and b.last is not None:
            worst = max(worst, abs(_in_step(a, b)))
            samples += 1
        assert group.is_playing() or group.instant() >= end_wall
    group.pause()
    assert samples > 300
    assert worst <= 1
    settle(0.2)
    assert _in_step(a, b) == 0  # paused: exactly the same instant
