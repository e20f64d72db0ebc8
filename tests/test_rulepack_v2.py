"""The rule pack's v2 keys (issue #20): what the shipped packs set, and a wrong value of each
refused in Chinese, naming the pack file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.demo.cases import all_cases
from workstation.errors import ConfigError
from workstation.rules.rulepack import RulePackLibrary

SHIPPED = [
    "cn-national-baseline",
    "cn-xuecheng-2017",
    "cn-changzhi-scjg-2022",
    "cn-ningxia-zjt-2022",
    "demo-zaozhuang-2026",
]
HEADER = "format: legal-review-rulepack/1\nid: {id}\nname: 测试\n"


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


# --- what the shipped packs say ------------------------------------------------------------


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_every_shipped_pack_loads_with_the_statutory_v2_values(pack_id: str) -> None:
    pack = RulePackLibrary().load(pack_id)
    assert pack.id == pack_id
    # ACL Art. 54 (ten days after the 催告 is served), working days by Art. 69: every local
    # pack inherits it from the baseline.
    assert pack.periods.demand_notice_days == 10
    # 治安管理处罚法 Art. 99, 公安机关办理行政案件程序规定 Art. 165: public-order cases, and
    # rule-pack.md's public_security (the police's cases are mostly public-order cases).
    assert pack.case_deadline_days_by_domain == {"public-order": 30, "public_security": 30}
    assert pack.case_deadline_days == 90  # every other domain keeps PPL Art. 60


def test_only_the_demo_office_chose_a_gross_overrun_factor() -> None:
    library = RulePackLibrary()
    factors = {pack_id: library.load(pack_id).gross_overrun_factor for pack_id in SHIPPED}
    assert factors == {pack_id: None for pack_id in SHIPPED} | {"demo-zaozhuang-2026": 2}


def test_agency_powers_only_where_a_source_gives_them() -> None:
    library = RulePackLibrary()
    for pack_id in ("cn-national-baseline", "cn-xuecheng-2017", "cn-ningxia-zjt-2022"):
        assert library.load(pack_id).agency_powers == (), pack_id
    (market,) = library.load("cn-changzhi-scjg-2022").agency_powers
    assert (market.name, market.code) == ("长治市市场监督管理局", None)
    assert market.action_types == {"penalty", "licensing", "coercion", "inspection"}
    assert market.source is not None
    assert "食品安全法" in market.source


def test_every_demo_case_agency_is_listed_with_the_action_type_it_takes() -> None:
    # AUTH-02 fires for a listed agency whose case's type is not listed: a demo case must
    # match its entry (by code, as both give one) and find its type there.
    powers = RulePackLibrary().load("demo-zaozhuang-2026").agency_powers
    assert all(p.code and p.source for p in powers)
    for spec in all_cases():
        agency, action = spec.case["agency"], spec.case["action_type"]
        entries = [p for p in powers if p.code == agency["code"]]
        assert [p.name for p in entries] == [agency["name"]], spec.folder
        assert action in entries[0].action_types, spec.folder
    listed = {p.code for p in powers}
    assert listed == {spec.case["agency"]["code"] for spec in all_cases()}


def test_a_child_pack_adds_a_domain_and_replaces_the_agency_list(tmp_path: Path) -> None:
    write(
        tmp_path,
        "office.yaml",
        HEADER.format(id="office")
        + (
            "extends: demo-zaozhuang-2026\n"
            "case_deadline_days_by_domain: {forestry: 60}\n"
            "agency_powers:\n  - {name: 某某局, action_types: [levy]}\n"
        ),
    )
    pack = RulePackLibrary(tmp_path).load("office")
    assert pack.case_deadline_days_by_domain == {
        "public-order": 30,
        "public_security": 30,
        "forestry": 60,
    }
    assert [p.name for p in pack.agency_powers] == ["某某局"]
    assert pack.gross_overrun_factor == 2  # inherited


# --- a wrong value of each key ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("gross_overrun_factor: 1\n", "gross_overrun_factor：应大于 1，实际为 1"),
        ("gross_overrun_factor: 0.5\n", "gross_overrun_factor：应大于 1，实际为 0.5"),
        ("gross_overrun_factor: 两倍\n", 'gross_overrun_factor：应为数字，实际为 "两倍"'),
        ("gross_overrun_factor: '2'\n", 'gross_overrun_factor：应为数字，实际为 "2"'),
        ("gross_overrun_factor: 1e999\n", "gross_overrun_factor：数值过大"),
        (
            "agency_powers:\n  - {name: 某局}\n",
            "agency_powers[0].action_types：缺少必填字段",
        ),
        (
            "agency_powers:\n  - {name: 某局, action_types: []}\n",
            "agency_powers[0].action_types：至少需要 1 项",
        ),
        (
            "agency_powers:\n  - {name: 某局, action_types: [penalty, fine]}\n",
            'agency_powers[0].action_types[1]：取值 "fine" 无效，应为以下之一：penalty',
        ),
        (
            "agency_powers:\n  - {name: 某局, action_types: penalty}\n",
            'agency_powers[0].action_types：应为列表，实际为 "penalty"',
        ),
        (
            "agency_powers:\n  - {name: '', action_types: [penalty]}\n",
            "agency_powers[0].name：不能为空",
        ),
        (
            "agency_powers:\n  - {name: 某局, code: 11370403, action_types: [penalty]}\n",
            "agency_powers[0].code：应为字符串，实际为 11370403",
        ),
        (
            "agency_powers:\n  - {name: 某局, action_types: [penalty], powers: [fine]}\n",
            "agency_powers[0].powers：格式中没有这个字段",
        ),
        (
            "periods: {demand_notice_days: -3}\n",
            "periods.demand_notice_days：不能小于 1，实际为 -3",
        ),
        ("periods: {demand_notice_days: 0}\n", "periods.demand_notice_days：不能小于 1，实际为 0"),
        (
            "periods: {demand_notice_days: 十日}\n",
            'periods.demand_notice_days：应为整数，实际为 "十日"',
        ),
        (
            "periods: {demand_notice_days: 10.0}\n",
            "periods.demand_notice_days：应为整数（不带小数点），实际为 10.0",
        ),
        (
            "case_deadline_days_by_domain: {public-order: 0}\n",
            "case_deadline_days_by_domain.public-order：不能小于 1，实际为 0",
        ),
        (
            "case_deadline_days_by_domain: {food: 三十}\n",
            'case_deadline_days_by_domain.food：应为整数，实际为 "三十"',
        ),
        (
            "case_deadline_days_by_domain: {food: 30.0}\n",
            "case_deadline_days_by_domain.food：应为整数（不带小数点），实际为 30.0",
        ),
        (
            "case_deadline_days_by_domain: {'': 30}\n",
            'case_deadline_days_by_domain：执法领域名不能为空，首尾不能有空格，实际为 ""',
        ),
        (
            "case_deadline_days_by_domain: {'food ': 30}\n",
            'case_deadline_days_by_domain：执法领域名不能为空，首尾不能有空格，实际为 "food "',
        ),
        (
            "case_deadline_days_by_domain: {2026: 30}\n",
            "case_deadline_days_by_domain：执法领域名应为文本（请加引号），实际为 2026",
        ),
        (
            "case_deadline_days_by_domain: [food, 30]\n",
            'case_deadline_days_by_domain：应为对象，实际为 ["food", 30]',
        ),
    ],
)
def test_a_wrong_v2_value_names_the_file_and_the_key(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = write(tmp_path, "bad.yaml", HEADER.format(id="bad") + body)
    with pytest.raises(ConfigError) as caught:
        RulePackLibrary(tmp_path).load(str(path))
    assert str(path) in caught.value.message
    assert any(line.startswith(f"{path}：{expected}") for line in caught.value.details), (
        caught.value.details
    )
    assert caught.value.exit_code == 3


def test_a_wrong_v2_value_names_the_child_that_wrote_it(tmp_path: Path) -> None:
    child = write(
        tmp_path,
        "child.yaml",
        HEADER.format(id="child") + "extends: demo-zaozhuang-2026\ngross_overrun_factor: 1\n",
    )
    with pytest.raises(ConfigError) as caught:
        RulePackLibrary(tmp_path).load("child")
    assert caught.value.details == [f"{child}：gross_overrun_factor：应大于 1，实际为 1"]
