"""What a case version holds, as plain data for the workspace's navigator.

Documents grouped by kind, recordings, the procedure events in date order and the import's
findings, each with the stored file's path (read-only evidence) and what probing found; and
the opinions signed on earlier versions, whose filed DOCX opens like a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.labels import CONDITIONS, DOCUMENT_KINDS, EVENT_TYPES
from workstation.store import models
from workstation.store.earlier_opinions import EarlierOpinion, earlier_opinions
from workstation.store.event_details import event_label
from workstation.store.evidence import EvidenceStore

# Why a listed file has nothing to show, by its import status.
_STATUS_REASONS = {
    "missing": "案卷包中缺少此文件",
    "hash_mismatch": "文件与清单所列哈希值不符，已拒收",
}


@dataclass(frozen=True)
class FileEntry:
    """One document or recording as the navigator lists it."""

    key: str
    label: str  # what the navigator shows
    bundle_path: str
    file: Path | None  # the stored evidence file; None when it was refused or missing
    media_kind: str | None  # pdf, docx, image, video, audio, …
    condition: str  # ok, repaired, damaged, unsupported, password, or the import status
    problem: str | None  # a Chinese sentence when the file cannot be shown as it is
    pages: int | None = None
    duration_s: float | None = None
    started_at: datetime | None = None
    # "timeout" or "crash" when the import's probe could not parse the file: the viewer
    # does not open it (a file built to hang the parser would hang the desktop too)
    probe_failure: str | None = None

    @property
    def viewable(self) -> bool:
        """Whether there is a stored file to open at all."""
        return self.file is not None


@dataclass(frozen=True)
class DocumentGroup:
    """The documents of one kind, in manifest order."""

    kind: str
    label: str
    documents: list[FileEntry]


@dataclass(frozen=True)
class EventEntry:
    """One procedure event, for the dated list."""

    key: str
    type: str
    label: str
    at: datetime
    note: str | None
    documents: list[str]
    recordings: list[str]

    def opens(self, kinds: dict[str, str]) -> str | None:
        """The document to show for the event (`kinds`: document id → kind): a delivery's
        receipt (送达回证) — who signed, when — else its first document."""
        receipts = [d for d in self.documents if kinds.get(d) == "delivery_receipt"]
        chosen = receipts if self.type == "delivery" and receipts else self.documents
        return chosen[0] if chosen else None


@dataclass(frozen=True)
class ImportNote:
    """One problem the import found with a file."""

    severity: str
    code: str
    path: str | None
    message: str


@dataclass(frozen=True)
class CaseContents:
    """One case version's documents, recordings, events and import findings."""

    reference: str  # e.g. C3@v2: names exactly this version
    number: str
    title: str
    version: int
    document_groups: list[DocumentGroup]
    recordings: list[FileEntry]
    events: list[EventEntry]
    import_notes: list[ImportNote]
    latest_version: int = 0  # the case's newest version (newer than `version` when not sent yet)
    submitted_at: datetime | None = None
    earlier_opinions: list[EarlierOpinion] = field(default_factory=list)

    def document(self, key: str) -> FileEntry | None:
        """The document with manifest id `key`, or an earlier opinion's filed DOCX by its key
        (`EarlierOpinion.key`): the viewer shows both the same way."""
        for group in self.document_groups:
            for entry in group.documents:
                if entry.key == key:
                    return entry
        opinion = next((o for o in self.earlier_opinions if o.key == key), None)
        return _opinion_entry(opinion) if opinion else None

    def recording(self, key: str) -> FileEntry | None:
        """The recording with manifest id `key`."""
        return next((r for r in self.recordings if r.key == key), None)

    def event_document(self, event: EventEntry) -> str | None:
        """The document to open for `event` (`EventEntry.opens`)."""
        kinds = {d.key: g.kind for g in self.document_groups for d in g.documents}
        return event.opens(kinds)


def read_contents(
    session: Session, version: models.CaseVersion, store: EvidenceStore
) -> CaseContents:
    """Everything the navigator shows for `version`."""
    groups: dict[str, list[FileEntry]] = {}
    for doc in sorted(version.documents, key=lambda d: d.position):
        title = doc.title or Path(doc.path).name
        entry = _entry(doc.key, title, doc.path, doc.status, doc.evidence, store)
        groups.setdefault(doc.kind, []).append(entry)
    kinds = [k for k in DOCUMENT_KINDS if k in groups] + sorted(set(groups) - set(DOCUMENT_KINDS))
    recordings = []
    for rec in sorted(version.recordings, key=lambda r: r.position):
        label = " · ".join(p for p in (rec.device, rec.operator) if p) or Path(rec.path).name
        base = _entry(rec.key, label, rec.path, rec.status, rec.evidence, store)
        recordings.append(replace(base, duration_s=rec.duration_s, started_at=rec.started_at))
    events = [
        EventEntry(
            key=e.key,
            type=e.type,
            label=event_label(EVENT_TYPES.get(e.type, e.type), e),
            at=e.at,
            note=e.note,
            documents=list(e.documents),
            recordings=list(e.recordings),
        )
        for e in sorted(version.events, key=lambda e: (e.at, e.position))
    ]
    return CaseContents(
        reference=f"C{version.case_id}@v{version.version}",
        number=version.case.number,
        title=version.title,
        version=version.version,
        document_groups=[
            DocumentGroup(kind, DOCUMENT_KINDS.get(kind, kind), groups[kind]) for kind in kinds
        ],
        recordings=recordings,
        events=events,
        import_notes=_import_notes(session, version),
        latest_version=version.case.latest.version,
        submitted_at=version.submitted_at,
        earlier_opinions=earlier_opinions(session, version, store),
    )


def _entry(
    key: str,
    label: str,
    bundle_path: str,
    status: str,
    evidence: models.EvidenceFile | None,
    store: EvidenceStore,
) -> FileEntry:
    if evidence is None:
        why = _STATUS_REASONS.get(status, f"文件未入库（{status}）")
        return FileEntry(key, label, bundle_path, None, None, status, f"{bundle_path}：{why}")
    problem: str | None = None
    if evidence.condition != "ok":
        reason = evidence.reason or CONDITIONS.get(evidence.condition, evidence.condition)
        problem = f"{bundle_path}：{reason}"
    pages = evidence.details.get("pages")
    failure = evidence.details.get("probe_failure")
    return FileEntry(
        key,
        label,
        bundle_path,
        store.path_for(evidence.sha256),
        evidence.media_kind,
        evidence.condition,
        problem,
        pages=pages if isinstance(pages, int) else None,
        probe_failure=failure if isinstance(failure, str) else None,
    )


def _opinion_entry(opinion: EarlierOpinion) -> FileEntry:
    """An earlier opinion as a file to open: its filed DOCX, or why there is none."""
    name = f"{opinion.number}（第 {opinion.revision} 稿）"
    problem = None
    if opinion.file is None:
        problem = f"{name}的存档文件不在证据库中；请用 workstation verify 检查证据库"
    return FileEntry(
        key=opinion.key,
        label=name,
        bundle_path=opinion.number,
        file=None if problem else opinion.file,
        media_kind="docx",
        condition="missing" if problem else "ok",
        problem=problem,
    )


def _import_notes(session: Session, version: models.CaseVersion) -> list[ImportNote]:
    record = session.scalar(
        select(models.ImportRecord).where(
            models.ImportRecord.case_version_id == version.id,
            models.ImportRecord.outcome == "imported",
        )
    )
    if record is None:
        return []
    return [ImportNote(f.severity, f.code, f.path, f.message) for f in record.findings]
