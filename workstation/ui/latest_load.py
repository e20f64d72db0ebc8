"""LatestLoad: reads a panel's data off the UI thread and delivers only the newest answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from workstation.ui.workers import run_task


class LatestLoad(QObject):
    """Runs `load()` on the worker pool; requests made while one runs fold into one more run,
    so a burst of refreshes costs at most two reads and the view never goes back in time."""

    loaded = Signal(object)  # the newest result
    failed = Signal(object)  # the exception of the newest request
    idle = Signal()  # nothing is loading any more

    def __init__(self, load: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self._running = False
        self._again = False

    @property
    def busy(self) -> bool:
        """Whether a read is running or asked for."""
        return self._running or self._again

    def request(self) -> None:
        """Ask for a fresh read; answered by `loaded` or `failed`, then `idle`."""
        if self._running:
            self._again = True
            return
        self._running = True
        run_task(
            lambda _progress, _cancel: self._load(),
            on_finished=self._finished,
            on_failed=self._failed,
            context=self,
        )

    def _finished(self, result: object) -> None:
        self._end(self.loaded, result)

    def _failed(self, exc: object) -> None:
        self._end(self.failed, exc)

    def _end(self, signal: Any, value: object) -> None:
        self._running = False
        if self._again:  # the answer is already stale: read once more
            self._again = False
            self.request()
            return
        signal.emit(value)
        self.idle.emit()
