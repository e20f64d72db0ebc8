"""The case workspace's keyboard shortcuts: one table both binds them and lists them in help.

They work while the focus is anywhere in the workspace, its floating docks included, and
nowhere else (another case's tab has its own). A shortcut acts as the control it stands for
would: an outcome as a click on its button, a workflow step through the actions bar. When that
control is disabled the shortcut does nothing but say why in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDockWidget

from workstation.rules.findings import SECTIONS

if TYPE_CHECKING:  # the workspace (viewer, PyMuPDF) loads when a case opens, not with help
    from workstation.ui.workspace.case_workspace import CaseWorkspace

# (keys, the workspace's slot name, what it does) — the text is translated in "CaseWorkspace".
# Taken elsewhere, so not here: the window's Ctrl+I, Ctrl+Shift+I, Ctrl+L, Ctrl+W, Ctrl+Tab,
# Ctrl+Q, F1, F5, Ctrl+F; the viewer's PgUp/PgDown, Ctrl+G/F/R/C/0/+/-, Ctrl+Shift+C, F3; the
# recordings' bare keys (Space, [ ] , . M I O, arrows); the opinion's Ctrl+S.
WORKSPACE_SHORTCUTS = (
    ("Ctrl+1", "show_documents", QT_TRANSLATE_NOOP("CaseWorkspace", "Show the documents")),
    ("Ctrl+2", "show_opinion", QT_TRANSLATE_NOOP("CaseWorkspace", "Show the written opinion")),
    (
        "Alt+D",
        "focus_viewer",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Put the cursor on the document's pages"),
    ),
    (
        "Alt+C",
        "focus_checklist",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Put the cursor in the checklist"),
    ),
    ("Alt+1", "verdict_ok", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: no problem")),
    ("Alt+2", "verdict_issue", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: problem found")),
    ("Alt+3", "verdict_na", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: not applicable")),
    ("Alt+Down", "next_section", QT_TRANSLATE_NOOP("CaseWorkspace", "Next checklist section")),
    (
        "Alt+Up",
        "previous_section",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Previous checklist section"),
    ),
    ("Alt+4", "outcome_approve", QT_TRANSLATE_NOOP("CaseWorkspace", "Outcome: approve")),
    (
        "Alt+5",
        "outcome_return",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Outcome: return for completion"),
    ),
    ("Alt+6", "outcome_reject", QT_TRANSLATE_NOOP("CaseWorkspace", "Outcome: reject")),
    (
        "Ctrl+Shift+R",
        "accept_case",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Accept the case for review"),
    ),
    (
        "Ctrl+Shift+O",
        "issue_opinion",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Issue the opinion (saves what is typed, then asks)"),
    ),
    ("Ctrl+Shift+A", "accept_finding", QT_TRANSLATE_NOOP("CaseWorkspace", "Accept the finding")),
    (
        "Ctrl+Shift+D",
        "dismiss_finding",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Dismiss the finding with a reason"),
    ),
)
REFRESH = ("F5", QT_TRANSLATE_NOOP("CaseWorkspace", "Read the open case again"))
STATUS_MS = 10_000  # how long a shortcut's refusal stays in the status bar
STILL_READING = QT_TRANSLATE_NOOP("CaseWorkspace", "The checklist is still being read")
NO_DOCUMENT = QT_TRANSLATE_NOOP(
    "CaseWorkspace", "No document is shown: choose one in the case file"
)


def listed_shortcuts() -> list[tuple[str, str]]:
    """(keys, description) of every workspace shortcut, in the UI language."""
    rows = [(keys, text) for keys, _slot, text in WORKSPACE_SHORTCUTS] + [REFRESH]
    return [(keys, _translate(str(text))) for keys, text in rows]


def bind_shortcuts(workspace: CaseWorkspace) -> None:
    """Bind every shortcut of the table to the workspace and its docks (the parts are looked
    up when a shortcut is used)."""
    slots: dict[str, Callable[[], object]] = {
        "show_documents": lambda: workspace.centre.setCurrentIndex(0),
        "show_opinion": lambda: workspace.centre.setCurrentIndex(1),
        "focus_viewer": lambda: _focus_viewer(workspace),
        "focus_checklist": lambda: _focus_checklist(workspace),
        "verdict_ok": lambda: _verdict(workspace, "ok"),
        "verdict_issue": lambda: _verdict(workspace, "issue"),
        "verdict_na": lambda: _verdict(workspace, "n/a"),
        "next_section": lambda: _step_section(workspace, 1),
        "previous_section": lambda: _step_section(workspace, -1),
        "outcome_approve": lambda: _outcome(workspace, "approve"),
        "outcome_return": lambda: _outcome(workspace, "return"),
        "outcome_reject": lambda: _outcome(workspace, "reject"),
        "accept_case": lambda: _workflow(workspace, "accept"),
        "issue_opinion": lambda: _issue(workspace),
        "accept_finding": lambda: workspace.findings.accept_current(),
        "dismiss_finding": lambda: workspace.findings.dismiss_current(),
    }
    for keys, slot, text in WORKSPACE_SHORTCUTS:
        # One action on the workspace and on every dock: a floating dock is a window of its
        # own, and one action (not one per widget) never makes a key ambiguous.
        action = QAction(_translate(str(text)), workspace)
        action.setObjectName(f"shortcut_{slot}")
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, run=slots[slot]: run())
        workspace.addAction(action)
        for dock in workspace.docks:
            dock.addAction(action)


def _translate(text: str) -> str:
    return QCoreApplication.translate("CaseWorkspace", text)


def _say(workspace: CaseWorkspace, text: str) -> None:
    workspace.statusBar().showMessage(text, STATUS_MS)


def _click(workspace: CaseWorkspace, button: QAbstractButton) -> None:
    """Click `button` as the reviewer would; when it is disabled, say why the checklist
    may not be edited."""
    if button.isEnabled():
        button.click()
        return
    checklist = workspace.checklist.checklist
    if checklist is None:
        _say(workspace, _translate(str(STILL_READING)))
    elif checklist.locked:
        _say(workspace, checklist.locked)


def _verdict(workspace: CaseWorkspace, verdict: str) -> None:
    """The current section's verdict, as its button would set it."""
    _click(workspace, workspace.checklist.verdict_buttons[verdict])


def _outcome(workspace: CaseWorkspace, outcome: str) -> None:
    """The outcome, chosen as a click on its button chooses it: saved at once, and a refusal
    shown as for the click."""
    _click(workspace, workspace.checklist.outcome_buttons[outcome])


def _workflow(workspace: CaseWorkspace, action: str) -> None:
    workspace.actions_bar.trigger_current(action, lambda text: _say(workspace, text))


def _issue(workspace: CaseWorkspace) -> None:
    """Issue through the actions bar, which saves what is typed and asks to confirm; what
    is typed is saved first, so that the bar judges on it."""
    if workspace.checklist.flush():  # False: a refusal was shown, nothing is issued
        _workflow(workspace, "issue_opinion")


def _focus_viewer(workspace: CaseWorkspace) -> None:
    workspace.centre.setCurrentWidget(workspace.documents_holder)
    workspace.activateWindow()  # the key may come from a floating dock
    if not workspace.viewer.focus_page():
        _say(workspace, _translate(str(NO_DOCUMENT)))
        _show_dock(workspace.navigator_dock)
        workspace.navigator.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _focus_checklist(workspace: CaseWorkspace) -> None:
    _show_dock(workspace.checklist_dock)
    workspace.checklist.focus_tree()


def _show_dock(dock: QDockWidget) -> None:
    """A closed dock comes back, a dock tabbed behind another comes to the front."""
    dock.show()
    dock.raise_()
    if dock.isFloating():
        dock.activateWindow()


def _step_section(workspace: CaseWorkspace, step: int) -> None:
    order = [section for section, _name in SECTIONS]
    checklist = workspace.checklist
    current = checklist.current_section()
    index = order.index(current) + step if current in order else 0
    checklist.select_section(order[max(0, min(len(order) - 1, index))])
