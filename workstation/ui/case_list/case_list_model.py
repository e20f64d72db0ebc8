"""CaseListModel: the case list as a lazily fetched Qt table over a `CaseListing`.

The model holds only the rows fetched so far; the listing counts, filters, searches and
sorts in SQL and hands out pages. `fetchMore` asks for the next page when the view scrolls
near the end, so showing the first screen costs the same with fifty thousand cases as with
a thousand.

At start-up the model can show the newest rows read before the services have loaded
(`show_first`): those lack deadlines and "major" and cannot be sorted or paged until
`complete` reads the full listing on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

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
from workstation.review.case_rows import CaseListRow, CaseQuery
from workstation.ui.latest_load import LatestLoad

if TYPE_CHECKING:  # the listing (SQLAlchemy, the review engine) loads with the services
    from workstation.review.case_listing import CaseListing

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
OpenListing = Callable[[CaseQuery], "CaseListing"]

# Column keys, in display order; the version stands beside the state it is in ("待审核 |
# 第 2 版": resubmitted).
COLUMNS: tuple[str, ...] = ("number", "title", "party", "action_type", "major", "state")
COLUMNS += ("version", "reviewer", "deadline")
# The SQL order each header click asks for: the column's own key; None: the column cannot be
# sorted in SQL — "major" is the review engine's answer, not a column.
SORTS: dict[str, str | None] = {key: None if key == "major" else key for key in COLUMNS}
DEADLINE_COLUMN = COLUMNS.index("deadline")

# Amber and red that keep black text readable (WCAG AA) on the default light palette.
DUE_SOON_BACKGROUND = QColor("#FFE2A8")
DUE_SOON_FOREGROUND = QColor("#5C3B00")
OVERDUE_BACKGROUND = QColor("#F6C4C4")
OVERDUE_FOREGROUND = QColor("#8B1A1A")


class CaseListModel(QAbstractTableModel):
    """One row per case: number, title, party, action type, major, state, version, reviewer,
    deadline. A cell whose text may be cut has the whole text as its tooltip."""

    ReferenceRole = Qt.ItemDataRole.UserRole + 1  # the reference services accept ("C12")
    DueStatusRole = Qt.ItemDataRole.UserRole + 2  # ok, due_soon, overdue, done or ""

    PAGE = 100

    total_changed = Signal(int)  # how many cases match the query
    failed = Signal(object)  # a WorkstationError while opening or fetching
    completed = Signal()  # the rows shown first at start-up now have everything

    def __init__(self, open_listing: OpenListing | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._open_listing = open_listing
        self._query = CaseQuery()
        self._listing: CaseListing | None = None
        self._rows: list[CaseListRow] = []
        self._first_total: int | None = None  # set while the start-up rows are shown
        self._completion = LatestLoad(self._read_for_completion, self)
        self._completion.loaded.connect(self._completed)
        self._completion.failed.connect(self._completion_failed)

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
        Before the services are there (`loading`), the start-up rows stay as they are.
        """
        if self._open_listing is None:
            return
        wanted = len(self._rows) if keep is None else keep
        self.beginResetModel()
        self._rows, self._first_total = [], None
        try:
            self._listing, self._rows = self._read(self._open_listing, self._query, wanted)
        except WorkstationError as exc:
            self._listing = None
            self.endResetModel()
            self.total_changed.emit(0)
            self.failed.emit(exc)
            return
        self.endResetModel()
        self.total_changed.emit(self.total)

    def _read(
        self, open_listing: OpenListing, query: CaseQuery, wanted: int
    ) -> tuple[CaseListing, list[CaseListRow]]:
        listing = open_listing(query)
        rows: list[CaseListRow] = []
        while len(rows) < max(wanted, 1) and not listing.exhausted:
            page = listing.fetch(self.PAGE)
            if not page:
                break
            rows += page
        return listing, rows

    # --- start-up -------------------------------------------------------------------------

    def show_first(self, rows: list[CaseListRow], total: int) -> None:
        """Show the newest rows read at start-up, before the services have loaded: no
        deadlines or "major" yet, no further pages, no sorting."""
        self.beginResetModel()
        self._listing, self._rows, self._first_total = None, list(rows), total
        self.endResetModel()
        self.total_changed.emit(total)

    @property
    def loading(self) -> bool:
        """Whether the rows shown still wait for the services (start-up)."""
        return self._open_listing is None or self._completion.busy

    @property
    def provisional(self) -> bool:
        """Whether the rows shown are the start-up rows, without deadlines and "major"."""
        return self._first_total is not None

    def complete(self, open_listing: OpenListing) -> None:
        """The services are there: read the full listing on a worker thread, as many rows
        as shown now; `completed` (or `failed`) follows."""
        self._open_listing = open_listing
        self._completion.request()

    def _read_for_completion(self) -> tuple[CaseQuery, CaseListing, list[CaseListRow]]:
        # On the worker: the first listing also compiles its SQL and loads the rule pack.
        query, opener = self._query, self._open_listing
        assert opener is not None
        return (query, *self._read(opener, query, len(self._rows)))

    def _completed(self, result: tuple[CaseQuery, CaseListing, list[CaseListRow]]) -> None:
        query, listing, rows = result
        if query != self._query:  # the filters changed meanwhile and were applied already
            self.completed.emit()
            return
        same = [r.case_id for r in rows] == [r.case_id for r in self._rows]
        if same:  # the same cases in the same order: fill the cells in place, keep the view
            self._listing, self._rows, self._first_total = listing, rows, None
            if rows:
                last = self.index(len(rows) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self._listing, self._rows, self._first_total = listing, rows, None
            self.endResetModel()
        self.total_changed.emit(self.total)
        self.completed.emit()

    def _completion_failed(self, exc: object) -> None:
        self.beginResetModel()
        self._listing, self._rows, self._first_total = None, [], None
        self.endResetModel()
        self.total_changed.emit(0)
        self.failed.emit(exc)

    @property
    def total(self) -> int:
        """How many cases match, fetched or not."""
        if self._first_total is not None:
            return self._first_total
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
        if (column >= 0 and not self.sortable(column)) or self.loading:
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
        if column in ("version", "major", "deadline") and role == Qt.ItemDataRole.TextAlignmentRole:
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
            self.tr("Version"),
            self.tr("Reviewer"),
            self.tr("Deadline"),
        )

    def _text(self, case: CaseListRow, column: str) -> str:
        if column == "number":
            return case.number
        if column == "version":
            return self.version_text(case)
        if column == "title":
            return self.tr("{0} (exercise)").format(case.title) if case.exercise else case.title
        if column == "party":
            return case.party
        if column == "action_type":
            return ACTION_TYPES.get(case.action_type, case.action_type)
        if column == "major":
            if self.provisional:
                return ""  # comes with the full listing in a moment
            if case.major is None:
                return self.tr("Unknown")
            return self.tr("Yes") if case.major else self.tr("No")
        if column == "state":
            return REVIEW_STATES.get(case.review_state, case.review_state)
        if column == "reviewer":
            return case.reviewer
        return self.days_left_text(case)

    def version_text(self, case: CaseListRow) -> str:
        """ "Version 2" (第 2 版), and which version is under review when it is an older one."""
        if case.version is None:
            return ""  # the start-up rows: comes with the full listing
        reviewed = case.reviewed_version
        if reviewed is not None and reviewed != case.version:
            return self.tr("Version {0} (reviewing version {1})").format(case.version, reviewed)
        return self.tr("Version {0}").format(case.version)

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

    def widest_version(self) -> str:
        """The version column's usual longest text, for its width."""
        return self.tr("Version {0}").format(99)

    def widest_state(self) -> str:
        """The longest state name, for the state column's width."""
        return max(REVIEW_STATES.values(), key=len)

    def _tooltip(self, case: CaseListRow, column: str) -> str | None:
        if column == "number":
            return f"{case.number}\n" + self.tr("Case {0}").format(case.short_id)
        if column == "deadline" and case.due_on is not None and case.due_status != "done":
            due = case.due_on.isoformat()
            if case.approximate:
                return self.tr(
                    "Due on {0} (an estimate: the rule pack's calendar ends earlier)"
                ).format(due)
            return self.tr("Due on {0}").format(due)
        if column == "deadline" and case.due_status == "done":
            return self.tr("The review is finished")
        if column == "deadline":
            return None
        # The whole text of a cell the column may be too narrow for.
        return self._text(case, column) or None
