"""PartBox: a box for one part of a window (a dock's panel, the centre) that keeps the window
from laying itself out again whenever something inside changes a little.

Qt passes every size change up to the top-level window, needed or not: a label given new
text inside a dock makes the main window lay out all its docks again and repaint itself
whole, some 15 ms of the UI thread each time. A PartBox passes a change on only when its
contents no longer fit (their minimum size is more than the box has); otherwise it lays
them out again inside itself, and only that part repaints. Preferred sizes only count
before the window has laid the box out (the docks keep the sizes they were given).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class PartBox(QWidget):
    """A column of widgets (`column`, margins off) whose size changes stay inside the box
    unless they no longer fit in it."""

    def __init__(self, *widgets: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inner = QWidget(self)
        self.column = QVBoxLayout(self._inner)
        self.column.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            self.column.addWidget(widget)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._inner.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._inner.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._inner.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # The column's layout asks its parent (this box, which has no layout) to lay out
        # again; the window hears of it only if the column no longer fits in the box.
        if event.type() == QEvent.Type.LayoutRequest:
            need = self._inner.minimumSizeHint()
            if need.width() > self.width() or need.height() > self.height():
                self.updateGeometry()
            return True
        return super().event(event)
