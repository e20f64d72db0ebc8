"""文件 → 校验本案 / 核验意见书签名: the integrity checks of `workstation verify` and `opinion
verify` from the desktop, each through the same service, off the UI thread, with the result
in the same words the CLI prints."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.ui.error_dialog import show_error
from workstation.ui.file_dialogs import IMPORT, open_file
from workstation.ui.workers import run_task

if TYPE_CHECKING:
    from workstation.opinion.verifying import Verification
    from workstation.services import Workstation
    from workstation.ui.shell.main_window import MainWindow

_GOOD = "background: #e9f3ea; color: #22512a; padding: 6px;"
_BAD = "background: #fde8e8; color: #8a1c1c; padding: 6px;"


class Verifications(QObject):
    """The two check actions of the File menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.case_action = QAction(self.tr("Verify this case"), window)
        self.case_action.triggered.connect(self.verify_case)
        self.opinion_action = QAction(self.tr("Verify a signed opinion…"), window)
        self.opinion_action.triggered.connect(self.verify_opinion)
        file_menu = cast(QMenu, window.menuBar().actions()[0].menu())
        for action in (self.case_action, self.opinion_action):
            file_menu.insertAction(window.quit_action, action)
        window.tabs.currentChanged.connect(lambda _index: self.update())
        window.attached.connect(self.update)
        self.update()

    def update(self) -> None:
        self.case_action.setEnabled(self._window.current_workspace() is not None)
        self.opinion_action.setEnabled(self._window.workstation is not None)

    def verify_case(self) -> None:
        """Re-hash the case's files and compare its tables with the audit trail."""
        workspace = self._window.current_workspace()
        if workspace is None:
            return
        ws, reference, login = workspace.workstation, workspace.reference, self._window.login
        window = self._window
        window.statusBar().showMessage(self.tr("Verifying the case…"))

        def done(report: Any) -> None:
            window.statusBar().clearMessage()
            icon = QMessageBox.Icon.Information if report.intact else QMessageBox.Icon.Critical
            box = QMessageBox(
                icon, self.tr("Verify this case"), "\n".join(report.lines()), parent=window
            )
            box.setObjectName("case_verification")
            box.open()

        def failed(exc: BaseException) -> None:
            window.statusBar().clearMessage()
            show_error(window, exc)

        run_task(
            lambda progress, cancel: ws.verify(
                reference, actor=login, progress=progress, cancel=cancel
            ),
            on_finished=done,
            on_failed=failed,
            context=self,
        )

    def verify_opinion(self) -> None:
        if self._window.workstation is not None:
            OpinionCheck(self._window.workstation, self._window).open()


class OpinionCheck(QDialog):
    """Drop a signed opinion (DOCX with its .sig.json beside it) or choose it; the answer
    says whether it is valid and which office's root it trusted."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinion_check")
        self.setWindowTitle(self.tr("Verify a signed opinion"))
        self.setAcceptDrops(True)
        self._ws = workstation
        hint = QLabel(
            self.tr("Drop the opinion's DOCX here (its .sig.json beside it), or choose it.")
        )
        hint.setWordWrap(True)
        self.root = QLineEdit()
        self.root.setObjectName("trusted_root")
        self.root.setPlaceholderText(
            self.tr("Issuing office's root fingerprint (empty: this office's own)")
        )
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self._choose)
        self.answer = QLabel()
        self.answer.setObjectName("verification_result")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (hint, self.root, choose, self.answer, buttons):
            layout.addWidget(widget)
        self.resize(560, 260)

    def check(self, path: Path) -> None:
        """Verify `path` off the UI thread; the answer replaces the result line."""
        ws, root = self._ws, self.root.text().strip() or None
        self.answer.setStyleSheet("")
        self.answer.setText(self.tr("Checking {0}…").format(path.name))
        run_task(
            lambda _p, _c: ws.opinions.verify_file(path, root),
            on_finished=self._show,
            on_failed=lambda exc: show_error(self, exc),
            context=self,
        )

    def _show(self, verification: Verification) -> None:
        self.answer.setStyleSheet(_GOOD if verification.valid else _BAD)
        self.answer.setText("\n".join(verification.lines()))

    def _choose(self) -> None:
        chosen = open_file(self, self.tr("Signed opinion"), self.tr("Opinion (*.docx)"), IMPORT)
        if chosen is not None:
            self.check(chosen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if _dropped_docx(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        path = _dropped_docx(event)
        if path is not None:
            event.acceptProposedAction()
            self.check(path)


def _dropped_docx(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return files[0] if len(files) == 1 and files[0].suffix.lower() == ".docx" else None
