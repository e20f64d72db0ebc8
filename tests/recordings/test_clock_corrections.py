"""The reviewer's clock corrections: stored beside the evidence, audited, and used by the
recording checks, the timeline and the citations."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import row_counts, store_files
from recording_office import ADMIN, CLERK, HEAD, OTHER, REVIEWER, audit_rows
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workstation.errors import IllegalActionError
from workstation.review.checklist import CitationSpec
from workstation.store import migrate, models
from workstation.store.db import Database
from workstation.store.recording_models import ClockCorrection


def rules(ws: Any, ref: str) -> list[str]:
    return [f.rule for f in ws.check(ref).findings]


def checklist_rules(ws: Any, ref: str) -> list[str]:
    sections = ws.review.checklist(ref, REVIEWER).sections
    return [f.finding.rule for s in sections for f in s.findings]


def corrections(ws: Any) -> list[tuple[int, str, int]]:
    with ws.db.session() as session:
        rows = session.scalars(select(ClockCorrection).order_by(ClockCorrection.id))
        return [(r.case_id, r.recording_key, r.correction_ms) for r in rows]


def bundle_offsets(ws: Any) -> dict[str, int | None]:
    with ws.db.session() as session:
        return {r.key: r.clock_offset_ms for r in session.scalars(select(models.Recording))}


def test_nudge_set_and_reset_are_stored_beside_the_evidence_and_audited(ws: Any, food: str) -> None:
    evidence_before = store_files(ws.paths.data_dir)
    service = ws.recordings
    assert service.nudge_correction(food, "r2", 100, REVIEWER) == 100
    assert service.nudge_correction(food, "r2", -83, REVIEWER) == 17  # a frame back at 12 fps
    assert service.set_correction(food, "r1", -1500, REVIEWER) == -1500
    assert corrections(ws) == [(1, "r2", 17), (1, "r1", -1500)]
    spans = {r.key: r for r in service.timeline(food, REVIEWER).recordings}
    assert (spans["r2"].bundle_offset_ms, spans["r2"].correction_ms, spans["r2"].offset_ms) == (
        -2000,
        17,
        -1983,
    )
    service.reset_correction(food, "r2", REVIEWER)
    assert corrections(ws) == [(1, "r1", -1500)]
    # The bundle's own offsets and the evidence files are untouched.
    assert bundle_offsets(ws) == {"r1": None, "r2": -2000, "r3": None}
    assert store_files(ws.paths.data_dir) == evidence_before
    entries = audit_rows(ws, "recording.clock_correction")
    assert [(e.actor, e.case_id) for e in entries] == [(REVIEWER, 1)] * 4
    assert [
        (e.details["recording"], e.details["how"], e.details["old_ms"], e.details["new_ms"])
        for e in entries
    ] == [
        ("r2", "nudge", 0, 100),
        ("r2", "nudge", 100, 17),
        ("r1", "set", 0, -1500),
        ("r2", "reset", 17, 0),
    ]
    assert entries[0].details["device"] == "执法记录仪 A02"
    assert entries[0].details["bundle_offset_ms"] == -2000


def test_a_change_to_the_same_value_stores_and_logs_nothing(ws: Any, food: str) -> None:
    ws.recordings.set_correction(food, "r1", 400, REVIEWER)
    before = row_counts(ws)
    assert ws.recordings.set_correction(food, "r1", 400, REVIEWER) == 400
    ws.recordings.reset_correction(food, "r3", REVIEWER)  # nothing to reset
    assert row_counts(ws) == before


def test_aligning_a_mark_in_two_recordings_corrects_the_second(ws: Any, food: str) -> None:
    service = ws.recordings
    service.set_correction(food, "r1", 250, REVIEWER)
    # The reviewer sees the same hand movement at 00:07.000 in A01 and 00:04.000 in A02.
    new = service.align_recordings(food, "r1", 7000, "r2", 4000, REVIEWER)
    # A01 at 7 s is 10:15:07.250; A02 at 4 s is 10:15:06 with the bundle's offset alone.
    assert new == 1250
    timeline = service.timeline(food, REVIEWER)
    a01, a02 = timeline.recording("r1"), timeline.recording("r2")
    assert a01 is not None
    assert a02 is not None
    assert a01.wall_at(7000) == a02.wall_at(4000)
    assert a01.correction_ms == 250  # the anchor stays as it was
    [entry] = audit_rows(ws, "recording.clock_correction")[-1:]
    assert entry.details == {
        "recording": "r2",
        "device": "执法记录仪 A02",
        "how": "align",
        "old_ms": 0,
        "new_ms": 1250,
        "bundle_offset_ms": -2000,
        "anchor": "r1",
        "anchor_ms": 7000,
        "mark_ms": 4000,
    }


def test_the_checks_rerun_with_the_corrected_offset(ws: Any, seizure: str) -> None:
    assert "PROC-10" not in rules(ws, seizure)
    # The recorder's clock was 3 s slow: the 2 s recording really ran 10:00:03–10:00:05 and
    # misses the seizure at 10:00:01.5.
    ws.recordings.set_correction(seizure, "r1", 3000, REVIEWER)
    assert "PROC-10" in rules(ws, seizure)
    assert "PROC-10" in checklist_rules(ws, seizure)
    [event] = ws.recordings.timeline(seizure, REVIEWER).events
    assert event.missing_recording
    ws.recordings.reset_correction(seizure, "r1", REVIEWER)
    assert "PROC-10" not in rules(ws, seizure)
    assert "PROC-10" not in checklist_rules(ws, seizure)


def test_proc11_measures_the_archiving_delay_from_the_corrected_end(ws: Any, food: str) -> None:
    assert "PROC-11" not in rules(ws, food)  # archived 6.4 h after the recording ended
    # Were A01's clock 20 hours fast, the recording ended 20 hours earlier: archived too late.
    ws.recordings.set_correction(food, "r1", -20 * 3600 * 1000, REVIEWER)
    [late] = [f for f in ws.check(food).findings if f.rule == "PROC-11"]
    assert late.refs == ("r1",)
    assert "2026年3月1日14时15分结束" in late.message
    assert "PROC-11" in checklist_rules(ws, food)


def test_an_explicit_offset_still_overrides_the_stored_corrections(ws: Any, seizure: str) -> None:
    ws.recordings.set_correction(seizure, "r1", 3000, REVIEWER)
    assert "PROC-10" not in rules_with(ws, seizure, {"r1": 0})


def rules_with(ws: Any, ref: str, offsets: dict[str, int]) -> list[str]:
    return [f.rule for f in ws.check(ref, offsets=offsets).findings]


def test_citations_show_the_corrected_wall_time(ws: Any, food: str) -> None:
    spec = CitationSpec("recording", "r2", start_ms=5000, end_ms=12000)
    ws.review.add_citation(food, "evidence", spec, REVIEWER)

    def cited() -> list[str]:
        [section] = [
            s for s in ws.review.checklist(food, REVIEWER).sections if s.section == "evidence"
        ]
        return section.cited

    assert cited() == ["执法记录仪 A02 00:00:05–00:00:12（2026年3月2日10时15分07秒起）"]
    ws.recordings.nudge_correction(food, "r2", 1000, REVIEWER)
    assert cited() == ["执法记录仪 A02 00:00:05–00:00:12（2026年3月2日10时15分08秒起）"]


@pytest.mark.parametrize(
    ("login", "message"),
    [
        (CLERK, "无权填写审核意见"),
        (OTHER, "本案由李审核审核，钱审核不能修改其审核意见"),
        (ADMIN, "无权填写审核意见"),
    ],
)
def test_only_who_may_edit_the_review_corrects_a_clock(
    ws: Any, food: str, login: str, message: str
) -> None:
    ws.review.set_verdict(food, "subject", "ok", REVIEWER)  # the reviewer is assigned now
    before = row_counts(ws)
    with pytest.raises(IllegalActionError, match=message):
        ws.recordings.nudge_correction(food, "r1", 100, login)
    assert row_counts(ws) == before
    ws.recordings.nudge_correction(food, "r1", 100, HEAD)  # a division head may


def test_a_review_not_open_refuses_corrections(ws: Any, staff: None, demo_root: Path) -> None:
    ref = ws.import_bundle(demo_root / "demo-01-食品", actor=CLERK).short_id
    with pytest.raises(IllegalActionError, match="案件状态为“待审核”"):
        ws.recordings.set_correction(ref, "r1", 100, REVIEWER)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, ref: s.set_correction(ref, "r9", 100, REVIEWER), "没有编号为 r9 的录音录像"),
        (
            lambda s, ref: s.set_correction(ref, "r1", 8 * 24 * 3600 * 1000, REVIEWER),
            "过大（最多 ±7 天）",
        ),
        (lambda s, ref: s.align_recordings(ref, "r1", 0, "r1", 0, REVIEWER), "两个不同的录像"),
        (
            lambda s, ref: s.align_recordings(ref, "r1", 17000, "r2", 0, REVIEWER),
            "超出录像 r1 的范围",
        ),
        (lambda s, ref: s.align_recordings(ref, "r1", 0, "r2", -1, REVIEWER), "超出录像 r2"),
    ],
)
def test_impossible_corrections_are_refused(ws: Any, food: str, call: Any, message: str) -> None:
    before = row_counts(ws)
    with pytest.raises(IllegalActionError, match=message):
        call(ws.recordings, food)
    assert row_counts(ws) == before


def test_migration_0004_adds_the_tables_and_keeps_what_was_there(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db, tmp_path / "backups", target="0003")
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            "INSERT INTO users (login, display_name, roles, active, created_at) "
            "VALUES ('li', '李审', '[\"reviewer\"]', 1, '2026-03-01 01:00:00.000000')"
        )
    report = migrate.upgrade(db, tmp_path / "backups", target="0004")
    assert (report.from_revision, report.to_revision) == ("0003", "0004")
    assert report.backup is not None
    with closing(sqlite3.connect(path)) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        assert {"clock_corrections", "bookmarks", "opinion_figures"} <= tables
        assert raw.execute("SELECT login FROM users").fetchall() == [("li",)]
        assert raw.execute("SELECT count(*) FROM clock_corrections").fetchone() == (0,)
    with db.session() as session:  # the models read the new tables
        assert session.scalars(select(ClockCorrection)).all() == []
        session.add(
            ClockCorrection(
                case_id=1, recording_key="r1", correction_ms=1, set_at=datetime.now(UTC), set_by=1
            )
        )
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            session.flush()  # a correction belongs to a case that exists
    db.dispose()


def test_every_recording_edit_is_counted_by_crash_recovery(ws: Any, food: str) -> None:
    from PIL import Image

    from workstation.session_marker import EDIT_LABELS

    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, format="PNG")
    service = ws.recordings
    service.nudge_correction(food, "r1", 100, REVIEWER)
    service.remove_bookmark(food, service.add_bookmark(food, "r1", 0, 500, "", REVIEWER), REVIEWER)
    service.remove_figure(
        food, service.add_figure(food, "r1", 0, image.getvalue(), REVIEWER), REVIEWER
    )
    actions = {
        e.action for e in audit_rows(ws) if e.action.startswith(("recording.", "opinion.fig"))
    }
    assert len(actions) == 5
    assert actions <= set(EDIT_LABELS)
