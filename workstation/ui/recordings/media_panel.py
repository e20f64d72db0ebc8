"""The case's recordings, up to four at once in step on the case clock, beside the checklist.

The list on the left chooses which recordings are in the grid and which one is heard. Every
recording is hash-checked against the store before it first plays (a mismatch is refused and
audited by the service). The review tools — bookmarks, clock corrections, snapshots — sit in
`MediaReviewBar`; this panel keeps the players, the clock and the timeline in step.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation.media.sync_group import SyncGroup
from workstation.recordings.placement import epoch_ms
from workstation.recordings.timeline import CaseTimeline, RecordingSpan
from workstation.services import Workstation
from workstation.ui.error_dialog import show_error
from workstation.ui.recordings.group_transport import GroupTransport
from workstation.ui.recordings.media_review_bar import MediaReviewBar
from workstation.ui.recordings.player_widget import PlayerWidget
from workstation.ui.recordings.recording_choice import RecordingChoice
from workstation.ui.recordings.timeline_view import TimelineView
from workstation.ui.recordings.transcript_panel import TranscriptPanel
from workstation.ui.recordings.transport_bar import TransportBar
from workstation.ui.workers import run_task

log = logging.getLogger(__name__)


class MediaPanel(QWidget):
    """Recordings list, player grid, shared transport, timeline, transcript, review tools."""

    review_changed = Signal()  # a correction, bookmark citation or figure changed the review

    def __init__(
        self, ws: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = ws, reference, login
        self._timeline: CaseTimeline | None = None
        self._tiles: dict[str, PlayerWidget] = {}
        self._checked_ok: set[str] = set()  # hash-checked in this panel's life
        self._group: SyncGroup | None = None
        self._group_keys: list[str] = []
        self._pending: tuple[str, int] | None = None  # a jump asked before the grid was ready
        self.recordings = RecordingChoice(self)
        self.recordings.choice_changed.connect(self._choice_changed)
        self.master = QComboBox(self)
        self.master.setToolTip(self.tr("Whose sound is heard; its frames drive the clock"))
        self.master.currentIndexChanged.connect(self._master_changed)
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self.tr("Loading the recordings…"), self)
        self.status.setWordWrap(True)
        self.transport = TransportBar(GroupTransport(lambda: self.group), self)
        self.transport.install_shortcuts(self)
        self.timeline = TimelineView(self)
        self.timeline.seek_requested.connect(self._seek_moment)
        self.transcript = TranscriptPanel(self)
        self.transcript.seek_requested.connect(self._seek_transcript)
        self.tools = MediaReviewBar(ws, reference, login, self)
        self.tools.changed.connect(self._after_review_change)
        self.tools.bookmark_chosen.connect(self.seek_bookmark)
        self._layout()
        self.transport.set_controls_enabled(False)
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the case timeline again (after a correction, a bookmark…) off the UI thread."""
        ws, reference, login = self._ws, self._reference, self._login
        run_task(
            lambda _progress, _cancel: ws.recordings.timeline(reference, login),
            on_finished=self._show_timeline,
            on_failed=lambda exc: show_error(self, exc),
            context=self,
        )

    def _show_timeline(self, timeline: CaseTimeline) -> None:
        first = self._timeline is None
        self._timeline = timeline
        self.timeline.set_timeline(timeline)
        self.tools.set_timeline(timeline)
        if first:
            self.recordings.fill(timeline)
            self._choice_changed()
            if self._pending is not None and self._pending[0] not in self.chosen_keys():
                self.show_recording(*self._pending)
        elif self._group is not None:
            for index, key in enumerate(self._group_keys):
                span = timeline.recording(key)
                if span is not None:
                    self._group.set_placement(index, span.placement)
        if not timeline.recordings:
            self.status.setText(self.tr("This case has no recordings."))

    # -- the grid -------------------------------------------------------------------------

    def chosen_keys(self) -> list[str]:
        """The recordings ticked for the grid, in list order (at most four)."""
        return self.recordings.chosen_keys()

    def _choice_changed(self) -> None:
        if self._timeline is None:
            return
        keys = self.chosen_keys()
        self._drop_group()
        for key in list(self._tiles):
            if key not in keys:
                self._remove_tile(key)
        for key in keys:
            if key not in self._tiles:
                self._add_tile(key)
        self._arrange(keys)
        self._refill_master(keys)
        self._maybe_build_group()

    def _add_tile(self, key: str) -> None:
        span = self._span(key)
        tile = PlayerWidget(self.grid_host, engine=self._ws.settings.media_engine)
        tile.transport.hide()  # the panel's bar drives them all
        tile.lane.set_wanted(False)  # only the heard recording's sound is drawn
        tile.view.show_message(self.tr("Checking {0} against the store…").format(span.device))
        self._tiles[key] = tile
        tile.ready.connect(self._maybe_build_group)
        if key in self._checked_ok and span.file is not None:
            tile.open_file(span.file)
            return
        ws, reference, login = self._ws, self._reference, self._login
        run_task(
            lambda progress, cancel: ws.recordings.check_playable(
                reference, key, login, progress=progress, cancel=cancel
            ),
            on_finished=partial(self._open_checked, key),
            on_failed=partial(self._refuse, key),
            context=tile,
        )

    def _open_checked(self, key: str, path: Path) -> None:
        self._checked_ok.add(key)
        tile = self._tiles.get(key)
        if tile is not None:
            tile.open_file(path)

    def _refuse(self, key: str, exc: BaseException) -> None:
        tile = self._tiles.get(key)
        message = getattr(exc, "message", str(exc))
        if tile is not None:
            tile.view.show_message(message)
        self.status.setText(message)

    def _remove_tile(self, key: str) -> None:
        tile = self._tiles.pop(key)
        tile.close_file()
        tile.deleteLater()

    def _arrange(self, keys: list[str]) -> None:
        columns = 1 if len(keys) <= 1 else 2
        for index, key in enumerate(keys):
            self.grid.addWidget(self._tiles[key], index // columns, index % columns)

    def _refill_master(self, keys: list[str]) -> None:
        self.master.blockSignals(True)
        self.master.clear()
        for key in keys:
            self.master.addItem(self._span(key).device, key)
        self.master.blockSignals(False)

    def _maybe_build_group(self) -> None:
        """Once every tile plays (or has said why it cannot), put the players in step."""
        keys = [k for k in self.chosen_keys() if k in self._tiles]
        if self._group is not None or not all(self._tiles[k].is_ready() for k in keys):
            return
        keys = [k for k in keys if self._tiles[k].player is not None]  # not the refused
        players = [self._tiles[k].player for k in keys]
        if not keys:
            return
        placements = [self._span(k).placement for k in keys]
        master = max(self.master.currentIndex(), 0)
        group = SyncGroup([p for p in players if p is not None], placements, master, parent=self)
        group.footage_changed.connect(self._footage_changed)
        group.instant_changed.connect(self._instant_changed)
        group.playing_changed.connect(self.transport.set_playing)
        self._group, self._group_keys = group, keys
        self.transport.set_controls_enabled(True)
        self._heard(keys[master])
        group.seek(placements[master].start_ms)
        if self._pending is not None:
            key, media_ms = self._pending
            self._pending = None
            if key in keys:
                group.seek(placements[keys.index(key)].wall_time(media_ms))
        self.status.setText(self.tr("{0} recording(s) in step.").format(len(keys)))

    def _drop_group(self) -> None:
        if self._group is not None:
            self._group.release()  # the tiles' players live on; the group must not hear them
            self._group.deleteLater()
        self._group, self._group_keys = None, []
        self.transport.set_controls_enabled(False)

    @property
    def group(self) -> SyncGroup | None:
        """The players in step now, if the grid has any."""
        return self._group

    def _master_changed(self, index: int) -> None:
        if self._group is not None and index >= 0:
            self._group.set_master(index)
            self._heard(self._group_keys[index])

    def _heard(self, key: str) -> None:
        """Recording `key` is heard now: its transcript, its sound's lane, its stretch of the
        timeline (0 on the timeline shows the whole case again)."""
        self._load_transcript(key)
        for tile_key, tile in self._tiles.items():
            tile.lane.set_wanted(tile_key == key)
        span = self._span(key)
        self.timeline.show_range(
            span.start - (span.end - span.start), span.end + (span.end - span.start)
        )

    # -- keeping the panes in step ---------------------------------------------------------

    def _footage_changed(self, index: int, present: bool) -> None:
        tile = self._tiles.get(self._group_keys[index])
        if tile is not None and not present:
            tile.view.show_message(self.tr("No footage (无录像)"))

    def _instant_changed(self, wall_ms: int) -> None:
        if self._group is None:
            return
        moment = datetime.fromtimestamp(wall_ms / 1000, tz=UTC)
        self.timeline.set_instant(moment)
        media = self._group.media_position()
        self.transcript.set_position(media)
        length = self._span(self._group_keys[self._group.master]).footage_ms
        # past the heard recording's end (the others play on) its time stays at its end
        self.transport.set_time(min(media, length), length)
        self.tools.set_position(self._group_keys[self._group.master], media, self.master_image())

    def master_image(self):  # noqa: ANN201 - QImage | None
        """The frame the audible recording shows now (for a snapshot)."""
        if self._group is None:
            return None
        return self._tiles[self._group_keys[self._group.master]].view.image()

    def _seek_moment(self, moment: datetime) -> None:
        if self._group is not None:
            self._group.seek(epoch_ms(moment))

    def _seek_transcript(self, media_ms: int) -> None:
        if self._group is not None:
            self._group.seek_media(media_ms)

    def seek_bookmark(self, key: str, media_ms: int) -> None:
        """Show a recording's media time (a bookmark or a citation) at once in every pane."""
        if self._group is not None and key in self._group_keys:
            placement = self._group.placement(self._group_keys.index(key))
            self._group.seek(placement.wall_time(media_ms))
        else:
            self._pending = (key, media_ms)

    def show_recording(self, key: str, media_ms: int = 0) -> None:
        """Put a recording in the grid (in place of the last when four are shown) and show
        its media time `media_ms` — from the navigator, a finding's ref or a citation."""
        if self._timeline is None:
            self._pending = (key, media_ms)
            return
        if key not in self.chosen_keys():
            if not self.recordings.choose(key):
                self.status.setText(self.tr("This recording cannot be played."))
                return
            self._choice_changed()
        self.seek_bookmark(key, media_ms)

    def _load_transcript(self, key: str) -> None:
        span = self._span(key)
        if not span.has_transcript:
            self.transcript.set_transcript(None, span.device)
            return
        ws, reference, login = self._ws, self._reference, self._login
        run_task(
            lambda _progress, _cancel: ws.recordings.transcript(reference, key, login),
            on_finished=lambda transcript: self.transcript.set_transcript(transcript, span.device),
            on_failed=lambda exc: self.transcript.set_transcript(None, span.device),
            context=self,
        )

    def _after_review_change(self) -> None:
        self.refresh()
        self.review_changed.emit()

    def _span(self, key: str) -> RecordingSpan:
        assert self._timeline is not None
        span = self._timeline.recording(key)
        assert span is not None
        return span

    def close_panel(self) -> None:
        """Stop every player (the tab is closing)."""
        self._drop_group()
        for key in list(self._tiles):
            self._remove_tile(key)

    def _layout(self) -> None:
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Recordings (tick up to four)"), side))
        side_layout.addWidget(self.recordings, 1)
        side_layout.addWidget(QLabel(self.tr("Sound from"), side))
        side_layout.addWidget(self.master)
        side_layout.addWidget(self.tools)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.grid_host, 1)
        centre_layout.addWidget(self.transport)
        centre_layout.addWidget(self.status)
        centre_layout.addWidget(self.timeline)
        # The side column scrolls rather than make the dock (and so the window) taller.
        side_scroll = QScrollArea(self)
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setMinimumWidth(side.sizeHint().width())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(side_scroll)
        split.addWidget(centre)
        split.addWidget(self.transcript)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
