"""Who else is working in an open case: a line above the workspace naming them.

Every few seconds, and at once when a case tab opens or closes, the desktop tells the
services which cases it has open and learns who else has them open (`store/presence.py`),
off the UI thread and one question at a time. A workspace with a colleague in it shows a
PresenceBar; the bar goes when they close the case.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from workstation.store.presence import BEAT_SECONDS, Present
from workstation.timefmt import format_minute
from workstation.ui.workers import run_task

if TYPE_CHECKING:
    from workstation.services import Workstation
    from workstation.ui.shell.main_window import MainWindow
    from workstation.ui.workspace.case_workspace import CaseWorkspace

log = logging.getLogger(__name__)

_STYLE = "background: #eef3fb; color: #1d3b66; padding: 3px 6px;"


class PresenceBar(QToolBar):
    """The line naming the colleagues who have this case open (hidden when none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presence_bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a toolbar the user switches off
        self.label = QLabel()
        self.label.setObjectName("presence_banner")
        self.label.setStyleSheet(_STYLE)
        self.addWidget(self.label)
        self.setVisible(False)

    def show_present(self, present: list[Present]) -> None:
        if not present:
            self.setVisible(False)
            return
        names = self.tr("; ").join(
            self.tr("%1 (on %2, since %3)")
            .replace("%1", p.name)
            .replace("%2", p.host)
            .replace("%3", format_minute(p.since))
            for p in present
        )
        self.label.setText(self.tr("Also working in this case: %1").replace("%1", names))
        self.setVisible(True)


class PresenceWatch(QObject):
    """Tells the office which cases this desktop has open and shows who else has them."""

    def __init__(self, window: MainWindow, workstation: Workstation) -> None:
        super().__init__(window)
        self._window, self._ws, self._login = window, workstation, window.login
        self._asking = self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(BEAT_SECONDS * 1000)
        self._timer.timeout.connect(self.beat)
        self._timer.start()
        # A tab opened or closed changes the current tab: tell the others now.
        window.tabs.currentChanged.connect(lambda _index: QTimer.singleShot(0, self, self.beat))

    def stop(self) -> None:
        """Stop beating and say this desktop has no case open any more."""
        self._timer.stop()
        ws, login = self._ws, self._login
        run_task(lambda _progress, _cancel: ws.presence(login, []))

    def beat(self) -> None:
        if self._asking:
            self._again = True  # ask once more when the answer comes: the tabs moved
            return
        self._asking = True
        workspaces = {
            case_id: workspace
            for workspace in self._window.workspaces.values()
            if (case_id := workspace_case_id(workspace)) is not None
        }
        ws, login, open_ids = self._ws, self._login, list(workspaces)
        run_task(
            lambda _progress, _cancel: ws.presence(login, open_ids),
            on_finished=lambda present: self._answered(workspaces, present),
            on_failed=self._not_answered,
            context=self,
        )

    def _answered(
        self, workspaces: dict[int, CaseWorkspace], present: dict[int, list[Present]]
    ) -> None:
        self._asking = False
        for case_id, workspace in workspaces.items():
            if workspace in self._window.workspaces.values():
                presence_bar(workspace).show_present(present.get(case_id, []))
        self._ask_again()

    def _not_answered(self, exc: BaseException) -> None:
        self._asking = False
        log.info("could not tell the office which cases are open: %s", exc)
        self._ask_again()

    def _ask_again(self) -> None:
        if self._again:
            self._again = False
            self.beat()


def presence_bar(workspace: CaseWorkspace) -> PresenceBar:
    """The workspace's presence line, added above it the first time it is needed."""
    bar = workspace.findChild(PresenceBar)
    if bar is None:
        bar = PresenceBar(workspace)
        workspace.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def workspace_case_id(workspace: CaseWorkspace) -> int | None:
    """The case id of an open workspace: from its reference (C17), else once read."""
    for reference in (workspace.reference, workspace.contents and workspace.contents.reference):
        if reference:
            digits = reference.partition("@")[0].removeprefix("C")
            if reference.startswith("C") and digits.isdigit():
                return int(digits)
    return None
