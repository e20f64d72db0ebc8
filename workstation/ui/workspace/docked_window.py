"""DockedWindow: a QMainWindow whose docks remember where the user put them (QSettings),
come back to a default layout on request, and float only while their window is shown.

The centre (the documents) keeps at least half of the height it shares with the docks above
and below it: a layout saved in a larger window, or with a tall panel in front, would
otherwise come back with the documents squeezed to a strip.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

LAYOUT_KEY = "workspace/state"
LAYOUT_VERSION = 2  # 2: the recordings dock, tabbed with the findings
CENTRE_SHARE = 0.5  # of the height shared with the docks above and below: the centre's least
_ABOVE_BELOW = (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)


class DockedWindow(QMainWindow):
    """Docks added with `add_dock()`; `default_sizes()` is for subclasses to size them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._areas: dict[QDockWidget, Qt.DockWidgetArea] = {}  # where each dock belongs
        self._titles: dict[QDockWidget, str] = {}
        self._tabbed: dict[QDockWidget, QDockWidget] = {}  # a dock → the one it is tabbed behind
        self._floating: list[QDockWidget] = []  # floating docks hidden with the window
        self._layout_applied = False
        self.setDockNestingEnabled(True)

    @property
    def docks(self) -> list[QDockWidget]:
        """The docks, in the order they were added (for the View menu)."""
        return list(self._areas)

    def add_dock(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
    ) -> QDockWidget:
        """A movable, floatable, closable dock holding `widget`, put in `area`, or as a tab
        behind `tab_with` (which stays in front)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")  # saveState needs a stable name per dock
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._areas[dock], self._titles[dock] = area, title
        self.addDockWidget(area, dock)
        if tab_with is not None:
            self._tabbed[dock] = tab_with
            self._tab(dock, tab_with)
        return dock

    def _tab(self, dock: QDockWidget, front: QDockWidget) -> None:
        self.tabifyDockWidget(front, dock)
        front.raise_()

    def name_docks(self, owner: str) -> None:
        """Add whose they are to the docks' titles: "Case file — <owner>"."""
        for dock, title in self._titles.items():
            dock.setWindowTitle(f"{title} — {owner}")

    def save_layout(self) -> None:
        """Remember dock positions (also floating ones on a second monitor)."""
        QSettings().setValue(LAYOUT_KEY, self.saveState(LAYOUT_VERSION))

    def restore_layout(self) -> bool:
        """Put the docks back where the reviewer left them last time; False if never saved."""
        state = QSettings().value(LAYOUT_KEY)
        if isinstance(state, QByteArray | bytes):
            return bool(self.restoreState(QByteArray(state), LAYOUT_VERSION))
        return False

    def default_layout(self) -> None:
        """Every dock open and docked in its own area (tabbed ones behind their front
        dock), at the default sizes."""
        for dock, area in self._areas.items():
            dock.setFloating(False)
            dock.show()
            self.addDockWidget(area, dock)
        for dock, front in self._tabbed.items():
            self._tab(dock, front)
        self.default_sizes()

    def default_sizes(self) -> None:
        """Give the docks their default sizes (the window's size is known by then)."""

    def centre_room(self, dock: QDockWidget) -> int:
        """The most height `dock`, above or below the centre, may take: the centre keeps
        `CENTRE_SHARE` of what the two share."""
        centre = self.centralWidget()
        shared = dock.height() + (centre.height() if centre is not None else 0)
        return int(shared * (1 - CENTRE_SHARE))

    def keep_centre_height(self) -> None:
        """Give the centre back its share of the height when the docks above and below it
        (those on screen: a tab behind another is not) leave it less."""
        centre = self.centralWidget()
        if centre is None:
            return
        rows: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for dock in self.docks:
            area = self.dockWidgetArea(dock)
            if area in _ABOVE_BELOW and not dock.isFloating() and _on_screen(dock):
                rows.setdefault(area, []).append(dock)
        heights = {area: max(d.height() for d in docks) for area, docks in rows.items()}
        taken = sum(heights.values())
        room = int((taken + centre.height()) * (1 - CENTRE_SHARE))
        if taken <= room:
            return
        for area, docks in rows.items():
            share = heights[area] * room // taken
            self.resizeDocks(docks, [share] * len(docks), Qt.Orientation.Vertical)

    def hide_floating_docks(self) -> None:
        """Take floating docks off the screen (the window is going away)."""
        for dock in self.docks:
            if dock.isFloating():
                dock.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._layout_applied:  # sizes only take once the window has its size
            self._layout_applied = True
            if not self.restore_layout():
                self.default_layout()
            else:  # the restored sizes are laid out by the next turn of the event loop
                QTimer.singleShot(0, self, self.keep_centre_height)
        for dock in self._floating:
            dock.show()
        self._floating = []

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        # A floating dock belongs to this window: it must not stay on screen over another tab.
        self._floating = [d for d in self.docks if d.isFloating() and d.isVisible()]
        for dock in self._floating:
            dock.hide()
        super().hideEvent(event)


def _on_screen(dock: QDockWidget) -> bool:
    """Whether any of `dock` shows (a tab behind another one is "visible" to Qt)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()
