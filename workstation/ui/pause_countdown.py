"""PauseCountdown: the pause after repeated wrong passwords or passphrases, counted down.

The login and sign dialogs share it: a label says how long is left ("… 请 N 秒后再试"), and
`waiting_changed` tells the dialog when to turn its action off or back on. How long is left
comes from the throttle (security/throttle.py); the countdown only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

TICK_MS = 200  # checked five times a second, so the whole seconds shown change on time


class PauseCountdown(QObject):
    """Shows `message(seconds_left())` in `label` while the pause lasts, hides it after.

    `check()` asks once (on opening, before each attempt, after a refused one) and starts
    the countdown, which then asks every `TICK_MS` until the pause is over.
    """

    waiting_changed = Signal(bool)  # the pause began (True) or ended (False)

    def __init__(
        self,
        label: QLabel,
        seconds_left: Callable[[], float],
        message: Callable[[float], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._seconds_left = seconds_left
        self._message = message
        self.waiting = False  # as of the last check
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        """Whether the countdown is ticking."""
        return self._timer.isActive()

    def check(self) -> bool:
        """Show what is left of the pause; True while an attempt must wait."""
        left = self._seconds_left()
        waiting = left > 0
        if waiting:
            self._label.setText(self._message(left))
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
        self._label.setVisible(waiting)
        flipped = waiting != self.waiting
        self.waiting = waiting
        if flipped:
            self.waiting_changed.emit(waiting)
        return waiting

    def stop(self) -> None:
        """Stop ticking (the dialog closes); the next `check()` starts again if need be."""
        self._timer.stop()
