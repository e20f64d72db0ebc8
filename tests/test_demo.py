"""The demo case bundles: valid, intact, readable, repeatable, importable without errors, and
finding under the demo rule pack exactly what each case was built to show."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import docx
import pymupdf
import pytest
from jsonschema import Draft202012Validator

from workstation.casefile.examine import read_for_check
from workstation.demo import generate_demo_bundles
from workstation.rules.engine import CheckReport, check_case
from workstation.rules.identity import (
    birth_date,
    is_valid_resident_id,
    is_valid_uscc,
    make_resident_id,
    make_uscc,
    org_code_check,
    resident_id_check,
    uscc_check,
)
from workstation.rules.rulepack import RulePackLibrary
from workstation.settings import ImportLimits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = PROJECT_ROOT / "resources" / "schema" / "case-bundle.schema.json"
CJK = re.compile(r"[\u4e00-\u9fff]")
SUBSET = re.compile(r"^[A-Z]{6}\+")
SRT_TIME = re.compile(r"(\d+):(\d\d):(\d\d),(\d{3}) --> (\d+):(\d\d):(\d\d),(\d{3})")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def bundles(out_dir: Path) -> list[Path]:
    return generate_demo_bundles(out_dir)


def _case(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "case.json").read_text(encoding="utf-8"))["case"]


def _by_name(bundles: list[Path]) -> dict[str, dict[str, Any]]:
    """The cases by the name their folder ends with: 食品, 城管查封, 生态环境, 露天烧烤, 不合格电线."""
    return {bundle.name.split("-", 2)[2]: _case(bundle) for bundle in bundles}


def _bundle(bundles: list[Path], name: str) -> Path:
    return next(b for b in bundles if b.name.endswith(f"-{name}"))


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _srt_cues(text: str) -> list[tuple[float, float]]:
    cues = []
    for match in SRT_TIME.finditer(text):
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, match.groups())
        cues.append((h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000))
    return cues


# --- the bundles --------------------------------------------------------------------------


def test_five_bundle_folders_under_the_output_folder(out_dir: Path, bundles: list[Path]) -> None:
    assert len(bundles) == 5
    assert all(b.parent == out_dir and (b / "case.json").is_file() for b in bundles)
    assert [b.name for b in bundles] == sorted(b.name for b in bundles)
    cases = _by_name(bundles)
    assert list(cases) == ["食品", "城管查封", "生态环境", "露天烧烤", "不合格电线"]
    assert [c["domain"] for c in cases.values()] == [
        "food",
        "urban",
        "environment",
        "urban",
        "market",
    ]
    assert cases["城管查封"]["action_type"] == "coercion"
    penalties = ("食品", "生态环境", "露天烧烤", "不合格电线")
    assert {cases[n]["action_type"] for n in penalties} == {"penalty"}
    assert not any(p.name.endswith(".partial") for p in out_dir.iterdir())


def test_every_manifest_is_valid_against_the_schema(bundles: list[Path]) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    for bundle in bundles:
        manifest = json.loads((bundle / "case.json").read_text(encoding="utf-8"))
        errors = [error.message for error in validator.iter_errors(manifest)]
        assert errors == [], bundle.name
        assert manifest["format"] == "legal-review-case/1"


def test_every_file_is_referenced_present_and_hashed(bundles: list[Path]) -> None:
    for bundle in bundles:
        case = _case(bundle)
        entries = case["documents"] + case["recordings"]
        assert all("sha256" in entry for entry in entries)
        for entry in entries:
            data = (bundle / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        referenced = {e["path"] for e in entries} | {
            r["transcript"] for r in case["recordings"] if "transcript" in r
        }
        listed = set(_tree(bundle)) - {"case.json", "exercise.json"}
        assert listed == referenced, bundle.name


def test_pdfs_open_with_the_declared_pages_and_chinese_text(bundles: list[Path]) -> None:
    pdfs = [(b, d) for b in bundles for d in _case(b)["documents"] if d["path"].endswith(".pdf")]
    assert len(pdfs) >= 30
    for bundle, entry in pdfs:
        with pymupdf.open(bundle / entry["path"]) as pdf:
            assert pdf.page_count == entry["pages"] >= 1, entry["path"]
            text = "".join(page.get_text() for page in pdf)
            assert len(CJK.findall(text)) > 20, entry["path"]
            assert entry["title"].split("（")[0] in text.replace("\n", ""), entry["path"]
            assert pdf.metadata["creationDate"][:6] in {"D:2026", "D:2027"}
            # The CJK font is embedded as a subset: self-contained, yet small.
            assert all(SUBSET.match(font[3]) for font in pdf.get_page_fonts(0))
        assert (bundle / entry["path"]).stat().st_size < 120_000, entry["path"]


def test_docx_open_with_chinese_text_and_fixed_dates(bundles: list[Path]) -> None:
    documents = [(b, d) for b in bundles for d in _case(b)["documents"]]
    docx_entries = [(b, d) for b, d in documents if d["path"].endswith(".docx")]
    assert len(docx_entries) >= 3
    for bundle, entry in docx_entries:
        document = docx.Document(str(bundle / entry["path"]))
        text = "".join(p.text for p in document.paragraphs)
        assert len(CJK.findall(text)) > 50, entry["path"]
        assert document.core_properties.created.year == 2026
        fonts = document.styles["Normal"].element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_recordings_decode_and_last_as_declared(bundles: list[Path]) -> None:
    kinds = set()
    for bundle in bundles:
        for entry in _case(bundle)["recordings"]:
            with av.open(str(bundle / entry["path"])) as container:
                assert abs(container.duration / 1_000_000 - entry["duration_s"]) < 0.5
                assert 10 <= entry["duration_s"] <= 20
                streams = {s.type for s in container.streams}
                for stream_type in sorted(streams):
                    container.seek(0)
                    frames = 0
                    for _frame in container.decode(**{stream_type: 0}):
                        frames += 1
                        if frames == 3:
                            break
                    assert frames == 3, (entry["path"], stream_type)
                if "video" in streams:
                    video = container.streams.video[0]
                    assert (video.codec_context.width, video.codec_context.height) == (320, 180)
            kinds.add(frozenset(streams))
    assert kinds == {frozenset({"video", "audio"}), frozenset({"audio"})}


def test_transcripts_are_utf8_chinese_with_cues_inside_the_recording(bundles: list[Path]) -> None:
    for bundle in bundles:
        for entry in _case(bundle)["recordings"]:
            text = (bundle / entry["transcript"]).read_bytes().decode("utf-8")
            cues = _srt_cues(text)
            assert cues, entry["transcript"]
            assert CJK.search(text), entry["transcript"]
            for start, end in cues:
                assert 0 <= start < end <= entry["duration_s"], (entry["transcript"], start, end)


def test_food_case_body_cameras_overlap_on_the_corrected_timeline(bundles: list[Path]) -> None:
    case = _by_name(bundles)["食品"]
    spans = {}
    for entry in case["recordings"]:
        start = datetime.fromisoformat(entry["started_at"])
        start += timedelta(milliseconds=entry.get("clock_offset_ms", 0))
        spans[entry["device"]] = (start, start + timedelta(seconds=entry["duration_s"]))
    a01, a02 = spans["执法记录仪 A01"], spans["执法记录仪 A02"]
    assert max(a01[0], a02[0]) < min(a01[1], a02[1])
    assert any(entry.get("clock_offset_ms") for entry in case["recordings"])
    # Every on-site step happens while some recording runs.
    for event in case["events"]:
        if event["type"] in ("inspection", "sampling", "hearing"):
            at = datetime.fromisoformat(event["at"])
            assert any(s <= at <= e for s, e in spans.values()), event["id"]


def test_food_case_is_a_clean_major_penalty_after_a_hearing(bundles: list[Path]) -> None:
    case = _by_name(bundles)["食品"]
    officers = {o["certificate_no"]: o["name"] for o in case["officers"]}
    events = {e["type"]: e for e in case["events"]}
    for kind in ("inspection", "sampling", "interview"):
        assert len(events[kind]["officers"]) >= 2
    assert events["notice_of_intent"]["rights"] == ["statement", "defence", "hearing"]
    investigators = {
        officers[c]
        for e in case["events"]
        if e["type"] in ("inspection", "sampling", "interview")
        for c in e["officers"]
    }
    assert events["hearing"]["host"] not in investigators
    fine = next(m for m in case["proposed_decision"]["measures"] if m["type"] == "fine")
    assert fine["amount"] == 80000
    assert {"review_request", "investigation_report", "proposed_decision", "notice_of_intent"} <= {
        d["kind"] for d in case["documents"]
    }


def test_events_run_in_order_and_before_submission(bundles: list[Path]) -> None:
    for bundle in bundles:
        case = _case(bundle)
        times = [datetime.fromisoformat(e["at"]) for e in case["events"]]
        assert times == sorted(times), bundle.name
        assert times[-1] < datetime.fromisoformat(case["submitted_at"])
        # Case 4 is submitted in 2027 on purpose: past the pack's validity and calendar.
        assert case["submitted_at"][:5] in {"2026-", "2027-"}
        ids = {d["id"] for d in case["documents"]} | {r["id"] for r in case["recordings"]}
        certificates = {o["certificate_no"] for o in case["officers"]}
        for event in case["events"]:
            assert set(event.get("documents", [])) | set(event.get("recordings", [])) <= ids
            assert set(event.get("officers", [])) <= certificates


def test_urban_case_seizure_was_approved_and_extended_within_limits(bundles: list[Path]) -> None:
    case = _by_name(bundles)["城管查封"]
    seizure = next(e for e in case["events"] if e["type"] == "seizure")
    extension = next(e for e in case["events"] if e["type"] == "seizure_extension")
    assert datetime.fromisoformat(seizure["approved_at"]) < datetime.fromisoformat(seizure["at"])
    seized_on = datetime.fromisoformat(seizure["at"]).date()
    assert date.fromisoformat(seizure["until"]) - seized_on <= timedelta(days=30)
    assert date.fromisoformat(extension["until"]) - seized_on <= timedelta(days=60)
    assert len(seizure["officers"]) >= 2
    audio_only = [r for r in case["recordings"] if r["path"].endswith((".m4a", ".mp3"))]
    assert audio_only
    assert audio_only[0]["transcript"].endswith(".srt")


def test_environment_case_carries_its_intended_defects(bundles: list[Path]) -> None:
    bundle = _bundle(bundles, "生态环境")
    case = _case(bundle)
    events = case["events"]
    inspection = next(e for e in events if e["type"] == "inspection")
    assert len(inspection["officers"]) == 1
    notice = next(e for e in events if e["type"] == "notice_of_intent")
    assert "hearing" not in notice["rights"]
    assert max(m.get("amount", 0) for m in case["proposed_decision"]["measures"]) >= 100_000
    statement = max(i for i, e in enumerate(events) if e["type"] == "statement")
    assert not any(e["type"] == "recheck" for e in events[statement:])
    exercise = json.loads((bundle / "exercise.json").read_text(encoding="utf-8"))
    assert exercise["format"] == "legal-review-exercise/1"
    rules = {f["rule"] for f in exercise["expected_findings"]}
    assert {"OFF-01", "PROC-02", "PROC-05"} <= rules


def test_wires_case_serves_a_company_the_wrong_way_beside_the_right_way(
    bundles: list[Path],
) -> None:
    bundle = _bundle(bundles, "不合格电线")
    case = _case(bundle)
    events = case["events"]
    (party,) = case["parties"]
    assert party["kind"] == "organisation"
    assert is_valid_uscc(party["id_number"])
    at = {e["id"]: datetime.fromisoformat(e["at"]) for e in events}
    failed = [e for e in events if e["type"] == "delivery" and e.get("result") == "failed"]
    assert [(e["method"], e.get("recipient")) for e in failed] == [("post", None)]
    # The seizure decision published with no attempt before it; the notice of intent
    # published only after the post of the same paper came back.
    first, second = _deliveries(case, "public")
    assert not any(at[e["id"]] < at[first["id"]] for e in failed)
    (attempt,) = failed
    assert at[attempt["id"]] < at[second["id"]]
    assert set(attempt["documents"]) & set(second["documents"])
    kinds = {d["id"]: d["kind"] for d in case["documents"]}
    assert [kinds[d] for d in first["documents"]] == ["coercion_decision"]
    assert [kinds[d] for d in second["documents"]] == ["notice_of_intent"]
    # Signed for the company by a relative, and elsewhere by its legal representative.
    roles = [e["recipient"]["role"] for e in events if "recipient" in e]
    assert roles == ["legal_representative", "relative"]
    # Seized with no term, never extended or released, reviewed long after 30 days.
    seizure = _event(case, "seizure")
    assert "until" not in seizure
    assert not {"seizure_extension", "seizure_release"} & {e["type"] for e in events}
    submitted = datetime.fromisoformat(case["submitted_at"])
    assert (submitted.date() - at[seizure["id"]].date()).days > 30 + 30
    # Every posting of a notice is on camera (a public notice must be recorded).
    spans = [
        (
            datetime.fromisoformat(r["started_at"]),
            datetime.fromisoformat(r["started_at"]) + timedelta(seconds=r["duration_s"]),
        )
        for r in case["recordings"]
    ]
    for posted in (first, second, seizure):
        assert any(s <= at[posted["id"]] <= e for s, e in spans), posted["id"]
    exercise = json.loads((bundle / "exercise.json").read_text(encoding="utf-8"))
    rules = {f["rule"] for f in exercise["expected_findings"]}
    assert {"DELIV-01", "DELIV-02", "ENF-11"} <= rules


def test_barbecue_case_minor_simple_procedure_and_a_slow_body_camera(bundles: list[Path]) -> None:
    case = _by_name(bundles)["露天烧烤"]
    assert (case["procedure"], case["domain"], case["action_type"]) == (
        "simple",
        "urban",
        "penalty",
    )
    assert case["agency"] == _by_name(bundles)["城管查封"]["agency"]
    (party,) = case["parties"]
    assert party["kind"] == "person"
    assert is_valid_resident_id(party["id_number"])
    born, acted = birth_date(party["id_number"]), date.fromisoformat(case["violation"]["began_on"])
    assert acted.year - born.year - ((acted.month, acted.day) < (born.month, born.day)) == 17
    assert "reduced_penalty" not in case.get("flags", [])
    measures = {m["type"]: m for m in case["proposed_decision"]["measures"]}
    assert measures["fine"]["amount"] == 5000
    assert measures["confiscate_property"]["value"] > 0
    notice = next(e for e in case["events"] if e["type"] == "notice_of_intent")
    assert notice["rights"] == ["statement", "defence"]
    assert case["submitted_at"] == "2027-01-04T09:00:00+08:00"
    # The inspection lies inside the camera's span only once its slow clock is corrected.
    (camera,) = case["recordings"]
    inspection = next(e for e in case["events"] if e["type"] == "inspection")
    at = datetime.fromisoformat(inspection["at"])
    device_start = datetime.fromisoformat(camera["started_at"])
    corrected = device_start + timedelta(milliseconds=camera["clock_offset_ms"])
    length = timedelta(seconds=camera["duration_s"])
    assert camera["clock_offset_ms"] > 0
    assert camera["id"] in inspection["recordings"]
    assert not device_start <= at <= device_start + length
    assert corrected <= at <= corrected + length


def test_party_and_agency_numbers_have_valid_check_characters(bundles: list[Path]) -> None:
    kinds = set()
    for bundle in bundles:
        case = _case(bundle)
        assert is_valid_uscc(case["agency"]["code"])
        for party in case["parties"]:
            kinds.add(party["kind"])
            valid = is_valid_resident_id if party["kind"] == "person" else is_valid_uscc
            assert valid(party["id_number"]), party
    assert kinds == {"person", "organisation"}


def test_generating_again_gives_byte_identical_files(out_dir: Path, bundles: list[Path]) -> None:
    before = {b.name: _tree(b) for b in bundles}
    again = generate_demo_bundles(out_dir)  # over the existing bundles
    assert again == bundles
    assert {b.name: _tree(b) for b in again} == before


def test_an_unrelated_folder_is_never_overwritten(tmp_path: Path) -> None:
    from workstation.demo.cases import all_cases
    from workstation.errors import StorageError

    keep = tmp_path / all_cases()[0].folder / "notes.txt"
    keep.parent.mkdir()
    keep.write_text("mine", encoding="utf-8")
    with pytest.raises(StorageError):
        generate_demo_bundles(tmp_path)
    assert keep.read_text(encoding="utf-8") == "mine"


def test_bundles_import_without_errors_and_reimport_unchanged(
    bundles: list[Path], tmp_path: Path
) -> None:
    from workstation.app import open_workstation

    ws = open_workstation(tmp_path / "data")
    try:
        for bundle in bundles:
            first = ws.import_bundle(bundle, actor="test")
            assert first.outcome == "imported"
            assert [f for f in first.findings if f.severity == "error"] == [], bundle.name
            assert ws.import_bundle(bundle, actor="test").outcome == "unchanged"
    finally:
        ws.close()


# --- what the review engine finds under the demo rule pack ---------------------------------


@pytest.fixture(scope="module")
def reports(bundles: list[Path]) -> dict[str, tuple[dict[str, Any], CheckReport]]:
    """Each case (by folder name) and its check under demo-zaozhuang-2026, read as `check` does."""
    pack = RulePackLibrary().load("demo-zaozhuang-2026")
    out = {}
    for bundle in bundles:
        manifest, files = read_for_check(bundle, ImportLimits())
        out[bundle.name.split("-", 2)[2]] = (_case(bundle), check_case(manifest, pack, files))
    return out


def _event(case: dict[str, Any], kind: str) -> dict[str, Any]:
    (found,) = [e for e in case["events"] if e["type"] == kind]
    return found


def _deliveries(case: dict[str, Any], method: str) -> list[dict[str, Any]]:
    return [e for e in case["events"] if e["type"] == "delivery" and e["method"] == method]


def _by_relative(case: dict[str, Any]) -> dict[str, Any]:
    (found,) = [e for e in case["events"] if e.get("recipient", {}).get("role") == "relative"]
    return found


def _expected_findings(name: str, case: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, refs) in report order: by checklist section, then rule id."""
    if name == "食品":
        return [("SCOPE-01", ("party:0",)), ("SCOPE-02", (_event(case, "hearing")["id"],))]
    if name == "城管查封":
        return [("SCOPE-01", ())]
    if name == "生态环境":
        inspection, notice = _event(case, "inspection"), _event(case, "notice_of_intent")
        statement = _event(case, "statement")
        return [
            (
                "OFF-01",
                (
                    inspection["id"],
                    *(f"officer:{no}" for no in inspection["officers"]),
                    *inspection["documents"],
                ),
            ),
            ("PROC-11", (case["recordings"][0]["id"],)),
            ("PROC-02", (notice["id"], *notice["documents"])),
            ("PROC-05", (statement["id"], *statement["documents"])),
            ("SCOPE-01", ("party:0",)),
        ]
    if name == "不合格电线":
        posted, signed, seized = (
            _deliveries(case, "public")[0],
            _by_relative(case),
            _event(case, "seizure"),
        )
        return [
            ("DELIV-01", (posted["id"], *posted["documents"])),
            ("DELIV-02", (signed["id"], *signed["documents"])),
            ("ENF-11", (seized["id"], *seized["documents"])),
            ("SCOPE-01", ("party:0",)),
        ]
    assert name == "露天烧烤"
    return [
        ("PARTY-01", ("party:0", "violation")),
        ("PACK-01", ()),
        ("SCOPE-01", ("party:0",)),
        ("SCOPE-05", ()),  # confiscation is not a simple-procedure measure
        ("SCOPE-05", ("party:0",)),  # 5000 yuan is over the 200-yuan limit for citizens
        ("TIME-05", (_event(case, "notice_of_intent")["id"],)),
    ]


def test_each_case_has_exactly_its_intended_findings(
    reports: dict[str, tuple[dict[str, Any], CheckReport]],
) -> None:
    assert list(reports) == ["食品", "城管查封", "生态环境", "露天烧烤", "不合格电线"]
    for name, (case, report) in reports.items():
        assert report.case_number == case["number"]
        found = [(f.rule, f.refs) for f in report.findings]
        assert found == _expected_findings(name, case), name
        assert report.major, name  # every demo case needs legal review


def test_food_case_is_major_by_catalog_and_by_hearing(
    reports: dict[str, tuple[dict[str, Any], CheckReport]],
) -> None:
    _, report = reports["食品"]
    assert report.major
    assert report.major_reasons == [
        "对法人或者其他组织处以5万元以上罚款",
        "经过听证程序（行政处罚法第五十八条）",
    ]
    assert not report.approximate


def test_barbecue_case_is_approximate_past_the_calendar(
    reports: dict[str, tuple[dict[str, Any], CheckReport]],
) -> None:
    _, report = reports["露天烧烤"]
    approximate = {f.rule: f.approximate for f in report.findings}
    assert approximate == {
        "PARTY-01": False,
        "PACK-01": False,
        "SCOPE-01": False,
        "SCOPE-05": False,
        "TIME-05": True,
    }
    time05 = next(f for f in report.findings if f.rule == "TIME-05")
    assert time05.severity == "warning"
    assert "日历未覆盖，结果仅供参考" in time05.message
    assert report.review_due_approximate
    assert report.approximate
    assert report.major_reasons == ["对公民处以5000元以上罚款"]
    for name in ("食品", "城管查封", "生态环境", "不合格电线"):
        assert not reports[name][1].approximate, name


def test_exercises_list_exactly_the_rules_the_engine_finds(
    bundles: list[Path], reports: dict[str, tuple[dict[str, Any], CheckReport]]
) -> None:
    with_exercise = []
    for bundle in bundles:
        path = bundle / "exercise.json"
        if not path.is_file():
            continue
        name = bundle.name.split("-", 2)[2]
        with_exercise.append(name)
        exercise = json.loads(path.read_text(encoding="utf-8"))
        assert exercise["format"] == "legal-review-exercise/1"
        assert exercise["expected_outcome"] == "return"
        items = exercise["expected_findings"]
        listed = [item["rule"] for item in items if item["rule"] is not None]
        assert len(listed) == len(set(listed)), name
        assert set(listed) == {f.rule for f in reports[name][1].findings}, name
        sections = {f.rule: f.section for f in reports[name][1].findings}
        for item in items:
            assert item["points"] > 0, item
            assert CJK.search(item["explanation"]), item
            if item["rule"] is None:
                assert item["keywords"], item
            else:
                assert item["section"] == sections[item["rule"]], item
    assert with_exercise == ["生态环境", "露天烧烤", "不合格电线"]


# --- identity numbers ---------------------------------------------------------------------


def test_resident_id_check_character_matches_gb11643_examples() -> None:
    # The worked examples printed in GB 11643-1999.
    assert resident_id_check("11010519491231002") == "X"
    assert is_valid_resident_id("11010519491231002X")
    assert is_valid_resident_id("440524188001010014")
    assert birth_date("11010519491231002X") == date(1949, 12, 31)


def test_resident_id_rejects_wrong_check_case_date_or_length() -> None:
    assert not is_valid_resident_id("110105194912310021")
    assert not is_valid_resident_id("11010519491231002x")
    assert not is_valid_resident_id("1101051949123100X")
    first17 = "11010519490230123"  # 30 February
    assert not is_valid_resident_id(first17 + resident_id_check(first17))


def test_made_resident_ids_are_valid_and_carry_birth_date_and_sex() -> None:
    number = make_resident_id("370403", date(1968, 5, 21), 135)
    assert is_valid_resident_id(number)
    assert number.startswith("37040319680521135")
    assert birth_date(number) == date(1968, 5, 21)
    with pytest.raises(ValueError, match="顺序码"):
        make_resident_id("370403", date(1968, 5, 21), 1000)


def test_uscc_check_character_matches_gb32100_example() -> None:
    # The example of GB 32100-2015; its organisation code M000100Y4 checks under GB 11714.
    assert uscc_check("91350100M000100Y4") == "3"
    assert org_code_check("M000100Y") == "4"
    assert is_valid_uscc("91350100M000100Y43")
    assert make_uscc("9", "1", "350100", "M000100Y") == "91350100M000100Y43"
    # A real code as printed on a public business licence.
    assert is_valid_uscc("914403001922038216")


def test_uscc_rejects_wrong_check_and_excluded_letters() -> None:
    assert not is_valid_uscc("91350100M000100Y44")
    assert not is_valid_uscc("91350100M000100Y4")
    assert not is_valid_uscc("91350100M000100I43")  # I, O, Z, S, V are not in the alphabet
    assert not is_valid_uscc("91350100m000100y43")
    with pytest.raises(ValueError, match="无效字符"):
        uscc_check("91350100M000100O4")
