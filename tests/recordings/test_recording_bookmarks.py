"""Bookmarks: mark in/out with a note, audited; cited into a checklist section they reach the
opinion as every recording citation does."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import docx
import pytest
from checklist_steps import finish_checklist
from helpers import row_counts
from recording_office import CLERK, REVIEWER, audit_rows

from workstation.errors import IllegalActionError

CST = timezone(timedelta(hours=8))
A01_MARK = "执法记录仪 A01 00:00:05–00:00:12（2026年3月2日10时15分05秒起）：店长核对数量"


def test_a_bookmark_is_stored_listed_on_the_timeline_and_audited(ws: Any, food: str) -> None:
    mark = ws.recordings.add_bookmark(food, "r1", 5000, 12600, "  店长核对数量 ", REVIEWER)
    [view] = ws.recordings.bookmarks(food, REVIEWER)
    assert (view.id, view.recording_key, view.device) == (mark, "r1", "执法记录仪 A01")
    assert (view.start_ms, view.end_ms, view.note, view.created_by) == (
        5000,
        12600,
        "店长核对数量",
        "李审核",
    )
    assert view.start == datetime(2026, 3, 2, 10, 15, 5, tzinfo=CST)
    assert view.end == datetime(2026, 3, 2, 10, 15, 12, 600_000, tzinfo=CST)
    assert view.text == A01_MARK
    assert ws.recordings.timeline(food, REVIEWER).bookmarks == (view,)
    [entry] = audit_rows(ws, "recording.bookmark")
    assert (entry.action, entry.actor, entry.case_id) == ("recording.bookmark_add", REVIEWER, 1)
    assert entry.details == {
        "bookmark": mark,
        "recording": "r1",
        "start_ms": 5000,
        "end_ms": 12600,
        "note": "店长核对数量",
    }


def test_bookmark_times_follow_the_clock_correction(ws: Any, food: str) -> None:
    ws.recordings.add_bookmark(food, "r2", 5000, 6000, "", REVIEWER)
    ws.recordings.nudge_correction(food, "r2", 500, REVIEWER)
    [view] = ws.recordings.bookmarks(food, REVIEWER)
    assert view.start == datetime(2026, 3, 2, 10, 15, 7, 500_000, tzinfo=CST)
    assert view.text == "执法记录仪 A02 00:00:05–00:00:06（2026年3月2日10时15分07秒起）"


def test_removing_a_bookmark_is_audited_and_keeps_its_citation(ws: Any, food: str) -> None:
    mark = ws.recordings.add_bookmark(food, "r1", 5000, 12000, "店长核对数量", REVIEWER)
    ws.recordings.cite_bookmark(food, mark, "evidence", REVIEWER)
    ws.recordings.remove_bookmark(food, mark, REVIEWER)
    assert ws.recordings.bookmarks(food, REVIEWER) == []
    removed = audit_rows(ws, "recording.bookmark_remove")
    assert [e.details["bookmark"] for e in removed] == [mark]
    assert removed[0].details["note"] == "店长核对数量"
    [evidence] = [
        s for s in ws.review.checklist(food, REVIEWER).sections if s.section == "evidence"
    ]
    assert evidence.cited == [A01_MARK]
    with pytest.raises(IllegalActionError, match=f"本案没有编号为 {mark} 的书签"):
        ws.recordings.remove_bookmark(food, mark, REVIEWER)


def test_a_cited_bookmark_is_a_recording_citation_printed_in_the_opinion(
    ws: Any, food: str, tmp_path: Path
) -> None:
    mark = ws.recordings.add_bookmark(food, "r1", 5000, 12000, "店长核对数量", REVIEWER)
    citation = ws.recordings.cite_bookmark(food, mark, "evidence", REVIEWER)
    [evidence] = [
        s for s in ws.review.checklist(food, REVIEWER).sections if s.section == "evidence"
    ]
    [stored] = evidence.citations
    assert stored.id == citation
    assert (stored.kind, stored.target, stored.start_ms, stored.end_ms, stored.note) == (
        "recording",
        "r1",
        5000,
        12000,
        "店长核对数量",
    )
    assert evidence.cited == [A01_MARK]
    [added] = audit_rows(ws, "review.citation_add")
    assert (added.details["target"], added.details["start_ms"]) == ("r1", 5000)
    ws.review.set_outcome(food, "return", "请补正录像说明。", REVIEWER)
    out = ws.opinions.draft(food, REVIEWER, tmp_path / "意见书.docx")
    texts = [p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert f"引用材料：{A01_MARK}。" in texts


@pytest.mark.parametrize(
    ("key", "start", "end", "message"),
    [
        ("r9", 0, 1000, "本案没有编号为 r9 的录音录像"),
        ("r1", 5000, 5000, "开始早于结束"),
        ("r1", -1, 1000, "开始早于结束"),
        ("r1", 1000, 16_500, "书签结束时间 16500 毫秒超出录像 r1 的范围（时长 16.0 秒）"),
    ],
)
def test_impossible_bookmarks_are_refused(
    ws: Any, food: str, key: str, start: int, end: int, message: str
) -> None:
    before = row_counts(ws)
    with pytest.raises(IllegalActionError, match=message):
        ws.recordings.add_bookmark(food, key, start, end, "", REVIEWER)
    assert row_counts(ws) == before


def test_bookmarks_are_review_edits(ws: Any, food: str) -> None:
    with pytest.raises(IllegalActionError, match="无权填写审核意见"):
        ws.recordings.add_bookmark(food, "r1", 0, 1000, "", CLERK)
    mark = ws.recordings.add_bookmark(food, "r1", 0, 1000, "", REVIEWER)
    with pytest.raises(IllegalActionError, match="审核要点 facts2 不存在"):
        ws.recordings.cite_bookmark(food, mark, "facts2", REVIEWER)
    with pytest.raises(IllegalActionError, match="本案没有编号为 99 的书签"):
        ws.recordings.cite_bookmark(food, 99, "facts", REVIEWER)
    ws.review.set_outcome(food, "return", "理由", REVIEWER)
    finish_checklist(ws, food, REVIEWER)
    ws.workflow.act(food, "issue_opinion", REVIEWER)
    with pytest.raises(IllegalActionError, match="审核意见只能在受理后、出具意见前修改"):
        ws.recordings.remove_bookmark(food, mark, REVIEWER)
    assert [b.id for b in ws.recordings.bookmarks(food, CLERK)] == [mark]  # reading is open
