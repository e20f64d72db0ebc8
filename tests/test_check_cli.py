"""`workstation check PATH [--rule-pack …] [--json]` (review-rules.md "The check command")."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case

from workstation import cli


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--data-dir", str(data_dir), "check", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _fine_case(amount: int, **fields: Any) -> dict[str, Any]:
    document = minimal_case(**fields)
    document["case"]["proposed_decision"]["measures"] = [{"type": "fine", "amount": amount}]
    document["case"]["events"] = []
    return document


def test_json_output_has_exactly_the_specified_shape(
    run: Any, make_bundle: Any, data_dir: Path
) -> None:
    bundle = make_bundle(_fine_case(80000, submitted_at="2021-03-10T09:00:00+08:00"))
    code, out, err = run(str(bundle), "--rule-pack", "cn-xuecheng-2017", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert list(report) == [
        "case",
        "rule_pack",
        "major",
        "major_reasons",
        "review_due",
        "approximate",
        "findings",
    ]
    assert report["case"] == "薛市监罚〔2026〕12号"
    assert report["rule_pack"] == "cn-xuecheng-2017"
    assert report["major"] is True
    assert report["major_reasons"] == ["对法人或者其他组织处以5万元以上罚款"]
    assert report["review_due"] == "2021-03-15"  # 5 days after 10 March 2021
    assert report["approximate"] is False
    for item in report["findings"]:
        assert set(item) <= {"rule", "section", "severity", "message", "refs", "approximate"}
    assert "TIME-04" in [f["rule"] for f in report["findings"]]
    assert not (data_dir / "workstation.sqlite").exists()  # nothing imported, no database


def test_default_pack_is_the_office_setting_else_the_baseline(
    run: Any, make_bundle: Any, data_dir: Path
) -> None:
    bundle = make_bundle(_fine_case(80000))
    assert json.loads(run(str(bundle), "--json")[1])["rule_pack"] == "cn-national-baseline"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        '[review]\nrule_pack = "cn-ningxia-zjt-2022"\n', encoding="utf-8"
    )
    assert json.loads(run(str(bundle), "--json")[1])["rule_pack"] == "cn-ningxia-zjt-2022"


def test_rule_pack_may_be_a_file(run: Any, make_bundle: Any, tmp_path: Path) -> None:
    pack = tmp_path / "office.yaml"
    pack.write_text(
        "format: legal-review-rulepack/1\nid: office-test\nname: 本局规则\n"
        "extends: cn-national-baseline\n"
        "catalog:\n  - {label: 罚款一律审核, measure: fine}\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(make_bundle(_fine_case(100))), "--rule-pack", str(pack), "--json")
    report = json.loads(out)
    assert (code, report["rule_pack"], report["major_reasons"]) == (
        0,
        "office-test",
        ["罚款一律审核"],
    )


def test_readable_report_groups_findings_by_section(run: Any, make_bundle: Any) -> None:
    document = _fine_case(80000)
    document["case"]["parties"][0]["id_number"] = "91350100M000100Y44"
    code, out, _ = run(str(make_bundle(document)))
    assert code == 0
    assert out.index("【相对人认定】") < out.index("[错误] PARTY-02") < out.index("【程序】")
    assert "规则包：全国法定标准" in out


@pytest.mark.parametrize("what", ["missing", "not-a-zip", "invalid"])
def test_unreadable_bundle_exits_2_with_one_chinese_line(
    run: Any, make_bundle: Any, tmp_path: Path, what: str
) -> None:
    if what == "missing":
        target = tmp_path / "nowhere"
    elif what == "not-a-zip":
        target = tmp_path / "x.zip"
        target.write_bytes(b"junk")
    else:
        target = make_bundle(minimal_case(action_type="fine"))
    code, out, err = run(str(target))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_invalid_pack_exits_3(run: Any, make_bundle: Any, tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "format: legal-review-rulepack/1\nid: bad\nname: x\nmin_officers: -2\n", encoding="utf-8"
    )
    code, _, err = run(str(make_bundle()), "--rule-pack", str(pack))
    assert code == 3
    assert "min_officers：不能小于 1" in err
    code, _, err = run(str(make_bundle()), "--rule-pack", "no-such-pack")
    assert code == 3
    assert "找不到规则包 no-such-pack" in err


def test_files_are_hashed_for_integrity(run: Any, make_bundle: Any, corpus_dir: Path) -> None:
    pdf = (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()
    document = _fine_case(
        100,
        documents=[
            {"id": "d1", "path": "docs/a.pdf", "kind": "evidence", "sha256": "0" * 64},
            {
                "id": "d2",
                "path": "docs/b.pdf",
                "kind": "evidence",
                "sha256": hashlib.sha256(pdf).hexdigest(),
            },
            {"id": "d3", "path": "docs/gone.pdf", "kind": "evidence"},
        ],
    )
    bundle = make_bundle(document, {"docs/a.pdf": pdf, "docs/b.pdf": pdf})
    report = json.loads(run(str(bundle), "--json")[1])
    integrity = [(f["refs"], f["message"]) for f in report["findings"] if f["rule"] == "INTEG-01"]
    assert [refs for refs, _ in integrity] == [["d1"], ["d3"]]
    assert "SHA-256 不符" in integrity[0][1]
    assert "不在案卷中" in integrity[1][1]


def test_recording_without_duration_is_measured(
    run: Any, make_bundle: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    # A 4.97 s video started at 10:00:00 covers a seizure at 10:00:04 only if it is measured.
    document = _fine_case(
        100,
        recordings=[
            {
                "id": "r1",
                "path": "media/a.mp4",
                "device": "执法记录仪 A01",
                "started_at": "2026-03-01T10:00:00+08:00",
                "archived_at": "2026-03-01T12:00:00+08:00",
            }
        ],
    )
    document["case"]["events"] = [
        {
            "id": "e1",
            "type": "seizure",
            "at": "2026-03-01T10:00:04+08:00",
            "officers": ["37040001", "37040002"],
            "approved_at": "2026-03-01T09:00:00+08:00",
        }
    ]
    bundle = make_bundle(document, {"media/a.mp4": corpus_dir / "video_androidx_rotated_270.mp4"})
    archive = Path(shutil.make_archive(str(tmp_path / "zipped"), "zip", bundle))
    for target in (bundle, archive):
        rules = [f["rule"] for f in json.loads(run(str(target), "--json")[1])["findings"]]
        assert "PROC-10" not in rules
        assert "INTEG-01" not in rules
