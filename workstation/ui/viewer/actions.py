"""The viewer's keyboard actions: one table for the actions and for 帮助→快捷键."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

CONTEXT = "DocumentViewer"

# name, shortcuts (first one is listed), description (translated at run time)
ACTIONS: tuple[tuple[str, tuple[str, ...], Any], ...] = (
    ("next_page", ("PgDown",), QT_TRANSLATE_NOOP("DocumentViewer", "Next page")),
    ("previous_page", ("PgUp",), QT_TRANSLATE_NOOP("DocumentViewer", "Previous page")),
    ("go_to_page", ("Ctrl+G",), QT_TRANSLATE_NOOP("DocumentViewer", "Go to page…")),
    ("find", ("Ctrl+F",), QT_TRANSLATE_NOOP("DocumentViewer", "Find in document")),
    ("find_next", ("F3",), QT_TRANSLATE_NOOP("DocumentViewer", "Next match")),
    ("find_previous", ("Shift+F3",), QT_TRANSLATE_NOOP("DocumentViewer", "Previous match")),
    ("zoom_in", ("Ctrl++", "Ctrl+="), QT_TRANSLATE_NOOP("DocumentViewer", "Zoom in")),
    ("zoom_out", ("Ctrl+-",), QT_TRANSLATE_NOOP("DocumentViewer", "Zoom out")),
    ("fit_width", ("Ctrl+0",), QT_TRANSLATE_NOOP("DocumentViewer", "Fit width")),
    ("fit_page", (), QT_TRANSLATE_NOOP("DocumentViewer", "Fit page")),
    ("rotate", ("Ctrl+R",), QT_TRANSLATE_NOOP("DocumentViewer", "Rotate clockwise (view only)")),
    ("copy", ("Ctrl+C",), QT_TRANSLATE_NOOP("DocumentViewer", "Copy selected text")),
    ("print", ("Ctrl+P",), QT_TRANSLATE_NOOP("DocumentViewer", "Print…")),
    (
        "cite_area",
        ("Ctrl+Shift+C",),
        QT_TRANSLATE_NOOP("DocumentViewer", "Cite an area: drag a rectangle on the page"),
    ),
    (
        "cite_selection",
        (),
        QT_TRANSLATE_NOOP("DocumentViewer", "Cite the selected text"),
    ),
)


def translated(text: str) -> str:
    """A description from the table in the UI language."""
    return QCoreApplication.translate(CONTEXT, str(text))


def shortcut_list() -> list[tuple[str, str]]:
    """(shortcut, description) for every action that has a shortcut, as the user reads them."""
    return [
        (QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText), translated(text))
        for _name, keys, text in ACTIONS
        if keys
    ]


def make_actions(owner: QWidget, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """Create the actions on `owner` (active while focus is inside it), wired to handlers."""
    actions: dict[str, QAction] = {}
    for name, keys, text in ACTIONS:
        action = QAction(translated(text), owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if keys:
            native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{translated(text)} ({native})")
        action.triggered.connect(lambda _checked=False, h=handlers[name]: h())
        owner.addAction(action)
        actions[name] = action
    actions["cite_area"].setCheckable(True)
    return actions
