"""CaseWorkspace: one open case — navigator, viewer, checklist, findings, opinion.

The workspace only wires widgets together; every rule lives in the services they call.
Docks can float onto a second monitor; their layout is remembered in QSettings. What takes
time (reading the case's contents, every panel's data) is read off the UI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.review.checklist import CitationSpec
from workstation.review.findings import SECTIONS
from workstation.services import Workstation
from workstation.store.case_contents import CaseContents
from workstation.timefmt import format_minute
from workstation.ui.checklist_panel import ChecklistPanel
from workstation.ui.error_dialog import error_text
from workstation.ui.findings_panel import FindingsPanel
from workstation.ui.navigator import CaseNavigator
from workstation.ui.opinion_editor import OpinionEditor
from workstation.ui.viewer.document_viewer import DocumentViewer
from workstation.ui.workers import run_task
from workstation.ui.workflow_actions import WorkflowActions
from workstation.ui.workspace_shortcuts import WORKSPACE_SHORTCUTS

log = logging.getLogger(__name__)

LAYOUT_KEY = "workspace/state"
LAYOUT_VERSION = 1
REFRESH_DELAY_MS = 250  # a burst of edits costs one re-read of the other panels


class CaseWorkspace(QMainWindow):
    """The reviewer's desk for one case.

    `state_changed` says the case moved on (a workflow action, a signature): the case list
    needs a reload. Edits inside the review (verdicts, comments, opinion wording) only
    refresh the other panels of this workspace.
    """

    state_changed = Signal()
    contents_loaded = Signal()
    opinion_built = Signal(QWidget)  # the opinion editor, built on first show

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_workspace")
        self.workstation, self.reference, self.login = workstation, reference, login
        self.contents: CaseContents | None = None
        self.current_document: str | None = None
        self._opinion: OpinionEditor | None = None
        self._pending: set[Any] = set()
        self._floating: list[QDockWidget] = []  # floating docks hidden with their tab
        self._layout_applied = False
        self.setDockNestingEnabled(True)

        self.viewer = DocumentViewer()
        self.opinion_holder = QWidget()  # the editor is built the first time it is shown
        QVBoxLayout(self.opinion_holder).setContentsMargins(0, 0, 0, 0)
        self.centre = QTabWidget()
        self.centre.setObjectName("workspace_centre")
        self.centre.addTab(self.viewer, self.tr("Documents"))
        self.centre.addTab(self.opinion_holder, self.tr("Written opinion"))
        self.centre.currentChanged.connect(self._centre_changed)
        self.setCentralWidget(self.centre)

        self.navigator = CaseNavigator()
        self.loading_label = QLabel(self.tr("Reading the case file…"))
        navigation = QWidget()
        navigation_layout = QVBoxLayout(navigation)
        navigation_layout.setContentsMargins(0, 0, 0, 0)
        navigation_layout.addWidget(self.loading_label)
        navigation_layout.addWidget(self.navigator, 1)
        self.checklist = ChecklistPanel(workstation, reference, login)
        self.actions_bar = WorkflowActions(workstation, reference, login)
        self.findings = FindingsPanel(workstation, reference, login)
        review = QWidget()
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.actions_bar)
        review_layout.addWidget(self.checklist, 1)
        self.navigator_dock = self._dock("navigator", self.tr("Case file"), navigation)
        self.checklist_dock = self._dock("checklist", self.tr("Review checklist"), review)
        self.findings_dock = self._dock("findings", self.tr("Automatic findings"), self.findings)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self._wire()
        self._shortcuts()
        self.reload_contents()

    # construction -----------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The tab title: case number and title once read, else the reference."""
        if self.contents is None:
            return self.reference
        return f"{self.contents.number} {self.contents.title}"

    @property
    def docks(self) -> list[QDockWidget]:
        """The three docks, for the View menu."""
        return [self.navigator_dock, self.checklist_dock, self.findings_dock]

    @property
    def opinion(self) -> OpinionEditor:
        """The opinion editor, built on first use (it starts a preview conversion)."""
        if self._opinion is None:
            self._opinion = OpinionEditor(self.workstation, self.reference, self.login)
            layout = self.opinion_holder.layout()
            assert layout is not None
            layout.addWidget(self._opinion)
            self._opinion.signed.connect(self._case_moved)
            self.opinion_built.emit(self._opinion)
        return self._opinion

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")  # saveState needs a stable name per dock
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _wire(self) -> None:
        self.navigator.document_chosen.connect(self.open_document)
        self.navigator.event_chosen.connect(self.show_event)
        self.navigator.recording_chosen.connect(self.show_recording)
        self.viewer.citation_requested.connect(self.cite_region)
        self.checklist.citation_activated.connect(self.go_to_citation)
        self.findings.ref_activated.connect(self.go_to_ref)
        self.actions_bar.sign_requested.connect(self.sign)
        # Review edits change what the other panels show, not the case's place in the list.
        self.checklist.changed.connect(lambda: self._refresh_others(self.checklist))
        self.findings.changed.connect(lambda: self._refresh_others(self.findings))
        self.actions_bar.changed.connect(self._case_moved)

    def _shortcuts(self) -> None:
        slots = {
            "show_documents": lambda: self.centre.setCurrentIndex(0),
            "show_opinion": lambda: self.centre.setCurrentIndex(1),
            "verdict_ok": lambda: self._verdict("ok"),
            "verdict_issue": lambda: self._verdict("issue"),
            "verdict_na": lambda: self._verdict("n/a"),
            "next_section": lambda: self._step_section(1),
            "previous_section": lambda: self._step_section(-1),
            "accept_finding": self.findings.accept_current,
            "dismiss_finding": self.findings.dismiss_current,
        }
        for keys, slot, _text in WORKSPACE_SHORTCUTS:
            QShortcut(QKeySequence(keys), self, slots[slot])

    def _verdict(self, verdict: str) -> None:
        """The current section's verdict, as its button would set it."""
        button = self.checklist.verdict_buttons[verdict]
        if button.isEnabled():
            button.click()

    def _step_section(self, step: int) -> None:
        order = [section for section, _name in SECTIONS]
        current = self.checklist.current_section()
        index = order.index(current) + step if current in order else 0
        self.checklist.select_section(order[max(0, min(len(order) - 1, index))])

    # contents ---------------------------------------------------------------------------

    def reload_contents(self) -> None:
        """Read the case's documents, recordings and events again (after a new version)."""
        ws, reference, login = self.workstation, self.reference, self.login
        self.loading_label.show()
        run_task(
            lambda _progress, _cancel: ws.contents(reference, login),
            on_finished=self._contents_read,
            on_failed=self._contents_failed,
            context=self,
        )

    def _contents_read(self, contents: CaseContents) -> None:
        self.contents = contents
        self.loading_label.hide()
        self.navigator.show_contents(contents)
        for dock, title in zip(
            self.docks,
            (self.tr("Case file"), self.tr("Review checklist"), self.tr("Automatic findings")),
            strict=True,
        ):
            dock.setWindowTitle(f"{title} — {contents.number}")  # floating: whose it is
        self.contents_loaded.emit()

    def _contents_failed(self, exc: BaseException) -> None:
        self.loading_label.setText(error_text(exc))
        self.loading_label.setWordWrap(True)

    # navigation -------------------------------------------------------------------------

    def open_document(self, key: str) -> bool:
        """Show document `key` in the viewer; False (with a message) when it has no file."""
        entry = self.contents.document(key) if self.contents else None
        if entry is None:
            self.statusBar().showMessage(self.tr("The case has no document {0}").format(key))
            return False
        self.centre.setCurrentWidget(self.viewer)
        self.navigator.select("document", key)
        if entry.file is None:
            self.viewer.close_document()
            self.current_document = None
            self.statusBar().showMessage(entry.problem or "")
            return False
        if self.current_document != key:
            self.viewer.open_document(
                entry.file,
                title=entry.label,
                kind=entry.media_kind,
                damage=entry.problem,
                cache_dir=self.workstation.paths.cache_dir,
            )
            self.current_document = key
        return True

    def show_event(self, key: str) -> None:
        """Say what the event was and open its first document."""
        events = self.contents.events if self.contents else []
        event = next((e for e in events if e.key == key), None)
        if event is None:
            return
        self.navigator.select("event", key)
        text = f"{format_minute(event.at)} {event.label}" + (
            f"：{event.note}" if event.note else ""
        )
        self.statusBar().showMessage(text)
        if event.documents:
            self.open_document(event.documents[0])

    def show_recording(self, key: str) -> None:
        """Select the recording (playback arrives with the media player)."""
        entry = self.contents.recording(key) if self.contents else None
        if entry is not None:
            self.navigator.select("recording", key)
            self.statusBar().showMessage(entry.problem or entry.label)

    def go_to_ref(self, ref: str) -> None:
        """Follow a finding's reference such as document:d2, event:e3 or recording:r1."""
        kind, _, key = ref.partition(":")
        if kind == "document":
            self.open_document(key)
        elif kind == "event":
            self.show_event(key)
        elif kind == "recording":
            self.show_recording(key)
        else:
            self.statusBar().showMessage(ref)

    def go_to_citation(self, citation: CitationSpec) -> None:
        """Jump to where a citation points: the page and rectangle of a document."""
        if citation.kind == "document":
            if self.open_document(citation.target):
                self.viewer.show_citation(citation.page or 1, citation.rect)
        elif citation.kind == "recording":
            self.show_recording(citation.target)

    # review -----------------------------------------------------------------------------

    def cite_region(self, page: int, rect: tuple[float, float, float, float], text: str) -> None:
        """Attach the region the reviewer marked in the viewer to a checklist section."""
        if self.current_document is None:
            return
        spec = CitationSpec(kind="document", target=self.current_document, page=page, rect=rect)
        self.checklist.cite(spec, text)  # asks for the section and note, then saves

    def sign(self) -> None:
        """The division head signs the issued opinion, in the opinion editor's dialog."""
        self.centre.setCurrentWidget(self.opinion_holder)
        self.opinion.open_sign_dialog()

    def refresh(self) -> None:
        """Re-read every panel (F5, or after the case moved on)."""
        self._pending.update(self._panels())
        self._refresh_pending()

    def _panels(self) -> list[Any]:
        panels: list[Any] = [self.checklist, self.findings, self.actions_bar]
        if self._opinion is not None:
            panels.append(self._opinion)
        return panels

    def _refresh_others(self, sender: Any) -> None:
        self._pending.update(p for p in self._panels() if p is not sender)
        self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for panel in pending:
            try:
                panel.refresh()  # each reads off the UI thread
            except Exception:  # one failing panel must not stop the rest
                log.exception("refresh of %s failed", type(panel).__name__)

    def _case_moved(self) -> None:
        self.refresh()
        self.state_changed.emit()

    def _centre_changed(self, index: int) -> None:
        if self.centre.widget(index) is self.opinion_holder:
            self.opinion  # noqa: B018 - built on first show

    # layout -----------------------------------------------------------------------------

    def save_layout(self) -> None:
        """Remember dock positions (also floating ones on a second monitor)."""
        QSettings().setValue(LAYOUT_KEY, self.saveState(LAYOUT_VERSION))

    def restore_layout(self) -> bool:
        """Put the docks back where the reviewer left them last time; False if never saved."""
        state = QSettings().value(LAYOUT_KEY)
        if isinstance(state, QByteArray | bytes):
            return bool(self.restoreState(QByteArray(state), LAYOUT_VERSION))
        return False

    def default_layout(self) -> None:
        """Every dock visible and docked, at the sizes a 1400-pixel window suits."""
        for dock in self.docks:
            dock.setFloating(False)
            dock.show()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.resizeDocks(
            [self.navigator_dock, self.checklist_dock], [260, 440], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.findings_dock], [170], Qt.Orientation.Vertical)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._layout_applied:  # sizes only take once the window has its size
            self._layout_applied = True
            if not self.restore_layout():
                self.default_layout()
        for dock in self._floating:
            dock.show()
        self._floating = []

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        # A floating dock belongs to this case: it must not stay on screen over another tab.
        self._floating = [d for d in self.docks if d.isFloating() and d.isVisible()]
        for dock in self._floating:
            dock.hide()
        super().hideEvent(event)

    def close_case(self) -> None:
        """Save what is pending and stop the background work before the tab goes."""
        self.save_layout()
        if self._opinion is not None:
            self._opinion.flush()  # typed wording not yet autosaved is saved now
            self._opinion.preview.stop()
        self.viewer.close_document()
        for dock in self.docks:
            if dock.isFloating():
                dock.hide()

    def has_unsaved_text(self) -> bool:
        """Whether the opinion editor still holds typing that is being saved."""
        return self._opinion is not None and self._opinion.has_unsaved_changes()
