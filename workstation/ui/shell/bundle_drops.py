"""Dropping a case bundle on the main window: which drops are bundles, why the others are
not (said in words, naming what was dropped), and text boxes that let such a drop through to
the window instead of taking it as typed text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit, QWidget


def refuse_text_drops(root: QWidget) -> None:
    """Text boxes pass drops on to the window, which imports a dropped bundle; otherwise a
    box would take the file's address as typed text (and autosave it into an opinion)."""
    for box in root.findChildren(QLineEdit):
        box.setAcceptDrops(False)
    for area in (*root.findChildren(QTextEdit), *root.findChildren(QPlainTextEdit)):
        area.setAcceptDrops(False)
        area.viewport().setAcceptDrops(False)


def dropped_urls(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[QUrl]:
    """What is being dragged, if it is files or folders (anything else: an empty list)."""
    data = event.mimeData()
    return list(data.urls()) if data is not None and data.hasUrls() else []


def _bundle(urls: list[QUrl]) -> tuple[Path | None, str]:
    """The one bundle dropped (a folder holding case.json, or a .zip file), else why not."""
    if len(urls) != 1:
        return None, QCoreApplication.translate(
            "BundleDrops", "Drop one case bundle at a time ({0} items were dropped)."
        ).format(len(urls))
    if not urls[0].isLocalFile():
        return None, QCoreApplication.translate(
            "BundleDrops",
            "{0} is not a file on this computer: save the bundle first, then drop it.",
        ).format(urls[0].toDisplayString())
    path = Path(urls[0].toLocalFile())
    if path.is_dir():
        if (path / "case.json").is_file():
            return path, ""
        return None, _folder_problem(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return path, ""  # whether it is a good ZIP, the import says
    if path.is_file():
        return None, QCoreApplication.translate(
            "BundleDrops",
            "{0} is not a case bundle: drop a bundle ZIP file (.zip) or a bundle folder "
            "holding case.json.",
        ).format(path.name)
    return None, QCoreApplication.translate(
        "BundleDrops", "{0} cannot be imported: it is neither a file nor a folder."
    ).format(path.name)


def _folder_problem(folder: Path) -> str:
    try:  # a folder holding the bundle folder, as unpacking a ZIP often leaves
        inner = sorted(p.name for p in folder.iterdir() if (p / "case.json").is_file())
    except OSError:
        inner = []
    if len(inner) == 1:
        return QCoreApplication.translate(
            "BundleDrops",
            "The folder {0} is not a case bundle: it has no case.json, but its folder {1} "
            "has. Drop that folder instead.",
        ).format(folder.name, inner[0])
    return QCoreApplication.translate(
        "BundleDrops",
        "The folder {0} is not a case bundle: a bundle folder holds case.json at its top level.",
    ).format(folder.name)


def take_drop(window: QWidget, event: QDropEvent, refusal: str = "") -> Path | None:
    """The bundle dropped on `window`, to import; else None, and the window says why (the
    user's `refusal` to import, or what the drop is instead of one bundle)."""
    urls = dropped_urls(event)
    if not urls:
        return None
    event.acceptProposedAction()
    location, problem = _bundle(urls)
    if location is not None and not refusal:
        return location
    # Not exec(): the drag's source (a file manager) waits until the drop returns.
    notice = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("BundleDrops", "Cannot import"),
        refusal or problem,
        parent=window,
    )
    notice.setObjectName("drop_notice")
    notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    notice.open()
    return None
