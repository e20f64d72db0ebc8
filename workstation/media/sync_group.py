"""Up to four players held at the same instant of the case clock, one of them audible.

The clock is the master's shown frame while the master has footage; when it has none (it
started later or ended earlier), a monotonic timer carries the clock on. Followers are
compared with the clock on every master frame and re-seeked when more than a frame off
(`sync.DriftPolicy`). A player with no footage at the instant is paused and reported through
`footage_changed`, so its view shows a placeholder instead of a stale frame.

Playing runs to the end of the last recording of the group, whichever is heard; a stretch
where no recording has footage is skipped. At the end the group pauses on the last frame of
the last recording, and playing from there starts again at the group's first footage.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import suppress

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from workstation.media.player import Player, next_rate
from workstation.media.sync import DriftPolicy, next_footage, span
from workstation.recordings.placement import Placement

log = logging.getLogger(__name__)

MAX_PLAYERS = 4
_TICK_MS = 50


class SyncGroup(QObject):
    """Players that seek, play, pause and step together on the case clock."""

    instant_changed = Signal(object)  # wall ms (int; object: it does not fit a C int)
    footage_changed = Signal(int, bool)  # player index, has footage at the instant
    playing_changed = Signal(bool)

    def __init__(
        self,
        players: Sequence[Player],
        placements: Sequence[Placement],
        master: int = 0,
        policy: DriftPolicy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not 0 < len(players) <= MAX_PLAYERS or len(players) != len(placements):
            raise ValueError("a sync group holds one to four players, each placed")
        self._players = list(players)
        self._placements = list(placements)
        self._policy = policy or DriftPolicy()
        self._master = master
        self._footage = [True] * len(players)
        self._last_fix: list[int | None] = [None] * len(players)
        self._playing = False
        self._instant = span(placements)[0]
        self._clock = QElapsedTimer()
        self._clock_origin = self._instant
        self._rate = 1.0
        self._tick = QTimer(self)
        self._tick.setInterval(_TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        for player in self._players:
            # position_changed: the shown frame's time for video, the clock for sound alone.
            # A bound method, not a lambda: Qt drops the connection when the group is
            # destroyed, and the players (the panel's) outlive the groups built over them.
            player.position_changed.connect(self._on_position)
        self._released = False
        self.set_master(master)

    def release(self) -> None:
        """Pause and stop listening to the players (the panel replaces the group or closes)."""
        if self._released:
            return
        self._released = True
        self.pause()
        for player in self._players:
            with suppress(RuntimeError):  # a player already deleted has no connections left
                player.position_changed.disconnect(self._on_position)

    @property
    def master(self) -> int:
        """The index of the audible player whose frames drive the clock."""
        return self._master

    def instant(self) -> int:
        """The wall time (ms since the epoch) shown now."""
        return self._instant

    def is_playing(self) -> bool:
        """Whether the group is playing."""
        return self._playing

    def has_footage(self, index: int) -> bool:
        """Whether player `index` has footage at the instant shown."""
        return self._footage[index]

    def set_master(self, index: int) -> None:
        """Make one player audible and the clock; the others are muted followers."""
        self._master = index
        for i, player in enumerate(self._players):
            player.set_muted(i != index)

    def set_rate(self, rate: float) -> None:
        """Play every player at `rate`."""
        self._restart_clock()
        self._rate = rate
        for player in self._players:
            player.set_rate(rate)

    def seek(self, wall_ms: int) -> None:
        """Show the instant `wall_ms` in every player (a placeholder where there is none)."""
        self._instant = wall_ms
        self._restart_clock()
        for index in range(len(self._players)):
            self._place(index, wall_ms, playing=self._playing)
        self.instant_changed.emit(wall_ms)

    def play(self) -> None:
        """Start every player with footage, in step with the instant shown; at (or past) the
        end of the last recording, from the group's first footage again."""
        first, end = span(self._placements)
        if self._instant >= end - 1:
            self._instant = first
        self._playing = True
        self.seek(self._instant)
        self._tick.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        """Stop all, then put every follower exactly on the master's last shown instant."""
        self._playing = False
        self._tick.stop()
        for player in self._players:
            if player.is_playing():  # one stopped at its end would go back to its first frame
                player.pause()
        self.seek(self._instant)
        self.playing_changed.emit(False)

    def step(self, frames: int) -> None:
        """Pause and move the clock by whole frames of the master."""
        if self._playing:
            self.pause()
        frame_ms = self._players[self._master].frame_ms()
        self.seek(self._instant + round(frames * frame_ms))

    # -- the transport bar's protocol (ui/transport_bar.Transport) ------------------------

    def toggle_play(self) -> None:
        """Play when paused, pause when playing."""
        if self._playing:
            self.pause()
        else:
            self.play()

    def jump(self, delta_ms: int) -> None:
        """Move the clock by `delta_ms`."""
        self.seek(self._instant + delta_ms)

    def seek_media(self, ms: int) -> None:
        """Show media time `ms` of the master recording (and that instant everywhere)."""
        self.seek(self._placements[self._master].wall_time(ms))

    def media_position(self) -> int:
        """The master's media time at the instant shown."""
        return self._instant - self._placements[self._master].start_ms

    def change_rate(self, direction: int) -> float:
        """One rate step for every player; returns the new rate."""
        rate = next_rate(self._rate, direction)
        self.set_rate(rate)
        return rate

    def set_muted(self, muted: bool) -> None:
        """Silence or restore the master (the followers stay silent)."""
        self._players[self._master].set_muted(muted)

    def set_volume(self, volume: int) -> None:
        """The master's volume."""
        self._players[self._master].set_volume(volume)

    def placement(self, index: int) -> Placement:
        """Where player `index` sits on the case clock."""
        return self._placements[index]

    def set_placement(self, index: int, placement: Placement) -> None:
        """Move one recording on the clock (a corrected offset) and show the instant again."""
        self._placements[index] = placement
        self.seek(self._instant)

    # -- keeping in step -------------------------------------------------------------------

    def _place(self, index: int, wall_ms: int, playing: bool) -> None:
        player = self._players[index]
        media = self._placements[index].media_time(wall_ms)
        self._set_footage(index, media is not None)
        if media is None:
            if player.is_playing():  # one stopped at its end would go back to its first frame
                player.pause()
            return
        player.seek(media)
        self._last_fix[index] = None
        if playing:
            player.play()
        else:
            player.pause()

    def _set_footage(self, index: int, present: bool) -> None:
        if self._footage[index] != present:
            self._footage[index] = present
            self.footage_changed.emit(index, present)

    def _restart_clock(self) -> None:
        self._clock_origin = self._instant
        self._clock.start()

    def _clock_now(self) -> int:
        return self._clock_origin + round(self._clock.elapsed() * self._rate)

    def _on_position(self, ms: int) -> None:
        master = self._players[self._master]
        if self.sender() is not master or ms < 0 or not self._footage[self._master]:
            return
        placement = self._placements[self._master]
        wall = placement.wall_time(ms)
        if placement.media_time(wall) is None:
            return  # the file runs on past its probed length: the timer ends its footage
        self._instant = wall
        if self._playing:
            self._restart_clock()
            self._follow()
        self.instant_changed.emit(self._instant)

    def _on_tick(self) -> None:
        master = self._master
        now = self._clock_now()
        if self._footage[master]:
            if self._placements[master].media_time(now) is not None:
                self._follow()
                return
            # the heard recording has ended: it falls silent and the timer carries the clock
            self._place(master, now, playing=False)
        ahead = next_footage(self._placements, now)
        if ahead is None:  # past the end of the last recording: stop on its last frame
            self._instant = span(self._placements)[1] - 1
            self.pause()
            return
        if ahead != now:  # nothing to see or hear until the next recording starts
            self.seek(ahead)
            return
        self._instant = now
        self.instant_changed.emit(now)
        if self._placements[master].media_time(now) is not None:
            self._place(master, now, playing=True)
        self._follow()

    def _follow(self) -> None:
        now = int(self._clock.elapsed()) + self._clock_origin
        for index, player in enumerate(self._players):
            if index == self._master and self._footage[index]:
                continue
            media = self._placements[index].media_time(self._instant)
            if media is None:
                if self._footage[index]:
                    self._place(index, self._instant, playing=False)
                continue
            if not self._footage[index]:
                self._place(index, self._instant, playing=True)
                continue
            target = self._policy.correction(
                media, player.position_ms(), player.frame_ms(), now, self._last_fix[index]
            )
            if target is not None:
                log.debug("follower %d off by %d ms", index, media - player.position_ms())
                player.seek(target)
                self._last_fix[index] = now
