"""Media: seek latency and accuracy, and two-stream drift, read from a frame-number barcode.

Every measurement ends when the *frame asked for is on screen* (its burnt-in number read back
from the QImage the player handed over), not when an engine says it has seeked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.registry import BenchmarkError, Options, Trial, benchmark
from benchmarks.viewer_support import qt_app

FRAME_MS = 40
# Targets spread over the GOPs (keyframes every 2 s): on, just after and between keyframes.
TARGETS_MS = (5_000, 7_130, 1_020, 13_333, 13_373, 19_960, 2_040, 11_999, 16_480, 9_000)
STEPS = (1, 1, 1, -1, -1, -1)  # frame steps after the last seek: forward, then back past it
START_MS = 1_772_417_707_000
OFFSET_MS = 3_000


def _clip(options: Options, seconds: int, audio: bool = True) -> Path:
    from workstation.demo.barcode_clip import write_clip

    path = options.workdir / f"barcode-{seconds}s.mp4"
    if not path.exists():
        write_clip(path, seconds=seconds, audio=audio)
    return path


def _number(image: Any) -> int | None:
    from workstation.demo.barcode_clip import read_number

    return read_number(lambda x, y: image.pixelColor(x, y).value(), image.width(), image.height())


def _spin(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    from PySide6.QtCore import QEventLoop

    app, end = qt_app(), time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise BenchmarkError(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)


class _Shown:
    """The last frame number a sink or player delivered, and when."""

    def __init__(self) -> None:
        self.number: int | None = None
        self.at = 0.0

    def record(self, image: Any) -> None:
        self.number = _number(image)
        self.at = time.perf_counter()


def _workstation_player(path: Path) -> tuple[Any, _Shown]:
    from workstation.media.qt_player import QtPlayer

    player, shown = QtPlayer(), _Shown()
    player.frame_shown.connect(lambda image, _ms: shown.record(image))
    player.open(str(path))
    _spin(lambda: shown.number is not None, 10, "the first frame")
    return player, shown


def _raw_player(path: Path) -> tuple[Any, _Shown]:
    """A bare QMediaPlayer with a QVideoSink: the reference for seek latency."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    player, sink, shown = QMediaPlayer(), QVideoSink(), _Shown()
    player.setVideoSink(sink)
    sink.setParent(player)  # kept alive with the player
    sink.videoFrameChanged.connect(lambda frame: shown.record(frame.toImage()))
    player.setSource(QUrl.fromLocalFile(str(path)))
    _spin(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, 10, "loading")
    player.pause()
    _spin(lambda: shown.number is not None, 10, "the first frame")
    return player, shown


def _seek_time(seek: Callable[[int], None], shown: _Shown, target: int) -> float:
    """ms from the seek call until the target frame is shown."""
    want = target // FRAME_MS
    shown.number = None
    start = time.perf_counter()
    seek(target)
    _spin(lambda: shown.number == want, 5, f"frame {want}")
    return (shown.at - start) * 1000


@contextmanager
def _seek_pair(
    options: Options,
) -> Iterator[tuple[Callable[[], list[float]], Callable[[], list[float]]]]:
    """The workstation's player and a bare QMediaPlayer on the same clip: each callable
    times the ten seeks (ms until the asked frame is shown) for its side."""
    qt_app()
    clip = _clip(options, 20)
    ours, ours_shown = _workstation_player(clip)
    raw, raw_shown = _raw_player(clip)

    def project() -> list[float]:
        return [_seek_time(ours.seek, ours_shown, t) for t in TARGETS_MS]

    def reference() -> list[float]:
        # +1: a bare QMediaPlayer shows the frame *before* one that starts exactly there
        return [_seek_time(lambda t: raw.setPosition(t + 1), raw_shown, t) for t in TARGETS_MS]

    project(), reference()  # untimed warm-up
    try:
        yield project, reference
    finally:
        ours.close()
        raw.stop()


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


@benchmark(
    "media_seek",
    unit="ms",
    goal=1 / 3,
    higher_is_better=False,
    summary="QtPlayer.seek to a frame between keyframes until that frame is shown vs a bare "
    "QMediaPlayer.setPosition to the same frame (goal: at most 3×; media_seek_worst bounds it)",
)
@contextmanager
def media_seek(options: Options) -> Iterator[Trial]:
    """Median over ten targets per run on a 160×96, 25 fps clip with 2 s GOPs."""
    with _seek_pair(options) as (project, reference):
        yield Trial(reference=lambda: _median(reference()), project=lambda: _median(project()))


@benchmark(
    "media_seek_worst",
    unit="ms",
    goal=100,
    higher_is_better=False,
    goal_kind="at_most",
    summary="the slowest of ten QtPlayer seeks until the frame is shown (goal: at most 100 ms; "
    "reference: the slowest bare QMediaPlayer seek)",
)
@contextmanager
def media_seek_worst(options: Options) -> Iterator[Trial]:
    """The worst case of the same seeks as media_seek."""
    with _seek_pair(options) as (project, reference):
        yield Trial(reference=lambda: max(reference()), project=lambda: max(project()))


def _landing_error(player: Any, shown: _Shown, settle_s: float) -> float:
    """The worst distance, in frames, between asked and shown over the targets and steps."""
    from PySide6.QtCore import QEventLoop

    def settle() -> None:
        end = time.monotonic() + settle_s
        while time.monotonic() < end:
            qt_app().processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    worst = 0
    for target in TARGETS_MS:
        shown.number = None
        player.seek(target)
        _spin(lambda: shown.number is not None, 5, "a frame after the seek")
        settle()
        worst = max(worst, abs((shown.number or 0) - target // FRAME_MS))
    for direction in STEPS:  # each step is judged against the frame shown before it
        expected = (shown.number or 0) + direction
        shown.number = None
        player.step(direction)
        _spin(lambda: shown.number is not None, 5, "a frame after the step")
        settle()
        worst = max(worst, abs((shown.number or 0) - expected))
    return float(worst)


@benchmark(
    "media_seek_accuracy",
    unit="frames",
    goal=1,
    higher_is_better=False,
    goal_kind="at_most",
    summary="worst |shown − asked| in frames over ten paused seeks and six frame steps, "
    "QtPlayer (the engine that seeks) vs libVLC on the same targets (goal: at most 1 frame)",
)
@contextmanager
def media_seek_accuracy(options: Options) -> Iterator[Trial]:
    """Both engines on the same clip and targets; libVLC's figure is the reference."""
    from workstation.media.vlc_player import VlcPlayer

    qt_app()
    clip = _clip(options, 20)
    ours, ours_shown = _workstation_player(clip)
    vlc, vlc_shown = VlcPlayer(), _Shown()
    vlc.frame_shown.connect(lambda image, _ms: vlc_shown.record(image))
    vlc.open(str(clip))
    _spin(lambda: vlc_shown.number is not None, 10, "libVLC's first frame")
    try:
        yield Trial(
            reference=lambda: _landing_error(vlc, vlc_shown, 0.4),
            project=lambda: _landing_error(ours, ours_shown, 0.05),
        )
    finally:
        ours.close()
        vlc.close()


@benchmark(
    "media_drift",
    unit="frames",
    goal=1,
    higher_is_better=False,
    goal_kind="at_most",
    summary="two QtPlayers 3 s apart on the case clock, played together for 60 s at 1×: the "
    "worst difference of the instants shown, sampled every 50 ms (goal: at most 1 frame; "
    "reference: one player against its own frame clock over 10 s)",
)
@contextmanager
def media_drift(options: Options) -> Iterator[Trial]:
    """One sync group of two players; each run plays the same 60 s again."""
    from PySide6.QtCore import QEventLoop

    from workstation.media.qt_player import QtPlayer
    from workstation.media.sync_group import SyncGroup
    from workstation.recordings.placement import Placement

    qt_app()
    clip = _clip(options, 65, audio=False)
    players = [QtPlayer(), QtPlayer()]
    shown = [_Shown(), _Shown()]
    for player, seen in zip(players, shown, strict=True):
        player.frame_shown.connect(lambda image, _ms, seen=seen: seen.record(image))
        player.open(str(clip))
    _spin(lambda: all(s.number is not None for s in shown), 10, "both first frames")
    group = SyncGroup(
        players, [Placement(START_MS, 65_000), Placement(START_MS + OFFSET_MS, 65_000)]
    )

    def sample_for(seconds: float, measure: Callable[[], int | None]) -> float:
        worst, end = 0, time.monotonic() + seconds
        while time.monotonic() < end:
            next_sample = time.monotonic() + 0.05
            while time.monotonic() < next_sample:
                qt_app().processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            value = measure()
            if value is not None:
                worst = max(worst, abs(value))
        return float(worst)

    def start() -> None:
        for seen in shown:
            seen.number = None  # the numbers left by the previous run are not this one's
        group.seek(START_MS + OFFSET_MS)
        group.play()

    def project() -> float:
        start()
        _spin(lambda: (shown[0].number or 0) > OFFSET_MS // FRAME_MS + 12, 5, "playback")

        def difference() -> int | None:
            a, b = shown[0].number, shown[1].number
            return None if a is None or b is None else a - (b + OFFSET_MS // FRAME_MS)

        worst = sample_for(59.5, difference)
        group.pause()
        return worst

    def reference() -> float:
        start()
        _spin(lambda: (shown[0].number or 0) > OFFSET_MS // FRAME_MS + 12, 5, "playback")
        first, began = shown[0].number or 0, time.perf_counter()

        def lag() -> int | None:
            expected = first + (time.perf_counter() - began) * 1000 / FRAME_MS
            return None if shown[0].number is None else round(expected - shown[0].number)

        worst = sample_for(10, lag)
        group.pause()
        return worst

    try:
        yield Trial(reference=reference, project=project)
    finally:
        for player in players:
            player.close()
