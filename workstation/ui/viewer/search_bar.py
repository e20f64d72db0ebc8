"""The find bar under the pages: query, previous/next, how many hits."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class SearchBar(QWidget):
    """Asks for a search; shows its progress. Enter finds next, Shift+Enter previous."""

    search_requested = Signal(str)
    step_requested = Signal(bool)  # True: next, False: previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self._on_return)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("↑")
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(False))
        self.next_button = QToolButton(self)
        self.next_button.setText("↓")
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(True))
        self.status = QLabel(self)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Close the find bar (Esc)"))
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.field, self.previous_button, self.next_button, self.status, close):
            row.addWidget(widget)
        row.setStretch(0, 1)
        self._searched = ""

    def open_bar(self) -> None:
        """Show the bar with the query selected, ready to type."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar; the viewer clears the highlights."""
        self.hide()
        self._searched = ""
        self.closed.emit()

    def show_progress(self, searching: bool, count: int, index: int | None) -> None:
        """Say how far the search is: 3 / 12, searching…, no matches."""
        if count and index is not None:
            text = self.tr("{0} of {1}").format(index + 1, count)
        elif count:
            text = self.tr("%n match(es)", "", count)
        else:
            text = self.tr("No matches") if self._searched else ""
        if searching:
            text = self.tr("Searching… {0}").format(text)
        self.status.setText(text)

    def _on_return(self) -> None:
        query = self.field.text().strip()
        backwards = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        if backwards and query == self._searched:
            self.step_requested.emit(False)
        elif query != self._searched:
            self._searched = query
            self.search_requested.emit(query)
        else:
            self.step_requested.emit(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Esc closes; Shift+Enter goes to the previous match."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.step_requested.emit(False)
        else:
            super().keyPressEvent(event)
