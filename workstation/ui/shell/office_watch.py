"""The live office: what colleagues changed on other PCs shows here without F5.

Every second (off the UI thread, one question at a time) the watch asks the services what
others changed since the newest audit entry it has seen (`store/changes.py`); when anything
did, it says which cases. A server that does not answer is simply asked again later: the
edits themselves report a lost connection.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.ui.shell.presence_watch import PresenceWatch, workspace_case_id
from workstation.ui.workers import run_task

if TYPE_CHECKING:  # the services load after the first screen
    from workstation.services import Workstation
    from workstation.store.changes import Changes
    from workstation.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class OfficeWatch(QObject):
    """Polls for colleagues' changes; `changed(Changes)` when there are some."""

    changed = Signal(object)
    INTERVAL_MS = 1000  # the promise is 2 s from a change to every screen

    def __init__(self, workstation: Workstation, login: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws, self._login = workstation, login
        self._head: int | None = None
        self.presence: PresenceWatch | None = None  # who else has an open case open
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.ask)
        self._timer.start()
        self.ask()  # learn the head now: only what comes after it is news

    def stop(self) -> None:
        self._timer.stop()
        if self.presence is not None:
            self.presence.stop()

    def ask(self) -> None:
        if self._asking:
            return  # the last question is still on its way (a slow server)
        self._asking = True
        ws, login, after = self._ws, self._login, self._head
        run_task(
            lambda _progress, _cancel: ws.changes_after(after, login),
            on_finished=self._answered,
            on_failed=self._not_answered,
            context=self,
        )

    def _answered(self, changes: Changes) -> None:
        self._asking = False
        first, self._head = self._head is None, changes.head
        if not first and changes.by_others:
            self.changed.emit(changes)

    def _not_answered(self, exc: BaseException) -> None:
        self._asking = False
        log.info("could not ask the office for changes: %s", exc)


def watch_office(window: MainWindow, workstation: Workstation | None) -> OfficeWatch | None:
    """A watch for `window` (None until the services are there): a colleague's change
    reloads the case list (now if shown, else when next shown) and each open case it
    touched."""
    if workstation is None:
        return None

    def changed(changes: Changes) -> None:
        window.case_moved()
        for workspace in window.workspaces.values():
            case_id = workspace_case_id(workspace)
            if changes.many or case_id is None or case_id in changes.case_ids:
                workspace.refresh()

    watch = OfficeWatch(workstation, window.login, window)
    watch.changed.connect(changed)
    watch.presence = PresenceWatch(window, workstation)
    return watch
