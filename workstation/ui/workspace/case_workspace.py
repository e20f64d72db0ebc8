"""CaseWorkspace: one open case — navigator, viewer, checklist, findings, recordings, opinion.

The workspace only wires widgets together; every rule lives in the services they call.
Docks can float onto a second monitor; their layout is remembered in QSettings. What takes
time (reading the case's contents, every panel's data) is read off the UI thread.

Opening a case must not freeze the window, so the tab shows at once with its empty docks,
the parts are built one per turn of the event loop (StagedBuild), and only then are the
case's contents, workflow options and checklist read, one after the other (ReadQueue). A
part asked for early (`workspace.checklist`, …) is built there and then. Each part sits in
a PartBox, so that a change inside it does not make the whole window lay out again. A new
dock: one `add_dock(…)` and one `_parts.add(…)`. The recordings dock (MediaDock) is the
exception: its panel is built only when it is first shown.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from workstation.review.checklist import CitationSpec
from workstation.services import Workstation
from workstation.store.case_contents import CaseContents
from workstation.timefmt import format_minute
from workstation.ui.error_dialog import error_text
from workstation.ui.opinion.opinion_editor import OpinionEditor
from workstation.ui.viewer.document_viewer import DocumentViewer
from workstation.ui.workers import run_task
from workstation.ui.workspace.checklist_model import checklist_loader
from workstation.ui.workspace.checklist_panel import ChecklistPanel
from workstation.ui.workspace.docked_window import DockedWindow
from workstation.ui.workspace.findings_panel import FindingsPanel
from workstation.ui.workspace.media_dock import MediaDock
from workstation.ui.workspace.navigator import CaseNavigator
from workstation.ui.workspace.panel_refresh import PanelRefresh
from workstation.ui.workspace.part_box import PartBox
from workstation.ui.workspace.staged_build import ReadQueue, StagedBuild
from workstation.ui.workspace.workflow_actions import IssueCheck, WorkflowActions, options_loader
from workstation.ui.workspace.workspace_focus import keep_focus_path
from workstation.ui.workspace.workspace_shortcuts import bind_shortcuts

_Part = TypeVar("_Part", bound=QWidget)


class CaseWorkspace(DockedWindow):
    """The reviewer's desk for one case.

    `state_changed` says the case moved on (a workflow action, a signature): the case list
    needs a reload. Edits inside the review (verdicts, comments, opinion wording) only
    refresh the other panels of this workspace.
    """

    state_changed = Signal()
    contents_loaded = Signal()
    opinion_built = Signal(QWidget)  # the opinion editor, built on first show
    part_built = Signal(QWidget)  # a part built after the workspace: a dock's panel, the opinion

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_workspace")
        self.workstation, self.reference, self.login = workstation, reference, login
        self.contents: CaseContents | None = None
        self.current_document: str | None = None
        self._opinion: OpinionEditor | None = None

        # The skeleton: the centre's tabs and the docks, each with an empty box to fill.
        self.documents_holder = PartBox()
        self.opinion_holder = PartBox()  # the editor is built the first time it is shown
        self.centre = QTabWidget()
        self.centre.setObjectName("workspace_centre")
        self.centre.addTab(self.documents_holder, self.tr("Documents"))
        self.centre.addTab(self.opinion_holder, self.tr("Written opinion"))
        self.centre.currentChanged.connect(self._centre_changed)
        self.setCentralWidget(self.centre)
        self.loading_label = QLabel(self.tr("Reading the case file…"))
        navigation, review, findings = PartBox(self.loading_label), PartBox(), PartBox()
        area = Qt.DockWidgetArea
        self.navigator_dock = self.add_dock(
            "navigator", self.tr("Case file"), navigation, area.LeftDockWidgetArea
        )
        self.checklist_dock = self.add_dock(
            "checklist", self.tr("Review checklist"), review, area.RightDockWidgetArea
        )
        self.findings_dock = self.add_dock(
            "findings", self.tr("Automatic findings"), findings, area.BottomDockWidgetArea
        )
        # The checklist keeps the right edge full height, beside the documents and recordings.
        self.setCorner(Qt.Corner.BottomRightCorner, area.RightDockWidgetArea)
        self._refresh = PanelRefresh(self._panels, lambda: [self.checklist, self.findings], self)
        self.media = MediaDock(self, workstation, reference, login, tab_with=self.findings_dock)
        self.media.built.connect(self.part_built)
        self.media.review_changed.connect(lambda: self._refresh.others_soon(self.media.panel))

        # The checklist and findings panels show the same read: made once for both.
        self._checklist_read = checklist_loader(workstation, reference, login, self)
        self._options_read = options_loader(workstation, reference, login, self)
        self._reads = ReadQueue(self)
        self._checklist_read.idle.connect(self._reads.next)
        self._options_read.idle.connect(self._reads.next)

        self._parts = StagedBuild(self)
        self._parts.add("viewer", self.documents_holder, self._build_viewer, 1)
        self._parts.add("navigator", navigation, self._build_navigator, 1)
        self._parts.add("actions_bar", review, self._build_actions)
        self._parts.add("checklist", review, self._build_checklist, 1)
        self._parts.add("findings", findings, self._build_findings, 1)
        self._parts.part_built.connect(self.part_built)
        self._parts.finished.connect(self._read_all, Qt.ConnectionType.QueuedConnection)

        bind_shortcuts(self)
        keep_focus_path(self, self._parts.finished)
        self._parts.start()

    # construction -----------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The tab title: case number and title once read, else the reference."""
        if self.contents is None:
            return self.reference
        return f"{self.contents.number} {self.contents.title}"

    @property
    def viewer(self) -> DocumentViewer:
        """The document viewer in the centre."""
        return self._part("viewer", DocumentViewer)

    @property
    def navigator(self) -> CaseNavigator:
        """The case file's tree in the left dock."""
        return self._part("navigator", CaseNavigator)

    @property
    def actions_bar(self) -> WorkflowActions:
        """The workflow's actions above the checklist."""
        return self._part("actions_bar", WorkflowActions)

    @property
    def checklist(self) -> ChecklistPanel:
        """The checklist in the right dock."""
        return self._part("checklist", ChecklistPanel)

    @property
    def findings(self) -> FindingsPanel:
        """The automatic findings in the bottom dock."""
        return self._part("findings", FindingsPanel)

    @property
    def opinion(self) -> OpinionEditor:
        """The opinion editor, built on first use (it starts a preview conversion)."""
        if self._opinion is None:
            self._opinion = OpinionEditor(self.workstation, self.reference, self.login)
            self.opinion_holder.column.addWidget(self._opinion)
            self._opinion.signed.connect(self._case_moved)
            self.opinion_built.emit(self._opinion)
            self.part_built.emit(self._opinion)
        return self._opinion

    @property
    def loading(self) -> bool:
        """Whether parts are still being built or the case's data is still being read."""
        return (
            not self._parts.done
            or self._reads.waiting
            or self.contents is None
            or self._checklist_read.busy
            or self.actions_bar.busy
        )

    def _part(self, name: str, kind: type[_Part]) -> _Part:
        part = self._parts.get(name)
        assert isinstance(part, kind)
        return part

    def _build_viewer(self) -> QWidget:
        viewer = DocumentViewer()
        viewer.citation_requested.connect(self.cite_region)
        return viewer

    def _build_navigator(self) -> QWidget:
        navigator = CaseNavigator()
        navigator.document_chosen.connect(self.open_document)
        navigator.event_chosen.connect(self.show_event)
        navigator.recording_chosen.connect(self.show_recording)
        if self.contents is not None:
            navigator.show_contents(self.contents)
        return navigator

    def _build_actions(self) -> QWidget:
        ws, reference, login = self.workstation, self.reference, self.login
        actions = WorkflowActions(ws, reference, login, loader=self._options_read)
        actions.issue_check = self._issue_check
        actions.sign_requested.connect(self.sign)
        actions.changed.connect(self._case_moved)
        return actions

    def _issue_check(self) -> IssueCheck:
        """Before issuing: every edit typed is saved, and what the reviewer sees is known."""
        checklist = self.checklist
        saved = checklist.flush()
        return IssueCheck(saved, checklist.checklist, checklist.outcome_box.shown())

    def _build_checklist(self) -> QWidget:
        ws, reference, login = self.workstation, self.reference, self.login
        checklist = ChecklistPanel(ws, reference, login, loader=self._checklist_read)
        checklist.citation_activated.connect(self.go_to_citation)
        # Review edits change what the other panels show, not the case's place in the list.
        checklist.changed.connect(lambda: self._refresh.others_soon(checklist))
        return checklist

    def _build_findings(self) -> QWidget:
        ws, reference, login = self.workstation, self.reference, self.login
        findings = FindingsPanel(ws, reference, login, loader=self._checklist_read)
        findings.ref_activated.connect(self.go_to_ref)
        findings.changed.connect(lambda: self._refresh.others_soon(findings))
        return findings

    # contents ---------------------------------------------------------------------------

    def _read_all(self) -> None:
        """The case's data, once the parts are built: one read at a time, each after what
        the one before brought is on screen, so that no reading thread competes with the UI
        thread for the interpreter while it lays out and paints."""
        self._reads.start(
            [self.reload_contents, self._checklist_read.request, self._options_read.request]
        )

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
        if self._parts.is_built("navigator"):  # else it shows them when built
            self.navigator.show_contents(contents)
        self.name_docks(contents.number)  # a floating dock says whose it is
        self.contents_loaded.emit()
        self._reads.next()

    def _contents_failed(self, exc: BaseException) -> None:
        self.loading_label.setText(error_text(exc))
        self.loading_label.setWordWrap(True)
        self._reads.next()

    # navigation -------------------------------------------------------------------------

    def open_document(self, key: str) -> bool:
        """Show document `key` in the viewer; False (with a message) when it has no file."""
        entry = self.contents.document(key) if self.contents else None
        if entry is None:
            self.statusBar().showMessage(self.tr("The case has no document {0}").format(key))
            return False
        self.centre.setCurrentWidget(self.documents_holder)
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
                probe_failure=entry.probe_failure,
                cache_dir=self.workstation.paths.cache_dir,
            )
            self.current_document = key
        return True

    def show_event(self, key: str) -> None:
        """Say what the event was and open its document (a delivery's receipt first)."""
        events = self.contents.events if self.contents else []
        event = next((e for e in events if e.key == key), None)
        if event is None:
            return
        self.navigator.select("event", key)
        text = f"{format_minute(event.at)} {event.label}" + (
            f"：{event.note}" if event.note else ""
        )
        self.statusBar().showMessage(text)
        if self.contents and (document := self.contents.event_document(event)):
            self.open_document(document)

    def show_recording(self, key: str, media_ms: int = 0) -> None:
        """Play recording `key` from `media_ms` in the recordings dock (or say why it cannot)."""
        entry = self.contents.recording(key) if self.contents else None
        if entry is not None:
            self.navigator.select("recording", key)
            self.statusBar().showMessage(entry.problem or entry.label)
        self.media.show_recording(key, media_ms)

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
        """Jump to where a citation points: a document's page and rectangle, or the
        start of a recording's cited range."""
        if citation.kind == "document":
            if self.open_document(citation.target):
                self.viewer.show_citation(citation.page or 1, citation.rect)
        elif citation.kind == "recording":
            self.show_recording(citation.target, citation.start_ms or 0)

    # review -----------------------------------------------------------------------------

    def cite_region(self, page: int, rect: tuple[float, float, float, float], text: str) -> None:
        """Attach the region the reviewer marked in the viewer to a checklist section."""
        if self.current_document is None:
            return
        spec = CitationSpec(kind="document", target=self.current_document, page=page, rect=rect)
        checklist = self.checklist
        if checklist.checklist is not None:
            checklist.cite(spec, text)  # asks for the section and note, then saves
            return

        def cite_once_read() -> None:  # the checklist was not read yet: the dialog waits
            checklist.loaded.disconnect(cite_once_read)
            checklist.cite(spec, text)

        checklist.loaded.connect(cite_once_read)

    def sign(self) -> None:
        """The division head signs the issued opinion, in the opinion editor's dialog."""
        self.centre.setCurrentWidget(self.opinion_holder)
        self.opinion.open_sign_dialog()

    def refresh(self) -> None:
        """Re-read every panel (F5, or after the case moved on)."""
        self._refresh.all_now()
        if self.media.is_built:  # review edits do not change the recordings: not in _panels
            self.media.panel.refresh()

    def _panels(self) -> list[Any]:
        # The findings panel is not listed: the checklist's read refreshes it too. Before the
        # first reads there is nothing to refresh.
        panels: list[Any] = []
        if self._parts.done and not self._reads.waiting:
            panels += [self.checklist, self.actions_bar]
        if self._opinion is not None:
            panels.append(self._opinion)
        return panels

    def _case_moved(self) -> None:
        self.refresh()
        self.state_changed.emit()

    def _centre_changed(self, index: int) -> None:
        if self.centre.widget(index) is self.opinion_holder:
            self.opinion  # noqa: B018 - built on first show

    # layout -----------------------------------------------------------------------------

    def default_sizes(self) -> None:
        """The sizes a 1400-pixel window suits."""
        self.resizeDocks(
            [self.navigator_dock, self.checklist_dock], [260, 440], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.findings_dock], [170], Qt.Orientation.Vertical)

    def close_case(self) -> None:
        """Save what is pending and stop the background work before the tab goes."""
        self.save_layout()
        if self._parts.is_built("checklist"):
            self.checklist.flush()  # a comment or the outcome's reasons typed just now
        if self._opinion is not None:
            self._opinion.flush()  # typed wording not yet autosaved is saved now
            self._opinion.preview.stop()
        self._parts.stop()
        self._reads.stop()
        if self._parts.is_built("viewer"):
            self.viewer.close_document()
        self.media.close()
        self.hide_floating_docks()

    def has_unsaved_text(self) -> bool:
        """Whether the opinion editor still holds typing that is being saved."""
        return self._opinion is not None and self._opinion.has_unsaved_changes()
