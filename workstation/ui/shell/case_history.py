"""查看 → 案件流转记录 (Ctrl+H): the case on screen's state, review deadline, responsibility
chain (承办/审核/审批) and every transition, read off the UI thread, in the words of
`workstation workflow CASE`."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from workstation.review.case_record import case_record
from workstation.ui.error_dialog import show_error
from workstation.ui.workers import run_task

if TYPE_CHECKING:
    from workstation.review.case_record import CaseRecord
    from workstation.ui.shell.main_window import MainWindow


class CaseHistory(QObject):
    """The View menu's action for the case tab on screen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.action = QAction(self.tr("Case &history…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+H"))
        self.action.triggered.connect(self.show)
        window.addAction(self.action)
        view_menu = cast(QMenu, window.menuBar().actions()[1].menu())  # 查看
        view_menu.insertAction(window.close_tab_action, self.action)
        window.tabs.currentChanged.connect(lambda _index: self.update())
        self.update()

    def update(self) -> None:
        self.action.setEnabled(self._window.current_workspace() is not None)

    def show(self) -> None:
        workspace = self._window.current_workspace()
        if workspace is None:
            return
        reading, reference, login = (
            workspace.workstation.workflow,
            workspace.reference,
            self._window.login,
        )
        run_task(
            lambda _p, _c: case_record(reading, reference, login),
            on_finished=lambda record: HistoryDialog(record, workspace.title, self._window).open(),
            on_failed=lambda exc: show_error(self._window, exc),
            context=self,
        )


class HistoryDialog(QDialog):
    def __init__(self, record: CaseRecord, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_history")
        self.setWindowTitle(self.tr("Case history: {0}").format(title))
        self.text = QPlainTextEdit("\n".join(record.lines()))
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 360)
