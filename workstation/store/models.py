"""SQLAlchemy models of the case database.

A *case* is identified by its agency and number; each import of changed content adds a
*case version* holding what that bundle said (parties, officers, events, documents,
recordings, transcripts). Evidence bytes live in the evidence store, referred to by SHA-256.
Anything a reviewer adds later is stored beside these rows, never in them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workstation.store.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SHA256 = String(64)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(none_as_null=True),
        list[Any]: JSON(none_as_null=True),
        list[str]: JSON(none_as_null=True),
    }


class EvidenceFile(Base):
    """One stored file, by content; what probing found it to be."""

    __tablename__ = "evidence_files"

    sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    # pdf, docx, image, video, audio, subtitle, text, json, unknown
    media_kind: Mapped[str] = mapped_column(String(16))
    # ok, repaired, damaged, unsupported, password
    condition: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stored_at: Mapped[datetime]


class Case(Base):
    """A case as the office knows it: agency + number, across all its versions."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("agency_key", "number", name="agency_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # agency.code when the bundle gives one, else agency.name (cli.md "Naming a case")
    agency_key: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(Text, index=True)
    created_at: Mapped[datetime]
    review_state: Mapped[str] = mapped_column(String(32), default="submitted")

    versions: Mapped[list[CaseVersion]] = relationship(
        back_populates="case", order_by="CaseVersion.version", cascade="all, delete-orphan"
    )

    @property
    def short_id(self) -> str:
        return f"C{self.id}"

    @property
    def latest(self) -> CaseVersion:
        return self.versions[-1]


class CaseVersion(Base):
    """What one imported bundle said about the case."""

    __tablename__ = "case_versions"
    __table_args__ = (UniqueConstraint("case_id", "version", name="case_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    version: Mapped[int]
    # SHA-256 over the sorted (path, sha256) list of every file in the bundle
    content_digest: Mapped[str] = mapped_column(SHA256)
    imported_at: Mapped[datetime]
    manifest_sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"))
    exercise_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))

    title: Mapped[str] = mapped_column(Text)
    agency_name: Mapped[str] = mapped_column(Text)
    agency_code: Mapped[str | None] = mapped_column(Text)
    agency_authorities: Mapped[list[str] | None]
    unit: Mapped[str | None] = mapped_column(Text)
    action_type: Mapped[str] = mapped_column(String(32))
    procedure: Mapped[str] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list[str]] = mapped_column(default=list)
    violation_began_on: Mapped[date | None]
    violation_ended_on: Mapped[date | None]
    violation_discovered_on: Mapped[date | None]
    violation_description: Mapped[str | None] = mapped_column(Text)
    filed_on: Mapped[date | None]
    submitted_at: Mapped[datetime]
    # measures, legal_basis, violated_provisions, discretion, facts, decided_on as in case.json
    proposed_decision: Mapped[dict[str, Any]]

    case: Mapped[Case] = relationship(back_populates="versions")
    parties: Mapped[list[Party]] = relationship(
        order_by="Party.position", cascade="all, delete-orphan"
    )
    officers: Mapped[list[Officer]] = relationship(
        order_by="Officer.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[Event]] = relationship(
        order_by="Event.position", cascade="all, delete-orphan"
    )
    documents: Mapped[list[Document]] = relationship(
        order_by="Document.position", cascade="all, delete-orphan"
    )
    recordings: Mapped[list[Recording]] = relationship(
        order_by="Recording.position", cascade="all, delete-orphan"
    )
    transcripts: Mapped[list[Transcript]] = relationship(cascade="all, delete-orphan")
    files: Mapped[list[BundleFile]] = relationship(
        order_by="BundleFile.path", cascade="all, delete-orphan"
    )


class Party(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    id_number: Mapped[str] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    representative: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    certificate_no: Mapped[str] = mapped_column(Text)
    certificate_valid_until: Mapped[date]
    scope: Mapped[str | None] = mapped_column(Text)
    legal_qualification: Mapped[bool | None]


class Event(Base):
    """One step of the procedure timeline. References stay as the bundle's ids so that a
    dangling one (REF-01) is kept, not lost."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    officers: Mapped[list[str]] = mapped_column(default=list)
    documents: Mapped[list[str]] = mapped_column(default=list)
    recordings: Mapped[list[str]] = mapped_column(default=list)
    note: Mapped[str | None] = mapped_column(Text)
    until: Mapped[date | None]
    rights: Mapped[list[str] | None]
    hearing_at: Mapped[datetime | None]
    method: Mapped[str | None] = mapped_column(String(16))
    approved_at: Mapped[datetime | None]
    emergency: Mapped[bool | None]
    host: Mapped[str | None] = mapped_column(Text)
    waived: Mapped[bool | None]
    result: Mapped[str | None] = mapped_column(String(16))
    recipient: Mapped[dict[str, Any] | None]
    proposed_measures: Mapped[list[Any] | None]
    body: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(32))


class Document(Base):
    """A document the manifest lists; `evidence_sha256` is empty when the file was refused."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    declared_sha256: Mapped[str | None] = mapped_column(SHA256)
    declared_pages: Mapped[int | None]
    # stored, missing, hash_mismatch
    status: Mapped[str] = mapped_column(String(16))
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))

    evidence: Mapped[EvidenceFile | None] = relationship()


class Recording(Base):
    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    device: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(Text)
    activity: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[datetime]
    duration_s: Mapped[float | None]
    archived_at: Mapped[datetime]
    declared_sha256: Mapped[str | None] = mapped_column(SHA256)
    # the bundle's own correction; a reviewer's correction is stored apart (media issue)
    clock_offset_ms: Mapped[int | None]
    transcript_path: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))

    evidence: Mapped[EvidenceFile | None] = relationship()
    transcript: Mapped[Transcript | None] = relationship(back_populates="recording", uselist=False)


class Transcript(Base):
    __tablename__ = "transcripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id"))
    path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))

    recording: Mapped[Recording] = relationship(back_populates="transcript")
    evidence: Mapped[EvidenceFile | None] = relationship()


class BundleFile(Base):
    """Every file that arrived in the bundle, so an export rebuilds it exactly."""

    __tablename__ = "bundle_files"
    __table_args__ = (UniqueConstraint("version_id", "path", name="version_path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    # manifest, document, recording, transcript, exercise, unreferenced, refused
    role: Mapped[str] = mapped_column(String(16))


class ImportRecord(Base):
    """One run of the importer, whatever came of it."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    # imported, unchanged, refused
    outcome: Mapped[str] = mapped_column(String(16))
    message: Mapped[str | None] = mapped_column(Text)
    case_version_id: Mapped[int | None] = mapped_column(ForeignKey("case_versions.id"))

    findings: Mapped[list[ImportFinding]] = relationship(
        order_by="ImportFinding.id", cascade="all, delete-orphan"
    )
    case_version: Mapped[CaseVersion | None] = relationship()


class ImportFinding(Base):
    """A problem with one file or entry, found while importing."""

    __tablename__ = "import_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    severity: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(32))
    path: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One action, chained to the one before by hash so that any change shows."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_case_id", "case_id"),)

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(SHA256)
    hash: Mapped[str] = mapped_column(SHA256, unique=True)


class OfficeValue(Base):
    """One named value of the office as a whole (its random id, so a shared evidence folder
    can say which database it belongs to)."""

    __tablename__ = "office_values"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Presence(Base):
    """A desktop that has a case open, renewed every few seconds (store/presence.py)."""

    __tablename__ = "presence"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    login: Mapped[str] = mapped_column(String(100), primary_key=True)
    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    opened_at: Mapped[datetime]
    seen_at: Mapped[datetime]


# The review's tables and the recordings' review tables live in their own modules;
# importing them here puts them in the metadata that migrations and tests compare with,
# wherever the models are imported from.
from workstation.store import recording_models, review_models  # noqa: E402, F401
