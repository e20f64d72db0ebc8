"""The case timeline: every recording placed on the case's wall clock, the procedure events,
and which events the rule pack needs recorded but no recording covers.

A recording's wall-clock start is `started_at + clock_offset_ms` (the bundle's) plus the
reviewer's correction; its span is the one the recording checks use (the manifest's
duration, else the probed one), and whether an event is covered is PROC-10's own answer
(`scene_coverage`), so what the timeline paints red is exactly what PROC-10 reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.casefile.stored_case import (
    corrected_offsets,
    facts_from_version,
    manifest_from_version,
)
from workstation.labels import CONDITIONS, EVENT_TYPES
from workstation.recordings.placement import Placement, epoch_ms
from workstation.rules.checks.recordings import delivery_method, scene_coverage
from workstation.rules.context import CheckContext
from workstation.rules.rulepack import RulePack
from workstation.store import models
from workstation.store.evidence import EvidenceStore

_MS = timedelta(milliseconds=1)
# Why a listed recording has no stored file, by its import status.
_STATUS_REASONS = {
    "missing": "案卷包中缺少此文件",
    "hash_mismatch": "文件与清单所列哈希值不符，已拒收",
}
_PLAYABLE_CONDITIONS = ("ok", "repaired")


@dataclass(frozen=True)
class RecordingSpan:
    """One recording on the case timeline. Times are UTC-aware; media time is in ms."""

    key: str  # the bundle's recording id
    device: str  # 执法记录仪 A01 (录音录像 when the bundle names none)
    operator: str | None  # the operator's certificate number, as the bundle gives it
    operator_name: str | None  # that officer's name, when the case lists them
    activity: str | None  # an event type (inspection, hearing, …)
    activity_label: str | None  # 现场检查, 听证 …
    media_kind: str | None  # video, audio; None when no file is stored
    start: datetime  # the true time of media time 0
    end: datetime  # the end of the span the recording checks use
    bundle_offset_ms: int  # the bundle's clock_offset_ms (0 when it gives none)
    correction_ms: int  # the reviewer's correction on top of it (0: none)
    media_duration_ms: int | None  # what probing measured of the file
    fps: float | None  # frames per second of the video stream, when known
    playable: bool  # a stored audio or video file that decodes
    problem: str | None  # why it cannot play (or what was repaired), in Chinese
    file: Path | None  # the evidence file to play (read-only); None when not stored
    sha256: str | None  # the stored file's hash, checked before the first playback
    skip_initial_bytes: int  # leading junk a repaired file must be played past
    has_transcript: bool  # a transcript file is stored for it

    @property
    def offset_ms(self) -> int:
        """The clock offset in force: the bundle's plus the reviewer's correction."""
        return self.bundle_offset_ms + self.correction_ms

    @property
    def duration_ms(self) -> int:
        """The span's length in ms."""
        return _to_ms(self.end - self.start)

    @property
    def footage_ms(self) -> int:
        """How much media there is: the probed duration, else the span's."""
        return self.media_duration_ms if self.media_duration_ms is not None else self.duration_ms

    @property
    def placement(self) -> Placement:
        """This recording as the players' sync maths places it on the case clock."""
        return Placement(epoch_ms(self.start), self.footage_ms)

    def wall_at(self, media_ms: int) -> datetime:
        """The true time shown at media time `media_ms`."""
        return self.start + media_ms * _MS

    def media_at(self, moment: datetime) -> int:
        """The media time (ms, rounded) showing the true time `moment`; may be outside the
        recording (negative, or past its end)."""
        return _to_ms(moment - self.start)

    def has_footage_at(self, moment: datetime) -> bool:
        """Whether the recording has footage at the true time `moment`."""
        return self.start <= moment < self.start + self.footage_ms * _MS


@dataclass(frozen=True)
class TimelineEvent:
    """One procedure event on the timeline."""

    key: str
    type: str
    label: str  # 现场检查, 送达（留置送达）…
    at: datetime
    note: str | None
    recordings: tuple[str, ...]  # the recordings the event names
    documents: tuple[str, ...]
    needs_recording: bool  # the rule pack requires it recorded (PROC-10's scope)
    covered: bool  # some recording's span covers its time

    @property
    def missing_recording(self) -> bool:
        """Needs a recording and none covers it: a PROC-10 finding, shown in red."""
        return self.needs_recording and not self.covered


@dataclass(frozen=True)
class BookmarkView:
    """A time-range bookmark, in media time and on the case's wall clock."""

    id: int
    recording_key: str
    device: str
    start_ms: int
    end_ms: int
    note: str
    start: datetime | None  # None when the recording is not in the version
    end: datetime | None
    text: str  # as a citation prints it: 执法记录仪 A01 00:00:05–00:00:12（…起）：note
    created_by: str  # the reviewer's name
    created_at: datetime


@dataclass(frozen=True)
class CaseTimeline:
    """A case version's recordings, events and bookmarks on one wall clock."""

    reference: str  # C3@v2: exactly this version
    case_number: str
    recordings: tuple[RecordingSpan, ...]
    events: tuple[TimelineEvent, ...]
    bookmarks: tuple[BookmarkView, ...] = ()

    def recording(self, key: str) -> RecordingSpan | None:
        """The recording with bundle id `key`."""
        return next((r for r in self.recordings if r.key == key), None)

    def footage_at(self, moment: datetime) -> dict[str, int]:
        """The recordings with footage at the true time `moment`: key → media time (ms).
        A camera missing here shows 无录像 rather than a stale frame."""
        return {r.key: r.media_at(moment) for r in self.recordings if r.has_footage_at(moment)}

    @property
    def missing_recordings(self) -> tuple[TimelineEvent, ...]:
        """The events PROC-10 reports: needed recorded, not covered."""
        return tuple(e for e in self.events if e.missing_recording)

    @property
    def extent(self) -> tuple[datetime, datetime] | None:
        """From the earliest to the latest recording span or event; None when empty."""
        moments = [r.start for r in self.recordings] + [r.end for r in self.recordings]
        moments += [e.at for e in self.events]
        return (min(moments), max(moments)) if moments else None


def build_timeline(
    version: models.CaseVersion,
    pack: RulePack,
    corrections: Mapping[str, int],
    store: EvidenceStore,
    bookmarks: Iterable[BookmarkView] = (),
) -> CaseTimeline:
    """The timeline of `version` under `pack`, with the reviewer's `corrections` (ms by
    recording id, on top of the bundle's offsets) laid over the recordings."""
    offsets = corrected_offsets(version, corrections)
    ctx = CheckContext(manifest_from_version(version, offsets), pack, facts_from_version(version))
    officers = {o.certificate_no: o.name for o in version.officers}
    spans = []
    for row, entry in zip(version.recordings, ctx.case.recordings, strict=True):
        start, end = ctx.span(entry)
        spans.append(_span(row, start, end, corrections.get(row.key, 0), officers, store))
    events = tuple(
        TimelineEvent(
            key=scene.event.id,
            type=scene.event.type,
            label=event_label(scene.event.type, scene.event.method),
            at=scene.event.at,
            note=scene.event.note,
            recordings=scene.event.recordings,
            documents=scene.event.documents,
            needs_recording=scene.required,
            covered=scene.covered,
        )
        for scene in scene_coverage(ctx)
    )
    return CaseTimeline(
        reference=f"C{version.case_id}@v{version.version}",
        case_number=version.case.number,
        recordings=tuple(spans),
        events=events,
        bookmarks=tuple(bookmarks),
    )


def event_label(event_type: str, method: str | None = None) -> str:
    """现场检查; a delivery with its method: 送达（留置送达）."""
    label = EVENT_TYPES.get(event_type, event_type)
    if event_type == "delivery" and method:
        return f"{label}（{delivery_method(method)}）"
    return label


def _span(
    row: models.Recording,
    start: datetime,
    end: datetime,
    correction_ms: int,
    officers: Mapping[str, str],
    store: EvidenceStore,
) -> RecordingSpan:
    evidence = row.evidence
    details: dict[str, Any] = evidence.details if evidence is not None else {}
    duration = details.get("duration_s")
    playable, problem = _playability(row)
    transcript = row.transcript
    return RecordingSpan(
        key=row.key,
        device=row.device or "录音录像",
        operator=row.operator,
        operator_name=officers.get(row.operator or ""),
        activity=row.activity,
        activity_label=EVENT_TYPES.get(row.activity, row.activity) if row.activity else None,
        media_kind=evidence.media_kind if evidence is not None else None,
        start=start,
        end=end,
        bundle_offset_ms=row.clock_offset_ms or 0,
        correction_ms=correction_ms,
        media_duration_ms=round(duration * 1000) if isinstance(duration, int | float) else None,
        fps=_fps(details),
        playable=playable,
        problem=problem,
        file=store.path_for(evidence.sha256) if evidence is not None else None,
        sha256=evidence.sha256 if evidence is not None else None,
        skip_initial_bytes=int(details.get("skip_initial_bytes") or 0),
        has_transcript=transcript is not None and transcript.evidence_sha256 is not None,
    )


def _playability(row: models.Recording) -> tuple[bool, str | None]:
    """Whether the stored file can be played, and why not (or what was repaired)."""
    evidence = row.evidence
    if evidence is None:
        why = _STATUS_REASONS.get(row.status, f"文件未入库（{row.status}）")
        return False, f"{row.path}：{why}"
    if evidence.media_kind not in ("video", "audio"):
        return False, f"{row.path}：不是音视频文件，无法播放"
    reason = evidence.reason or CONDITIONS.get(evidence.condition, evidence.condition)
    if evidence.condition not in _PLAYABLE_CONDITIONS:
        return False, f"{row.path}：{reason}"
    return True, (f"{row.path}：{reason}" if evidence.condition != "ok" else None)


def _fps(details: Mapping[str, Any]) -> float | None:
    for stream in details.get("streams") or []:
        if stream.get("type") == "video" and not stream.get("cover_art") and stream.get("fps"):
            return float(stream["fps"])
    return None


def _to_ms(delta: timedelta) -> int:
    """A duration in whole ms, rounded half up (exact integer arithmetic on microseconds)."""
    return (delta // timedelta(microseconds=1) + 500) // 1000
