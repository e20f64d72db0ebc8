"""One recording on screen: the picture, a waveform lane and the transport controls.

The engine is chosen per file (media/engines.py: QtMultimedia first, libVLC when Qt cannot
play it, or as the office's settings say); when one refuses the file the next is tried, and
when none can, the view says why — with the install command when libVLC is missing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workstation.media.engines import engine_order, vlc_missing_message
from workstation.media.player import Player, next_rate
from workstation.media.waveform import peaks
from workstation.ui.recordings.transport_bar import TransportBar
from workstation.ui.recordings.video_view import VideoView
from workstation.ui.recordings.waveform_lane import WaveformLane
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)


class PlayerWidget(QWidget):
    """Plays one recording with the keyboard controls reviewers expect."""

    position_changed = Signal(int)  # media ms of what is shown
    # the recording shows its first frame (or its length, for sound), or no engine can play it
    ready = Signal()
    frame_shown = Signal(QImage, int)

    def __init__(self, parent: QWidget | None = None, engine: str = "auto") -> None:
        super().__init__(parent)
        self._preference = engine
        self._player: Player | None = None
        self._path = ""
        self._order: list[str] = []
        self._problems: list[str] = []
        self._waveform_task: Task | None = None
        self._waveform_of = ""  # the file whose peaks were asked for
        self._ready = False
        self.view = VideoView(self)
        self.lane = WaveformLane(self)
        self.lane.seek_requested.connect(self.seek)
        self.lane.wanted_changed.connect(self._lane_wanted)
        self.transport = TransportBar(self, self)
        self.transport.install_shortcuts(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.lane)
        layout.addWidget(self.transport)
        self._set_enabled(False)

    # -- opening --------------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        """Play `path` with the first engine that can; the first frame shows, paused."""
        self.close_file()
        self._path = str(path)
        self._problems = []
        self._ready = False
        vlc_missing = vlc_missing_message()
        self._order = engine_order(self._preference, vlc_missing is None)
        if not self._order and vlc_missing:
            self.view.show_message(vlc_missing)
            return
        self.view.show_message(self.tr("Opening {0}…").format(path.name))
        self._next_engine()
        if self.lane.wanted:  # a lane not shown costs no decoding
            self._load_waveform(path)

    def close_file(self) -> None:
        """Stop and forget the recording."""
        if self._waveform_task is not None:
            self._waveform_task.cancel()
            self._waveform_task = None
        self._waveform_of = ""
        self._drop_player()
        self.lane.set_peaks([])
        self._set_enabled(False)

    @property
    def player(self) -> Player | None:
        """The engine playing the recording now, if any."""
        return self._player

    def _next_engine(self) -> None:
        if not self._order:
            self._show_refusal()
            return
        name = self._order.pop(0)
        if name == "qt":
            from workstation.media.qt_player import QtPlayer

            player: Player = QtPlayer(self)
        else:
            from workstation.media.vlc_player import VlcPlayer

            player = VlcPlayer(self)
        player.frame_shown.connect(self._on_frame)
        player.position_changed.connect(self._on_position)
        player.duration_changed.connect(self.lane.set_duration)
        player.duration_changed.connect(self._on_duration)
        player.playing_changed.connect(self._on_playing)
        player.failed.connect(self._on_failed)
        player.warned.connect(self._on_warned)
        self._player = player
        player.open(self._path)

    def _on_failed(self, message: str) -> None:
        log.info("engine refused %s: %s", self._path, message)
        self._problems.append(message)
        self._drop_player()
        self._next_engine()

    def _drop_player(self) -> None:
        if self._player is not None:
            self._player.close()
            self._player.deleteLater()  # type: ignore[attr-defined]  # engines are QObjects
            self._player = None

    def _show_refusal(self) -> None:
        text = self._problems[0] if self._problems else self.tr("This recording cannot be played.")
        missing = vlc_missing_message()
        if missing and self._preference != "qt":
            text = f"{text}\n{missing}"
        self.view.show_message(text)
        self._set_enabled(False)
        self._mark_ready()

    def is_ready(self) -> bool:
        """Whether the recording plays (first frame shown) or every engine refused it."""
        return self._ready

    def _mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def _on_duration(self, ms: int) -> None:
        if ms > 0 and self._player is not None:
            self._mark_ready()  # loaded: sound alone shows no frame, its length says it plays

    def _on_warned(self, message: str) -> None:
        self.setToolTip(message)

    # -- transport ------------------------------------------------------------------------

    def toggle_play(self) -> None:
        """Play when paused, pause when playing."""
        if self._player is None:
            return
        if self._player.is_playing():
            self._player.pause()
        else:
            self._player.play()

    def step(self, frames: int) -> None:
        """Pause and move by whole frames."""
        if self._player is not None:
            self._player.step(frames)

    def jump(self, delta_ms: int) -> None:
        """Move by `delta_ms` from what is shown."""
        if self._player is not None:
            self.seek(self._player.position_ms() + delta_ms)

    def seek(self, ms: int) -> None:
        """Show media time `ms`."""
        if self._player is not None:
            self._player.seek(ms)

    def seek_media(self, ms: int) -> None:
        """Show media time `ms` (the bar's go-to-time)."""
        self.seek(ms)

    def media_position(self) -> int:
        """The media time shown."""
        return self._player.position_ms() if self._player is not None else 0

    def change_rate(self, direction: int) -> float:
        """One step of 0.25×–4× up or down."""
        if self._player is None:
            return 1.0
        rate = next_rate(self._player.rate(), direction)
        self._player.set_rate(rate)
        return rate

    def set_muted(self, muted: bool) -> None:
        """Silence or restore the sound."""
        if self._player is not None:
            self._player.set_muted(muted)

    def set_volume(self, volume: int) -> None:
        """Volume 0–100."""
        if self._player is not None:
            self._player.set_volume(volume)

    # -- updates --------------------------------------------------------------------------

    def _on_frame(self, image: QImage, ms: int) -> None:
        self._set_enabled(True)
        self.view.show_frame(image)
        self._mark_ready()
        self.frame_shown.emit(image, ms)

    def _on_position(self, ms: int) -> None:
        self._set_enabled(True)
        duration = self._player.duration_ms() if self._player is not None else -1
        self.transport.set_time(ms, duration)
        self.lane.set_position(ms)
        self.position_changed.emit(ms)

    def _on_playing(self, playing: bool) -> None:
        self.transport.set_playing(playing)

    def _lane_wanted(self, wanted: bool) -> None:
        if wanted and self._path and self._waveform_of != self._path:
            self._load_waveform(Path(self._path))

    def _load_waveform(self, path: Path) -> None:
        self._waveform_of = str(path)

        def job(progress, cancel):  # noqa: ANN001, ANN202 - run_task's job signature
            return peaks(path, progress=progress, cancel=cancel)

        self._waveform_task = run_task(
            job,
            on_finished=self.lane.set_peaks,
            on_failed=lambda exc: log.info("no waveform for %s: %s", path.name, exc),
            context=self,
        )

    def _set_enabled(self, enabled: bool) -> None:
        self.transport.set_controls_enabled(enabled)
