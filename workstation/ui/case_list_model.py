"""CaseListModel: the case list as a Qt table model over plain case summaries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workstation.labels import ACTION_TYPES, REVIEW_STATES
from workstation.store.cases import CaseSummary
from workstation.timefmt import format_minute

Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """One row per case: number, title, party, action type, versions, state, submitted."""

    COLUMNS = ("编号", "案号", "案由", "当事人", "类别", "版本", "审核状态", "送审时间")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(cases)
        self.endResetModel()

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        case = self._rows[index.row()]
        values = (
            case.short_id,
            case.number,
            case.title,
            case.first_party,
            ACTION_TYPES.get(case.action_type, case.action_type),
            str(case.versions),
            REVIEW_STATES.get(case.review_state, case.review_state),
            format_minute(case.submitted_at),
        )
        return values[index.column()]
