"""ChecklistModel: the eleven sections of a Checklist, each with its citations as children.

A thin adapter: the Checklist (from ChecklistService) is the truth and is replaced whole
after every edit; when the sections and citations are the same rows as before, only the
cells change, so the view keeps its selection and expanded state.

The cells are held by Qt (a QStandardItemModel filled from the checklist) rather than
answered from Python: painting and measuring the tree then never calls into Python, which
while a reading thread runs would wait for the interpreter on every cell.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from workstation.review.checklist import VERDICTS, Checklist, CitationSpec, SectionView
from workstation.services import Workstation
from workstation.ui.latest_load import LatestLoad

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the section id (also on citation rows)
CITATION_ROLE = Qt.ItemDataRole.UserRole + 2  # a citation row's CitationSpec
CITATION_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # a citation row's stored id
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 4  # a section row's verdict code, or None

_ISSUE = QBrush(QColor("#b3261e"))  # a section found wanting stands out
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class ChecklistModel(QStandardItemModel):
    """Sections (name, verdict) with their citations (as the opinion writes them) below."""

    COLUMNS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self._checklist: Checklist | None = None
        self.setHorizontalHeaderLabels([self.tr("Point"), self.tr("Verdict")])

    @property
    def checklist(self) -> Checklist | None:
        """The checklist shown, as last read from the service."""
        return self._checklist

    def set_checklist(self, checklist: Checklist) -> None:
        """Show `checklist`; a reset only when rows came or went."""
        same_rows = self._checklist is not None and _shape(self._checklist) == _shape(checklist)
        self._checklist = checklist
        if same_rows:
            self._refill(checklist)
            return
        self.beginResetModel()
        self.blockSignals(True)  # the reset below tells the view once
        try:
            self.removeRows(0, self.rowCount())
            for row, view in enumerate(checklist.sections):
                cells = [self._cell() for _ in range(self.COLUMNS)]
                _fill_section(cells, row, view)
                for number in range(len(view.citations)):
                    children = [self._cell() for _ in range(self.COLUMNS)]
                    _fill_citation(children, view, number)
                    cells[0].appendRow(children)
                self.appendRow(cells)
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def section_index(self, section: str) -> QModelIndex:
        """The row of a section id (invalid when unknown)."""
        for row in range(self.rowCount()):
            index = self.index(row, 0)
            if index.data(SECTION_ROLE) == section:
                return index
        return QModelIndex()

    def _refill(self, checklist: Checklist) -> None:
        """New cell values in the same rows, announced once per level."""
        self.blockSignals(True)  # each cell would tell the view, which re-measures each time
        try:
            for row, view in enumerate(checklist.sections):
                cells = [self.item(row, column) for column in range(self.COLUMNS)]
                _fill_section(cells, row, view)
                parent = cells[0]
                for number in range(len(view.citations)):
                    row_cells = [parent.child(number, c) for c in range(self.COLUMNS)]
                    _fill_citation(row_cells, view, number)
        finally:
            self.blockSignals(False)
        count = self.rowCount()
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, self.COLUMNS - 1))
        for row in range(count):
            section = self.index(row, 0)
            citations = self.rowCount(section)
            if citations:
                self.dataChanged.emit(
                    self.index(0, 0, section), self.index(citations - 1, self.COLUMNS - 1, section)
                )

    @staticmethod
    def _cell() -> QStandardItem:
        cell = QStandardItem()
        cell.setFlags(_FLAGS)
        return cell


def _fill_section(cells: list[QStandardItem], row: int, view: SectionView) -> None:
    name, verdict = cells
    _set(name, f"{row + 1}. {view.name}", view.comment or None)
    _set(verdict, VERDICTS.get(view.verdict or "", ""), view.comment or None)
    verdict.setData(_ISSUE if view.verdict == "issue" else None, Qt.ItemDataRole.ForegroundRole)
    for cell in cells:
        cell.setData(view.section, SECTION_ROLE)
        cell.setData(view.verdict, VERDICT_ROLE)


def _fill_citation(cells: list[QStandardItem], view: SectionView, number: int) -> None:
    citation = view.citations[number]
    text = view.cited[number]
    _set(cells[0], text, text)
    _set(cells[1], None, None)
    for cell in cells:
        cell.setData(view.section, SECTION_ROLE)
        cell.setData(citation.id, CITATION_ID_ROLE)
        cell.setData(CitationSpec.of(citation), CITATION_ROLE)


def _set(cell: QStandardItem, text: str | None, tooltip: str | None) -> None:
    cell.setData(text, Qt.ItemDataRole.DisplayRole)
    cell.setData(tooltip, Qt.ItemDataRole.ToolTipRole)


def _shape(checklist: Checklist) -> list[tuple[str, list[int]]]:
    """What the rows are: each section with its citation ids."""
    return [(s.section, [c.id for c in s.citations]) for s in checklist.sections]


def checklist_loader(
    workstation: Workstation, reference: str, login: str, parent: QObject | None = None
) -> LatestLoad:
    """A read of the case's checklist as `login` sees it, for one or more panels to share."""
    return LatestLoad(lambda: workstation.review.checklist(reference, login), parent)
