"""The case timeline: recordings on the wall clock, events, and PROC-10 made visible."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from recording_office import CLERK, REVIEWER, WAV, seizure_case

from workstation.errors import IllegalActionError

CST = timezone(timedelta(hours=8))


def cst(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def proc10_refs(ws: Any, ref: str) -> set[str]:
    return {f.refs[0] for f in ws.check(ref).findings if f.rule == "PROC-10"}


def test_the_food_recordings_sit_on_the_case_clock(ws: Any, food: str) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    assert timeline.reference == "C1@v1"
    assert [r.key for r in timeline.recordings] == ["r1", "r2", "r3"]
    a01, a02, t01 = timeline.recordings
    # A01 started 10:15:00; A02's clock runs 2 s fast: 10:15:04 on its clock is 10:15:02.
    assert (a01.start, a01.end, a01.duration_ms) == (
        cst("2026-03-02 10:15:00"),
        cst("2026-03-02 10:15:16"),
        16000,
    )
    assert (a02.start, a02.end) == (cst("2026-03-02 10:15:02"), cst("2026-03-02 10:15:18"))
    assert (a02.bundle_offset_ms, a02.correction_ms, a02.offset_ms) == (-2000, 0, -2000)
    assert a01.start.utcoffset() == timedelta(0)  # UTC-aware
    assert (a01.device, a01.operator_name, a01.activity_label) == (
        "执法记录仪 A01",
        "刘建国",
        "现场检查",
    )
    assert (a02.operator_name, a02.activity_label) == ("王晓萌", "抽样取证")
    assert (t01.device, t01.media_kind, t01.fps, t01.operator_name) == (
        "听证室录音设备 T01",
        "audio",
        None,
        None,
    )
    assert (a01.media_kind, a01.fps, a01.media_duration_ms) == ("video", 12.0, 16000)
    for span in timeline.recordings:
        assert span.playable
        assert span.problem is None
        assert span.has_transcript
        assert span.file is not None
        assert span.file.is_file()
        assert hashlib.sha256(span.file.read_bytes()).hexdigest() == span.sha256


def test_events_are_dated_labelled_and_marked_as_proc10_reads_them(ws: Any, food: str) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    events = {e.key: e for e in timeline.events}
    assert [e.at for e in timeline.events] == sorted(e.at for e in timeline.events)
    assert (events["e2"].label, events["e2"].at) == ("现场检查", cst("2026-03-02 10:15:05"))
    assert events["e8"].label == "送达（直接送达）"
    assert events["e12"].label == "听证"
    # The demo pack wants inspection, sampling and the hearing recorded; all are covered.
    needed = {k for k, e in events.items() if e.needs_recording}
    assert needed == {"e2", "e3", "e12"}
    assert all(events[k].covered for k in needed)
    assert timeline.missing_recordings == () == tuple(proc10_refs(ws, food))


def test_an_uncovered_event_is_red_exactly_when_proc10_reports_it(
    ws: Any, seizure: str, make_bundle: Any, corpus_dir: Path
) -> None:
    [event] = ws.recordings.timeline(seizure, REVIEWER).events
    assert (event.needs_recording, event.covered, event.missing_recording) == (True, True, False)
    # The same case with the seizure 3 s later: after the 2 s recording ended.
    document = seizure_case()
    document["case"]["number"] = "薛市监罚〔2026〕13号"
    document["case"]["events"][0]["at"] = "2026-03-01T10:00:04+08:00"
    bundle = make_bundle(document, {"media/a.wav": corpus_dir / WAV})
    late = ws.import_bundle(bundle, actor=CLERK).short_id
    ws.workflow.act(late, "accept", REVIEWER)
    timeline = ws.recordings.timeline(late, REVIEWER)
    assert [e.key for e in timeline.missing_recordings] == ["e1"] == sorted(proc10_refs(ws, late))
    assert timeline.events[0].label == "查封扣押"


def test_media_time_and_wall_time_convert_both_ways(ws: Any, food: str) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    a02 = timeline.recording("r2")
    assert a02 is not None
    assert a02.wall_at(5000) == cst("2026-03-02 10:15:07")
    assert a02.media_at(cst("2026-03-02 10:15:07")) == 5000
    assert a02.media_at(cst("2026-03-02 10:15:07.2504")) == 5250  # rounded to the ms
    assert a02.media_at(cst("2026-03-02 10:15:00")) == -2000  # before it started
    assert timeline.recording("r9") is None


def test_footage_at_an_instant_names_each_camera_with_its_media_time(ws: Any, food: str) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    assert timeline.footage_at(cst("2026-03-02 10:15:01")) == {"r1": 1000}  # A02 not yet
    assert timeline.footage_at(cst("2026-03-02 10:15:10")) == {"r1": 10000, "r2": 8000}
    assert timeline.footage_at(cst("2026-03-02 10:15:16")) == {"r2": 14000}  # A01 has ended
    assert timeline.footage_at(cst("2026-03-02 10:15:18")) == {}
    assert timeline.footage_at(cst("2026-04-10 09:30:19.999")) == {"r3": 19999}
    assert timeline.extent == (cst("2026-03-01 19:42"), cst("2026-04-13 15:00"))


def test_a_recording_refused_at_import_is_listed_as_not_playable_with_the_reason(
    ws: Any, staff: None, make_bundle: Any, corpus_dir: Path
) -> None:
    document = seizure_case()
    document["case"]["recordings"][0]["sha256"] = "0" * 64  # not the file's hash
    ref = ws.import_bundle(
        make_bundle(document, {"media/a.wav": corpus_dir / WAV}), actor=CLERK
    ).short_id
    [span] = ws.recordings.timeline(ref, REVIEWER).recordings
    assert (span.playable, span.file, span.sha256, span.media_kind) == (False, None, None, None)
    assert span.problem == "media/a.wav：文件与清单所列哈希值不符，已拒收"
    assert span.duration_ms == 0  # no duration declared, nothing probed


def test_reading_the_timeline_needs_a_registered_user(ws: Any, food: str) -> None:
    with pytest.raises(IllegalActionError, match="未登记"):
        ws.recordings.timeline(food, "nobody")
