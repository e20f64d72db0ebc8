"""PanelRefresh: after an edit in one panel of a workspace, re-read the others — once for a
burst of edits, each off the UI thread, and one failing panel never stops the rest."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 250  # a burst of edits costs one re-read of the other panels


class Refreshable(Protocol):
    """A panel that can read its data again (off the UI thread)."""

    def refresh(self) -> None:
        """Read again and show what was read."""


class PanelRefresh(QObject):
    """Refreshes the panels `panels()` lists; `sharing` groups panels that one read serves
    (an edit in either already re-reads it for both)."""

    def __init__(
        self,
        panels: Callable[[], Iterable[Refreshable]],
        sharing: Callable[[], list[Refreshable]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panels, self._sharing = panels, sharing
        self._pending: list[Refreshable] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.run_pending)

    def all_now(self) -> None:
        """Re-read every panel at once (F5, or after the case moved on)."""
        self._add(self._panels())
        self.run_pending()

    def others_soon(self, sender: Refreshable) -> None:
        """`sender` changed the review: the other panels re-read shortly."""
        shared = self._sharing()
        done = shared if sender in shared else [sender]
        self._add(p for p in self._panels() if p not in done)
        self._timer.start()

    def _add(self, panels: Iterable[Refreshable]) -> None:
        self._pending += [p for p in panels if p not in self._pending]

    def run_pending(self) -> None:
        """Refresh what is waiting now."""
        pending, self._pending = self._pending, []
        for panel in pending:
            try:
                panel.refresh()  # each reads off the UI thread
            except Exception:  # one failing panel must not stop the rest
                log.exception("refresh of %s failed", type(panel).__name__)
