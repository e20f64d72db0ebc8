"""A citation in the office's words: 《现场检查笔录》第2页; 执法记录仪 A01 00:00:05–00:00:12（…起）.

Recording times are media time; the wall-clock start adds the recording's start time and its
clock offset — the bundle's, or the reviewer's corrected one when `offsets` gives it — so the
reader can match the moment with the times written in the documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from workstation.errors import IllegalActionError
from workstation.rules import wording
from workstation.store import models
from workstation.store.review_models import Citation
from workstation.timefmt import office_time

if TYPE_CHECKING:
    from workstation.review.checklist import CitationSpec
    from workstation.review.desk import Unit


def citation_text(
    citation: Citation, version: models.CaseVersion, offsets: Mapping[str, int] | None = None
) -> str:
    """《现场检查笔录》第2页 · 执法记录仪 A01 00:00:05–00:00:12（2026年3月2日10时15分05秒起）;
    `offsets` are corrected clock offsets by recording id (`reviewer_offsets`)."""
    note = f"：{citation.note}" if citation.note else ""
    if citation.kind == "document":
        doc = next((d for d in version.documents if d.key == citation.target), None)
        title = (doc.title or wording.document(doc.kind)) if doc else citation.target
        return f"《{title}》第{citation.page}页{note}"
    return recording_span_text(
        version,
        citation.target,
        citation.start_ms or 0,
        citation.end_ms or 0,
        citation.note or "",
        offsets,
    )


def recording_span_text(
    version: models.CaseVersion,
    key: str,
    start_ms: int,
    end_ms: int,
    note: str = "",
    offsets: Mapping[str, int] | None = None,
) -> str:
    """执法记录仪 A01 00:00:05–00:00:12（2026年3月2日10时15分05秒起）：note"""
    rec = recording_of(version, key)
    device = device_name(rec, key)
    span = f"{media_clock(start_ms)}–{media_clock(end_ms)}"
    tail = f"：{note}" if note else ""
    if rec is None:
        return f"{device} {span}{tail}"
    return f"{device} {span}（{wall_words(wall_time(rec, start_ms, offsets))}起）{tail}"


def recording_moment_text(
    version: models.CaseVersion, key: str, media_ms: int, offsets: Mapping[str, int] | None = None
) -> str:
    """执法记录仪 A02 00:00:05（2026年3月2日10时15分07秒）: one instant of a recording."""
    rec = recording_of(version, key)
    text = f"{device_name(rec, key)} {media_clock(media_ms)}"
    if rec is None:
        return text
    return f"{text}（{wall_words(wall_time(rec, media_ms, offsets))}）"


def recording_of(version: models.CaseVersion, key: str) -> models.Recording | None:
    """The version's recording with bundle id `key`."""
    return next((r for r in version.recordings if r.key == key), None)


def device_name(rec: models.Recording | None, key: str) -> str:
    """The recording's device as the bundle names it (录音录像 when it names none)."""
    if rec is None:
        return key
    return rec.device or "录音录像"


def wall_time(
    rec: models.Recording, media_ms: int, offsets: Mapping[str, int] | None = None
) -> datetime:
    """The true time of media time `media_ms`: start + (corrected) clock offset + media time."""
    offset = (offsets or {}).get(rec.key, rec.clock_offset_ms or 0)
    return rec.started_at + timedelta(milliseconds=offset + media_ms)


def media_clock(ms: int) -> str:
    """Media time as hh:mm:ss (whole seconds, rounded down)."""
    seconds, _ = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def wall_words(moment: datetime) -> str:
    """2026年3月2日10时15分07秒, in office time."""
    local = office_time(moment)
    return f"{wording.day(local.date())}{local.hour}时{local.minute:02d}分{local.second:02d}秒"


def check_citation(unit: Unit, spec: CitationSpec) -> None:
    """Refuse a citation of a document page or recording range the case does not have."""
    version = unit.version
    if spec.kind == "document":
        document = next((d for d in version.documents if d.key == spec.target), None)
        if document is None:
            raise IllegalActionError(f"本案没有编号为 {spec.target} 的文书")
        pages = document.evidence.details.get("pages") if document.evidence else None
        pages = pages or document.declared_pages
        if spec.page is None or spec.page < 1 or (pages and spec.page > pages):
            limit = f"（共{pages}页）" if pages else ""
            raise IllegalActionError(f"引用的页码 {spec.page} 无效{limit}")
        if spec.rect is not None and not (
            spec.rect[0] < spec.rect[2] and spec.rect[1] < spec.rect[3]
        ):
            raise IllegalActionError(
                "引用区域应为左上角和右下角坐标（x0 < x1，y0 < y1，单位为 PDF 点）"
            )
    elif spec.kind == "recording":
        recording = next((r for r in version.recordings if r.key == spec.target), None)
        if recording is None:
            raise IllegalActionError(f"本案没有编号为 {spec.target} 的录音录像")
        if spec.start_ms is None or spec.end_ms is None or not 0 <= spec.start_ms < spec.end_ms:
            raise IllegalActionError("录像引用须给出开始和结束时间，且开始早于结束")
        duration = recording.duration_s or (
            recording.evidence.details.get("duration_s") if recording.evidence else None
        )
        if duration and spec.end_ms > duration * 1000 + 1:
            raise IllegalActionError(
                f"引用的结束时间超出录像 {spec.target} 的时长（{duration:.1f} 秒）"
            )
    else:
        raise IllegalActionError(f"引用类型 {spec.kind} 无效：document 或 recording")
