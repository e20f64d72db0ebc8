"""The media panel's transport: the bar drives whichever sync group the panel has now.

The group is rebuilt whenever the reviewer changes the recordings in the grid; the bar and its
keys stay, so they ask for the current group on every press.
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.media.sync_group import SyncGroup


class GroupTransport:
    """The transport bar's view of a panel: its sync group when it has one, else nothing."""

    def __init__(self, group: Callable[[], SyncGroup | None]) -> None:
        self._group = group

    def toggle_play(self) -> None:
        """Play or pause every pane."""
        if (group := self._group()) is not None:
            group.toggle_play()

    def step(self, frames: int) -> None:
        """Step every pane by the master's frames."""
        if (group := self._group()) is not None:
            group.step(frames)

    def jump(self, delta_ms: int) -> None:
        """Move the clock."""
        if (group := self._group()) is not None:
            group.jump(delta_ms)

    def seek_media(self, ms: int) -> None:
        """Go to a media time of the master."""
        if (group := self._group()) is not None:
            group.seek_media(ms)

    def media_position(self) -> int:
        """The master's media time."""
        group = self._group()
        return group.media_position() if group is not None else 0

    def change_rate(self, direction: int) -> float:
        """One rate step for every pane."""
        group = self._group()
        return group.change_rate(direction) if group is not None else 1.0

    def set_muted(self, muted: bool) -> None:
        """Mute the master."""
        if (group := self._group()) is not None:
            group.set_muted(muted)

    def set_volume(self, volume: int) -> None:
        """The master's volume."""
        if (group := self._group()) is not None:
            group.set_volume(volume)
