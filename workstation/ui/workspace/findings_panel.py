"""FindingsPanel: the automatic findings under their checklist section, accepted or dismissed.

Each finding shows its severity (icon and colour), rule, message and decision; the selected
one shows its references by what they name (当事人 name, 2026-04-10 听证, 文书《title》: the
checklist's `labels`), and those naming an event, document or recording open it. Decisions
go straight to ChecklistService (a dismissal asks for the reason) and the panel re-reads.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.review.checklist import Checklist
from workstation.review.desk import FindingView
from workstation.rules.findings import SEVERITIES
from workstation.services import Workstation
from workstation.ui.edit_queue import EditQueue
from workstation.ui.error_dialog import error_text, show_error
from workstation.ui.latest_load import LatestLoad
from workstation.ui.workspace.checklist_model import checklist_loader
from workstation.ui.workspace.reason_dialog import ReasonDialog

log = logging.getLogger(__name__)

FINGERPRINT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2
_COLOURS = {"error": "#b3261e", "warning": "#8a5300", "info": "#37618e"}
_ICONS = {  # by severity; the engine knows no other
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_DECIDED = QColor("#777777")  # a decided finding steps back


class FindingsPanel(QWidget):
    """The automatic findings of one case, for one user."""

    changed = Signal()  # a decision was saved
    ref_activated = Signal(str)  # "event:e2", "document:d1", "recording:r1"
    loaded = Signal()  # the panel shows the latest findings read from the service

    def __init__(
        self,
        workstation: Workstation,
        reference: str,
        login: str,
        parent: QWidget | None = None,
        *,
        loader: LatestLoad | None = None,
    ) -> None:
        """`loader`: the checklist read shared with the ChecklistPanel (`checklist_loader`),
        whose owner asks for the first read; by default the panel has its own and reads at
        once."""
        super().__init__(parent)
        self.setObjectName("findings_panel")
        self._edits = EditQueue(self)
        self._ws, self._reference, self._login = workstation, reference, login
        self._checklist: Checklist | None = None
        self._build()
        self._loader = loader or checklist_loader(workstation, reference, login, self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(self._load_failed)
        if loader is None:
            self.refresh()

    # --- public API ----------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Whether a fresh read is on its way."""
        return self._loader.busy

    def refresh(self) -> None:
        """Re-read the findings from the service (off the UI thread)."""
        self._loader.request()

    def findings(self) -> list[FindingView]:
        """The findings shown, in checklist order."""
        if self._checklist is None:
            return []
        return [f for s in self._checklist.sections for f in s.findings]

    def select(self, fingerprint: str) -> bool:
        """Select the finding with this fingerprint; False when it is not shown."""
        item = self._items().get(fingerprint)
        if item is not None:
            self.tree.setCurrentItem(item)
        return item is not None

    def accept_current(self) -> None:
        """Accept the selected finding (it becomes part of the review)."""
        view = self._current()
        if view is not None:
            self._decide(view, "accepted", "")

    def dismiss_current(self) -> None:
        """Dismiss the selected finding, asking for the reason first."""
        view = self._current()
        if view is None:
            return
        reason = ReasonDialog.ask(
            self,
            self.tr("Dismiss finding"),
            self.tr("Why does finding {0} not apply? The reason is kept with the review.").format(
                view.finding.rule
            ),
            text=view.reason if view.decision == "dismissed" else "",
        )
        if reason is not None:
            self._decide(view, "dismissed", reason)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("Rule"), self.tr("Severity"), self.tr("Finding"), self.tr("Decision")]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(3, 200)
        self.tree.currentItemChanged.connect(self._show_detail)

        self.message = QLabel()
        self.message.setObjectName("finding_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        self.refs = QListWidget()
        self.refs.setObjectName("finding_refs")
        # One reference a line: names and titles run together side by side.
        self.refs.setMaximumHeight(self.refs.fontMetrics().height() * 5)
        self.refs.setToolTip(self.tr("Click a reference to open it"))
        self.refs.itemClicked.connect(self._ref_clicked)
        self.refs.itemActivated.connect(self._ref_clicked)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setObjectName("accept_finding")
        self.accept_button.setToolTip(self.tr("The finding holds: it becomes part of the review"))
        self.accept_button.clicked.connect(self.accept_current)
        self.dismiss_button = QPushButton(self.tr("Dismiss…"))
        self.dismiss_button.setObjectName("dismiss_finding")
        self.dismiss_button.setToolTip(self.tr("The finding does not apply: give the reason"))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.locked = QLabel()
        self.locked.setWordWrap(True)
        self.locked.setStyleSheet("color: #6b4100;")
        self.locked.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(4, 0, 0, 0)
        detail_layout.addWidget(self.message)
        detail_layout.addWidget(QLabel(self.tr("References:")))
        detail_layout.addWidget(self.refs)
        detail_layout.addWidget(self.decision)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.locked)
        detail_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show_detail(None, None)

    # --- showing what the service says ------------------------------------------------------

    def _show(self, checklist: Checklist) -> None:
        chosen = self._current()
        self._checklist = checklist
        self.tree.clear()
        style = self.style()
        for view in checklist.sections:
            if not view.findings:
                continue
            section = QTreeWidgetItem([view.name, "", "", ""])
            section.setFirstColumnSpanned(True)
            font = QFont(section.font(0))
            font.setBold(True)
            section.setFont(0, font)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(section)
            for finding in view.findings:
                icon = style.standardIcon(_ICONS[finding.finding.severity])
                section.addChild(self._item(finding, icon))
        self.tree.expandAll()
        count = len(self.findings())
        self.tree.headerItem().setText(
            0, self.tr("Rule ({0})").format(count) if count else self.tr("Rule")
        )
        self.locked.setText(checklist.locked or "")
        self.locked.setVisible(not checklist.editable)
        if chosen is None or not self.select(chosen.fingerprint):
            self._show_detail(self.tree.currentItem(), None)
        self.loaded.emit()

    def _item(self, view: FindingView, icon: QIcon) -> QTreeWidgetItem:
        finding = view.finding
        item = QTreeWidgetItem(
            [
                finding.rule,
                SEVERITIES.get(finding.severity, finding.severity),
                finding.message,
                self._decision_text(view),
            ]
        )
        item.setData(0, FINGERPRINT_ROLE, view.fingerprint)
        item.setIcon(1, icon)
        item.setToolTip(2, finding.message)
        item.setToolTip(3, self._decision_text(view))
        colour = QColor(_COLOURS.get(finding.severity, "#000000"))
        item.setForeground(1, QBrush(colour))
        if view.decision is not None:
            for column in (0, 2, 3):
                item.setForeground(column, QBrush(_DECIDED))
        if view.decision == "dismissed":
            font = QFont(item.font(2))
            font.setStrikeOut(True)
            item.setFont(2, font)
        return item

    def _decision_text(self, view: FindingView) -> str:
        if view.decision == "accepted":
            return self.tr("Accepted") + (f"：{view.reason}" if view.reason else "")
        if view.decision == "dismissed":
            return self.tr("Dismissed: {0}").format(view.reason)
        return self.tr("Open")

    def _load_failed(self, exc: object) -> None:
        log.warning("findings of %s not read: %s", self._reference, exc)
        self.locked.setText(error_text(exc) if isinstance(exc, BaseException) else str(exc))
        self.locked.show()

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        view = self._view_of(item)
        self.refs.clear()
        editable = self._checklist is not None and self._checklist.editable
        self.accept_button.setEnabled(view is not None and editable)
        self.dismiss_button.setEnabled(view is not None and editable)
        if view is None:
            self.message.setText(self.tr("Select a finding to see its references."))
            self.decision.clear()
            return
        self.message.setText(view.finding.message)
        self.decision.setText(self._decision_text(view))
        for ref in view.finding.refs:
            self.refs.addItem(self._ref_item(ref))
        if not view.finding.refs:
            self.refs.addItem(QListWidgetItem(self.tr("(none)")))

    def _ref_item(self, ref: str) -> QListWidgetItem:
        """A reference by what it names (当事人 name, 2026-04-10 听证, 文书《title》…); an event,
        document or recording is a link that opens it."""
        checklist = self._checklist
        kind = checklist.targets.get(ref) if checklist else None
        label = checklist.labels.get(ref) if checklist else None
        entry = QListWidgetItem(label or ref)
        if kind:
            entry.setData(REF_ROLE, f"{kind}:{ref}")
            entry.setForeground(QBrush(self.palette().link().color()))
            entry.setToolTip(self.tr("{0} (id {1}): click to open it").format(label or ref, ref))
        elif label:  # a party, an officer, the violation: named in the case data, no file
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled)
            entry.setToolTip(self.tr("{0}: from the case data, nothing to open").format(label))
        else:  # an id the case does not list: the id is all there is
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled)
            entry.setToolTip(self.tr("Not a document, event or recording of this case"))
        return entry

    # --- user actions ----------------------------------------------------------------------

    def _ref_clicked(self, item: QListWidgetItem) -> None:
        ref = item.data(REF_ROLE)
        if ref:
            self.ref_activated.emit(str(ref))

    def _decide(self, view: FindingView, decision: str, reason: str) -> None:
        reference, fingerprint, login = self._reference, view.fingerprint, self._login

        def stored(_result: object) -> None:
            self.refresh()
            self.changed.emit()

        self._edits.submit(
            lambda: self._ws.review.decide(reference, fingerprint, decision, reason, login),
            on_saved=stored,
            on_refused=lambda exc: show_error(self, exc),
        )

    def _current(self) -> FindingView | None:
        return self._view_of(self.tree.currentItem())

    def _view_of(self, item: QTreeWidgetItem | None) -> FindingView | None:
        if item is None:
            return None
        fingerprint = item.data(0, FINGERPRINT_ROLE)
        return next((f for f in self.findings() if f.fingerprint == fingerprint), None)

    def _items(self) -> dict[str, QTreeWidgetItem]:
        found = {}
        for top in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(top)
            if section is None:
                continue
            for row in range(section.childCount()):
                child = section.child(row)
                if child is not None:
                    found[str(child.data(0, FINGERPRINT_ROLE))] = child
        return found
