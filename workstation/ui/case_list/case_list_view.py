"""CaseListView: the case list with its filter bar, search box and count.

Public API — signals: `case_opened(str)` with the reference services accept ("C12") on
double-click or Enter; `current_case_changed(str)` ("" when nothing is selected).
Methods: `refresh()` reloads keeping the selection, `set_login(login)` after a new login,
`focus_search()`, `current_reference()`, `attach(workstation)` when the view was built at
start-up without one. Attributes: `table` (the QTableView), `model`.

At start-up the view can be built before the services have loaded (`workstation=None`),
showing the newest cases read directly from the database (`first`); the filters wait, and
`attach` completes the rows (deadlines, "major") from a worker thread.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import WorkstationError
from workstation.labels import ACTION_TYPES, REVIEW_STATES
from workstation.review.case_rows import CaseQuery
from workstation.review.workflow_rules import ACTIVE
from workstation.ui.case_list.case_list_model import COLUMNS, SORTS, CaseListModel
from workstation.ui.error_dialog import error_text

if TYPE_CHECKING:  # the services load after the window is up at start-up
    from workstation.review.quick_read import FirstCases
    from workstation.services import Workstation

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250  # wait for the typing to pause before asking the database


class CaseListView(QWidget):
    """The cases the user may see, filtered, searched and sorted; opens one on request."""

    case_opened = Signal(str)
    current_case_changed = Signal(str)

    def __init__(
        self,
        workstation: Workstation | None,
        login: str,
        parent: QWidget | None = None,
        *,
        first: FirstCases | None = None,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._login = login
        self.model = CaseListModel(self._open_listing if workstation is not None else None, self)
        self.table = QTableView(self)
        self._build_filters()
        self._build_table()
        self.count_label = QLabel(self)
        self.empty_hint = self._build_empty_hint()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(self.search_box, 3)
        bar.addWidget(self.state_filter, 1)
        bar.addWidget(self.due_filter, 1)
        bar.addWidget(self.type_filter, 1)
        bar.addWidget(self.mine_filter)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.model.total_changed.connect(self._show_total)
        self.model.failed.connect(self._show_failure)
        self.model.modelReset.connect(self._after_reset)
        self.model.completed.connect(self._after_reset)
        if workstation is not None:
            self.model.reload(keep=0)
        else:
            self._filters_enabled(False)
            if first is not None:
                self.model.show_first(first.rows, first.total)
            else:
                self._after_reset()  # nothing read yet: say it is loading
        self._fit_columns()

    # --- what the outside asks ------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store (new imports, new states), keeping the selected case and
        the scroll position where it is still there."""
        selected = self.current_reference()
        scrolled = self.table.verticalScrollBar().value()
        self.model.reload()
        self.table.verticalScrollBar().setValue(scrolled)
        row = self.model.row_of(selected) if selected else None
        if row is not None:
            self.table.selectRow(row)

    def attach(self, workstation: Workstation) -> None:
        """The services have loaded: complete the rows shown (in the background), let the
        filters and sorting work."""
        self._workstation = workstation
        self._filters_enabled(True)
        self.model.complete(self._open_listing)

    def _filters_enabled(self, enabled: bool) -> None:
        for widget in (
            self.search_box,
            self.state_filter,
            self.due_filter,
            self.type_filter,
            self.mine_filter,
        ):
            widget.setEnabled(enabled)
        self.table.horizontalHeader().setSectionsClickable(enabled)

    def set_login(self, login: str) -> None:
        """Show the list as another user sees it (after a new login)."""
        self._login = login
        self.model.reload(keep=0)

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def current_reference(self) -> str:
        """The selected case's reference ("C12"), or "" when none is selected."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return ""
        return str(index.siblingAtColumn(0).data(CaseListModel.ReferenceRole) or "")

    # --- building -------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search number, title or party"))
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self._apply_filters)

        self.state_filter = QComboBox(self)
        self.state_filter.addItem(self.tr("All states"), frozenset())
        self.state_filter.addItem(self.tr("Pending"), frozenset(ACTIVE))
        for state, label in REVIEW_STATES.items():
            self.state_filter.addItem(label, frozenset({state}))
        self.due_filter = QComboBox(self)
        self.due_filter.addItem(self.tr("Any deadline"), "all")
        self.due_filter.addItem(self.tr("Overdue"), "overdue")
        self.due_filter.addItem(self.tr("Due soon"), "due_soon")
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(self.tr("All action types"), None)
        for code, label in ACTION_TYPES.items():
            self.type_filter.addItem(label, code)
        self.mine_filter = QCheckBox(self.tr("Mine"), self)
        self.mine_filter.setToolTip(self.tr("Only the cases I review"))
        for combo in (self.state_filter, self.due_filter, self.type_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.mine_filter.toggled.connect(self._apply_filters)

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
        # No column sorted at first: the list opens newest first (a walk over the primary key).
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        table.doubleClicked.connect(self._open)
        table.installEventFilter(self)
        table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build_empty_hint(self) -> QLabel:
        """Why the list is empty (no cases, no match, loading, a failure), in the middle of
        the table where the rows would be: a line under it is easily missed."""
        hint = QLabel(self.table.viewport())
        hint.setObjectName("case_list_empty_hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        font = hint.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        hint.setFont(font)
        inside = QVBoxLayout(self.table.viewport())
        inside.addWidget(hint, 0, Qt.AlignmentFlag.AlignCenter)
        hint.hide()
        return hint

    def _fit_columns(self) -> None:
        """Widths from the first page once; ResizeToContents would measure every fetched row
        on each layout. The state and deadline columns get room for their longest wording
        (a cell cut all the same shows its whole text as a tooltip)."""
        for column in range(len(COLUMNS)):
            if column != COLUMNS.index("title"):
                self.table.resizeColumnToContents(column)
        metrics = self.table.fontMetrics()
        for name, widest in (
            ("version", self.model.widest_version()),
            ("state", self.model.widest_state()),
            ("deadline", self.model.widest_deadline()),
        ):
            column = COLUMNS.index(name)
            room = metrics.horizontalAdvance(widest) + 24
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), room))

    # --- reacting -------------------------------------------------------------------------

    def _open_listing(self, query: CaseQuery) -> Any:
        assert self._workstation is not None
        return self._workstation.open_case_list(self._login, query)

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        query = replace(
            self.model.query(),
            states=self.state_filter.currentData() or frozenset(),
            due=self.due_filter.currentData() or "all",
            action_type=self.type_filter.currentData(),
            mine=self.mine_filter.isChecked(),
            search=self.search_box.text().strip(),
        )
        if query != self.model.query():
            self.model.set_query(query)

    def _sort_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column < 0 or CaseListModel.sortable(column):
            return
        # Put the indicator back on the order the list really has.
        query = self.model.query()
        shown = next((c for c, key in enumerate(COLUMNS) if SORTS[key] == query.sort), -1)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(shown, order)
        header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%n case(s)", "", total))

    def _show_failure(self, exc: object) -> None:
        message = error_text(exc) if isinstance(exc, BaseException) else str(exc)
        if not isinstance(exc, WorkstationError):
            log.error("case list failed: %s", message)
        self.count_label.setText("")
        self.empty_hint.setText(message)
        self.empty_hint.show()

    def _after_reset(self) -> None:
        if self.model.total:
            self.empty_hint.hide()
            return
        if self.model.loading:
            self.empty_hint.setText(self.tr("Loading the cases…"))
            self.empty_hint.show()
            return
        query = self.model.query()
        unfiltered = replace(query, sort="newest", descending=False) == CaseQuery()
        if unfiltered:
            self.empty_hint.setText(self.tr("No cases yet. Import a case bundle (File > Import)."))
        else:
            self.empty_hint.setText(
                self.tr("No matching cases") + "\n" + self.tr("Change the search or the filters.")
            )
        self.empty_hint.show()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        reference = current.siblingAtColumn(0).data(CaseListModel.ReferenceRole) or ""
        self.current_case_changed.emit(str(reference))

    def _open(self, index: QModelIndex) -> None:
        reference = index.siblingAtColumn(0).data(CaseListModel.ReferenceRole)
        if reference:
            self.case_opened.emit(str(reference))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter or Return on the table opens the current case."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.currentIndex().isValid()
        ):
            self._open(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)
