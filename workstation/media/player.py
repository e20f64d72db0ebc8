"""The `Player` protocol: what the workspace asks of a playback engine, whichever it is.

Two engines implement it — QtMultimedia (`qt_player.QtPlayer`) and libVLC
(`vlc_player.VlcPlayer`); docs/media.md says which does what and why. Both hand every shown
frame over as a QImage, so the picture is drawn by our own widget the same way in a real
window and on the offscreen platform, and tests read exactly what the reviewer would see.

Times are media time in milliseconds. `position_ms` is the start of the frame on screen when
the engine knows it (`exact_frames`), otherwise the engine's own estimate.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance

RATES = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
DEFAULT_FRAME_MS = 40.0  # 25 fps, the body cameras' usual rate, until the file says otherwise


@runtime_checkable
class Player(Protocol):
    """One recording in one engine. Signals are delivered on the UI thread."""

    # QImage of the frame now shown, and its start time in ms (-1 when unknown)
    frame_shown: SignalInstance
    # media position in ms; for video the shown frame's, for sound the engine's clock
    position_changed: SignalInstance
    duration_changed: SignalInstance  # ms, -1 when the file does not say
    playing_changed: SignalInstance  # bool
    # the file cannot be played: a Chinese message naming the problem
    failed: SignalInstance
    # it plays, but something is wrong (a track that cannot be decoded): Chinese text
    warned: SignalInstance

    engine_name: str
    exact_frames: bool  # positions and seeks are frame-exact, not estimates

    def open(self, path: str) -> None:
        """Load a file and show its first frame, paused."""

    def close(self) -> None:
        """Stop and release the file; the player can open another."""

    def play(self) -> None:
        """Start or resume playback at the current rate."""

    def pause(self) -> None:
        """Pause on the frame now shown."""

    def is_playing(self) -> bool:
        """Whether playback is running."""

    def seek(self, ms: int) -> None:
        """Show the frame covering media time `ms` (clamped to the file)."""

    def step(self, frames: int) -> None:
        """Pause and move by whole frames (negative: back)."""

    def position_ms(self) -> int:
        """The media time of what is shown now."""

    def duration_ms(self) -> int:
        """The file's duration, -1 when unknown."""

    def frame_ms(self) -> float:
        """The length of one frame (the file's, or 25 fps when it has no video)."""

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.25–4."""

    def rate(self) -> float:
        """The playback speed now."""

    def set_volume(self, volume: int) -> None:
        """Volume 0–100."""

    def set_muted(self, muted: bool) -> None:
        """Silence the sound without losing the volume."""


def clamp_rate(rate: float) -> float:
    """Rates outside 0.25–4 are brought back inside."""
    return min(max(rate, RATES[0]), RATES[-1])


def next_rate(rate: float, direction: int) -> float:
    """The next step of `RATES` up (direction > 0) or down from `rate`."""
    if direction > 0:
        return next((r for r in RATES if r > rate + 1e-9), RATES[-1])
    return next((r for r in reversed(RATES) if r < rate - 1e-9), RATES[0])
