"""case.json validation: every problem, in Chinese, with its JSON path."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from helpers import minimal_case

from workstation.casefile.manifest import json_path, parse_manifest
from workstation.errors import ManifestError


def problems_of(document: Any) -> list[str]:
    with pytest.raises(ManifestError) as caught:
        parse_manifest(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    assert caught.value.details, caught.value.message
    return caught.value.details


def test_valid_manifest_becomes_the_case_model() -> None:
    case = parse_manifest(json.dumps(minimal_case(), ensure_ascii=False).encode())
    assert case.number == "薛市监罚〔2026〕12号"
    assert case.agency.key == "12370403MB2850447X"
    assert case.submitted_at == datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    assert case.officers[0].certificate_valid_until == date(2027, 12, 31)
    assert case.events[0].officers == ("37040001", "37040002")
    assert case.procedure == "ordinary"


def test_agency_without_code_is_identified_by_name() -> None:
    document = minimal_case(agency={"name": "某某县城市管理局"})
    assert parse_manifest(json.dumps(document).encode()).agency.key == "某某县城市管理局"


def test_every_problem_is_reported_with_its_path() -> None:
    document = minimal_case()
    case = document["case"]
    del case["title"]
    case["action_type"] = "punishment"
    case["parties"][0]["id_number"] = 370403
    case["parties"][0]["nickname"] = "x"
    case["submitted_at"] = "2026-03-10 09:00"
    case["proposed_decision"]["measures"] = []
    case["documents"] = [{"id": "d 1", "path": "../up.pdf", "kind": "evidence", "sha256": "abc"}]
    problems = problems_of(document)
    joined = "\n".join(problems)
    assert "case.title：缺少必填字段" in joined
    assert 'case.action_type：取值 "punishment" 无效，应为以下之一：penalty' in joined
    assert "case.parties[0].id_number：应为字符串，实际为 370**3（部分字符已隐去）" in joined
    assert "case.parties[0].nickname：格式中没有这个字段" in joined
    assert "case.submitted_at：应为带时区的时间" in joined
    assert "case.proposed_decision.measures：至少需要 1 项" in joined
    assert "case.documents[0].id：标识只能由字母、数字" in joined
    assert "case.documents[0].path：路径必须是案卷内的相对路径" in joined
    assert "case.documents[0].sha256：应为 64 位十六进制 SHA-256 值" in joined
    assert len(problems) == 9


def test_wrong_format_and_root() -> None:
    assert problems_of({"format": "legal-review-case/2", "case": minimal_case()["case"]}) == [
        'format：应为 legal-review-case/1，实际为 "legal-review-case/2"'
    ]
    assert problems_of([1, 2]) == ["case.json：应为对象，实际为 [1, 2]"]


def test_impossible_dates_are_reported() -> None:
    document = minimal_case(filed_on="2026-02-30")
    document["case"]["events"][0]["at"] = "2026-13-01T10:00:00+08:00"
    problems = problems_of(document)
    assert "case.filed_on：日期或时间无效（须为半角数字的真实日期）：2026-02-30" in problems
    assert (
        "case.events[0].at：日期或时间无效（须为半角数字的真实日期）：2026-13-01T10:00:00+08:00"
        in problems
    )


def test_duplicate_ids_are_reported() -> None:
    document = minimal_case(
        documents=[
            {"id": "d1", "path": "a.pdf", "kind": "evidence"},
            {"id": "d1", "path": "b.pdf", "kind": "evidence"},
        ]
    )
    assert problems_of(document) == ["case.documents[1].id：标识 d1 与 case.documents[0] 重复"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"format": "legal-review-case/1",\n "case": {,}}', "第 2 行第 11 列：JSON 格式错误"),
        ("{}".encode("utf-16"), "不是 UTF-8 编码"),
        (b'{"format": "a", "format": "b"}', "重复的字段：format"),
        (b'{"format": NaN}', "JSON 不允许 NaN"),
    ],
)
def test_unreadable_json(raw: bytes, expected: str) -> None:
    with pytest.raises(ManifestError, match=expected):
        parse_manifest(raw)


def test_byte_order_mark_is_accepted() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(minimal_case()).encode()
    assert parse_manifest(raw).title == "销售过期食品案"


def test_json_path_formatting() -> None:
    assert json_path(["case", "parties", 0, "id_number"]) == "case.parties[0].id_number"
    assert json_path([]) == "case.json"


def test_invalid_manifest_import_names_the_bundle(ws: Any, make_bundle: Any) -> None:
    bundle = make_bundle(minimal_case(action_type="fine"), name="坏案卷")
    with pytest.raises(ManifestError) as caught:
        ws.import_bundle(bundle, actor="tester")
    assert caught.value.message.startswith("坏案卷/case.json 不符合案卷包格式（1 处问题）")
    assert "case.action_type" in caught.value.message


def test_shipped_schema_is_the_shared_contract() -> None:
    from helpers import shared_dir

    from workstation.resource_paths import resource_path

    shipped = resource_path("schema", "case-bundle.schema.json").read_bytes()
    assert shipped == (shared_dir() / "spec" / "case-bundle.schema.json").read_bytes()


def test_values_the_schema_lets_through_are_refused() -> None:
    document = minimal_case(
        number="   ",
        documents=[
            {
                "id": "d1",
                "path": "a.pdf",
                "kind": "evidence",
                "sha256": "a" * 64 + "\n",
                "pages": 10**20,
            },
        ],
    )
    document["case"]["proposed_decision"]["measures"][0]["amount"] = 7654321
    document["case"]["filed_on"] = "２０２６-03-01"
    raw = json.dumps(document, ensure_ascii=False).replace("7654321", "1e400")  # parses as inf
    with pytest.raises(ManifestError) as caught:
        parse_manifest(raw.encode("utf-8"))
    problems = caught.value.details
    assert "case.number：不能为空白" in problems
    assert any(p.startswith("case.documents[0].sha256：首尾含空白或换行") for p in problems)
    assert "case.documents[0].pages：数值超出范围，允许 0 至 100000 页" in problems
    assert (
        "case.proposed_decision.measures[0].amount：数值超出范围，允许 0 至 1 万亿（10¹²）元"
        in problems
    )
    assert any(p.startswith("case.filed_on：日期或时间无效") for p in problems)


def test_absurdly_deep_json_is_refused_cleanly() -> None:
    with pytest.raises(ManifestError, match="嵌套层次过深"):
        parse_manifest(b'{"format": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
