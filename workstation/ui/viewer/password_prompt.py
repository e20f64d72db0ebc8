"""Asks for the password of an encrypted PDF, in place of the pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PasswordPrompt(QWidget):
    """A password field; says so when the password given was wrong."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("Password"))
        self.field.setMaximumWidth(320)
        self.field.returnPressed.connect(self._submit)
        self.button = QPushButton(self.tr("Open"), self)
        self.button.clicked.connect(self._submit)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.field, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.error)
        column.addStretch(2)

    def ask(self, title: str) -> None:
        """Ask for the password of the document called `title`."""
        self.heading.setText(
            self.tr("“{0}” is protected by a password. Enter it to view the file.").format(title)
        )
        self.error.clear()
        self.field.clear()
        self.set_busy(False)
        self.field.setFocus()

    def set_busy(self, busy: bool) -> None:
        """Disable input while the password is being tried."""
        self.field.setEnabled(not busy)
        self.button.setEnabled(not busy)

    def wrong_password(self) -> None:
        """Say the password did not open the file and ask again."""
        self.set_busy(False)
        self.error.setText(self.tr("Wrong password. Please try again."))
        self.field.selectAll()
        self.field.setFocus()

    def _submit(self) -> None:
        if self.field.isEnabled():
            self.set_busy(True)
            self.submitted.emit(self.field.text())
