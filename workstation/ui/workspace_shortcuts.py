"""The case workspace's keyboard shortcuts: one table both binds them and lists them in help."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
