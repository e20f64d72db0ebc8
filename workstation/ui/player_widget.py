"""One recording on screen: the picture, a waveform lane and the transport controls.

The engine is chosen per file (media/engines.py: QtMultimedia first, libVLC when Qt cannot
play it, or as the office's settings say); when one refuses the file the next is tried, and
when none can, the view says why — with the install command when libVLC is missing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.media.engines import engine_order, vlc_missing_message
from workstation.media.player import Player, next_rate
from workstation.media.timecode import format_clock, parse_clock
from workstation.media.waveform import peaks
from workstation.ui.video_view import VideoView
from workstation.ui.waveform_lane import WaveformLane
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)

JUMP_MS = 5_000
LONG_JUMP_MS = 60_000


class PlayerWidget(QWidget):
    """Plays one recording with the keyboard controls reviewers expect."""

    position_changed = Signal(int)  # media ms of what is shown
    frame_shown = Signal(QImage, int)

    def __init__(self, parent: QWidget | None = None, engine: str = "auto") -> None:
        super().__init__(parent)
        self._preference = engine
        self._player: Player | None = None
        self._path = ""
        self._order: list[str] = []
        self._problems: list[str] = []
        self._waveform_task: Task | None = None
        self.view = VideoView(self)
        self.lane = WaveformLane(self)
        self.lane.seek_requested.connect(self.seek)
        self.play_button = self._button(self.tr("Play"), self.toggle_play)
        self.back_button = self._button(self.tr("◀|"), lambda: self.step(-1))
        self.forward_button = self._button(self.tr("|▶"), lambda: self.step(1))
        self.rate_label = QLabel("1×", self)
        self.time_label = QLabel(format_clock(0), self)
        self.mute_button = self._button(self.tr("Mute"), self.toggle_mute)
        self.mute_button.setCheckable(True)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(90)
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.valueChanged.connect(self._set_volume)
        self.back_button.setToolTip(self.tr("Previous frame (,)"))
        self.forward_button.setToolTip(self.tr("Next frame (.)"))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self._layout()
        self._shortcuts()
        self._set_enabled(False)

    # -- opening --------------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        """Play `path` with the first engine that can; the first frame shows, paused."""
        self.close_file()
        self._path = str(path)
        self._problems = []
        vlc_missing = vlc_missing_message()
        self._order = engine_order(self._preference, vlc_missing is None)
        if not self._order and vlc_missing:
            self.view.show_message(vlc_missing)
            return
        self.view.show_message(self.tr("Opening {0}…").format(path.name))
        self._next_engine()
        self._load_waveform(path)

    def close_file(self) -> None:
        """Stop and forget the recording."""
        if self._waveform_task is not None:
            self._waveform_task.cancel()
            self._waveform_task = None
        if self._player is not None:
            self._player.close()
            self._player.deleteLater()  # type: ignore[attr-defined]
            self._player = None
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
        player.playing_changed.connect(self._on_playing)
        player.failed.connect(self._on_failed)
        player.warned.connect(self._on_warned)
        self._player = player
        player.open(self._path)

    def _on_failed(self, message: str) -> None:
        log.info("engine refused %s: %s", self._path, message)
        self._problems.append(message)
        if self._player is not None:
            self._player.close()
            self._player.deleteLater()  # type: ignore[attr-defined]
            self._player = None
        self._next_engine()

    def _show_refusal(self) -> None:
        text = self._problems[0] if self._problems else self.tr("This recording cannot be played.")
        missing = vlc_missing_message()
        if missing and self._preference != "qt":
            text = f"{text}\n{missing}"
        self.view.show_message(text)
        self._set_enabled(False)

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

    def change_rate(self, direction: int) -> None:
        """One step of 0.25×–4× up or down."""
        if self._player is None:
            return
        rate = next_rate(self._player.rate(), direction)
        self._player.set_rate(rate)
        self.rate_label.setText(f"{rate:g}×")

    def toggle_mute(self) -> None:
        """Silence or restore the sound."""
        if self._player is not None:
            self._player.set_muted(self.mute_button.isChecked())

    def ask_time(self) -> None:
        """Go to a typed time (hh:mm:ss.mmm)."""
        if self._player is None:
            return
        text, accepted = QInputDialog.getText(
            self,
            self.tr("Go to time"),
            self.tr("Time (hh:mm:ss.mmm):"),
            text=format_clock(self._player.position_ms()),
        )
        if not accepted:
            return
        try:
            self.seek(parse_clock(text))
        except ValueError as exc:
            self.view.setToolTip(str(exc))
            self.time_label.setText(str(exc))

    # -- updates --------------------------------------------------------------------------

    def _on_frame(self, image: QImage, ms: int) -> None:
        self._set_enabled(True)
        self.view.show_frame(image)
        self.frame_shown.emit(image, ms)

    def _on_position(self, ms: int) -> None:
        self._set_enabled(True)
        duration = self._player.duration_ms() if self._player is not None else -1
        total = format_clock(duration) if duration > 0 else "--:--:--"
        self.time_label.setText(f"{format_clock(ms)} / {total}")
        self.lane.set_position(ms)
        self.position_changed.emit(ms)

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _set_volume(self, value: int) -> None:
        if self._player is not None:
            self._player.set_volume(value)

    def _load_waveform(self, path: Path) -> None:
        def job(progress, cancel):  # noqa: ANN001, ANN202 - run_task's job signature
            return peaks(path, progress=progress, cancel=cancel)

        self._waveform_task = run_task(
            job,
            on_finished=self.lane.set_peaks,
            on_failed=lambda exc: log.info("no waveform for %s: %s", path.name, exc),
            context=self,
        )

    # -- building -------------------------------------------------------------------------

    def _button(self, text: str, slot) -> QToolButton:  # noqa: ANN001
        button = QToolButton(self)
        button.setText(text)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        controls = QHBoxLayout()
        for widget in (self.play_button, self.back_button, self.forward_button):
            controls.addWidget(widget)
        controls.addWidget(self.rate_label)
        controls.addStretch(1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.volume)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.lane)
        layout.addLayout(controls)

    def _shortcuts(self) -> None:
        table = [
            ("Space", self.toggle_play),
            ("[", lambda: self.change_rate(-1)),
            ("]", lambda: self.change_rate(1)),
            (",", lambda: self.step(-1)),
            (".", lambda: self.step(1)),
            ("Left", lambda: self.jump(-JUMP_MS)),
            ("Right", lambda: self.jump(JUMP_MS)),
            ("Shift+Left", lambda: self.jump(-LONG_JUMP_MS)),
            ("Shift+Right", lambda: self.jump(LONG_JUMP_MS)),
            ("Ctrl+G", self.ask_time),
            ("M", self.mute_button.click),
        ]
        for keys, slot in table:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.mute_button,
            self.volume,
        ):
            widget.setEnabled(enabled)
