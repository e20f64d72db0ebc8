"""The bundle format's v2 fields (issue #20): read, stored, checked from the store exactly as
from the bundle, exported unchanged; a party without a usable identity number imports and
PARTY-02 says what is wrong with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case

from workstation import cli
from workstation.casefile.examine import read_for_check
from workstation.casefile.manifest import parse_manifest
from workstation.casefile.model import Recipient
from workstation.casefile.stored_case import manifest_from_version
from workstation.rules.engine import check_case
from workstation.settings import ImportLimits

pytestmark = pytest.mark.both_engines

NOTICE_MEASURES = [{"type": "fine", "amount": 20000}, {"type": "warning"}]


def v2_case() -> dict[str, Any]:
    document = minimal_case()
    case = document["case"]
    case["proposed_decision"]["measures"] = [
        {
            "type": "fine",
            "amount": 15000,
            "provision": {"law": "中华人民共和国食品安全法", "article": 124},
        }
    ]
    case["events"] = [
        {"id": "e1", "type": "filing", "at": "2026-01-05T09:00:00+08:00"},
        {
            "id": "e2",
            "type": "notice_of_intent",
            "at": "2026-02-01T09:00:00+08:00",
            "rights": ["statement", "defence", "hearing"],
            "proposed_measures": NOTICE_MEASURES,
        },
        {
            "id": "e3",
            "type": "suspension",
            "at": "2026-02-03T09:00:00+08:00",
            "until": "2026-02-10",
            "reason": "testing",
        },
        {
            "id": "e4",
            "type": "delivery",
            "at": "2026-02-02T09:00:00+08:00",
            "method": "post",
            "result": "failed",
        },
        {
            "id": "e5",
            "type": "delivery",
            "at": "2026-02-05T09:00:00+08:00",
            "method": "direct",
            "recipient": {"name": "张某", "role": "legal_representative"},
        },
        {
            "id": "e6",
            "type": "collective_discussion",
            "at": "2026-02-20T09:00:00+08:00",
            "body": "other",
        },
        {"id": "e7", "type": "enforcement_application", "at": "2026-03-01T09:00:00+08:00"},
    ]
    return document


def test_the_v2_fields_are_read_stored_checked_and_exported(
    ws: Any, make_bundle: Any, tmp_path: Path
) -> None:
    bundle = make_bundle(v2_case())
    parsed, files = read_for_check(bundle, ImportLimits())
    events = {e.id: e for e in parsed.events}
    assert events["e2"].proposed_measures == tuple(NOTICE_MEASURES)
    assert (events["e3"].until.isoformat(), events["e3"].reason) == ("2026-02-10", "testing")
    assert events["e4"].result == "failed"
    assert events["e5"].recipient == Recipient("legal_representative", "张某")
    assert events["e6"].body == "other"
    assert events["e7"].type == "enforcement_application"
    assert parsed.proposed_decision["measures"][0]["provision"]["article"] == 124

    ws.import_bundle(bundle, actor="t")
    version = ws.resolve("C1")
    assert manifest_from_version(version) == parsed  # every field back from the tables
    assert ws.check("C1").to_json() == check_case(parsed, ws.rule_pack(), files).to_json()

    out = ws.export("C1", tmp_path / "out", actor="t")
    exported = parse_manifest((out / "case.json").read_bytes())
    assert exported == parsed


def _village_group() -> dict[str, Any]:
    document = minimal_case()
    document["case"]["parties"] = [
        {"kind": "organisation", "name": "青松九组第1736号", "id_number": ""}
    ]
    return document


def test_a_party_without_an_identity_number_is_a_finding_not_a_refusal(
    ws: Any, make_bundle: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = make_bundle(_village_group())
    code = cli.main(["--data-dir", str(data_dir), "check", str(bundle), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")  # checked, not a refused bundle (exit 2)
    (party_02,) = [f for f in json.loads(out)["findings"] if f["rule"] == "PARTY-02"]
    assert party_02["message"] == (
        "当事人青松九组第1736号（法人或其他组织）的统一社会信用代码未载明（案卷中为空），"
        "请核实当事人身份。"
    )
    ws.import_bundle(bundle, actor="t")
    assert "PARTY-02" in [f.rule for f in ws.check("C1").findings]


def test_the_navigator_says_what_the_v2_fields_say(ws: Any, make_bundle: Any) -> None:
    from helpers import register_users

    ws.import_bundle(make_bundle(v2_case()), actor="t")
    register_users(ws, ("admin", "管理员", "administrator"), ("wang", "王审核", "reviewer"))
    labels = {e.key: e.label for e in ws.contents("C1", "wang").events}
    assert labels["e2"] == "事先告知（拟处：罚款20000元、警告）"
    assert labels["e3"] == "期限中止（检测、检验；至2026-02-10）"
    assert labels["e4"] == "送达（邮寄送达；未能送达）"
    assert labels["e5"] == "送达（直接送达；签收人：张某（法定代表人））"
    assert labels["e6"] == "集体讨论（其他机构讨论，非行政机关负责人）"
    assert labels["e1"] == "立案"  # nothing v2 to add
