"""MediaDock: the case workspace's recordings dock, tabbed with the findings below the
documents, so the reviewer sees a document and the moment it describes at once.

The MediaPanel is built the first time the dock is on screen, or when something asks for a
recording (the navigator, a finding's reference, a recording citation): players, hash
checks and waveforms cost time that opening a case whose recordings are not looked at
should not pay — nor the ~90 ms of importing the players, on the UI thread, at case open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from workstation.services import Workstation
from workstation.ui.workspace.docked_window import DockedWindow
from workstation.ui.workspace.part_box import PartBox

if TYPE_CHECKING:
    from workstation.ui.recordings.media_panel import MediaPanel

MIN_ROOM = 320  # pixels: a 2×2 grid below which the pictures are too small to judge


class MediaDock(QObject):
    """The dock and, once built, its panel. `built` gives the panel when it is made;
    `review_changed` says a correction, citation or figure changed the review."""

    built = Signal(QWidget)  # the MediaPanel
    review_changed = Signal()

    def __init__(
        self,
        window: DockedWindow,
        ws: Workstation,
        reference: str,
        login: str,
        tab_with: QDockWidget,
    ) -> None:
        super().__init__(window)
        self._window, self._ws, self._reference, self._login = window, ws, reference, login
        self._panel: MediaPanel | None = None
        self._on_screen = False
        self.box = PartBox()
        self.dock = window.add_dock(
            "media",
            self.tr("Recordings"),
            self.box,
            Qt.DockWidgetArea.BottomDockWidgetArea,
            tab_with=tab_with,
        )
        self.dock.visibilityChanged.connect(self._visibility_changed)

    @property
    def is_built(self) -> bool:
        """Whether the panel exists (players may be open)."""
        return self._panel is not None

    @property
    def panel(self) -> MediaPanel:
        """The media panel, built now if it was not yet."""
        if self._panel is None:
            from workstation.ui.recordings.media_panel import MediaPanel

            panel = self._panel = MediaPanel(self._ws, self._reference, self._login)
            panel.review_changed.connect(self.review_changed)
            self.box.column.addWidget(panel, 1)
            self._make_room()
            self.built.emit(panel)
        return self._panel

    @property
    def on_screen(self) -> bool:
        """Whether the dock shows now (a tab behind another one stays "visible" to Qt)."""
        return self._on_screen and self.dock.isVisible()

    def show_recording(self, key: str, media_ms: int = 0) -> None:
        """Bring the dock forward and show recording `key` at media time `media_ms`."""
        self.dock.show()
        self.dock.raise_()
        self.panel.show_recording(key, media_ms)

    def close(self) -> None:
        """Stop every player (the tab is closing)."""
        if self._panel is not None:
            self._panel.close_panel()

    def _visibility_changed(self, visible: bool) -> None:
        # Qt says here, not through isVisible(), whether a tabbed dock's tab is the one shown.
        # Laying docks out shows and hides them for a moment: build only if the dock is still
        # on screen a turn later (its tab chosen, or floated out).
        self._on_screen = visible
        if visible and self._panel is None:
            QTimer.singleShot(0, self, self._build_if_shown)

    def _build_if_shown(self) -> None:
        if self.on_screen and self._window.isVisible():
            self.panel  # noqa: B018 - built on first show

    def _make_room(self) -> None:
        """A docked panel lower than a grid of pictures needs (the findings' strip) gets all
        the height the documents can spare, and one taller (a layout saved in a larger
        window) gives the documents theirs back: they keep at least half."""
        if self.dock.isFloating() or self._window.dockWidgetArea(self.dock) not in (
            Qt.DockWidgetArea.BottomDockWidgetArea,
            Qt.DockWidgetArea.TopDockWidgetArea,
        ):
            return
        room, height = self._window.centre_room(self.dock), self.dock.height()
        if height < min(MIN_ROOM, room) or height > room:
            self._window.resizeDocks([self.dock], [room], Qt.Orientation.Vertical)
