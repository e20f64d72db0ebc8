"""MainWindow: for now, the list of imported cases (the desktop issue builds the rest)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from workstation.errors import WorkstationError
from workstation.services import Workstation
from workstation.ui.case_list_model import CaseListModel


class MainWindow(QMainWindow):
    """The workstation's main window."""

    def __init__(self, workstation: Workstation, actor: str) -> None:
        super().__init__()
        self._workstation = workstation
        self._actor = actor  # until the desktop login: the --user / OS login
        self.setWindowTitle(self.tr("法制审核工作站"))
        self.resize(1100, 600)
        self.case_model = CaseListModel(self)
        self.case_table = QTableView()
        self.case_table.setModel(self.case_model)
        self.case_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.case_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.case_table.horizontalHeader().setStretchLastSection(True)
        self.empty_hint = QLabel(self.tr("尚未导入任何案件。用 workstation import 导入案卷包。"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.case_table)
        layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        """Reload the case list from the store."""
        try:
            cases = self._workstation.list_cases(self._actor)
        except WorkstationError as exc:
            cases = []
            self.empty_hint.setText(exc.message)
        self.case_model.set_cases(cases)
        self.empty_hint.setVisible(not cases)
        self.statusBar().showMessage(self.tr("共 %n 件案件", "", len(cases)))
