"""The case as plain data: what `case.json` says, with real dates and datetimes.

The importer builds it from a bundle; the review engine checks it, whether it came from a
bundle or from the store. Field names follow `case-bundle.md`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Agency:
    name: str
    code: str | None = None
    authorities: tuple[str, ...] | None = None

    @property
    def key(self) -> str:
        """What identifies the agency: its credit code when given, else its name."""
        return self.code or self.name


@dataclass(frozen=True)
class Party:
    kind: str
    name: str
    id_number: str
    address: str | None = None
    representative: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Officer:
    name: str
    certificate_no: str
    certificate_valid_until: date
    scope: str | None = None
    legal_qualification: bool | None = None


@dataclass(frozen=True)
class Violation:
    began_on: date | None = None
    ended_on: date | None = None
    discovered_on: date | None = None
    description: str | None = None


@dataclass(frozen=True)
class Recipient:
    """Who signed for or received a delivered document (送达回证的签收人)."""

    role: str  # party, legal_representative, principal, receiving_office, … (case-bundle.md)
    name: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    at: datetime
    officers: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    recordings: tuple[str, ...] = ()
    note: str | None = None
    until: date | None = None
    rights: tuple[str, ...] | None = None
    hearing_at: datetime | None = None
    method: str | None = None
    approved_at: datetime | None = None
    emergency: bool | None = None
    host: str | None = None
    waived: bool | None = None
    result: str | None = None  # delivery: served (absent) or failed
    recipient: Recipient | None = None  # delivery
    # notice_of_intent: the measures it announced, shaped as proposed_decision.measures
    proposed_measures: tuple[dict[str, Any], ...] | None = None
    body: str | None = None  # collective_discussion: agency_heads (absent) or other
    reason: str | None = None  # suspension: hearing, testing, expert_opinion, …


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    path: str
    kind: str
    title: str | None = None
    sha256: str | None = None
    pages: int | None = None


@dataclass(frozen=True)
class RecordingEntry:
    id: str
    path: str
    started_at: datetime
    archived_at: datetime
    device: str | None = None
    operator: str | None = None
    activity: str | None = None
    duration_s: float | None = None
    sha256: str | None = None
    clock_offset_ms: int | None = None
    transcript: str | None = None


@dataclass(frozen=True)
class CaseManifest:
    """The `case` object of a bundle."""

    number: str
    title: str
    agency: Agency
    action_type: str
    submitted_at: datetime
    parties: tuple[Party, ...]
    officers: tuple[Officer, ...]
    # Kept as in case.json (measures, legal_basis, discretion, …); the review engine reads it.
    proposed_decision: dict[str, Any]
    unit: str | None = None
    procedure: str = "ordinary"
    place: str | None = None
    domain: str | None = None
    flags: tuple[str, ...] = ()
    violation: Violation = field(default_factory=Violation)
    filed_on: date | None = None
    events: tuple[Event, ...] = ()
    documents: tuple[DocumentEntry, ...] = ()
    recordings: tuple[RecordingEntry, ...] = ()

    def referenced_paths(self) -> dict[str, str]:
        """Every file path the manifest names → its role (document, recording, transcript)."""
        roles: dict[str, str] = {}
        for doc in self.documents:
            roles.setdefault(doc.path, "document")
        for rec in self.recordings:
            roles.setdefault(rec.path, "recording")
            if rec.transcript:
                roles.setdefault(rec.transcript, "transcript")
        return roles


@dataclass(frozen=True)
class FileFacts:
    """What the files of the case really are: bundle path → SHA-256 and probed duration."""

    hashes: Mapping[str, str] = field(default_factory=dict)
    durations: Mapping[str, float] = field(default_factory=dict)

    def find(self, path: str) -> str | None:
        """The bundle path a manifest path names (NFC, letter case forgiven), or None."""
        wanted = _normalise(path)
        if wanted in self.hashes:
            return wanted
        folded = wanted.casefold()
        return next((p for p in self.hashes if p.casefold() == folded), None)


def _normalise(path: str) -> str:
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return unicodedata.normalize("NFC", "/".join(parts))
