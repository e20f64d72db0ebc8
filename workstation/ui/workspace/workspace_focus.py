"""Where Tab goes in a case workspace: the case file, the document's pages, the checklist's
points, the point's verdict and comment, the outcome, then the workflow's actions.

Qt's own order follows the order widgets were made in, which the staged build scrambles
(the viewer is made first, the actions bar before the checklist). The order is set once every
part is built and again whenever a dock floats or docks: Qt moves a dock's widgets in its
Tab order when the dock becomes a window of its own, or stops being one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from workstation.ui.workspace.case_workspace import CaseWorkspace


def keep_focus_path(workspace: CaseWorkspace, built: SignalInstance) -> None:
    """Set the workspace's Tab order once `built` says every part is there, and keep it."""

    def set_path() -> None:
        apply_focus_path(workspace)

    def first_time() -> None:
        set_path()
        enter(workspace)
        for dock in workspace.docks:
            dock.topLevelChanged.connect(set_path)

    built.connect(first_time)


def focus_path(workspace: CaseWorkspace) -> list[QWidget]:
    """The workspace's Tab stops, in order."""
    return [
        workspace.navigator,
        *workspace.viewer.page_views(),
        *workspace.checklist.focus_order(),
        *workspace.actions_bar.focus_order(),
    ]


def apply_focus_path(workspace: CaseWorkspace) -> None:
    """Chain the stops of `focus_path`; a floating dock's stops chain among themselves
    (Tab does not leave a window)."""
    path = focus_path(workspace)
    for first, second in zip(path, path[1:], strict=False):
        if first.window() is second.window():
            QWidget.setTabOrder(first, second)


def enter(workspace: CaseWorkspace) -> None:
    """A case just opened takes the keyboard, at its case file: its shortcuts work at once
    (they work while the focus is inside the workspace) and Tab starts from there."""
    focus = QApplication.focusWidget()
    if not workspace.isVisible():
        return
    inside = focus is not None and workspace.isAncestorOf(focus)
    if inside and focus is not workspace.centre.tabBar():
        return  # the reviewer is already somewhere in the case
    if focus is None or inside or focus.window() is workspace.window():
        workspace.navigator.setFocus(Qt.FocusReason.OtherFocusReason)
