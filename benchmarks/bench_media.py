"""Media: seek latency and accuracy, and two-stream drift, read from a frame-number barcode.

Every measurement ends when the *frame asked for is on screen* (its burnt-in number read back
from the QImage the player handed over), not when an engine says it has seeked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
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
CLIP_S = 20  # the seek clip; as many frames off as it has is the worst an engine can be
# Generous ceilings on waits for a condition: idle, a frame comes within ~0.2 s of a seek.
# An engine still silent after WAIT_S is a result (the frame left on screen is counted,
# with a note), not a crash; the first picture of a file may take longer.
WAIT_S = 15
OPEN_WAIT_S = 60
WAKE_MS = 5  # how often a wait looks at its condition between events


def _clip(options: Options, seconds: int, audio: bool = True) -> Path:
    from workstation.demo.barcode_clip import write_clip

    path = options.workdir / f"barcode-{seconds}s.mp4"
    if not path.exists():
        write_clip(path, seconds=seconds, audio=audio)
    return path


def _number(image: Any) -> int | None:
    from workstation.demo.barcode_clip import read_number

    return read_number(lambda x, y: image.pixelColor(x, y).value(), image.width(), image.height())


def _wait(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until `condition()` holds or `timeout_s` passes; whether it held.

    The loop sleeps between events (a timer wakes it every few ms to look again): a busy
    loop would take a core from the decoders being measured on a small, shared machine.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    app, end = qt_app(), time.monotonic() + timeout_s
    wake = QTimer()
    wake.start(WAKE_MS)
    try:
        while not condition():
            if time.monotonic() > end:
                return False
            app.processEvents(
                QEventLoop.ProcessEventsFlag.AllEvents
                | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
            )
    finally:
        wake.stop()
    return True


def _spin(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """`_wait`, for what a measurement cannot go without: BenchmarkError after the timeout."""
    if not _wait(condition, timeout_s):
        raise BenchmarkError(f"timed out after {timeout_s:g} s waiting for {what}")


class _Shown:
    """The last frame number a sink or player delivered (None: unreadable), and when."""

    def __init__(self) -> None:
        self.number: int | None = None
        self.at = 0.0
        self.frames = 0  # pictures delivered, the same one shown again included
        self.changed_at = time.monotonic()  # when the number last changed

    def record(self, image: Any) -> None:
        number = _number(image)
        if number != self.number or not self.frames:
            self.changed_at = time.monotonic()
        self.number, self.at, self.frames = number, time.perf_counter(), self.frames + 1


def _workstation_player(path: Path) -> tuple[Any, _Shown]:
    from workstation.media.qt_player import QtPlayer

    player, shown = QtPlayer(), _Shown()
    player.frame_shown.connect(lambda image, _ms: shown.record(image))
    player.open(str(path))
    _spin(lambda: shown.number is not None, OPEN_WAIT_S, "QtPlayer's first frame")
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
    loaded = QMediaPlayer.MediaStatus.LoadedMedia
    _spin(lambda: player.mediaStatus() == loaded, OPEN_WAIT_S, "QMediaPlayer loading")
    player.pause()
    _spin(lambda: shown.number is not None, OPEN_WAIT_S, "QMediaPlayer's first frame")
    return player, shown


def _seek_time(
    seek: Callable[[int], None], shown: _Shown, target: int, engine: str, notes: list[str]
) -> float:
    """ms from the seek call until the target frame is shown; WAIT_S (a lower bound, noted)
    when it is not shown by then."""
    want, before = target // FRAME_MS, shown.frames
    start = time.perf_counter()
    seek(target)
    if _wait(lambda: shown.frames > before and shown.number == want, WAIT_S):
        return (shown.at - start) * 1000
    notes.append(
        f"{engine} had not shown frame {want} {WAIT_S} s after the seek "
        f"(showing {shown.number}): counted as the time waited, a lower bound"
    )
    return (time.perf_counter() - start) * 1000


@contextmanager
def _seek_pair(
    options: Options,
) -> Iterator[tuple[Callable[[], list[float]], Callable[[], list[float]], list[str]]]:
    """The workstation's player and a bare QMediaPlayer on the same clip: each callable
    times the ten seeks (ms until the asked frame is shown) for its side; the list gathers
    the notes of timed runs."""
    qt_app()
    clip = _clip(options, CLIP_S)
    ours, ours_shown = _workstation_player(clip)
    raw, raw_shown = _raw_player(clip)
    notes: list[str] = []

    def project() -> list[float]:
        return [_seek_time(ours.seek, ours_shown, t, "QtPlayer", notes) for t in TARGETS_MS]

    def reference() -> list[float]:
        # +1: a bare QMediaPlayer shows the frame *before* one that starts exactly there
        def seek(t: int) -> None:
            raw.setPosition(t + 1)

        return [_seek_time(seek, raw_shown, t, "QMediaPlayer", notes) for t in TARGETS_MS]

    project(), reference()  # untimed warm-up
    notes.clear()
    try:
        yield project, reference, notes
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
    with _seek_pair(options) as (project, reference, notes):
        yield Trial(
            reference=lambda: _median(reference()),
            project=lambda: _median(project()),
            notes=notes,
        )


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
    with _seek_pair(options) as (project, reference, notes):
        yield Trial(reference=lambda: max(reference()), project=lambda: max(project()), notes=notes)


class _Landing:
    """Where one engine lands: the worst distance, in frames, between the frame asked for and
    the frame on screen once the picture has settled, over the ten seeks and six steps.

    A move counts once the engine shows a frame other than the one before it (an engine may
    show the old picture again while it seeks) and that frame stays `settle_s`. An engine
    that shows nothing new within WAIT_S is measured on the frame it left on screen, and the
    result says so in a note: a slow engine is a result, not a crash.
    """

    def __init__(
        self, engine: str, player: Any, shown: _Shown, settle_s: float, notes: list[str]
    ) -> None:
        self.engine, self.player, self.shown = engine, player, shown
        self.settle_s, self.notes = settle_s, notes

    def worst_error(self) -> float:
        if not self.shown.frames:
            self.notes.append(
                f"{self.engine} has shown no picture of the clip: counted {self.worst} frames off"
            )
            return float(self.worst)
        errors = [self._move(partial(self.player.seek, t), t // FRAME_MS) for t in TARGETS_MS]
        for direction in STEPS:  # each step is judged against the frame shown before it
            before = self.shown.number
            expected = None if before is None else before + direction
            errors.append(self._move(partial(self.player.step, direction), expected))
        return float(max(errors))

    @property
    def worst(self) -> int:
        return CLIP_S * 1000 // FRAME_MS

    def _move(self, move: Callable[[], None], expected: int | None) -> int:
        """Frames between `expected` and the frame on screen after `move`."""
        shown, before, count = self.shown, self.shown.number, self.shown.frames
        move()
        moved = _wait(lambda: shown.frames > count and shown.number != before, WAIT_S)
        if moved and not _wait(
            lambda: time.monotonic() - shown.changed_at >= self.settle_s, WAIT_S
        ):
            self.notes.append(f"{self.engine}'s picture was still changing {WAIT_S} s after a move")
        if shown.number is None or expected is None:
            self.notes.append(
                f"{self.engine} showed an unreadable picture: counted {self.worst} frames off"
            )
            return self.worst
        if not moved and shown.number != expected:
            self.notes.append(
                f"{self.engine} showed no new frame within {WAIT_S} s of a move to frame "
                f"{expected}: the frame left on screen ({shown.number}) was counted"
            )
        return abs(shown.number - expected)


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
    clip = _clip(options, CLIP_S)
    ours, ours_shown = _workstation_player(clip)
    vlc, vlc_shown = VlcPlayer(), _Shown()
    vlc.frame_shown.connect(lambda image, _ms: vlc_shown.record(image))
    vlc.open(str(clip))
    _wait(lambda: vlc_shown.number is not None, OPEN_WAIT_S)  # if not, worst_error says so
    notes: list[str] = []
    # libVLC goes on drawing for a moment after it lands (it plays to the target, then
    # pauses): its picture must hold longer before it counts
    reference = _Landing("libVLC", vlc, vlc_shown, 0.4, notes)
    project = _Landing("QtPlayer", ours, ours_shown, 0.05, notes)
    # untimed warm-up, as for the latencies: libVLC may drop a seek asked just after its
    # first picture, while it is still starting (that is not landing accuracy)
    reference.worst_error(), project.worst_error()
    notes.clear()
    try:
        yield Trial(reference=reference.worst_error, project=project.worst_error, notes=notes)
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
    _spin(lambda: all(s.number is not None for s in shown), OPEN_WAIT_S, "both first frames")
    group = SyncGroup(
        players, [Placement(START_MS, 65_000), Placement(START_MS + OFFSET_MS, 65_000)]
    )

    def sample_for(seconds: float, measure: Callable[[], int | None]) -> float:
        worst, end = 0, time.monotonic() + seconds
        while time.monotonic() < end:
            _wait(lambda: False, 0.05)  # the event loop runs until the next sample
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
        _spin(lambda: (shown[0].number or 0) > OFFSET_MS // FRAME_MS + 12, OPEN_WAIT_S, "playback")

        def difference() -> int | None:
            a, b = shown[0].number, shown[1].number
            return None if a is None or b is None else a - (b + OFFSET_MS // FRAME_MS)

        worst = sample_for(59.5, difference)
        group.pause()
        return worst

    def reference() -> float:
        start()
        _spin(lambda: (shown[0].number or 0) > OFFSET_MS // FRAME_MS + 12, OPEN_WAIT_S, "playback")
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
