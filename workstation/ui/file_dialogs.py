"""The app's file dialogs: they start in the documents folder, remember the last folder used
for each purpose (QSettings), and speak the UI's language where Qt draws the dialog itself.

Qt's static functions are called (a native dialog where the platform has one, which speaks
the system's language). When Qt's own dialog shows instead, qtbase's translation leaves
its "Look in:" and "Files of type:" labels in English, and the columns follow the system
locale — on a PC set to C or English: "7 12 2026", "0 bytes", "Folder" — so while a
dialog is asked for, a short-lived event filter catches it being shown and fixes both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

IMPORT = "import"  # bundles, ZIP files and folders alike
EXPORT = "export"  # opinions written out
_KEY = "file_dialogs/{0}"

T = TypeVar("T")


def open_file(parent: QWidget, title: str, filters: str, purpose: str) -> Path | None:
    """A file to open, or None if the person cancelled."""
    chosen, _kind = _asking(
        lambda: QFileDialog.getOpenFileName(parent, title, start_folder(purpose), filters)
    )
    return _remembered(purpose, chosen, chosen and str(Path(chosen).parent))


def open_folder(parent: QWidget, title: str, purpose: str) -> Path | None:
    """A folder to open, or None; the next dialog starts beside it (among its siblings)."""
    chosen = _asking(lambda: QFileDialog.getExistingDirectory(parent, title, start_folder(purpose)))
    return _remembered(purpose, chosen, chosen and str(Path(chosen).parent))


def save_file(
    parent: QWidget, title: str, file_name: str, filters: str, purpose: str
) -> Path | None:
    """Where to save `file_name` (suggested in the remembered folder), or None."""
    suggested = str(Path(start_folder(purpose)) / file_name)
    chosen, _kind = _asking(lambda: QFileDialog.getSaveFileName(parent, title, suggested, filters))
    return _remembered(purpose, chosen, chosen and str(Path(chosen).parent))


def start_folder(purpose: str) -> str:
    """The folder last used for `purpose` if it is still there, else the documents folder."""
    last = QSettings().value(_KEY.format(purpose), "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())


def _remembered(purpose: str, chosen: str, folder: str) -> Path | None:
    if not chosen:
        return None
    QSettings().setValue(_KEY.format(purpose), folder)
    return Path(chosen)


def _asking(ask: Callable[[], T]) -> T:
    """Run a static dialog function with the filter that localises Qt's own dialog."""
    app = QCoreApplication.instance()
    if app is None:
        return ask()
    watcher = _DialogWatcher()
    app.installEventFilter(watcher)
    try:
        return ask()
    finally:
        app.removeEventFilter(watcher)
        watcher.deleteLater()


class _DialogWatcher(QObject):
    """Localises the first QFileDialog shown while it is installed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            localise(watched)
            QCoreApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        return False


def localise(dialog: QFileDialog) -> None:
    """Chinese labels and columns in Qt's own dialog (a native one is left as it is)."""
    model = dialog.findChild(QFileSystemModel)
    if model is None or isinstance(dialog.proxyModel(), LocalColumns):
        return  # native, or done already
    look_in = QCoreApplication.translate("FileDialogs", "Look in:")
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, look_in)
    dialog.setLabelText(
        QFileDialog.DialogLabel.FileType,
        QCoreApplication.translate("FileDialogs", "Files of type:"),
    )
    dialog.setProxyModel(LocalColumns(dialog))


class LocalColumns(QIdentityProxyModel):
    """The file list's size, type and date in the UI's locale instead of the system's."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if role != Qt.ItemDataRole.DisplayRole or not isinstance(source, QFileSystemModel):
            return super().data(index, role)
        at = self.mapToSource(index)
        column = index.column()
        if column == 1 and not source.isDir(at):
            return QLocale().formattedDataSize(source.size(at))
        if column == 2 and source.isDir(at):
            return QCoreApplication.translate("FileDialogs", "Folder")
        if column == 3:
            return QLocale().toString(source.lastModified(at), QLocale.FormatType.ShortFormat)
        return super().data(index, role)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and section == 1:
            return QCoreApplication.translate("FileDialogs", "Size")  # qtbase says 体积 (volume)
        return super().headerData(section, orientation, role)
