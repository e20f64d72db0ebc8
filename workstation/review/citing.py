"""A citation in the office's words: 《现场检查笔录》第2页; 执法记录仪 A01 00:00:05–00:00:12（…起）.

Recording times are media time; the wall-clock start adds the recording's start time and its
clock offset, so the reader can match the moment with the times written in the documents.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from workstation.review import wording
from workstation.store import models
from workstation.store.review_models import Citation
from workstation.timefmt import office_time


def citation_text(citation: Citation, version: models.CaseVersion) -> str:
    """《现场检查笔录》第2页 · 执法记录仪 A01 00:00:05–00:00:12（2026年3月2日10时15分05秒起）"""
    note = f"：{citation.note}" if citation.note else ""
    if citation.kind == "document":
        doc = next((d for d in version.documents if d.key == citation.target), None)
        title = (doc.title or wording.document(doc.kind)) if doc else citation.target
        return f"《{title}》第{citation.page}页{note}"
    rec = next((r for r in version.recordings if r.key == citation.target), None)
    device = (rec.device or "录音录像") if rec else citation.target
    start, end = citation.start_ms or 0, citation.end_ms or 0
    span = f"{_clock(start)}–{_clock(end)}"
    if rec is None:
        return f"{device} {span}{note}"
    wall = rec.started_at + timedelta(milliseconds=(rec.clock_offset_ms or 0) + start)
    return f"{device} {span}（{_wall(wall)}起）{note}"


def _clock(ms: int) -> str:
    seconds, _ = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def _wall(moment: datetime) -> str:
    local = office_time(moment)
    return f"{wording.day(local.date())}{local.hour}时{local.minute:02d}分{local.second:02d}秒"
