"""ChecklistModel: the eleven sections of a Checklist, each with its citations as children.

A thin adapter: the Checklist (from ChecklistService) is the truth and is replaced whole
after every edit; when the sections and citations are the same rows as before, only the
cells change, so the view keeps its selection and expanded state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from workstation.review.checklist import VERDICTS, Checklist, CitationSpec, SectionView

Index = QModelIndex | QPersistentModelIndex

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the section id (also on citation rows)
CITATION_ROLE = Qt.ItemDataRole.UserRole + 2  # a citation row's CitationSpec
CITATION_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # a citation row's stored id
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 4  # a section row's verdict code, or None

_ISSUE = QColor("#b3261e")  # a section found wanting stands out
_SECTION = 0  # internalId of a section row; a citation row stores its section's row + 1


class ChecklistModel(QAbstractItemModel):
    """Sections (name, verdict) with their citations (as the opinion writes them) below."""

    COLUMNS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checklist: Checklist | None = None

    @property
    def checklist(self) -> Checklist | None:
        """The checklist shown, as last read from the service."""
        return self._checklist

    def set_checklist(self, checklist: Checklist) -> None:
        """Show `checklist`; a reset only when rows came or went."""
        if self._checklist is not None and _shape(self._checklist) == _shape(checklist):
            self._checklist = checklist
            for row in range(len(checklist.sections)):
                parent = self.index(row, 0)
                self.dataChanged.emit(parent, self.index(row, self.COLUMNS - 1))
                children = self.rowCount(parent)
                if children:
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(children - 1, 0, parent)
                    )
            return
        self.beginResetModel()
        self._checklist = checklist
        self.endResetModel()

    def section_index(self, section: str) -> QModelIndex:
        """The row of a section id (invalid when unknown)."""
        for row, view in enumerate(self._sections()):
            if view.section == section:
                return self.index(row, 0)
        return QModelIndex()

    # --- QAbstractItemModel --------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _SECTION)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _SECTION:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _SECTION)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        sections = self._sections()
        if not parent.isValid():
            return len(sections)
        if parent.internalId() == _SECTION and parent.column() == 0:
            return len(sections[parent.row()].citations)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return self.COLUMNS

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.tr("Point") if section == 0 else self.tr("Verdict")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _SECTION:
            return self._section_data(index.row(), index.column(), role)
        view = self._sections()[index.internalId() - 1]
        return self._citation_data(view, index.row(), index.column(), role)

    # --- cells -----------------------------------------------------------------------------

    def _section_data(self, row: int, column: int, role: int) -> Any:
        view = self._sections()[row]
        if role == SECTION_ROLE:
            return view.section
        if role == VERDICT_ROLE:
            return view.verdict
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{row + 1}. {view.name}"
            return VERDICTS.get(view.verdict or "", "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return view.comment or None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and view.verdict == "issue":
            return QBrush(_ISSUE)
        return None

    def _citation_data(self, view: SectionView, row: int, column: int, role: int) -> Any:
        citation = view.citations[row]
        if role == SECTION_ROLE:
            return view.section
        if role == CITATION_ID_ROLE:
            return citation.id
        if role == CITATION_ROLE:
            return CitationSpec.of(citation)
        if column == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return view.cited[row]
        return None

    def _sections(self) -> list[SectionView]:
        return self._checklist.sections if self._checklist is not None else []


def _shape(checklist: Checklist) -> list[tuple[str, list[int]]]:
    """What the rows are: each section with its citation ids."""
    return [(s.section, [c.id for c in s.citations]) for s in checklist.sections]
