"""Answering the modal dialogs a widget opens (message boxes, reason and minutes dialogs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


class DialogAnswer:
    """Handles the next modal dialog from inside its event loop; `seen` holds it afterwards."""

    def __init__(self, handle: Callable[[Any], None], *, wanted: type | None = None) -> None:
        self.handle = handle
        self.wanted = wanted
        self.seen: list[QWidget] = []
        self.failure: BaseException | None = None
        self._tries = 500  # about five seconds, then give up (check() reports it)
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (self.wanted is not None and not isinstance(dialog, self.wanted)):
            self._tries -= 1
            if self._tries > 0:
                QTimer.singleShot(10, self._look)
            return
        self.seen.append(dialog)
        try:
            self.handle(dialog)
        except BaseException as exc:  # reported by check(): an exception here would be lost
            self.failure = exc
            dialog.close()

    def check(self) -> QWidget:
        """The dialog that was answered (fails the test if none was, or the handler failed)."""
        if self.failure is not None:
            raise self.failure
        assert self.seen, "no modal dialog was shown"
        return self.seen[0]
