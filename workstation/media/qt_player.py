"""QtMultimedia (FFmpeg backend) behind the `Player` protocol: the frame-exact engine.

Every shown frame arrives through a QVideoSink with its own start time, so the position is
the frame on screen, never an estimate. Measured here (docs/media.md): a paused seek shows
its frame in 2–12 ms and lands on it exactly — with one quirk handled in `seek`.

Every call that drives the player goes through `_call` (see there): called directly from
Python, stop/play/pause/seek deadlocked against Qt's audio renderer thread on a machine
with a sound device.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Q_ARG, QGenericArgumentHolder, QMetaObject, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaMetaData,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

from workstation.media.player import DEFAULT_FRAME_MS, clamp_rate

log = logging.getLogger(__name__)


class QtPlayer(QObject):
    """A recording played by QMediaPlayer, its frames handed over as QImages."""

    frame_shown = Signal(QImage, int)
    position_changed = Signal(int)
    duration_changed = Signal(int)
    playing_changed = Signal(bool)
    failed = Signal(str)
    warned = Signal(str)

    engine_name = "QtMultimedia"
    exact_frames = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._sink = QVideoSink(self)
        self._player.setVideoSink(self._sink)
        self._audio: QAudioOutput | None = None
        if QMediaDevices.audioOutputs():
            # With no sound device Qt would still run an audio renderer thread for nothing;
            # tearing that thread down while the UI thread called into the player deadlocked
            # (the renderer waits for the GIL under a Qt lock the UI thread needs; gdb).
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
        self._muted = False
        self._name = ""
        self._shown_ms = -1
        self._frame_ms = DEFAULT_FRAME_MS
        self._opened = False
        self._requested: int | None = None  # a seek whose frame has not arrived yet
        self._early_seek: int | None = None  # a seek asked before the file had loaded
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._player.durationChanged.connect(self._on_duration)
        self._player.positionChanged.connect(self._on_position)
        self._player.playbackStateChanged.connect(self._on_state)

    def open(self, path: str) -> None:
        """Load a file; its first frame is shown, paused, once it is loaded."""
        self._name = Path(path).name
        self._shown_ms = -1
        self._frame_ms = DEFAULT_FRAME_MS
        self._opened = False
        self._early_seek = None
        self._player.setSource(QUrl.fromLocalFile(path))

    def close(self) -> None:
        """Stop and drop the file."""
        self._call(self._player, "stop")
        self._player.setSource(QUrl())  # PySide releases the GIL for this one itself
        self._opened = False

    def play(self) -> None:
        """Start or resume playback."""
        self._call(self._player, "play")

    def pause(self) -> None:
        """Pause on the frame now shown."""
        self._call(self._player, "pause")

    def is_playing(self) -> bool:
        """Whether playback is running."""
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def seek(self, ms: int) -> None:
        """Show the frame covering `ms`.

        Qt shows the frame whose *end* reaches the requested position, so a request exactly
        on a frame boundary gives the frame before it; asking 1 ms later gives the frame that
        starts there and changes nothing for a time inside a frame. Asked before the file
        has loaded, the seek waits for it (Qt would drop it for the first frame).
        """
        if not self._opened:
            self._early_seek = self._requested = ms
            return
        duration = self._player.duration()
        last = max(duration - 1, 0) if duration > 0 else ms
        target = min(max(ms, 0), last)
        self._requested = target
        position = target + 1 if self._player.hasVideo() else target
        self._call(self._player, "setPosition", Q_ARG("qint64", position))

    def step(self, frames: int) -> None:
        """Pause and move by whole frames from the one shown."""
        self.pause()
        # keys repeat faster than frames arrive: step on from the last request, not the screen
        base = self._requested if self._requested is not None else self.position_ms()
        self.seek(round(base + frames * self._frame_ms))

    def position_ms(self) -> int:
        """The start of the frame on screen (the player clock for sound alone)."""
        if self._player.hasVideo() and self._shown_ms >= 0:
            return self._shown_ms
        return int(self._player.position())

    def duration_ms(self) -> int:
        """The duration the file declares, -1 when it declares none."""
        duration = int(self._player.duration())
        return duration if duration > 0 else -1

    def frame_ms(self) -> float:
        """The length of the frames shown so far (25 fps until one is shown)."""
        return self._frame_ms

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.25–4."""
        self._call(self._player, "setPlaybackRate", Q_ARG(float, clamp_rate(rate)))

    def rate(self) -> float:
        """The playback speed now."""
        return float(self._player.playbackRate())

    def set_volume(self, volume: int) -> None:
        """Volume 0–100."""
        if self._audio is not None:
            level = min(max(volume, 0), 100) / 100
            # by name: a Python float is a C++ double, and setVolume takes a float
            self._call(self._audio, "setVolume", Q_ARG("float", level))

    def set_muted(self, muted: bool) -> None:
        """Silence the sound without losing the volume."""
        self._muted = muted
        if self._audio is not None:
            self._call(self._audio, "setMuted", Q_ARG(bool, muted))

    def is_muted(self) -> bool:
        """Whether the sound is silenced (also true of a machine with no sound device)."""
        return self._muted or self._audio is None

    @staticmethod
    def _call(target: QObject, slot: str, *args: QGenericArgumentHolder) -> None:
        """Call one of `target`'s slots with the GIL released (PySide releases it for
        QMetaObject.invokeMethod, not for QMediaPlayer.stop() and the like).

        Qt's audio renderer thread, when torn down, calls back into PySide — which needs the
        GIL — while holding a Qt lock; the UI thread's direct call held the GIL and waited
        for that lock: a deadlock, reproduced under PulseAudio (gdb, docs/media.md).
        """
        if not QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.DirectConnection, *args):
            raise RuntimeError(f"{type(target).__name__}.{slot} could not be called")

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        start, end = frame.startTime(), frame.endTime()
        if start >= 0 and end > start:
            self._frame_ms = (end - start) / 1000
        # toImage applies the file's rotation (a portrait phone video comes out upright)
        image = frame.toImage()
        if image.isNull():
            return
        self._requested = None
        self._shown_ms = start // 1000 if start >= 0 else int(self._player.position())
        self.frame_shown.emit(image, self._shown_ms)
        self.position_changed.emit(self._shown_ms)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not self._opened:
            self._opened = True
            rate = self._player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
            if isinstance(rate, float) and rate > 0:
                self._frame_ms = 1000 / rate
            # pausing a loaded file decodes and shows its first frame
            self.pause()
            if self._early_seek is not None:
                early, self._early_seek = self._early_seek, None
                self.seek(early)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.failed.emit(f"无法播放录音录像文件 {self._name}：{self._reason()}")

    def _on_error(self, _error: QMediaPlayer.Error, text: str) -> None:
        log.info("QtMultimedia error on %s: %s", self._name, text)
        if self._player.mediaStatus() == QMediaPlayer.MediaStatus.InvalidMedia:
            return  # reported once, by the status change
        self.warned.emit(f"录音录像文件 {self._name} 有无法解码的部分，其余照常播放（{text}）")

    def _reason(self) -> str:
        text = self._player.errorString()
        return text or "文件格式无法识别或文件已损坏"

    def _on_duration(self, duration: int) -> None:
        self.duration_changed.emit(int(duration) if duration > 0 else -1)

    def _on_position(self, position: int) -> None:
        if not self._player.hasVideo():
            self.position_changed.emit(int(position))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.playing_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)
