"""文件 → 导出案卷包… / 导出审核档案…: the case on screen written out from the desktop.

The bundle as it was received (a ZIP) and the review dossier (a folder a recipient checks
with `workstation verify-dossier`), each through the same service the CLI calls, off the UI
thread. Who may not export sees the actions greyed out with the reason, as the service would
refuse them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from workstation.ui.error_dialog import show_error
from workstation.ui.file_dialogs import EXPORT, open_folder, save_file
from workstation.ui.workers import run_task

if TYPE_CHECKING:
    from workstation.security.login import SignedIn
    from workstation.ui.shell.main_window import MainWindow
    from workstation.ui.workspace.case_workspace import CaseWorkspace

_UNSAFE = re.compile(r'[\\/:*?"<>|]')  # not in a file name on Windows or Linux


class CaseExport(QObject):
    """The two export actions of the File menu, for the case tab on screen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.bundle_action = QAction(self.tr("Export case bundle…"), window)
        self.bundle_action.triggered.connect(self.export_bundle)
        self.dossier_action = QAction(self.tr("Export review dossier…"), window)
        self.dossier_action.triggered.connect(self.export_dossier)
        file_menu = cast(QMenu, window.menuBar().actions()[0].menu())  # 文件, before its 退出
        for action in (self.bundle_action, self.dossier_action):
            file_menu.insertAction(window.quit_action, action)
        window.tabs.currentChanged.connect(lambda _index: self.update())
        window.attached.connect(self.update)
        self.update()

    def update(self) -> None:
        """Enabled on a case tab for those the service lets export; else the reason."""
        who, on_case = self._window.signed_in, self._window.current_workspace() is not None
        for action, permissions in (
            (self.bundle_action, ("case.export",)),
            (self.dossier_action, ("case.export", "audit.read")),
        ):
            refusal = _first_refusal(who, permissions) if who else self.tr("Not signed in")
            action.setEnabled(on_case and not refusal)
            action.setToolTip(refusal or "")
            action.setStatusTip(refusal or "")

    def export_bundle(self) -> None:
        workspace = self._window.current_workspace()
        if workspace is None:
            return
        out = save_file(
            self._window,
            self.tr("Export case bundle"),
            f"{_file_name(workspace)}.zip",
            self.tr("Case bundle (*.zip)"),
            EXPORT,
        )
        if out is not None:
            ws, reference, login = workspace.workstation, workspace.reference, self._window.login
            self._run(
                lambda _p, cancel: ws.export(reference, out, actor=login, cancel=cancel),
                lambda path: self.tr("Exported the case bundle to {0}").format(path),
            )

    def export_dossier(self) -> None:
        workspace = self._window.current_workspace()
        if workspace is None:
            return
        folder = open_folder(self._window, self.tr("Folder for the review dossier"), EXPORT)
        if folder is not None:
            out = folder / f"{_file_name(workspace)} 审核档案"
            ws, reference, login = workspace.workstation, workspace.reference, self._window.login
            self._run(
                lambda _p, _c: ws.export_dossier(reference, out, actor=login),
                lambda done: self.tr(
                    "Exported the review dossier to {0} ({1} files). Manifest SHA-256: {2}"
                ).format(done.out, done.files, done.manifest_sha256),
            )

    def _run(self, job: Any, said: Any) -> None:
        window = self._window
        window.statusBar().showMessage(self.tr("Exporting…"))

        def finished(result: Any) -> None:
            window.statusBar().clearMessage()
            QMessageBox.information(window, self.tr("Export"), said(result))

        def failed(exc: BaseException) -> None:
            window.statusBar().clearMessage()
            show_error(window, exc)

        run_task(job, on_finished=finished, on_failed=failed, context=self)


def _first_refusal(who: SignedIn, permissions: tuple[str, ...]) -> str | None:
    return next((r for p in permissions if (r := who.refusal(p))), None)


def _file_name(workspace: CaseWorkspace) -> str:
    """The case number as a file name (薛市监罚〔2026〕12号), else its short id."""
    number = workspace.contents.number if workspace.contents else workspace.reference
    return _UNSAFE.sub("_", number).strip() or workspace.reference
