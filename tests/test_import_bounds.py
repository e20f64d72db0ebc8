"""Values the schema lets through but the case model cannot hold are refused at import, in
Chinese, naming the field: control characters in text (python-docx refuses them, so every
later draft would fail), numbers and dates whose arithmetic overflows (review, check and
the timeline would crash), and text that displays otherwise than it is (bidirectional
controls, zero-width characters) in paths. Nothing is stored when a bundle is refused."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import FixedClock, minimal_case, row_counts, staging_leftovers, store_files
from review_desk import CLERK, REVIEWER, Office

from workstation.casefile import manifest_values as values
from workstation.casefile.model import CaseManifest
from workstation.casefile.stored_case import manifest_from_version
from workstation.errors import BundleError, HostileBundleError, ManifestError
from workstation.rules import wording
from workstation.rules.wording import chinese_number
from workstation.store import models

RECORDING = {
    "id": "r1",
    "path": "media/a.wav",
    "device": "执法记录仪 A01",
    "started_at": "2026-03-01T10:00:00+08:00",
    "archived_at": "2026-03-01T11:00:00+08:00",
    "duration_s": 1.0,
    "clock_offset_ms": 0,
    "transcript": "media/a.srt",
}
DOCUMENT = {"id": "d1", "path": "docs/笔录.pdf", "kind": "inspection_record", "title": "笔录"}
NOTICE = {
    "id": "e2",
    "type": "notice_of_intent",
    "at": "2026-03-05T10:00:00+08:00",
    "rights": ["statement", "defence", "hearing"],
    "proposed_measures": [{"type": "fine", "amount": 80000}],
}


def base_case() -> dict[str, Any]:
    """The minimal case with a document, a recording and a notice, so every kind of field
    the bundle format has is there to spoil."""
    document = copy.deepcopy(minimal_case(documents=[DOCUMENT], recordings=[RECORDING]))
    document["case"]["events"].append(copy.deepcopy(NOTICE))
    document["case"]["proposed_decision"]["legal_basis"] = [
        {"law": "中华人民共和国食品安全法", "article": 124, "paragraph": 1, "item": 5}
    ]
    return document


def edited(where: str, value: Any, document: dict[str, Any] | None = None) -> dict[str, Any]:
    """`document` (the base case) with the value at `case.parties[0].name` replaced."""
    document = document or base_case()
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", where)]
    node: Any = document
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    return document


def as_json(document: dict[str, Any]) -> bytes:
    # ASCII escapes: a lone surrogate can be written in JSON, not in UTF-8.
    return json.dumps(document).encode("ascii")


def assert_nothing_stored(ws: Any) -> None:
    counts = row_counts(ws)
    assert counts["cases"] == counts["case_versions"] == 0
    assert counts["evidence_files"] == counts["bundle_files"] == 0
    assert store_files(ws.paths.data_dir) == set()
    assert staging_leftovers(ws.paths.data_dir) == []


def refused(ws: Any, bundle: Path, error: type[BundleError] = ManifestError) -> BundleError:
    with pytest.raises(error) as caught:
        ws.import_bundle(bundle, actor="tester")
    assert bundle.name in caught.value.message  # which bundle
    assert "Error" not in caught.value.message  # no Python exception leaks through
    assert_nothing_stored(ws)
    return caught.value


def stored(ws: Any, reference: str) -> CaseManifest:
    """The case as the store now holds it."""
    with ws.db.session() as session:
        return manifest_from_version(session.get_one(models.CaseVersion, ws.resolve(reference).id))


# --- M2: control characters ------------------------------------------------------------------

CONTROL_CHARACTERS = {
    "NUL in the title": (
        "case.title",
        "销售\x00过期食品案",
        "含控制字符 U+0000（空字符，第 3 个字符），无法保存和写入意见书",
    ),
    "vertical tab in the title": (
        "case.title",
        "销售\x0b过期食品案",
        "含控制字符 U+000B（垂直制表符，第 3 个字符）",
    ),
    "newline in the title": (
        "case.title",
        "销售过期\n食品案",
        "含换行符 U+000A（第 5 个字符），此字段只能是一行文字",
    ),
    "tab in the case number": (
        "case.number",
        "薛市监罚〔2026〕\t12号",
        "含制表符 U+0009（第 11 个字符），此字段只能是一行文字",
    ),
    "unit separator in a party's name": ("case.parties[0].name", "某某\x1f超市", "U+001F"),
    "DEL in an address": ("case.parties[0].address", "薛城区\x7f", "U+007F（删除符"),
    "C1 control in an officer's name": ("case.officers[1].name", "李\x85华", "U+0085"),
    "noncharacter in the agency": ("case.agency.name", "市场监管局\ufffe", "含无效字符 U+FFFE"),
    "lone surrogate in the title": ("case.title", "案\ud800", "含无效字符 U+D800（第 2 个字符）"),
    "NUL in the facts (prose keeps only line breaks)": (
        "case.proposed_decision.facts",
        "经查，\n当事人\x00销售",
        "U+0000（空字符，第 8 个字符）",
    ),
    "terminal escape in a measure's note": (
        "case.proposed_decision.measures[0].note",
        "\x1b[31m罚款",
        "U+001B",
    ),
    "backspace in an event's note": ("case.events[0].note", "现场\x08检查", "U+0008"),
    "NUL in an event's officer list": ("case.events[0].officers[0]", "37040001\x00", "U+0000"),
    "vertical tab in a document title": ("case.documents[0].title", "笔录\x0b", "U+000B"),
    "NUL in a recorder's name": ("case.recordings[0].device", "A01\x00", "U+0000"),
    "NUL in a law's name": (
        "case.proposed_decision.legal_basis[0].law",
        "食品\x00安全法",
        "U+0000",
    ),
}


@pytest.mark.parametrize(
    ("where", "value", "said"), CONTROL_CHARACTERS.values(), ids=CONTROL_CHARACTERS.keys()
)
def test_text_with_a_control_character_is_refused_naming_the_field(
    ws: Any, make_bundle: Any, where: str, value: str, said: str
) -> None:
    bundle = make_bundle(raw_manifest=as_json(edited(where, value)), name="控制字符")
    error = refused(ws, bundle)
    [problem] = error.details
    assert problem.startswith(f"{where}：含"), problem
    assert said in problem, problem
    assert error.message.endswith(problem)


# --- M3: numbers and dates the arithmetic cannot hold -----------------------------------------

RECORDED = "0 至 259200 秒（3 天）"
OFFSET = "-604800000 至 604800000 毫秒（±7 天）"
YUAN = "0 至 1 万亿（10¹²）元"
OUT_OF_RANGE = {
    "a recording of 1e15 s": ("case.recordings[0].duration_s", 1e15, RECORDED),
    "a recording just over three days": ("case.recordings[0].duration_s", 259_200.5, RECORDED),
    "a clock offset of 1e15 ms": ("case.recordings[0].clock_offset_ms", 10**15, OFFSET),
    "a clock offset just over a week back": (
        "case.recordings[0].clock_offset_ms",
        -604_800_001,
        OFFSET,
    ),
    "a fine over a trillion yuan": ("case.proposed_decision.measures[0].amount", 1e13, YUAN),
    "a value beyond int64": ("case.proposed_decision.measures[0].value", 10**20, YUAN),
    "a base amount of 1e300": ("case.proposed_decision.measures[0].base_amount", 1e300, YUAN),
    "a notice announcing 1e15 yuan": ("case.events[1].proposed_measures[0].amount", 1e15, YUAN),
    "a seized area of 1e11 m²": (
        "case.proposed_decision.measures[0].area_m2",
        1e11,
        "0 至 100 亿平方米",
    ),
    "a seizure of a million days": (
        "case.proposed_decision.measures[0].days",
        10**6,
        "0 至 36500 日（100 年）",
    ),
    "a billion pages": ("case.documents[0].pages", 10**9, "0 至 100000 页"),
    "article 10000": ("case.proposed_decision.legal_basis[0].article", 10_000, "1 至 9999"),
    "paragraph 1000": ("case.proposed_decision.legal_basis[0].paragraph", 1_000, "1 至 999"),
    "item 2**62": ("case.proposed_decision.legal_basis[0].item", 2**62, "1 至 999"),
}


@pytest.mark.parametrize(
    ("where", "value", "allowed"), OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys()
)
def test_a_number_out_of_its_range_is_refused_naming_the_range(
    ws: Any, make_bundle: Any, where: str, value: float, allowed: str
) -> None:
    bundle = make_bundle(raw_manifest=as_json(edited(where, value)), name="数值越界")
    error = refused(ws, bundle)
    assert error.details == [f"{where}：数值超出范围，允许 {allowed}"]


BEYOND_THE_CALENDAR = {
    "an event in 9999 west of UTC": ("case.events[0].at", "9999-12-31T23:00:00-12:00"),
    "an event in year 1 east of UTC": ("case.events[0].at", "0001-01-01T00:00:00+12:00"),
    "filed in 9999": ("case.filed_on", "9999-12-31"),
    "submitted in 2200": ("case.submitted_at", "2200-01-01T00:00:00+08:00"),
    "a recording started in 1899": ("case.recordings[0].started_at", "1899-12-31T23:00:00+08:00"),
    "a seizure until 3000": ("case.events[1].until", "3000-01-01"),
    "a certificate that expired in 1899": (
        "case.officers[0].certificate_valid_until",
        "1899-12-31",
    ),
}


@pytest.mark.parametrize(
    ("where", "value"), BEYOND_THE_CALENDAR.values(), ids=BEYOND_THE_CALENDAR.keys()
)
def test_a_date_beyond_the_case_calendar_is_refused(
    ws: Any, make_bundle: Any, where: str, value: str
) -> None:
    bundle = make_bundle(raw_manifest=as_json(edited(where, value)), name="日期越界")
    error = refused(ws, bundle)
    latest = "9999-12-31" if where.endswith("certificate_valid_until") else "2199-12-31"
    assert error.details == [f"{where}：日期超出范围，应在 1900-01-01 至 {latest} 之间：{value}"]


def test_more_parties_than_the_opinion_can_number_are_refused(ws: Any, make_bundle: Any) -> None:
    party = base_case()["case"]["parties"][0]
    bundle = make_bundle(raw_manifest=as_json(edited("case.parties", [party] * 1000)))
    assert refused(ws, bundle).details == ["case.parties：当事人 1000 个，超过上限 999 个"]


def test_a_timeline_longer_than_any_case_is_refused_before_anything_is_stored(
    ws: Any, make_bundle: Any
) -> None:
    # L5: 100,000 events took 29 s to import and 6.6 s per review; the bound refuses at once.
    most = values.MAX_ITEMS["events"]
    moment = "2026-03-01T10:00:00+08:00"
    events = [{"id": f"e{i}", "type": "inspection", "at": moment} for i in range(most + 1)]
    bundle = make_bundle(raw_manifest=as_json(edited("case.events", events)))
    before = row_counts(ws)
    assert refused(ws, bundle).details == [f"case.events：共 {most + 1} 项，超过上限 {most} 项"]
    after = row_counts(ws)
    assert (after["cases"], after["evidence_files"]) == (before["cases"], before["evidence_files"])


# --- L3: paths that display otherwise than they are -------------------------------------------

HIDDEN_IN_PATHS = {
    "right-to-left override in a document path": (
        "case.documents[0].path",
        "docs/\u202efdp.exe",
        "含双向文本控制字符 U+202E（从右至左覆盖，第 6 个字符），显示的路径与实际不同",
    ),
    "zero-width space in a recording path": (
        "case.recordings[0].path",
        "media/a\u200b.wav",
        "含不可见字符 U+200B（零宽空格，第 8 个字符），显示的路径与实际不同",
    ),
    "isolate in a transcript path": (
        "case.recordings[0].transcript",
        "media/\u2066a.srt\u2069",
        "含双向文本控制字符 U+2066（从左至右隔离，第 7 个字符），显示的路径与实际不同",
    ),
    "byte order mark in a document path": (
        "case.documents[0].path",
        "\ufeffdocs/笔录.pdf",
        "含不可见字符 U+FEFF（零宽不换行空格，第 1 个字符），显示的路径与实际不同",
    ),
}


@pytest.mark.parametrize(
    ("where", "value", "said"), HIDDEN_IN_PATHS.values(), ids=HIDDEN_IN_PATHS.keys()
)
def test_a_path_in_case_json_that_displays_otherwise_is_refused(
    ws: Any, make_bundle: Any, where: str, value: str, said: str
) -> None:
    bundle = make_bundle(raw_manifest=as_json(edited(where, value)), name="路径")
    assert refused(ws, bundle).details == [f"{where}：{said}，请删除"]


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("docs/\u202efdp.exe", "含双向文本控制字符 U+202E（从右至左覆盖，第 6 个字符）"),
        ("docs/报告\u200b.pdf", "含不可见字符 U+200B（零宽空格，第 8 个字符）"),
        ("docs/\u200f笔录.pdf", "含双向文本控制字符 U+200F（从右至左标记，第 6 个字符）"),
        ("docs/a\x85.pdf", "含控制字符 U+0085（第 7 个字符）"),
    ],
)
def test_a_bundle_entry_that_displays_otherwise_is_refused(
    ws: Any, tmp_path: Path, make_bundle: Any, entry: str, said: str
) -> None:
    case_json = as_json(minimal_case())
    archive = tmp_path / "条目.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("case.json", case_json)
        bundle.writestr(entry, b"%PDF-1.4\n")
    message = refused(ws, archive, HostileBundleError).message
    assert f"中的条目名{said}" in message
    assert repr(entry) in message  # the hidden character shown as its escape
    folder = make_bundle(raw_manifest=case_json, files={entry: b"%PDF-1.4\n"})  # same name on disk
    assert f"中的条目名{said}" in refused(ws, folder, HostileBundleError).message


# --- what is cleaned, and what imports as written ---------------------------------------------


def test_invisible_characters_are_removed_from_names_and_text(ws: Any, make_bundle: Any) -> None:
    """Zero-width characters and bidirectional controls mean nothing in Chinese case text:
    stored without them, a name reads and compares as what it is."""
    document = base_case()
    case = document["case"]
    case["title"] = "销售\ufeff过期食品案"
    case["parties"][0]["name"] = "枣庄市某某\u200b超市有限公司"
    case["officers"][0] = {
        "name": "\u202e张明\u202c",
        "certificate_no": "37040001\u200b",
        "certificate_valid_until": "2027-12-31",
    }
    case["events"][0]["officers"] = ["\u206637040001\u2069", "37040002"]
    case["proposed_decision"]["facts"] = "经查\u200d，当事人\u200e销售"
    result = ws.import_bundle(make_bundle(raw_manifest=as_json(document)), actor="tester")
    assert result.outcome == "imported"
    case_now = stored(ws, result.short_id)
    assert case_now.title == "销售过期食品案"
    assert case_now.parties[0].name == "枣庄市某某超市有限公司"
    assert (case_now.officers[0].name, case_now.officers[0].certificate_no) == ("张明", "37040001")
    assert case_now.events[0].officers == ("37040001", "37040002")
    assert case_now.proposed_decision["facts"] == "经查，当事人销售"


def test_ordinary_chinese_and_multi_line_prose_import_as_written(ws: Any, make_bundle: Any) -> None:
    document = base_case()
    case = document["case"]
    case["title"] = "销售超过保质期的预包装食品（乳制品、饮料）案"
    description = (
        "2026年3月1日，当事人在店内销售过期食品。\n经查：\r\n\t1. 乳制品6种；\n\t2. 饮料2种。"
    )
    case["violation"] = {"began_on": "2026-02-01", "description": description}
    case["proposed_decision"]["facts"] = "第一段。\n\n第二段。"
    case["events"][0]["note"] = "现场检查\n当事人在场"
    result = ws.import_bundle(make_bundle(document), actor="tester")
    assert result.outcome == "imported"
    case_now = stored(ws, result.short_id)
    assert case_now.title == "销售超过保质期的预包装食品（乳制品、饮料）案"
    assert case_now.violation.description == description
    assert case_now.proposed_decision["facts"] == "第一段。\n\n第二段。"
    assert case_now.events[0].note == "现场检查\n当事人在场"


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    yield office
    office.close()


def drafted(office: Office, ref: str, out: Path) -> list[str]:
    """The reviewer takes the case, chooses an outcome and drafts: the draft's paragraphs."""
    office.act(ref, "accept", REVIEWER)
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    data = office.ws.opinions.draft(ref, REVIEWER.login, out).read_bytes()
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_word_line_and_page_breaks_in_prose_become_line_breaks_and_the_opinion_drafts(
    office: Office, tmp_path: Path
) -> None:
    """Text copied out of Word carries its manual line break as VT and its page break as
    FF, which XML refuses: in prose they are line breaks, stored as such, and the opinion
    prints them as it prints any line break (a new paragraph)."""
    measures = [{"type": "fine", "amount": 80000, "note": "分两期缴纳\x0b首期五万元\x0c余款三万元"}]
    ref = office.bring(tmp_path / "bundle", proposed_decision={"measures": measures})
    assert stored(office.ws, ref).proposed_decision["measures"][0]["note"] == (
        "分两期缴纳\n首期五万元\n余款三万元"
    )
    texts = drafted(office, ref, tmp_path / "意见书.docx")
    start = texts.index("拟作出的决定：罚款80000元（分两期缴纳")
    assert texts[start + 1 : start + 3] == ["首期五万元", "余款三万元）"]


@pytest.mark.parametrize("end", ["earliest", "latest"])
def test_a_case_at_the_edges_of_every_range_is_checked_placed_and_drafted(
    office: Office, make_bundle: Any, corpus_dir: Path, tmp_path: Path, end: str
) -> None:
    """The bounds are safe, not only strict: every number at its limit, every date at an
    end of the calendar and as many parties as allowed still check, sit on the timeline
    and draft. The limits are read from the rules, so a limit raised too far fails here."""
    late = end == "latest"
    day = (values.LATEST_DAY if late else values.EARLIEST_DAY).isoformat()
    moment = f"{day}T23:59:59-12:00" if late else f"{day}T00:00:00+14:00"
    most = {field: bounds.high for field, bounds in values.RANGES.items()}
    document = minimal_case(filed_on=day, submitted_at=moment)
    case = document["case"]
    case["parties"] = [
        {**case["parties"][0], "name": f"当事人{i}"} for i in range(values.MAX_PARTIES)
    ]
    case["violation"] = {"began_on": day, "ended_on": day, "discovered_on": day}
    case["officers"][0]["certificate_valid_until"] = "9999-12-31" if late else day
    case["events"] = [
        {"id": "e1", "type": "inspection", "at": moment, "officers": ["37040001", "37040002"]},
        {"id": "e2", "type": "seizure", "at": moment, "until": day, "approved_at": moment},
        {"id": "e3", "type": "hearing_notice", "at": moment, "hearing_at": moment},
    ]
    recording = {key: value for key, value in RECORDING.items() if key != "transcript"}
    offset = values.RANGES["clock_offset_ms"]
    case["recordings"] = [
        {
            **recording,
            "started_at": moment,
            "archived_at": moment,
            "duration_s": most["duration_s"],
            "clock_offset_ms": offset.high if late else offset.low,
        }
    ]
    case["documents"] = [{**DOCUMENT, "pages": most["pages"]}]
    provision: dict[str, Any] = {"law": "中华人民共和国行政处罚法"} | {
        key: most[key] for key in ("article", "paragraph", "item")
    }
    case["proposed_decision"] = {
        "measures": [
            {"type": "fine", "amount": most["amount"], "base_amount": most["base_amount"]},
            {"type": "seizure", **{key: most[key] for key in ("value", "area_m2", "days")}},
        ],
        "legal_basis": [provision],
        "decided_on": day,
    }
    wav = corpus_dir / "audio_androidx_sample_pcm16.wav"
    bundle = make_bundle(document, files={"media/a.wav": wav})
    result = office.ws.import_bundle(bundle, actor=CLERK.login)
    assert result.outcome == "imported"
    ref = result.short_id
    assert office.ws.check(ref).findings
    [span] = office.ws.recordings.timeline(ref, REVIEWER.login).recordings
    assert span.duration_ms == most["duration_s"] * 1000
    assert office.ws.review.checklist(ref, REVIEWER.login).sections
    texts = "\n".join(drafted(office, ref, tmp_path / "意见书.docx"))
    article = [int(most[key]) for key in ("article", "paragraph", "item")]
    assert wording.article(provision["law"], *article) in texts
    assert f"当事人{chinese_number(values.MAX_PARTIES)}：" in texts
