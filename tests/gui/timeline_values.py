"""Case timelines built directly (the dataclasses are plain and frozen) for the timeline tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from workstation.recordings.timeline import (
    BookmarkView,
    CaseTimeline,
    RecordingSpan,
    TimelineEvent,
)

CST = timezone(timedelta(hours=8))


def cst(text: str) -> datetime:
    """An office-time instant, as the timeline holds it: UTC-aware."""
    return datetime.fromisoformat(text).replace(tzinfo=CST).astimezone(UTC)


def span(
    key: str,
    device: str,
    start: str,
    seconds: float,
    activity: str | None = "现场检查",
    kind: str = "video",
    problem: str | None = None,
) -> RecordingSpan:
    """A recording of `seconds` from `start` (office time); unplayable when `problem`."""
    begin = cst(start)
    return RecordingSpan(
        key=key,
        device=device,
        operator="37040001",
        operator_name="刘建国",
        activity="inspection" if activity else None,
        activity_label=activity,
        media_kind=None if problem else kind,
        start=begin,
        end=begin + timedelta(seconds=seconds),
        bundle_offset_ms=0,
        correction_ms=0,
        media_duration_ms=None if problem else round(seconds * 1000),
        fps=None,
        playable=problem is None,
        problem=problem,
        file=None,
        sha256=None,
        skip_initial_bytes=0,
        has_transcript=False,
    )


def event(
    key: str,
    label: str,
    at: str,
    needs: bool = False,
    covered: bool = False,
    note: str | None = None,
) -> TimelineEvent:
    """A procedure event at `at` (office time)."""
    return TimelineEvent(
        key=key,
        type="inspection",
        label=label,
        at=cst(at),
        note=note,
        recordings=(),
        documents=(),
        needs_recording=needs,
        covered=covered,
    )


def bookmark(mark_id: int, recording: RecordingSpan, start_s: float, end_s: float) -> BookmarkView:
    """A bookmark on `recording` from `start_s` to `end_s` of its media time."""
    return BookmarkView(
        id=mark_id,
        recording_key=recording.key,
        device=recording.device,
        start_ms=round(start_s * 1000),
        end_ms=round(end_s * 1000),
        note="当事人拒绝签字",
        start=recording.start + timedelta(seconds=start_s),
        end=recording.start + timedelta(seconds=end_s),
        text=f"{recording.device} 00:00:03–00:00:08：当事人拒绝签字",
        created_by="李审核",
        created_at=cst("2026-04-15 09:40"),
    )


REFUSED = "media/t01.wav：文件与清单所列哈希值不符，已拒收"


def sample_timeline(reference: str = "C1@v1") -> CaseTimeline:
    """Two body cameras (A01 with two recordings), a refused hearing recording, three events
    — the seizure at 10:16:30 needs a recording and none covers it — and a bookmark on A01."""
    a01 = span("r1", "执法记录仪 A01", "2026-03-02 10:15:00", 16)
    a02 = span("r2", "执法记录仪 A02", "2026-03-02 10:15:02", 16, "抽样取证")
    a01_again = span("r3", "执法记录仪 A01", "2026-03-02 10:15:40", 20, "抽样取证")
    t01 = span("r4", "听证室录音设备 T01", "2026-03-02 10:16:10", 10, "听证", problem=REFUSED)
    return CaseTimeline(
        reference=reference,
        case_number="薛市监罚〔2026〕12号",
        recordings=(a01, a02, a01_again, t01),
        events=(
            event("e1", "立案", "2026-03-02 10:14:50"),
            event("e2", "现场检查", "2026-03-02 10:15:05", needs=True, covered=True),
            event("e3", "查封扣押", "2026-03-02 10:16:30", needs=True, note="现场查封冷库"),
        ),
        bookmarks=(bookmark(7, a01, 3, 8),),
    )
