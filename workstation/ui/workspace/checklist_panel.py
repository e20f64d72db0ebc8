"""ChecklistPanel: the eleven sections with verdict, comment and citations, and the outcome.

Every edit goes to ChecklistService as its own transaction (the service-level autosave),
queued off the UI thread in the order made (`EditQueue`); the panel then re-reads the
checklist, which is the truth, off the UI thread too. Comments and the outcome's reasons are
saved as they are typed (after a short pause), when their box loses focus, and before
anything that depends on them (`flush`, which waits until every queued edit is stored).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workstation.review.checklist import VERDICTS, Checklist, CitationSpec, SectionView
from workstation.services import Workstation
from workstation.ui.edit_queue import EditQueue
from workstation.ui.error_dialog import error_text, show_error
from workstation.ui.latest_load import LatestLoad
from workstation.ui.workspace.checklist_banner import StateBanner
from workstation.ui.workspace.checklist_model import (
    CITATION_ID_ROLE,
    CITATION_ROLE,
    SECTION_ROLE,
    ChecklistModel,
    checklist_loader,
)
from workstation.ui.workspace.cite_dialog import CiteDialog
from workstation.ui.workspace.outcome_box import OutcomeBox
from workstation.ui.workspace.section_editor import SectionEditor

log = logging.getLogger(__name__)


class ChecklistPanel(QWidget):
    """The checklist of one case for one user; read-only when the service says they may not
    edit it (the banner says why, or that it may be edited)."""

    changed = Signal()  # an edit was saved: other views of the case may need a refresh
    citation_activated = Signal(object)  # a CitationSpec: open its page and rectangle / time
    loaded = Signal()  # the panel shows the latest checklist read from the service

    COMMENT_DELAY_MS = 600

    def __init__(
        self,
        workstation: Workstation,
        reference: str,
        login: str,
        parent: QWidget | None = None,
        *,
        loader: LatestLoad | None = None,
    ) -> None:
        """`loader`: a read of this case's checklist shared with other panels (one read then
        serves them all, see `checklist_loader`), whose owner asks for the first read; by
        default the panel has its own and reads at once."""
        super().__init__(parent)
        self.setObjectName("checklist_panel")
        self._ws, self._reference, self._login = workstation, reference, login
        self._section: str | None = None  # the section in the editor
        self._comment_for: str | None = None  # the section whose typed comment is unsaved
        self._comment_seen: int | None = None  # the change whose comment the box last showed
        self._filling = False  # the panel itself is setting the editors
        self._editable = False
        self.model = ChecklistModel(self)
        self._edits = EditQueue(self)
        self._last_saved: object = None  # the last stored edit's answer (a citation's id)
        self._build()
        self._loader = loader or checklist_loader(workstation, reference, login, self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(self._load_failed)
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(self.COMMENT_DELAY_MS)
        self._comment_timer.timeout.connect(self.save_comment)
        if loader is None:
            self.refresh()

    # --- public API ----------------------------------------------------------------------

    @property
    def checklist(self) -> Checklist | None:
        """The checklist shown (None before the first read)."""
        return self.model.checklist

    @property
    def loading(self) -> bool:
        """Whether a fresh read is on its way."""
        return self._loader.busy

    @property
    def saving(self) -> bool:
        """Whether an edit is on its way to the service (or its answer to the panel)."""
        return self._edits.busy

    def refresh(self) -> None:
        """Re-read the checklist from the service (off the UI thread)."""
        self._loader.request()

    def current_section(self) -> str | None:
        """The section id in the editor."""
        return self._section

    def select_section(self, section: str) -> None:
        """Show `section` in the tree and the editor."""
        index = self.model.section_index(section)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def focus_order(self) -> list[QWidget]:
        """The panel's stops for Tab, in order: the points, the point's editor, the outcome."""
        return [self.tree, *self.section_box.focus_order(), *self.outcome_box.focus_order()]

    def focus_tree(self) -> None:
        """Put the keyboard focus on the list of points (at the current one)."""
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cite(self, spec: CitationSpec, quote: str = "") -> int | None:
        """Ask which section (and note) `spec` goes to, then attach it; the citation's id, or
        None when cancelled or refused."""
        checklist = self.checklist
        if checklist is None:
            return None
        answer = CiteDialog.ask(self, checklist, quote, self._section)
        if answer is None:
            return None
        section, note = answer
        self._edit(
            lambda: self._ws.review.add_citation(
                self._reference, section, replace(spec, note=note), self._login
            )
        )
        # The reviewer waits on purpose here: the new citation's id is the answer.
        if not self._edits.drain():
            return None
        self.select_section(section)
        return self._last_saved if isinstance(self._last_saved, int) else None

    def flush(self) -> bool:
        """Save every change typed and not saved yet (comment and outcome), wait until every
        queued edit is stored; False when the service refused one (the user was told why)."""
        self.save_comment()
        change = self.outcome_box.take_change()
        if change is not None:
            self._save_outcome(*change)
        return self._edits.drain()

    def save_comment(self) -> None:
        """Queue the comment typed, if unsaved (also on focus-out and section change)."""
        self._comment_timer.stop()
        section, self._comment_for = self._comment_for, None
        if section is None:
            return
        text = self.comment.toPlainText()
        stored = self._view(section)
        if stored is not None and stored.comment == text and not self._edits.busy:
            return
        self._section_edit("set_comment", section, text, self._comment_seen)

    def _build(self) -> None:
        self.progress_label = QLabel()
        self.progress_label.setObjectName("checklist_progress")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.banner = StateBanner()
        self.banner.show_locked(self.tr("Reading the checklist…"))

        self.tree = QTreeView()
        self.tree.setObjectName("checklist_tree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)  # double-click opens a citation
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self.tree.expandAll)

        self.section_box = SectionEditor()
        self.verdicts = self.section_box.verdicts
        self.verdict_buttons = self.section_box.verdict_buttons
        self.clear_verdict = self.section_box.clear_verdict
        self.comment = self.section_box.comment
        self.remove_citation = self.section_box.remove_citation
        self.verdicts.idClicked.connect(self._verdict_clicked)
        self.clear_verdict.clicked.connect(lambda: self._set_verdict(None))
        self.comment.textChanged.connect(self._comment_typed)
        self.comment.installEventFilter(self)
        self.remove_citation.clicked.connect(self._remove_citation)

        self.outcome_box = OutcomeBox()
        self.outcome_box.save_requested.connect(self._save_outcome)
        self.outcomes = self.outcome_box.outcomes
        self.outcome_buttons = self.outcome_box.outcome_buttons
        self.reasons = self.outcome_box.reasons
        self.outcome_state = self.outcome_box.outcome_state

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.section_box)
        layout.addWidget(self.outcome_box)
        self._set_editable(False)

    # --- showing what the service says ------------------------------------------------------

    def _show(self, checklist: Checklist) -> None:
        if self._edits.busy:
            # Read before an edit queued since: showing it would take back what the user
            # just did. The read that follows the last edit shows it.
            return
        self.model.set_checklist(checklist)
        total = len(checklist.sections)
        self.progress_label.setText(self.tr("Done {0}/{1}").format(checklist.done, total))
        # QProgressBar.setValue repaints at once, in the middle of this turn; with updates
        # off it only schedules the paint, with the rest of the panel's.
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, total)
        self.progress.setValue(checklist.done)
        self.progress.setUpdatesEnabled(True)
        if checklist.locked is not None:
            self.banner.show_locked(checklist.locked)
        else:
            self.banner.show_editable(
                self.tr("You may edit the review: every change is saved as you make it")
            )
        self._set_editable(checklist.editable)
        if self._section is None and checklist.sections:
            self.select_section(checklist.sections[0].section)
        else:
            self._fill_section()
        self.outcome_box.show_checklist(checklist)
        self.loaded.emit()

    def _load_failed(self, exc: object) -> None:
        log.warning("checklist of %s not read: %s", self._reference, exc)
        self.banner.show_locked(error_text(exc) if isinstance(exc, BaseException) else str(exc))
        self._set_editable(False)

    def _fill_section(self) -> None:
        view = self._view(self._section) if self._section else None
        self._filling = True
        try:
            self.section_box.setTitle(view.name if view else "")
            self.verdicts.setExclusive(False)  # lets every button be unchecked
            for code, button in self.verdict_buttons.items():
                button.setChecked(view is not None and view.verdict == code)
            self.verdicts.setExclusive(True)
            # Text typed and not yet saved stays as the user typed it.
            if self._comment_for is None:  # what it shows is what a save says it saw
                text, self._comment_seen = (view.comment, view.seen) if view else ("", None)
                if self.comment.toPlainText() != text:
                    self.comment.setPlainText(text)
        finally:
            self._filling = False
        self._update_citation_button()

    def _set_editable(self, editable: bool) -> None:
        self._editable = editable
        for button in self.verdict_buttons.values():
            button.setEnabled(editable)
        self.clear_verdict.setEnabled(editable)
        self.comment.setReadOnly(not editable)
        self.outcome_box.set_editable(editable)
        self._update_citation_button()

    def _update_citation_button(self) -> None:
        index = self.tree.currentIndex()
        self.remove_citation.setEnabled(
            self._editable and index.isValid() and index.data(CITATION_ID_ROLE) is not None
        )

    def _view(self, section: str | None) -> SectionView | None:
        checklist = self.checklist
        if checklist is None:
            return None
        return next((s for s in checklist.sections if s.section == section), None)

    # --- user actions ----------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        section = current.data(SECTION_ROLE) if current.isValid() else None
        if section != self._section:
            self.save_comment()  # the comment typed belongs to the section being left
            self._section = section
            self._fill_section()
        self._update_citation_button()

    def _activated(self, index: QModelIndex) -> None:
        spec = index.data(CITATION_ROLE)
        if isinstance(spec, CitationSpec):
            self.citation_activated.emit(spec)

    def _verdict_clicked(self, number: int) -> None:
        self._set_verdict(list(VERDICTS)[number])

    def _set_verdict(self, verdict: str | None) -> None:
        if self._section is not None:
            self._section_edit("set_verdict", self._section, verdict)

    def _comment_typed(self) -> None:
        if self._filling or self._section is None or not self._editable:
            return
        self._comment_for = self._section
        self._comment_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.flush()  # closing the workspace or the dock keeps what was typed
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.comment and event.type() == QEvent.Type.FocusOut:
            self.save_comment()
        return super().eventFilter(watched, event)

    def _remove_citation(self) -> None:
        citation = self.tree.currentIndex().data(CITATION_ID_ROLE)
        if citation is None:
            return
        self._edit(
            lambda: self._ws.review.remove_citation(self._reference, int(citation), self._login)
        )

    def _section_edit(
        self, change: str, section: str, value: str | None, seen: int | None = None
    ) -> None:
        """Queue `review.<change>` of `section`; a colleague's change after `seen` refuses it."""
        if seen is None and (stored := self._view(section)) is not None:
            seen = stored.seen  # default: the change the panel shows
        call = getattr(self._ws.review, change)
        self._edit(lambda: call(self._reference, section, value, self._login, seen=seen))

    def _save_outcome(self, outcome: str, reasons: str) -> None:
        seen = self.outcome_box.seen  # a colleague's change since the box was filled wins
        self._edit(
            lambda: self._ws.review.set_outcome(
                self._reference, outcome, reasons, self._login, seen=seen
            ),
            saved=self.outcome_box.saved,
            refused=self.outcome_box.refused,
        )

    def _edit(
        self,
        call: Callable[[], object],
        *,
        saved: Callable[[], None] | None = None,
        refused: Callable[[], None] | None = None,
    ) -> None:
        """Queue one service edit; stored: refresh and announce it; refused: say why, reload."""

        def stored(result: object) -> None:
            self._last_saved = result
            if saved is not None:
                saved()
            self._saved()

        def not_stored(exc: Exception) -> None:
            if refused is not None:
                refused()  # before the message: the read it triggers shows what is stored
            show_error(self, exc)
            self.refresh()

        self._edits.submit(call, on_saved=stored, on_refused=not_stored)

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Delete on a citation row in the tree (the tree passes the key on to us).
        on_tree = event.key() == Qt.Key.Key_Delete and self.tree.hasFocus()
        if on_tree and self.remove_citation.isEnabled():
            self._remove_citation()
            return
        super().keyPressEvent(event)
