"""The demo office set around an anchor day: the same files for the same day, every date moved
by the same number of days for another, and the case list a newcomer sees on that day — cases
due in a few days, one due today, one overdue, the exercises open."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import av
import docx
import pymupdf
import pytest
from helpers import FixedClock, demo_office_folder

from workstation.casefile.examine import read_for_check
from workstation.demo import generate_demo_bundles
from workstation.demo.anchor import ANCHOR_ENV, anchor_from_environment
from workstation.demo.cases import all_cases
from workstation.demo.placement import demo_pack, reference_day
from workstation.demo.shift import Shift
from workstation.errors import ConfigError
from workstation.review.case_rows import CaseListRow, CaseQuery
from workstation.rules.calendar import DayCounter
from workstation.rules.engine import check_case
from workstation.rules.identity import birth_date, is_valid_resident_id, make_resident_id
from workstation.settings import ImportLimits
from workstation.timefmt import OFFICE_TZ

MONDAY = date(2026, 12, 7)  # when this was written: the demo showed 逾期 231 日 that day
ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DOTTED = re.compile(r"(?<!\d)(\d{4})\.(\d{2})\.(\d{2})(?!\d)")
# Dates written without their year or month, and ID numbers (they carry a birth date).
PARTIAL = re.compile(
    r"(?<![年\d])\d{1,2}月\d{1,2}日|(?<![\d月年])\d{1,2}日(?=[上下晚起早中夜]|\d{1,2}时)"
    r"|(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])|〔\d{4}〕(?:\d{4}-)?"
)


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _case(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "case.json").read_text(encoding="utf-8"))["case"]


def _without_hashes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_hashes(v) for k, v in value.items() if k != "sha256"}
    if isinstance(value, list):
        return [_without_hashes(v) for v in value]
    return value


def _dates(text: str) -> tuple[list[date], str]:
    """The dates `text` writes in full (ISO, 2026年3月2日, 2026.03.02), in order, and the
    text with every date (full or partial) and ID number blanked."""
    full = re.compile("|".join(f"(?:{p.pattern})" for p in (ISO, CN_DATE, DOTTED)))
    found = [date(*(int(g) for g in m.groups() if g is not None)) for m in full.finditer(text)]
    return found, PARTIAL.sub("…", full.sub("DATE", text))


def _one_shift(pairs: list[tuple[date, date]]) -> set[int]:
    return {(b - a).days for a, b in pairs}


@pytest.fixture(scope="module")
def on_monday(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_demo_bundles(tmp_path_factory.mktemp("monday"), MONDAY)


@pytest.fixture(scope="module")
def a_week_later(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_demo_bundles(tmp_path_factory.mktemp("later"), MONDAY + timedelta(days=7))


# --- the anchor -------------------------------------------------------------------------------


def test_the_anchor_comes_from_the_environment() -> None:
    late_evening_utc = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)  # already Monday in Beijing
    assert anchor_from_environment({ANCHOR_ENV: "today"}, late_evening_utc) == MONDAY
    assert anchor_from_environment({ANCHOR_ENV: "2026-04-15"}) == date(2026, 4, 15)
    assert anchor_from_environment({ANCHOR_ENV: "written"}) is None
    assert anchor_from_environment({}) is None
    with pytest.raises(ConfigError, match="WORKSTATION_DEMO_ANCHOR"):
        anchor_from_environment({ANCHOR_ENV: "next week"})


def test_make_run_sets_the_demo_around_today_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    from workstation import launch_demo

    seen: list[str | None] = []
    monkeypatch.setattr(launch_demo, "main_demo", lambda: seen.append(os.environ.get(ANCHOR_ENV)))
    monkeypatch.setenv(ANCHOR_ENV, "")  # so that the one launch_demo sets is undone after
    monkeypatch.delenv(ANCHOR_ENV)
    launch_demo.main()
    monkeypatch.setenv(ANCHOR_ENV, "2026-04-15")
    launch_demo.main()
    assert seen == ["today", "2026-04-15"]


# --- moving a case in time ----------------------------------------------------------------------


def test_a_shift_of_no_days_leaves_every_case_as_written() -> None:
    for spec in all_cases():
        assert Shift(0, reference_day(spec)).case(spec) == spec, spec.folder


def test_every_way_a_date_is_written_moves_by_the_same_days() -> None:
    shift = Shift(10, date(2026, 3, 2))
    assert shift.text("2026-04-14T09:00:00+08:00") == "2026-04-24T09:00:00+08:00"
    assert shift.text("2026年3月2日10时，2016年05月18日") == "2026年3月12日10时，2016年05月28日"
    # Without a year: read near the case; without a month: after the date before it.
    assert shift.text("2026年2月25日22时至26日10时") == "2026年3月7日22时至8日10时"
    assert shift.text("保质期到2月18日") == "保质期到2月28日"
    assert shift.text("一直到26日上午，27日起排放正常") == "一直到8日上午，9日起排放正常"
    # Lengths of time are not dates.
    assert shift.text("查封期限30日，持续12日，5日内") == "查封期限30日，持续12日，5日内"
    assert shift.text("有效期限2019.06.11-长期") == "有效期限2019.06.21-长期"
    assert shift.text("2025年11月到12月") == "2025年11月到12月"  # still March: same months
    person = make_resident_id("370403", date(2009, 5, 8), 217)
    moved = shift.text(f"身份证号{person}")[4:]
    assert is_valid_resident_id(moved)
    assert birth_date(moved) == date(2009, 5, 18)
    # Into the next year: the case's document numbers follow, the 2017 rules do not.
    into_2027 = Shift(320, date(2026, 3, 2))
    assert into_2027.text("薛市监罚〔2026〕12号，薛政办发〔2017〕74号") == (
        "薛市监罚〔2027〕12号，薛政办发〔2017〕74号"
    )
    assert into_2027.text("2025年11月到12月") == "2026年9月到10月"
    assert into_2027.text("枣环监采〔2026〕0226-03") == "枣环监采〔2027〕0112-03"


# --- the same day, another day --------------------------------------------------------------------


def test_the_same_anchor_writes_byte_identical_bundles(
    on_monday: list[Path], tmp_path: Path
) -> None:
    again = generate_demo_bundles(tmp_path, MONDAY)
    assert [b.name for b in again] == [b.name for b in on_monday]
    for first, second in zip(on_monday, again, strict=True):
        assert _tree(first) == _tree(second), first.name


def test_as_written_and_anchored_each_case_moves_as_a_whole(
    demo_root: Path, on_monday: list[Path]
) -> None:
    for bundle in on_monday:
        written, placed = _case(demo_root / bundle.name), _case(bundle)
        dates_a, rest_a = _dates(json.dumps(_without_hashes(written), ensure_ascii=False))
        dates_b, rest_b = _dates(json.dumps(_without_hashes(placed), ensure_ascii=False))
        assert len(dates_a) == len(dates_b) > 10, bundle.name
        (days,) = _one_shift(list(zip(dates_a, dates_b, strict=True)))
        assert days != 0
        if bundle.name.endswith("露天烧烤"):
            assert days % 7 == 0  # its findings count working days: whole weeks only
        if not bundle.name.endswith("食品"):  # its Spring Festival is retold
            assert rest_a == rest_b, bundle.name


def test_a_week_later_every_date_is_seven_days_later(
    on_monday: list[Path], a_week_later: list[Path]
) -> None:
    for first, later in zip(on_monday, a_week_later, strict=True):
        assert first.name == later.name
        assert set(_tree(first)) == set(_tree(later))  # the same file names
        a, b = _case(first), _case(later)
        dates_a, rest_a = _dates(json.dumps(_without_hashes(a), ensure_ascii=False))
        dates_b, rest_b = _dates(json.dumps(_without_hashes(b), ensure_ascii=False))
        assert _one_shift(list(zip(dates_a, dates_b, strict=True))) == {7}, first.name
        assert rest_a == rest_b, first.name
        for entry in a["documents"]:
            _same_document_a_week_later(first / entry["path"], later / entry["path"])
        for entry in a["recordings"]:
            _same_recording_a_week_later(first, later, entry)
        if (first / "exercise.json").is_file():
            ex_a = (first / "exercise.json").read_text(encoding="utf-8")
            ex_b = (later / "exercise.json").read_text(encoding="utf-8")
            pairs_a, text_a = _dates(ex_a)
            pairs_b, text_b = _dates(ex_b)
            assert _one_shift(list(zip(pairs_a, pairs_b, strict=True))) == {7}
            assert text_a == text_b


def _same_document_a_week_later(first: Path, later: Path) -> None:
    if first.suffix == ".pdf":
        with pymupdf.open(first) as a, pymupdf.open(later) as b:
            text_a = "".join(page.get_text() for page in a).replace("\n", "")
            text_b = "".join(page.get_text() for page in b).replace("\n", "")
            created = [pdf.metadata["creationDate"][2:10] for pdf in (a, b)]
        dates_a, rest_a = _dates(text_a)
        dates_b, rest_b = _dates(text_b)
        assert dates_a, first
        assert _one_shift(list(zip(dates_a, dates_b, strict=True))) == {7}, first
        assert rest_a.replace(" ", "") == rest_b.replace(" ", ""), first
        a_day, b_day = (datetime.strptime(c, "%Y%m%d").date() for c in created)
        assert b_day - a_day == timedelta(days=7), first
    else:
        a_doc, b_doc = docx.Document(str(first)), docx.Document(str(later))
        moved = b_doc.core_properties.created - a_doc.core_properties.created
        assert moved == timedelta(days=7), first
        dates_a, rest_a = _dates("".join(p.text for p in a_doc.paragraphs))
        dates_b, rest_b = _dates("".join(p.text for p in b_doc.paragraphs))
        assert _one_shift(list(zip(dates_a, dates_b, strict=True))) <= {7}, first
        assert rest_a == rest_b, first


def _same_recording_a_week_later(first: Path, later: Path, entry: dict[str, Any]) -> None:
    stamps = []
    for root in (first, later):
        with av.open(str(root / entry["path"])) as container:
            stamps.append(datetime.fromisoformat(container.metadata["creation_time"]))
    assert stamps[1] - stamps[0] == timedelta(days=7), entry["path"]
    if "transcript" in entry:  # cue times count from the recording's start: unchanged
        texts = [
            (root / entry["transcript"]).read_text(encoding="utf-8") for root in (first, later)
        ]
        assert _dates(texts[0])[1] == _dates(texts[1])[1], entry["transcript"]


# --- what the engine finds on the new dates -------------------------------------------------------


def test_set_around_a_day_each_case_still_shows_what_it_was_built_to(
    on_monday: list[Path],
) -> None:
    pack = demo_pack()
    found = {}
    for bundle in on_monday:
        manifest, files = read_for_check(bundle, ImportLimits())
        report = check_case(manifest, pack, files)
        found[bundle.name.split("-", 2)[2]] = report
        exercise = bundle / "exercise.json"
        if exercise.is_file():
            items = json.loads(exercise.read_text(encoding="utf-8"))["expected_findings"]
            listed = {item["rule"] for item in items if item["rule"] is not None}
            assert listed == {f.rule for f in report.findings}, bundle.name
    assert [f.rule for f in found["食品"].findings] == ["SCOPE-01", "SCOPE-02"]
    assert [f.rule for f in found["城管查封"].findings] == ["SCOPE-01"]
    # Its findings count calendar days only: the same wherever the case falls.
    wires = [f.rule for f in found["不合格电线"].findings]
    assert wires == ["DELIV-01", "DELIV-02", "ENF-11", "SCOPE-01"]
    # Inside 2026 the pack is valid and its calendar known: no PACK-01, TIME-05 exact.
    barbecue = {f.rule: f.approximate for f in found["露天烧烤"].findings}
    assert barbecue == {"PARTY-01": False, "SCOPE-01": False, "SCOPE-05": False, "TIME-05": False}
    assert not any(report.approximate for report in found.values())


# --- what a newcomer sees ---------------------------------------------------------------------------


def _case_list(bundles: list[Path], anchor: date, tmp_path: Path) -> dict[str, CaseListRow]:
    """The case list at 09:30 on the anchor day of an office on the demo pack."""
    from workstation.app import open_workstation

    now = datetime.combine(anchor, time(9, 30), OFFICE_TZ).astimezone(UTC)
    ws = open_workstation(demo_office_folder(tmp_path), clock=FixedClock(now))
    try:
        for bundle in bundles:
            assert ws.import_bundle(bundle, actor="test").outcome == "imported"
        rows = ws.open_case_list("test", CaseQuery()).fetch(10)
    finally:
        ws.close()
    names = {_case(b)["number"]: b.name.split("-", 2)[2] for b in bundles}
    return {names[row.number]: row for row in rows}


@pytest.mark.parametrize(
    "anchor",
    [
        MONDAY,
        date(2026, 12, 11),  # a Friday
        date(2026, 12, 12),  # a Saturday: nothing can fall due on a rest day
        date(2026, 9, 30),  # the eve of the National Day holidays (1–8 October)
        date(2027, 3, 3),  # past the pack's calendar: deadlines estimated
    ],
    ids=str,
)
def test_a_newcomer_sees_cases_due_soon_one_today_one_overdue_and_open_exercises(
    anchor: date, on_monday: list[Path], tmp_path: Path
) -> None:
    bundles = on_monday if anchor == MONDAY else generate_demo_bundles(tmp_path / "b", anchor)
    rows = _case_list(bundles, anchor, tmp_path)
    assert set(rows) == {"食品", "城管查封", "生态环境", "露天烧烤", "不合格电线"}
    assert all(row.review_state == "submitted" for row in rows.values())
    assert all(row.submitted_at.astimezone(OFFICE_TZ).date() < anchor for row in rows.values())
    left = {name: row.days_left for name, row in rows.items()}
    assert all(days is not None for days in left.values())
    overdue = [name for name, row in rows.items() if row.due_status == "overdue"]
    assert overdue == ["城管查封"], left
    assert -4 <= (left["城管查封"] or 0) <= -1, left
    assert 1 <= (left["食品"] or 0) <= 9, left  # the walk-through case: due in a few days
    exercises = {name for name, row in rows.items() if row.exercise}
    assert exercises == {"生态环境", "露天烧烤", "不合格电线"}
    assert all((left[name] or 0) >= 0 for name in exercises), left
    due_today = [name for name, days in left.items() if days == 0]
    if DayCounter(demo_pack()).is_rest_day(anchor):
        assert due_today == [], left
        assert min(d for d in left.values() if d is not None and d >= 0) <= 2, left
    else:
        assert len(due_today) == 1, left
