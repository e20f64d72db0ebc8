"""The case workspace's keyboard shortcuts: one table both binds them and lists them in help."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut

from workstation.review.findings import SECTIONS

if TYPE_CHECKING:  # the workspace (viewer, PyMuPDF) loads when a case opens, not with help
    from workstation.ui.case_workspace import CaseWorkspace

# (keys, the workspace's slot name, what it does) — the text is translated in "CaseWorkspace".
WORKSPACE_SHORTCUTS = (
    ("Ctrl+1", "show_documents", QT_TRANSLATE_NOOP("CaseWorkspace", "Show the documents")),
    ("Ctrl+2", "show_opinion", QT_TRANSLATE_NOOP("CaseWorkspace", "Show the written opinion")),
    ("Alt+1", "verdict_ok", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: no problem")),
    ("Alt+2", "verdict_issue", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: problem found")),
    ("Alt+3", "verdict_na", QT_TRANSLATE_NOOP("CaseWorkspace", "Verdict: not applicable")),
    ("Alt+Down", "next_section", QT_TRANSLATE_NOOP("CaseWorkspace", "Next checklist section")),
    (
        "Alt+Up",
        "previous_section",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Previous checklist section"),
    ),
    ("Ctrl+Shift+A", "accept_finding", QT_TRANSLATE_NOOP("CaseWorkspace", "Accept the finding")),
    (
        "Ctrl+Shift+D",
        "dismiss_finding",
        QT_TRANSLATE_NOOP("CaseWorkspace", "Dismiss the finding with a reason"),
    ),
)
REFRESH = ("F5", QT_TRANSLATE_NOOP("CaseWorkspace", "Read the open case again"))


def listed_shortcuts() -> list[tuple[str, str]]:
    """(keys, description) of every workspace shortcut, in the UI language."""
    rows = [(keys, text) for keys, _slot, text in WORKSPACE_SHORTCUTS] + [REFRESH]
    return [(keys, QCoreApplication.translate("CaseWorkspace", str(text))) for keys, text in rows]


def bind_shortcuts(workspace: CaseWorkspace) -> None:
    """Bind every shortcut of the table to the workspace (parts are looked up when used)."""
    slots: dict[str, Callable[[], object]] = {
        "show_documents": lambda: workspace.centre.setCurrentIndex(0),
        "show_opinion": lambda: workspace.centre.setCurrentIndex(1),
        "verdict_ok": lambda: _verdict(workspace, "ok"),
        "verdict_issue": lambda: _verdict(workspace, "issue"),
        "verdict_na": lambda: _verdict(workspace, "n/a"),
        "next_section": lambda: _step_section(workspace, 1),
        "previous_section": lambda: _step_section(workspace, -1),
        "accept_finding": lambda: workspace.findings.accept_current(),
        "dismiss_finding": lambda: workspace.findings.dismiss_current(),
    }
    for keys, slot, _text in WORKSPACE_SHORTCUTS:
        QShortcut(QKeySequence(keys), workspace, slots[slot])


def _verdict(workspace: CaseWorkspace, verdict: str) -> None:
    """The current section's verdict, as its button would set it."""
    button = workspace.checklist.verdict_buttons[verdict]
    if button.isEnabled():
        button.click()


def _step_section(workspace: CaseWorkspace, step: int) -> None:
    order = [section for section, _name in SECTIONS]
    checklist = workspace.checklist
    current = checklist.current_section()
    index = order.index(current) + step if current in order else 0
    checklist.select_section(order[max(0, min(len(order) - 1, index))])
