"""The transport controls and their keys, for one player or a synchronised group alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QSlider, QToolButton, QWidget

from workstation.media.timecode import format_clock, parse_clock

JUMP_MS = 5_000
LONG_JUMP_MS = 60_000

# (keys, slot name, what it does): one table binds the keys and lists them in help.
PLAYER_SHORTCUTS = (
    ("Space", "play", QT_TRANSLATE_NOOP("TransportBar", "Play or pause")),
    ("[", "slower", QT_TRANSLATE_NOOP("TransportBar", "Slower")),
    ("]", "faster", QT_TRANSLATE_NOOP("TransportBar", "Faster")),
    (",", "frame_back", QT_TRANSLATE_NOOP("TransportBar", "Previous frame")),
    (".", "frame_forward", QT_TRANSLATE_NOOP("TransportBar", "Next frame")),
    ("Left", "back", QT_TRANSLATE_NOOP("TransportBar", "Back 5 seconds")),
    ("Right", "forward", QT_TRANSLATE_NOOP("TransportBar", "Forward 5 seconds")),
    ("Shift+Left", "long_back", QT_TRANSLATE_NOOP("TransportBar", "Back 1 minute")),
    ("Shift+Right", "long_forward", QT_TRANSLATE_NOOP("TransportBar", "Forward 1 minute")),
    ("Ctrl+G", "go_to", QT_TRANSLATE_NOOP("TransportBar", "Go to a time (hh:mm:ss.mmm)")),
    ("M", "mute", QT_TRANSLATE_NOOP("TransportBar", "Sound off or on")),
)


class Transport(Protocol):
    """What the bar drives: a single player or a group of them."""

    def toggle_play(self) -> None:
        """Play when paused, pause when playing."""

    def step(self, frames: int) -> None:
        """Pause and move by whole frames."""

    def jump(self, delta_ms: int) -> None:
        """Move by `delta_ms` from what is shown."""

    def seek_media(self, ms: int) -> None:
        """Show media time `ms` (of the audible recording)."""

    def media_position(self) -> int:
        """The media time shown (of the audible recording)."""

    def change_rate(self, direction: int) -> float:
        """One rate step up or down; returns the new rate."""

    def set_muted(self, muted: bool) -> None:
        """Silence or restore the sound."""

    def set_volume(self, volume: int) -> None:
        """Volume 0–100."""


class TransportBar(QWidget):
    """Play/pause, frame steps, rate, time, volume; the keys work anywhere in `owner`."""

    def __init__(self, transport: Transport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transport = transport
        self.play_button = self._button(self.tr("Play"), transport.toggle_play)
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.back_button = self._button("◀|", lambda: transport.step(-1))
        self.back_button.setToolTip(self.tr("Previous frame (,)"))
        self.forward_button = self._button("|▶", lambda: transport.step(1))
        self.forward_button.setToolTip(self.tr("Next frame (.)"))
        self.rate_label = QLabel("1×", self)
        self.rate_label.setToolTip(self.tr("Speed ([ slower, ] faster)"))
        self.time_label = QLabel(format_clock(0), self)
        self.mute_button = self._button(self.tr("Mute"), self._mute_clicked)
        self.mute_button.setCheckable(True)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(90)
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.valueChanged.connect(transport.set_volume)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left: list[QWidget] = [self.play_button, self.back_button, self.forward_button]
        right: list[QWidget] = [self.time_label, self.mute_button, self.volume]
        for widget in [*left, self.rate_label]:
            layout.addWidget(widget)
        layout.addStretch(1)
        for widget in right:
            layout.addWidget(widget)

    def install_shortcuts(self, owner: QWidget) -> None:
        """The reviewers' keys, active while focus is anywhere inside `owner`."""
        transport = self._transport
        slots: dict[str, Callable[[], object]] = {
            "play": transport.toggle_play,
            "slower": lambda: self.change_rate(-1),
            "faster": lambda: self.change_rate(1),
            "frame_back": lambda: transport.step(-1),
            "frame_forward": lambda: transport.step(1),
            "back": lambda: transport.jump(-JUMP_MS),
            "forward": lambda: transport.jump(JUMP_MS),
            "long_back": lambda: transport.jump(-LONG_JUMP_MS),
            "long_forward": lambda: transport.jump(LONG_JUMP_MS),
            "go_to": self.ask_time,
            "mute": self.mute_button.click,
        }
        for keys, slot, _text in PLAYER_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slots[slot])

    @staticmethod
    def shortcuts() -> list[tuple[str, str]]:
        """(keys, description) of the player's keys in the UI language, for 帮助→快捷键."""
        return [
            (keys, QCoreApplication.translate("TransportBar", str(text)))
            for keys, _slot, text in PLAYER_SHORTCUTS
        ]

    def change_rate(self, direction: int) -> None:
        """One rate step, shown on the bar."""
        rate = self._transport.change_rate(direction)
        self.rate_label.setText(f"{rate:g}×")

    def ask_time(self) -> None:
        """Go to a typed media time (hh:mm:ss.mmm)."""
        text, accepted = QInputDialog.getText(
            self,
            self.tr("Go to time"),
            self.tr("Time (hh:mm:ss.mmm):"),
            text=format_clock(self._transport.media_position()),
        )
        if not accepted:
            return
        try:
            self._transport.seek_media(parse_clock(text))
        except ValueError as exc:
            self.time_label.setText(str(exc))

    def set_playing(self, playing: bool) -> None:
        """Show Pause while playing, Play while paused."""
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def set_time(self, ms: int, duration_ms: int) -> None:
        """The media time shown and the length."""
        total = format_clock(duration_ms) if duration_ms > 0 else "--:--:--"
        self.time_label.setText(f"{format_clock(ms)} / {total}")

    def set_controls_enabled(self, enabled: bool) -> None:
        """Controls work only while something can play."""
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.mute_button,
            self.volume,
        ):
            widget.setEnabled(enabled)

    def _mute_clicked(self) -> None:
        self._transport.set_muted(self.mute_button.isChecked())

    def _button(self, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.clicked.connect(slot)
        return button
