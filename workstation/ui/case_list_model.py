"""CaseListModel: the case list as a lazily fetched Qt table over a `CaseListing`.

The model holds only the rows fetched so far; the listing counts, filters, searches and
sorts in SQL and hands out pages. `fetchMore` asks for the next page when the view scrolls
near the end, so showing the first screen costs the same with fifty thousand cases as with
a thousand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from workstation.errors import WorkstationError
from workstation.labels import ACTION_TYPES, REVIEW_STATES
from workstation.review.case_listing import CaseListing, CaseListRow, CaseQuery

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
OpenListing = Callable[[CaseQuery], CaseListing]

# Column keys, in display order, and the SQL order each header click asks for (None: the
# column cannot be sorted in SQL — "major" is the review engine's answer, not a column).
COLUMNS = ("number", "title", "party", "action_type", "major", "state", "reviewer", "deadline")
SORTS: dict[str, str | None] = {
    "number": "number",
    "title": "title",
    "party": "party",
    "action_type": "action_type",
    "major": None,
    "state": "state",
    "reviewer": "reviewer",
    "deadline": "deadline",
}
DEADLINE_COLUMN = COLUMNS.index("deadline")

# Amber and red that keep black text readable (WCAG AA) on the default light palette.
DUE_SOON_BACKGROUND = QColor("#FFE2A8")
DUE_SOON_FOREGROUND = QColor("#5C3B00")
OVERDUE_BACKGROUND = QColor("#F6C4C4")
OVERDUE_FOREGROUND = QColor("#8B1A1A")


class CaseListModel(QAbstractTableModel):
    """One row per case: number, title, party, action type, major, state, reviewer, deadline."""

    ReferenceRole = Qt.ItemDataRole.UserRole + 1  # the reference services accept ("C12")
    DueStatusRole = Qt.ItemDataRole.UserRole + 2  # ok, due_soon, overdue, done or ""

    PAGE = 100

    total_changed = Signal(int)  # how many cases match the query
    failed = Signal(object)  # a WorkstationError while opening or fetching

    def __init__(self, open_listing: OpenListing, parent: Any = None) -> None:
        super().__init__(parent)
        self._open_listing = open_listing
        self._query = CaseQuery()
        self._listing: CaseListing | None = None
        self._rows: list[CaseListRow] = []

    # --- what the outside asks ------------------------------------------------------------

    def query(self) -> CaseQuery:
        """The filters and order shown now."""
        return self._query

    def set_query(self, query: CaseQuery) -> None:
        """Show the cases `query` asks for, from the first page."""
        self._query = query
        self.reload(keep=0)

    def reload(self, keep: int | None = None) -> None:
        """Open the listing again (new cases, new states, a new day), fetching at least the
        rows shown before (`keep`, default: as many as now) so the view can stay where it was.
        """
        wanted = len(self._rows) if keep is None else keep
        self.beginResetModel()
        self._rows = []
        try:
            self._listing = self._open_listing(self._query)
            while len(self._rows) < max(wanted, 1) and not self._listing.exhausted:
                page = self._listing.fetch(self.PAGE)
                if not page:
                    break
                self._rows += page
        except WorkstationError as exc:
            self._listing = None
            self.endResetModel()
            self.total_changed.emit(0)
            self.failed.emit(exc)
            return
        self.endResetModel()
        self.total_changed.emit(self.total)

    @property
    def total(self) -> int:
        """How many cases match, fetched or not."""
        return self._listing.total if self._listing is not None else 0

    @property
    def day_kind(self) -> str | None:
        """What the deadline column counts: "working", "calendar", or None."""
        return self._listing.day_kind if self._listing is not None else None

    def case_at(self, row: int) -> CaseListRow:
        """The case shown in `row`."""
        return self._rows[row]

    def row_of(self, reference: str) -> int | None:
        """The row showing the case `reference` (C12), if it is fetched."""
        for row, case in enumerate(self._rows):
            if case.short_id == reference:
                return row
        return None

    # --- lazy fetching --------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt API
        if parent.isValid() or self._listing is None:
            return False
        return not self._listing.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802 - Qt API
        if not self.canFetchMore(parent) or self._listing is None:
            return
        try:
            page = self._listing.fetch(self.PAGE)
        except WorkstationError as exc:
            self.failed.emit(exc)
            self._listing = None
            return
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows += page
        self.endInsertRows()

    # --- sorting (in SQL) -----------------------------------------------------------------

    @staticmethod
    def sortable(column: int) -> bool:
        """Whether a click on this column's header can sort the list."""
        return 0 <= column < len(COLUMNS) and SORTS[COLUMNS[column]] is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: newest first); the listing sorts in SQL from the top."""
        if column >= 0 and not self.sortable(column):
            return
        sort = SORTS[COLUMNS[column]] if column >= 0 else "newest"
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        if (sort, descending) == (self._query.sort, self._query.descending):
            return
        self.set_query(replace(self._query, sort=sort or "newest", descending=descending))

    # --- Qt table API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and not self.sortable(section):
            return self.tr("Decided by the rule pack's catalog; this column cannot be sorted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        case = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, column)
        if role == self.ReferenceRole:
            return case.short_id
        if role == self.DueStatusRole:
            return case.due_status
        if column == "deadline" and role == Qt.ItemDataRole.BackgroundRole:
            colour = {"due_soon": DUE_SOON_BACKGROUND, "overdue": OVERDUE_BACKGROUND}
            return QBrush(colour[case.due_status]) if case.due_status in colour else None
        if column == "deadline" and role == Qt.ItemDataRole.ForegroundRole:
            colour = {"due_soon": DUE_SOON_FOREGROUND, "overdue": OVERDUE_FOREGROUND}
            return QBrush(colour[case.due_status]) if case.due_status in colour else None
        if column in ("major", "deadline") and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    # --- words ----------------------------------------------------------------------------

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Number"),
            self.tr("Title"),
            self.tr("Party"),
            self.tr("Action type"),
            self.tr("Major"),
            self.tr("State"),
            self.tr("Reviewer"),
            self.tr("Deadline"),
        )

    def _text(self, case: CaseListRow, column: str) -> str:
        if column == "number":
            return case.number
        if column == "title":
            return self.tr("{0} (exercise)").format(case.title) if case.exercise else case.title
        if column == "party":
            return case.party
        if column == "action_type":
            return ACTION_TYPES.get(case.action_type, case.action_type)
        if column == "major":
            if case.major is None:
                return self.tr("Unknown")
            return self.tr("Yes") if case.major else self.tr("No")
        if column == "state":
            return REVIEW_STATES.get(case.review_state, case.review_state)
        if column == "reviewer":
            return case.reviewer
        return self.days_left_text(case)

    def days_left_text(self, case: CaseListRow) -> str:
        """ "3 working days left", "Due today", "2 days overdue" — in the pack's day kind."""
        left = case.days_left
        if case.due_status in ("", "done") or left is None:
            return ""
        working = self.day_kind == "working"
        if left == 0:
            return self.tr("Due today")
        if left > 0:
            if working:
                return self.tr("%n working day(s) left", "", left)
            return self.tr("%n day(s) left", "", left)
        if working:
            return self.tr("%n working day(s) overdue", "", -left)
        return self.tr("%n day(s) overdue", "", -left)

    def widest_deadline(self) -> str:
        """The longest text the deadline column shows, for its width."""
        return self.tr("%n working day(s) overdue", "", 99)

    def _tooltip(self, case: CaseListRow, column: str) -> str | None:
        if column == "number":
            return self.tr("Case {0}").format(case.short_id)
        if column == "deadline" and case.due_on is not None and case.due_status != "done":
            due = case.due_on.isoformat()
            if case.approximate:
                return self.tr(
                    "Due on {0} (an estimate: the rule pack's calendar ends earlier)"
                ).format(due)
            return self.tr("Due on {0}").format(due)
        if column == "deadline" and case.due_status == "done":
            return self.tr("The review is finished")
        return None
