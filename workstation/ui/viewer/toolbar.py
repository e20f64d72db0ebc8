"""The viewer's toolbar: page navigation, zoom, find and cite, plus the page and zoom fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSpinBox, QToolBar, QWidget


class ViewerToolbar(QToolBar):
    """Text-only buttons for the viewer's actions, a page number field and the zoom shown."""

    def __init__(
        self,
        actions: dict[str, QAction],
        go_to: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page_field = QSpinBox(self)
        self.page_field.setKeyboardTracking(False)
        self.page_field.setToolTip(self.tr("Page number (Ctrl+G)"))
        self.page_field.editingFinished.connect(lambda: go_to(self.page_field.value() - 1))
        self.page_total = QLabel(self)
        self.zoom_label = QLabel(self)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        short = {
            "previous_page": self.tr("Previous"),
            "next_page": self.tr("Next"),
            "zoom_out": self.tr("Zoom −"),
            "zoom_in": self.tr("Zoom +"),
            "fit_width": self.tr("Fit width"),
            "fit_page": self.tr("Fit page"),
            "rotate": self.tr("Rotate"),
            "find": self.tr("Find"),
            "cite_area": self.tr("Cite area"),
        }
        for name, text in short.items():
            actions[name].setIconText(text)
        self.addAction(actions["previous_page"])
        self.addWidget(self.page_field)
        self.addWidget(self.page_total)
        self.addAction(actions["next_page"])
        self.addSeparator()
        for name in ("zoom_out", "zoom_in", "fit_width", "fit_page", "rotate"):
            self.addAction(actions[name])
        self.addWidget(self.zoom_label)
        self.addSeparator()
        self.addAction(actions["find"])
        self.addAction(actions["cite_area"])

    def set_page_count(self, count: int) -> None:
        """A new document of `count` pages: the field goes back to page 1."""
        self.page_field.setRange(1, max(1, count))
        self.page_field.setValue(1)
        self.page_total.setText(self.tr("/ {0}").format(count))

    def show_page(self, index: int) -> None:
        """Show the 0-based page `index` in the field without asking to go there."""
        self.page_field.blockSignals(True)
        self.page_field.setValue(index + 1)
        self.page_field.blockSignals(False)

    def show_zoom(self, percent: float) -> None:
        """Show the zoom, in percent."""
        self.zoom_label.setText(self.tr("{0} %").format(round(percent)))

    def focus_page_field(self) -> None:
        """Put the cursor in the page field, its number selected (Ctrl+G)."""
        self.page_field.setFocus()
        self.page_field.selectAll()
