"""A page view that has the keyboard focus says so: its frame turns the highlight colour.

The frame keeps its width either way (1 px line + 1 px margin, or a 2 px line), so the
pages do not move when the focus comes or goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea

_SHEET = (
    "QAbstractScrollArea { border: 1px solid palette(mid); margin: 1px; }"
    "QAbstractScrollArea:focus { border: 2px solid palette(highlight); margin: 0px; }"
)


def show_focus(view: QAbstractScrollArea) -> None:
    """Let `view` take the focus by Tab and by click, and show when it has it."""
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.setStyleSheet(_SHEET)
