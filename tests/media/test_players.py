"""Both engines on real media: what they show is read back from the burnt-in barcode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from media_support import FrameLog, settle, spin_until
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTransform

from workstation.media.player import Player
from workstation.media.qt_player import QtPlayer
from workstation.media.vlc_player import VlcPlayer

pytestmark = pytest.mark.gui

FRAME_MS = 40  # the clips run at 25 fps


def _open(player: Player, path: Path) -> FrameLog:
    shown = FrameLog()
    player.frame_shown.connect(shown.record)
    problems: list[str] = []
    player.failed.connect(problems.append)
    player.open(str(path))
    assert spin_until(lambda: shown.numbers or problems, 10), "no frame within 10 s"
    assert not problems
    return shown


@pytest.fixture
def qt_player(qapp) -> Iterator[QtPlayer]:  # noqa: ANN001
    player = QtPlayer()
    yield player
    player.close()


@pytest.fixture
def vlc_player(qapp) -> Iterator[VlcPlayer]:  # noqa: ANN001
    player = VlcPlayer()
    yield player
    player.close()


def _seek_and_read(player: Player, shown: FrameLog, ms: int) -> int | None:
    shown.clear()
    player.seek(ms)
    spin_until(lambda: shown.numbers, 5)
    settle(0.05)  # a late second frame would be the one left on screen
    return shown.last


def test_qt_opens_paused_on_the_first_frame(qt_player: QtPlayer, clip_20s: Path) -> None:
    shown = _open(qt_player, clip_20s)
    assert shown.last == 0
    assert spin_until(lambda: qt_player.duration_ms() == 20_000, 5)
    assert not qt_player.is_playing()
    assert qt_player.frame_ms() == pytest.approx(FRAME_MS)


@pytest.mark.parametrize("ms", [0, 40, 1000, 4999, 5000, 5001, 7130, 13_373, 19_960, 19_999])
def test_qt_seek_shows_exactly_the_frame_covering_the_time(
    qt_player: QtPlayer, clip_20s: Path, ms: int
) -> None:
    # keyframes are 2 s apart: most targets need decoding forward from an earlier one
    shown = _open(qt_player, clip_20s)
    assert _seek_and_read(qt_player, shown, ms) == ms // FRAME_MS
    assert qt_player.position_ms() == ms // FRAME_MS * FRAME_MS


def test_a_seek_asked_while_the_file_loads_is_shown_once_it_has(
    qt_player: QtPlayer, clip_20s: Path
) -> None:
    # a group seeks as soon as every pane knows its length, which may be before its first
    # frame: the seek must not be lost to the first frame shown on loading
    shown = FrameLog()
    qt_player.frame_shown.connect(shown.record)
    qt_player.open(str(clip_20s))
    qt_player.seek(6_000)
    assert spin_until(lambda: shown.last == 150, 5), shown.numbers
    settle(0.2)
    assert shown.last == 150
    assert qt_player.position_ms() == 6_000


def test_qt_steps_frame_by_frame_both_ways(qt_player: QtPlayer, clip_20s: Path) -> None:
    shown = _open(qt_player, clip_20s)
    _seek_and_read(qt_player, shown, 4_000)  # frame 100, a keyframe
    seen = []
    for direction in (-1, -1, -1, 1, 1, 1, 1):
        shown.clear()
        qt_player.step(direction)
        spin_until(lambda: shown.numbers, 5)
        seen.append(shown.last)
    assert seen == [99, 98, 97, 98, 99, 100, 101]


def test_qt_plays_at_a_rate_and_pauses_where_it_shows(qt_player: QtPlayer, clip_20s: Path) -> None:
    shown = _open(qt_player, clip_20s)
    qt_player.set_muted(True)
    qt_player.set_rate(2.0)
    qt_player.play()
    assert spin_until(qt_player.is_playing, 5)
    settle(1.0)
    qt_player.pause()
    assert spin_until(lambda: not qt_player.is_playing(), 5)
    settle(0.2)
    frames = [n for n in shown.numbers if n is not None]
    # about two seconds of media in one second (generous: the machine is shared)
    assert 25 <= frames[-1] <= 75
    assert frames == sorted(frames)
    assert qt_player.position_ms() == frames[-1] * FRAME_MS


def test_qt_refuses_a_file_that_is_not_media(qt_player: QtPlayer, tmp_path: Path) -> None:
    junk = tmp_path / "A09.mp4"
    junk.write_bytes(b"not a video at all" * 100)
    problems: list[str] = []
    qt_player.failed.connect(problems.append)
    qt_player.open(str(junk))
    assert spin_until(lambda: problems, 10)
    assert "A09.mp4" in problems[0]
    assert problems[0].startswith("无法播放录音录像文件")


def test_vlc_opens_paused_on_a_first_frame(vlc_player: VlcPlayer, clip_20s: Path) -> None:
    shown = _open(vlc_player, clip_20s)
    settle(0.3)
    assert shown.last is not None
    assert shown.last <= 5  # held on the first frames it showed (priming plays a moment)
    assert vlc_player.duration_ms() == 20_000
    assert not vlc_player.is_playing()


def test_vlc_seek_lands_near_the_time_but_not_exactly(
    vlc_player: VlcPlayer, clip_20s: Path
) -> None:
    """libVLC's measured behaviour (docs/media.md): paused seeks show a frame a few early."""
    shown = _open(vlc_player, clip_20s)
    settle(0.3)
    for ms in (5_000, 13_373):
        shown.clear()
        vlc_player.seek(ms)
        assert spin_until(lambda: shown.numbers, 5)
        settle(0.3)
        assert shown.last is not None
        assert abs(shown.last - ms // FRAME_MS) <= 5


def test_vlc_next_frame_moves_one_frame(vlc_player: VlcPlayer, clip_20s: Path) -> None:
    shown = _open(vlc_player, clip_20s)
    settle(0.3)
    vlc_player.step(1)
    assert spin_until(lambda: shown.last is not None, 30)
    settle(0.3)  # libVLC may show the paused frame once more before the step's frame
    first = shown.last
    assert first is not None
    vlc_player.step(1)
    # the next picture that differs is the following frame, never one further
    assert spin_until(lambda: shown.last not in (None, first), 30)
    assert shown.last == first + 1


def test_vlc_plays_forward(vlc_player: VlcPlayer, clip_20s: Path) -> None:
    shown = _open(vlc_player, clip_20s)
    vlc_player.set_muted(True)
    vlc_player.play()
    assert spin_until(vlc_player.is_playing, 5)
    settle(1.0)
    vlc_player.pause()
    frames = [n for n in shown.numbers if n is not None]
    assert frames[-1] >= 5  # it moves on (a loaded 2-core machine decodes slower)
    assert frames == sorted(frames)


def test_vlc_plays_when_asked_right_after_a_seek(vlc_player: VlcPlayer, clip_20s: Path) -> None:
    """A sync group seeks and plays at once: the play must not be lost while VLC primes."""
    shown = _open(vlc_player, clip_20s)
    vlc_player.set_muted(True)
    settle(0.3)
    vlc_player.seek(5_000)
    vlc_player.play()
    assert spin_until(vlc_player.is_playing, 30)
    assert spin_until(lambda: (shown.last or 0) >= 5_000 // FRAME_MS + 10, 30)
    vlc_player.pause()


def _grey(image: QImage) -> list[int]:
    small = image.scaled(36, 64, Qt.AspectRatioMode.IgnoreAspectRatio)
    return [small.pixelColor(x, y).value() for y in range(64) for x in range(36)]


def test_a_portrait_phone_video_is_shown_upright_by_both_engines(
    qapp,
    corpus_dir: Path,  # noqa: ANN001
) -> None:
    """The file's display matrix turns 1280×720 frames a quarter: both engines must apply it,
    the same way (Qt's toImage applies the matrix; VLC turns the picture itself)."""
    pictures: dict[str, QImage] = {}
    for engine in (QtPlayer, VlcPlayer):
        player = engine()
        try:
            shown: list[QImage] = []
            player.frame_shown.connect(lambda image, _ms, shown=shown: shown.append(image))
            player.open(str(corpus_dir / "video_androidx_rotated_270.mp4"))
            assert spin_until(lambda shown=shown: shown, 10)
            settle(0.3)
            shown.clear()
            player.seek(2_000)
            assert spin_until(lambda shown=shown: shown, 5)
            settle(0.3)
            pictures[player.engine_name] = shown[-1]
        finally:
            player.close()
    qt, vlc = pictures["QtMultimedia"], pictures["libVLC"]
    assert qt.height() > qt.width()
    assert vlc.height() > vlc.width()
    same = sum(abs(a - b) for a, b in zip(_grey(qt), _grey(vlc), strict=True))
    turned = vlc.transformed(QTransform().rotate(180))
    opposite = sum(abs(a - b) for a, b in zip(_grey(qt), _grey(turned), strict=True))
    assert same * 2 < opposite  # VLC may show a frame or two later; turned, it is far off


def test_vlc_comes_back_from_the_end_of_the_file(vlc_player: VlcPlayer, clip_20s: Path) -> None:
    shown = _open(vlc_player, clip_20s)
    settle(0.3)
    vlc_player.seek(19_990)
    settle(1.0)  # VLC reaches the end and lets the file go
    shown.clear()
    vlc_player.seek(5_000)
    assert spin_until(lambda: shown.numbers, 5)
    settle(0.5)
    assert shown.last is not None
    assert abs(shown.last - 125) <= 5
    assert not vlc_player.is_playing() or spin_until(lambda: not vlc_player.is_playing(), 2)
