"""CaseNavigator: the case's documents by kind, recordings, dated events and import findings,
under a header naming the case version (第 N 版); for a resubmitted case, first the opinions
signed on its earlier versions (第 N 稿), whose filed DOCX opens in the viewer like a document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from workstation.review.workflow_rules import OUTCOMES
from workstation.store.case_contents import CaseContents, FileEntry
from workstation.store.earlier_opinions import EarlierOpinion
from workstation.timefmt import format_minute, office_time

KEY_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM = QColor("#b3261e")


class CaseNavigator(QTreeWidget):
    """A tree of what the case holds; choosing an item asks the workspace to show it."""

    document_chosen = Signal(str)  # manifest id of the document, or an earlier opinion's key
    recording_chosen = Signal(str)
    event_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("case_navigator")
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}

    def show_contents(self, contents: CaseContents) -> None:
        """Fill the tree from `contents`, expanding the documents and events."""
        self.clear()
        self._items.clear()
        self._show_version(contents)
        if contents.earlier_opinions:
            earlier = self._branch(self.tr("Earlier opinions"), len(contents.earlier_opinions))
            for opinion in contents.earlier_opinions:
                self._opinion_item(earlier, opinion)
            earlier.setExpanded(True)
        documents = self._branch(
            self.tr("Documents"), sum(len(g.documents) for g in contents.document_groups)
        )
        for group in contents.document_groups:
            kind = QTreeWidgetItem(documents, [f"{group.label}（{len(group.documents)}）"])
            for entry in group.documents:
                self._file_item(kind, entry, "document", self._page_note(entry))
            kind.setExpanded(True)
        recordings = self._branch(self.tr("Recordings"), len(contents.recordings))
        for entry in contents.recordings:
            started = format_minute(entry.started_at) if entry.started_at else ""
            self._file_item(recordings, entry, "recording", started)
        events = self._branch(self.tr("Procedure events"), len(contents.events))
        for event in contents.events:
            item = QTreeWidgetItem(events, [f"{format_minute(event.at)}  {event.label}"])
            item.setToolTip(0, event.note or event.label)
            self._mark(item, "event", event.key)
        findings = self._branch(self.tr("Import findings"), len(contents.import_notes))
        for note in contents.import_notes:
            item = QTreeWidgetItem(findings, [note.message])
            item.setToolTip(0, f"{note.code} {note.path or ''}\n{note.message}")
            if note.severity == "error":
                item.setForeground(0, QBrush(PROBLEM))
        for branch in (documents, events, findings):
            branch.setExpanded(True)
        recordings.setExpanded(True)

    def select(self, kind: str, key: str) -> bool:
        """Highlight the item for a document/recording/event; False when the case has none."""
        item = self._items.get((kind, key))
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def _show_version(self, contents: CaseContents) -> None:
        """The header says which version of the case file this is (第 N 版)."""
        if contents.latest_version > contents.version:
            text = self.tr("Case file, version {0} (version {1} is not under review)").format(
                contents.version, contents.latest_version
            )
        else:
            text = self.tr("Case file, version {0}").format(contents.version)
        header = self.headerItem()
        header.setText(0, text)
        tip = f"{text}\n{contents.number} {contents.title}"  # the header may be cut
        if contents.submitted_at is not None:
            tip += "\n" + self.tr("Submitted for review on {0}").format(
                format_minute(contents.submitted_at)
            )
        header.setToolTip(0, tip)
        self.setHeaderHidden(False)

    def _opinion_item(self, parent: QTreeWidgetItem, opinion: EarlierOpinion) -> None:
        """第 N 稿 · outcome, with its reasons and who signed it when beneath; each row opens
        the filed DOCX (a narrow dock cuts long rows: the tooltip has everything)."""
        outcome = OUTCOMES.get(opinion.outcome, opinion.outcome)
        signed = office_time(opinion.signed_at).strftime("%Y-%m-%d")
        item = QTreeWidgetItem(
            parent, [self.tr("Revision {0} · {1}").format(opinion.revision, outcome)]
        )
        reasons = opinion.reasons or self.tr("(none recorded)")
        tip = self.tr(
            "{0}: revision {1} of the opinion, on version {2} of the case file\n"
            "Outcome: {3}\nReasons: {4}\nSigned by {5} on {6}"
        ).format(
            opinion.number,
            opinion.revision,
            opinion.version,
            outcome,
            reasons,
            opinion.signer,
            format_minute(opinion.signed_at),
        )
        if opinion.file is None:
            tip += "\n" + self.tr("The filed document is missing from the evidence store")
            item.setForeground(0, QBrush(PROBLEM))
        item.setToolTip(0, tip)
        self._mark(item, "document", opinion.key)
        rows = [self.tr("Reasons: {0}").format(opinion.reasons)] if opinion.reasons else []
        rows.append(self.tr("Signed by {0} on {1}").format(opinion.signer, signed))
        for text in rows:
            row = QTreeWidgetItem(item, [text])
            row.setToolTip(0, tip)
            row.setData(0, KEY_ROLE, opinion.key)  # opens the same opinion
            row.setData(0, KIND_ROLE, "document")
        item.setExpanded(True)

    def _branch(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [f"{title}（{count}）"])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _file_item(
        self, parent: QTreeWidgetItem, entry: FileEntry, kind: str, note: str
    ) -> QTreeWidgetItem:
        text = f"{entry.label}  {note}".rstrip()
        item = QTreeWidgetItem(parent, [text])
        item.setToolTip(0, entry.problem or entry.bundle_path)
        if entry.problem:
            item.setForeground(0, QBrush(PROBLEM))
        self._mark(item, kind, entry.key)
        return item

    def _page_note(self, entry: FileEntry) -> str:
        if entry.pages:
            return self.tr("%n page(s)", "", entry.pages)
        return ""

    def _mark(self, item: QTreeWidgetItem, kind: str, key: str) -> None:
        item.setData(0, KEY_ROLE, key)
        item.setData(0, KIND_ROLE, kind)
        self._items[(kind, key)] = item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, key = item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)
        if not key:
            return
        signal = {
            "document": self.document_chosen,
            "recording": self.recording_chosen,
            "event": self.event_chosen,
        }[kind]
        signal.emit(key)
