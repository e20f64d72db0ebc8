"""Dropping a case bundle on the main window: which drops are bundles, and text boxes that
let such a drop through to the window instead of taking it as typed text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def refuse_text_drops(root: QWidget) -> None:
    """Text boxes pass drops on to the window, which imports a dropped bundle; otherwise a
    box would take the file's address as typed text (and autosave it into an opinion)."""
    for box in root.findChildren(QLineEdit):
        box.setAcceptDrops(False)
    for area in (*root.findChildren(QTextEdit), *root.findChildren(QPlainTextEdit)):
        area.setAcceptDrops(False)
        area.viewport().setAcceptDrops(False)


def dropped_bundle(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> Path | None:
    """The one bundle being dropped — a folder holding case.json, or a .zip — if it is one."""
    data = event.mimeData()
    urls = data.urls() if data is not None and data.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if (path.is_dir() and (path / "case.json").is_file()) or (
        path.suffix.lower() == ".zip" and path.is_file()
    ):
        return path
    return None
