"""A stored case version back as the plain case model the review engine checks.

What the bundle said comes from the version's rows; what the reviewer corrected later (a
recording's clock offset, for now) is laid over it, so corrections change the findings
without ever touching the evidence or the rows of the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.casefile import model
from workstation.store import models
from workstation.store.recording_models import ClockCorrection


def manifest_from_version(
    version: models.CaseVersion, offsets: Mapping[str, int] | None = None
) -> model.CaseManifest:
    """The case as imported; `offsets` are corrected clock offsets by recording id."""
    corrected = offsets or {}
    return model.CaseManifest(
        number=version.case.number,
        title=version.title,
        agency=model.Agency(
            version.agency_name,
            version.agency_code,
            tuple(version.agency_authorities) if version.agency_authorities is not None else None,
        ),
        action_type=version.action_type,
        submitted_at=version.submitted_at,
        parties=tuple(
            model.Party(p.kind, p.name, p.id_number, p.address, p.representative, p.phone)
            for p in version.parties
        ),
        officers=tuple(
            model.Officer(
                o.name, o.certificate_no, o.certificate_valid_until, o.scope, o.legal_qualification
            )
            for o in version.officers
        ),
        proposed_decision=dict(version.proposed_decision),
        unit=version.unit,
        procedure=version.procedure,
        place=version.place,
        domain=version.domain,
        flags=tuple(version.flags),
        violation=model.Violation(
            version.violation_began_on,
            version.violation_ended_on,
            version.violation_discovered_on,
            version.violation_description,
        ),
        filed_on=version.filed_on,
        events=tuple(_event(e) for e in version.events),
        documents=tuple(
            model.DocumentEntry(d.key, d.path, d.kind, d.title, d.declared_sha256, d.declared_pages)
            for d in version.documents
        ),
        recordings=tuple(_recording(r, corrected) for r in version.recordings),
    )


def clock_corrections(session: Session, case_id: int) -> dict[str, int]:
    """The reviewer's clock corrections of a case's recordings, in ms by recording id."""
    rows = session.scalars(select(ClockCorrection).where(ClockCorrection.case_id == case_id))
    return {row.recording_key: row.correction_ms for row in rows}


def reviewer_offsets(session: Session, version: models.CaseVersion) -> dict[str, int]:
    """The corrected clock offsets (bundle offset + the reviewer's correction) of the
    version's corrected recordings, by recording id: what `manifest_from_version` lays over."""
    return corrected_offsets(version, clock_corrections(session, version.case_id))


def corrected_offsets(
    version: models.CaseVersion, corrections: Mapping[str, int]
) -> dict[str, int]:
    """Bundle offset + correction for each recording of `version` that `corrections` names."""
    return {
        r.key: (r.clock_offset_ms or 0) + corrections[r.key]
        for r in version.recordings
        if r.key in corrections
    }


def facts_from_version(version: models.CaseVersion) -> model.FileFacts:
    """The files that arrived with the version and what probing measured of them."""
    hashes = {f.path: f.sha256 for f in version.files}
    by_path = model.FileFacts(hashes=hashes)
    durations: dict[str, float] = {}
    entries: list[models.Document | models.Recording] = [*version.documents, *version.recordings]
    for item in entries:
        evidence, found = item.evidence, by_path.find(item.path)
        duration = evidence.details.get("duration_s") if evidence is not None else None
        if found is not None and isinstance(duration, int | float):
            durations[found] = float(duration)  # keyed like the hashes: by the bundle's path
    return model.FileFacts(hashes=hashes, durations=durations)


def _event(row: models.Event) -> model.Event:
    return model.Event(
        id=row.key,
        type=row.type,
        at=row.at,
        officers=tuple(row.officers),
        documents=tuple(row.documents),
        recordings=tuple(row.recordings),
        note=row.note,
        until=row.until,
        rights=tuple(row.rights) if row.rights is not None else None,
        hearing_at=row.hearing_at,
        method=row.method,
        approved_at=row.approved_at,
        emergency=row.emergency,
        host=row.host,
        waived=row.waived,
        result=row.result,
        recipient=model.Recipient(**row.recipient) if row.recipient is not None else None,
        proposed_measures=(
            tuple(row.proposed_measures) if row.proposed_measures is not None else None
        ),
        body=row.body,
        reason=row.reason,
    )


def _recording(row: models.Recording, offsets: Mapping[str, int]) -> model.RecordingEntry:
    entry = model.RecordingEntry(
        id=row.key,
        path=row.path,
        started_at=row.started_at,
        archived_at=row.archived_at,
        device=row.device,
        operator=row.operator,
        activity=row.activity,
        duration_s=row.duration_s,
        sha256=row.declared_sha256,
        clock_offset_ms=row.clock_offset_ms,
        transcript=row.transcript_path,
    )
    if row.key in offsets:
        entry = replace(entry, clock_offset_ms=offsets[row.key])
    return entry
