"""StateBanner: the line above the checklist saying whether the reader may edit it.

It is always there, and it keeps the height it has when its text gets shorter (until the
panel's width changes): accepting a case turns "read-only, because…" into the editable hint
without moving the checklist rows beneath, which a reviewer may be about to click.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

_LOCKED = "background: #fff4e0; color: #6b4100; padding: 4px; border-radius: 3px;"
_EDITABLE = "background: #e9f3ea; color: #22512a; padding: 4px; border-radius: 3px;"


class StateBanner(QLabel):
    """Why the checklist is read-only (`show_locked`), or that it may be edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist_state")
        self.setWordWrap(True)
        self.locked = True
        self.setStyleSheet(_LOCKED)

    def show_locked(self, text: str) -> None:
        """Read-only, for the reason `text`."""
        self._say(text, locked=True)

    def show_editable(self, text: str) -> None:
        """The reader may edit the checklist; `text` says how."""
        self._say(text, locked=False)

    def _say(self, text: str, *, locked: bool) -> None:
        if self.isVisible():  # laid out: a shorter text must not give its room back
            self.setMinimumHeight(max(self.minimumHeight(), self.height()))
        if locked != self.locked:
            self.locked = locked
            self.setStyleSheet(_LOCKED if locked else _EDITABLE)
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        # Another width wraps the text anew: the height kept for the old one no longer counts.
        if event.size().width() != event.oldSize().width() and self.minimumHeight():
            self.setMinimumHeight(0)
        super().resizeEvent(event)
