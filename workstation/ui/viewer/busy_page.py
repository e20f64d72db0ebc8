"""The page shown while a document opens: what is happening and a busy bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class BusyPage(QWidget):
    """“Opening …” or “Converting …” above an indeterminate progress bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: how long LibreOffice takes is unknown
        self.bar.setMaximumWidth(320)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.label)
        column.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def opening(self, title: str) -> None:
        """The document `title` is being opened."""
        self.label.setText(self.tr("Opening “{0}”…").format(title))

    def converting(self, title: str) -> None:
        """LibreOffice is converting the document `title` to PDF."""
        self.label.setText(self.tr("Converting “{0}” to PDF with LibreOffice…").format(title))
