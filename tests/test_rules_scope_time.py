"""Automatic checks SCOPE-*, TIME-*, PARTY-*, OFF-* and the report's major / review_due outputs.

Every expectation here is written from the specification (shared/spec/review-rules.md
"Common definitions" and the rule table, shared/spec/rule-pack.md, shared/spec/case-bundle.md),
not from the implementation. Dates below were counted by hand against the shipped national
calendar (cn-national-calendar, covered 2004-01-01..2026-12-31). Facts used throughout:

* 2026 statutory holidays: 01-01..03, 02-15..23, 04-04..06, 05-01..05, 06-19..21, 09-25..27,
  10-01..07.
* 2026 adjusted working weekend days (调休): 01-04, 02-14, 02-28, 05-09, 09-20, 10-10.
* PPL Art. 85: periods of 2, 3, 5, 7 days count working days; 90 days is a calendar period.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest
from review_helpers import case, check, fired, pack, shipped

from workstation.rules.engine import CheckReport
from workstation.rules.findings import Finding
from workstation.rules.rulepack import RulePack

APPROXIMATE_WORDS = "日历未覆盖，结果仅供参考"
OFFICER_A = "37040001"  # 张明, valid until 2027-12-31 in the minimal case
OFFICER_B = "37040002"  # 李华, valid until 2027-12-31 in the minimal case
BOTH = [OFFICER_A, OFFICER_B]


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------


def cn(day: str) -> str:
    """A date the way findings write it: 2026年3月2日."""
    value = date.fromisoformat(day)
    return f"{value.year}年{value.month}月{value.day}日"


def at(day: str, clock: str = "10:00", offset: str = "+08:00") -> str:
    """A case datetime on `day` at `clock` (local office time unless told otherwise)."""
    return f"{day}T{clock}:00{offset}"


def ev(event_id: str, kind: str, when: str, **extra: Any) -> dict[str, Any]:
    """An event; `when` is a date (10:00 Beijing time) or a full datetime."""
    return {"id": event_id, "type": kind, "at": at(when) if len(when) == 10 else when, **extra}


def notice(
    event_id: str, when: str, rights: tuple[str, ...] = ("statement", "defence"), **extra: Any
) -> dict[str, Any]:
    return ev(event_id, "notice_of_intent", when, rights=list(rights), **extra)


def inspection(event_id: str = "e1", when: str = "2026-01-05", **extra: Any) -> dict[str, Any]:
    extra.setdefault("officers", BOTH)
    return ev(event_id, "inspection", when, **extra)


def fine(amount: float, **extra: Any) -> dict[str, Any]:
    return {"type": "fine", "amount": amount, **extra}


def decision(*measures: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"measures": list(measures), **extra}


def officer(name: str, number: str, valid_until: str = "2027-12-31") -> dict[str, Any]:
    return {"name": name, "certificate_no": number, "certificate_valid_until": valid_until}


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check(body: str) -> str:
    """GB 11643 check character of a 17-digit 居民身份证号码 body."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def person_id(birth: str, sequence: str = "123", region: str = "370403") -> str:
    """A 居民身份证号码 with a correct check character; `birth` is YYYY-MM-DD or YYYYMMDD."""
    body = region + birth.replace("-", "") + sequence
    return body + id_check(body)


def uscc_check(body: str) -> str:
    """GB 32100 check character of a 17-character 统一社会信用代码 body."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc(body: str) -> str:
    return body + uscc_check(body)


def wrong_last(code: str) -> str:
    """The same code with a different (wrong) last character."""
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def id_ending_in(check_character: str) -> str:
    """A valid 居民身份证号码 whose check character is `check_character`."""
    for sequence in range(100, 1000):
        number = person_id("1985-07-21", str(sequence))
        if number.endswith(check_character):
            return number
    raise AssertionError(f"no sequence gives check character {check_character}")


def uscc_ending_in(check_character: str) -> str:
    """A valid 统一社会信用代码 whose check character is `check_character`."""
    for first in _USCC_CHARS:
        for second in _USCC_CHARS:
            code = uscc(f"91370403MA3C5D1{first}{second}")
            if code.endswith(check_character):
                return code
    raise AssertionError(f"no body gives check character {check_character}")


ID_ENDING_IN_X = id_ending_in("X")
ORG_USCC = "91350100M000100Y43"  # the minimal case's (valid) code
SHOP_USCC = uscc("92370403MA3C5D1K0")


def person(name: str = "王小二", birth: str = "1990-05-17", **extra: Any) -> dict[str, Any]:
    return {"kind": "person", "name": name, "id_number": person_id(birth), **extra}


def organisation(name: str = "枣庄市某某超市有限公司", code: str = ORG_USCC) -> dict[str, Any]:
    return {"kind": "organisation", "name": name, "id_number": code}


def shop(name: str = "薛城区某某便利店", code: str = SHOP_USCC) -> dict[str, Any]:
    return {"kind": "individual_business", "name": name, "id_number": code}


def one(report: CheckReport, rule: str) -> Finding:
    """The single finding of `rule` (fails with every finding listed otherwise)."""
    found = fired(report, rule)
    assert len(found) == 1, f"{rule}: {[(f.rule, f.message) for f in report.findings]}"
    return found[0]


def silent(report: CheckReport, rule: str) -> None:
    found = fired(report, rule)
    assert found == [], f"{rule} must not fire: {[f.message for f in found]}"


def assert_normal(finding: Finding, section: str, severity: str) -> None:
    """A finding as the rule table states it, not marked approximate."""
    assert (finding.section, finding.severity) == (section, severity), finding
    assert finding.approximate is False, finding
    assert APPROXIMATE_WORDS not in finding.message
    assert "approximate" not in finding.to_json()


def assert_approximate(finding: Finding, section: str = "procedure") -> None:
    """review-rules "Approximate": a warning under the rule's own id, flagged, with the words."""
    assert finding.section == section
    assert finding.severity == "warning", finding
    assert finding.approximate is True
    assert APPROXIMATE_WORDS in finding.message, finding.message
    assert finding.to_json()["approximate"] is True


def mentions(message: str, *alternatives: str) -> bool:
    return any(text in message for text in alternatives)


@cache
def calendar_day_pack() -> RulePack:
    """Only 2- and 3-day periods count working days: 5 and 7 become calendar-day periods."""
    return pack(day_counting={"working_day_periods_days": [2, 3]})


@cache
def calendar_day_no_roll_pack() -> RulePack:
    return pack(
        day_counting={"working_day_periods_days": [2, 3], "roll_end_to_next_workday": False}
    )


@cache
def no_roll_pack() -> RulePack:
    return pack(day_counting={"roll_end_to_next_workday": False})


@cache
def statement_pack() -> RulePack:
    return pack(statement_period_working_days=3)


# --------------------------------------------------------------------------------------------
# SCOPE-01 — the major-decision catalog (procedure, info)
# --------------------------------------------------------------------------------------------

ORG_FINE_LABEL = "对法人或者其他组织处5万元以上罚款"
CITIZEN_FINE_LABEL = "对公民处5000元以上罚款"


def org_fine_entry(value: float = 50000, inclusive: bool = True) -> dict[str, Any]:
    return {
        "label": ORG_FINE_LABEL,
        "measure": "fine",
        "party": ["organisation"],
        "min_amount": {"value": value, "inclusive": inclusive},
    }


def citizen_fine_entry() -> dict[str, Any]:
    return {
        "label": CITIZEN_FINE_LABEL,
        "measure": "fine",
        "party": ["citizen"],
        "min_amount": {"value": 5000, "inclusive": True},
    }


@pytest.mark.parametrize(
    ("inclusive", "amount", "matches"),
    [
        (True, 50000, True),  # 以上 含本数: the figure itself is in
        (True, 49999.99, False),
        (False, 50000, False),  # 不含本数: the figure itself is out
        (False, 50000.01, True),
    ],
)
def test_scope01_threshold_inclusive_and_exclusive(
    inclusive: bool, amount: float, matches: bool
) -> None:
    report = check(
        case(proposed_decision=decision(fine(amount))),
        pack(catalog=[org_fine_entry(inclusive=inclusive)]),
    )
    if matches:
        finding = one(report, "SCOPE-01")
        assert_normal(finding, "procedure", "info")
        assert ORG_FINE_LABEL in finding.message
        assert report.major is True
        assert report.major_reasons == [ORG_FINE_LABEL]
    else:
        silent(report, "SCOPE-01")
        assert report.major is False
        assert report.major_reasons == []


def test_scope01_party_class_must_be_among_the_parties() -> None:
    the_pack = pack(catalog=[citizen_fine_entry(), org_fine_entry()])
    only_org = check(case(proposed_decision=decision(fine(6000))), the_pack)
    silent(only_org, "SCOPE-01")  # 6000 is under the organisation figure; no citizen party
    with_person = check(
        case(parties=[organisation(), person()], proposed_decision=decision(fine(6000))), the_pack
    )
    finding = one(with_person, "SCOPE-01")
    assert CITIZEN_FINE_LABEL in finding.message
    assert ORG_FINE_LABEL not in finding.message
    assert with_person.major_reasons == [CITIZEN_FINE_LABEL]


def test_scope01_party_class_comes_from_the_pack_party_kinds() -> None:
    the_case = case(parties=[shop()], proposed_decision=decision(fine(6000)))
    # The baseline treats 个体工商户 as a citizen ...
    assert one(check(the_case, pack(catalog=[citizen_fine_entry()])), "SCOPE-01")
    # ... a pack that maps it to the organisation class does not.
    silent(
        check(
            the_case,
            pack(
                catalog=[citizen_fine_entry()], party_kinds={"individual_business": "organisation"}
            ),
        ),
        "SCOPE-01",
    )


def test_scope01_fines_are_compared_one_by_one_never_summed() -> None:
    report = check(
        case(proposed_decision=decision(fine(30000), fine(30000))),
        pack(catalog=[org_fine_entry()]),
    )
    silent(report, "SCOPE-01")
    assert report.major is False


def test_scope01_the_same_measure_must_satisfy_type_and_amount() -> None:
    # 80000 yuan is confiscated gains, not a fine; the only fine is 1000.
    measures = decision({"type": "confiscate_gains", "amount": 80000}, fine(1000))
    silent(check(case(proposed_decision=measures), pack(catalog=[org_fine_entry()])), "SCOPE-01")


@pytest.mark.parametrize(
    ("measure", "matches"),
    [
        # review-rules "Amounts": fine, confiscate_gains, freeze, levy use `amount` ...
        ({"type": "confiscate_gains", "amount": 1000}, True),
        ({"type": "confiscate_gains", "value": 1000}, False),
        ({"type": "freeze", "amount": 1000}, True),
        ({"type": "levy", "amount": 999.99}, False),
        # ... confiscate_property, seizure, auction use `value`.
        ({"type": "confiscate_property", "value": 1000}, True),
        ({"type": "confiscate_property", "amount": 5000, "value": 999}, False),
        ({"type": "seizure", "value": 1000}, True),
        ({"type": "seizure", "amount": 5000}, False),
        ({"type": "auction", "value": 1000}, True),
    ],
)
def test_scope01_min_amount_reads_the_measures_amount_field(
    measure: dict[str, Any], matches: bool
) -> None:
    entry = {
        "label": "涉案金额1000元以上",
        "measure": measure["type"],
        "min_amount": {"value": 1000, "inclusive": True},
    }
    report = check(case(proposed_decision=decision(measure)), pack(catalog=[entry]))
    assert bool(fired(report, "SCOPE-01")) is matches


@pytest.mark.parametrize(
    ("measure", "matches"),
    [
        ({"type": "fine", "amount": 5000, "base_amount": 120000}, True),
        ({"type": "fine", "amount": 200000, "base_amount": 99999}, False),
        ({"type": "fine", "amount": 200000}, False),  # no base_amount at all
    ],
)
def test_scope01_field_overrides_the_amount_field(measure: dict[str, Any], matches: bool) -> None:
    entry = {
        "label": "货值金额10万元以上",
        "measure": "fine",
        "field": "base_amount",
        "min_amount": {"value": 100000, "inclusive": True},
    }
    report = check(case(proposed_decision=decision(measure)), pack(catalog=[entry]))
    assert bool(fired(report, "SCOPE-01")) is matches


@pytest.mark.parametrize(
    ("seizure", "matches"),
    [
        ({"type": "seizure", "area_m2": 300}, True),
        ({"type": "seizure", "value": 100000}, True),
        ({"type": "seizure", "area_m2": 299.99, "value": 99999}, False),
        ({"type": "confiscate_property", "value": 500000}, False),  # value, but not a seizure
    ],
)
def test_scope01_any_of_in_the_shipped_xuecheng_catalog(
    seizure: dict[str, Any], matches: bool
) -> None:
    label = "查封扣押涉案面积300平方米以上或者涉案价值10万元以上"
    report = check(
        case(action_type="coercion", proposed_decision=decision(seizure)),
        shipped("cn-xuecheng-2017"),
    )
    if matches:
        assert label in one(report, "SCOPE-01").message
        assert label in report.major_reasons
    else:
        silent(report, "SCOPE-01")


@pytest.mark.parametrize(
    ("entry", "fields", "matches"),
    [
        (
            {"label": "经过听证", "event": "hearing"},
            {"events": [ev("h1", "hearing", "2026-03-05")]},
            True,
        ),
        (
            {"label": "经过听证", "event": "hearing"},
            {"events": [ev("h1", "hearing_request", "2026-03-05")]},
            False,
        ),
        (
            {"label": "减轻或从重处罚", "flag": ["reduced_penalty", "aggravated_penalty"]},
            {"flags": ["aggravated_penalty"]},
            True,
        ),
        (
            {"label": "减轻或从重处罚", "flag": ["reduced_penalty", "aggravated_penalty"]},
            {"flags": ["first_violation"]},
            False,
        ),
        (
            {"label": "普通程序处罚", "action_type": "penalty", "procedure": "ordinary"},
            {},
            True,
        ),  # procedure defaults to ordinary
        (
            {"label": "普通程序处罚", "action_type": "penalty", "procedure": "ordinary"},
            {"procedure": "simple"},
            False,
        ),
        (
            {"label": "普通程序处罚", "action_type": "penalty", "procedure": "ordinary"},
            {"action_type": "coercion"},
            False,
        ),
        ({"label": "简易程序", "procedure": "simple"}, {"procedure": "simple"}, True),
        ({"label": "简易程序", "procedure": "simple"}, {}, False),
        (
            {"label": "吊销（单位）", "measure": "revoke_licence", "party": ["organisation"]},
            {"proposed_decision": decision({"type": "revoke_licence"})},
            True,
        ),
        (
            {"label": "吊销（单位）", "measure": "revoke_licence", "party": ["organisation"]},
            {"parties": [person()], "proposed_decision": decision({"type": "revoke_licence"})},
            False,
        ),
    ],
)
def test_scope01_every_matcher_must_match(
    entry: dict[str, Any], fields: dict[str, Any], matches: bool
) -> None:
    report = check(case(**fields), pack(catalog=[entry]))
    if matches:
        assert entry["label"] in one(report, "SCOPE-01").message
        assert entry["label"] in report.major_reasons
    else:
        silent(report, "SCOPE-01")
        assert entry["label"] not in report.major_reasons


def test_scope01_one_finding_lists_every_matching_label_in_catalog_order() -> None:
    suspend = {"label": "责令停产停业", "measure": "suspend_business"}
    revoke = {"label": "吊销许可证件", "measure": "revoke_licence"}
    freeze = {"label": "冻结存款汇款", "measure": "freeze"}
    report = check(
        case(proposed_decision=decision(fine(60000), {"type": "suspend_business"})),
        pack(catalog=[org_fine_entry(), revoke, suspend, freeze]),
    )
    finding = one(report, "SCOPE-01")
    assert_normal(finding, "procedure", "info")
    assert ORG_FINE_LABEL in finding.message
    assert "责令停产停业" in finding.message
    assert "吊销许可证件" not in finding.message
    assert "冻结存款汇款" not in finding.message
    assert report.major is True
    assert report.major_reasons == [ORG_FINE_LABEL, "责令停产停业"]


def test_scope01_shipped_xuecheng_reasons_are_the_matching_labels_only() -> None:
    # The spec's own example: cn-xuecheng-2017, an organisation fined 80000 → one reason.
    # Catalog entries that give no matcher (由审核人员判断) are for the reviewer, not the machine.
    report = check(case(), shipped("cn-xuecheng-2017"))
    assert one(report, "SCOPE-01")
    assert report.major is True
    assert report.major_reasons == ["对法人或者其他组织处以5万元以上罚款"]
    assert report.to_json()["major_reasons"] == ["对法人或者其他组织处以5万元以上罚款"]


def test_scope01_without_a_catalog_nothing_is_major() -> None:
    report = check(case(proposed_decision=decision(fine(10_000_000))))
    silent(report, "SCOPE-01")
    assert report.major is False
    assert report.major_reasons == []
    assert report.to_json()["major"] is False


# --------------------------------------------------------------------------------------------
# SCOPE-02 — PPL Art. 58 grounds, whatever the catalog says (procedure, info)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "keyword"),
    [
        ({"events": [inspection(), ev("h1", "hearing", "2026-03-05", host="赵六")]}, "听证"),
        ({"flags": ["public_interest"]}, "公共利益"),
        ({"flags": ["complex"]}, "复杂"),
        ({"flags": ["multi_legal_relationships"]}, "法律关系"),
    ],
)
def test_scope02_fires_on_hearing_or_art58_flags(fields: dict[str, Any], keyword: str) -> None:
    report = check(case(**fields))
    findings = fired(report, "SCOPE-02")
    assert findings, [f.rule for f in report.findings]
    for finding in findings:
        assert_normal(finding, "procedure", "info")
    assert any("第五十八条" in f.message for f in findings)
    assert report.major is True
    assert report.major_reasons, "major_reasons must name the Art. 58 ground"
    assert any(keyword in reason for reason in report.major_reasons), report.major_reasons


@pytest.mark.parametrize(
    "fields",
    [
        {"events": [inspection(), ev("q1", "hearing_request", "2026-03-05")]},
        {
            "events": [
                inspection(),
                ev("n1", "hearing_notice", "2026-03-05", hearing_at=at("2026-03-16")),
            ]
        },
        {"flags": ["life_health_or_financial", "harm_caused"]},
        {"flags": ["reduced_penalty", "aggravated_penalty", "first_violation"]},
    ],
)
def test_scope02_near_misses(fields: dict[str, Any]) -> None:
    report = check(case(**fields))
    silent(report, "SCOPE-02")
    assert report.major is False
    assert report.major_reasons == []


def test_scope02_is_independent_of_the_catalog_and_the_action_type() -> None:
    the_pack = pack(catalog=[{"label": "冻结存款汇款", "measure": "freeze"}])
    report = check(
        case(
            action_type="coercion", flags=["public_interest"], proposed_decision=decision(fine(10))
        ),
        the_pack,
    )
    assert fired(report, "SCOPE-02")
    silent(report, "SCOPE-01")
    assert report.major is True


def test_major_reasons_list_catalog_labels_first_then_art58_grounds() -> None:
    the_pack = pack(catalog=[{"label": "经过听证的处罚", "event": "hearing"}, org_fine_entry()])
    report = check(
        case(
            flags=["public_interest"],
            events=[inspection(), ev("h1", "hearing", "2026-03-05", host="赵六")],
        ),
        the_pack,
    )
    assert fired(report, "SCOPE-01")
    assert fired(report, "SCOPE-02")
    assert report.major is True
    reasons = report.major_reasons
    assert reasons[:2] == ["经过听证的处罚", ORG_FINE_LABEL]
    grounds = reasons[2:]
    assert any("公共利益" in g for g in grounds), reasons
    assert any("听证" in g for g in grounds), reasons
    assert report.to_json()["major_reasons"] == reasons


# --------------------------------------------------------------------------------------------
# SCOPE-05 — simple procedure limits (procedure, error)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parties", "measures", "fires"),
    [
        ([person()], [fine(200)], False),  # "exceeds": 200 itself is allowed
        ([person()], [fine(200.01)], True),
        ([person()], [fine(150), fine(100)], True),  # SCOPE-05 sums the fines
        ([person()], [fine(100), fine(100)], False),
        ([organisation()], [fine(3000)], False),
        ([organisation()], [fine(3000.5)], True),
        ([organisation()], [fine(2000), fine(1000)], False),
        ([shop()], [fine(201)], True),  # 个体工商户 → citizen in the baseline
        ([organisation(), person()], [fine(2000)], True),  # over the limit of one party's class
        ([person()], [{"type": "warning"}], False),
        ([person()], [{"type": "warning"}, fine(50)], False),
        ([person()], [{"type": "notice_of_criticism"}], True),
        ([organisation()], [{"type": "confiscate_gains", "amount": 10}], True),
    ],
)
def test_scope05_simple_procedure(
    parties: list[dict[str, Any]], measures: list[dict[str, Any]], fires: bool
) -> None:
    report = check(case(procedure="simple", parties=parties, proposed_decision=decision(*measures)))
    if fires:
        assert_normal(one(report, "SCOPE-05"), "procedure", "error")
    else:
        silent(report, "SCOPE-05")


def test_scope05_message_names_the_total_and_the_limit() -> None:
    report = check(
        case(
            procedure="simple", parties=[person()], proposed_decision=decision(fine(150), fine(100))
        )
    )
    message = one(report, "SCOPE-05").message
    assert "250元" in message
    assert "200元" in message
    assert "简易程序" in message


def test_scope05_message_names_the_measure_outside_the_list() -> None:
    report = check(
        case(
            procedure="simple",
            proposed_decision=decision({"type": "confiscate_gains", "amount": 10}),
        )
    )
    message = one(report, "SCOPE-05").message
    assert "没收违法所得" in message


@pytest.mark.parametrize("procedure", ["ordinary", None])
def test_scope05_not_for_ordinary_procedure(procedure: str | None) -> None:
    fields: dict[str, Any] = {"parties": [person()], "proposed_decision": decision(fine(5000))}
    if procedure:
        fields["procedure"] = procedure
    silent(check(case(**fields)), "SCOPE-05")


def test_scope05_limits_come_from_the_pack() -> None:
    # Maps merge: only the citizen figure changes; the organisation figure stays 3000.
    the_pack = pack(simple_procedure={"max_fine": {"citizen": 500}})
    as_person = case(procedure="simple", parties=[person()], proposed_decision=decision(fine(400)))
    silent(check(as_person, the_pack), "SCOPE-05")
    assert fired(check(as_person), "SCOPE-05")  # baseline: 400 > 200
    widened = pack(simple_procedure={"measures": ["warning", "fine", "notice_of_criticism"]})
    criticism = case(
        procedure="simple", proposed_decision=decision({"type": "notice_of_criticism"})
    )
    silent(check(criticism, widened), "SCOPE-05")


# --------------------------------------------------------------------------------------------
# TIME-01 — limitation (procedure, error); calendar years, no rolling, no working days
# --------------------------------------------------------------------------------------------


def limitation_case(
    violation: dict[str, Any] | None,
    *,
    events: list[dict[str, Any]] | None = None,
    flags: list[str] | None = None,
    **extra: Any,
) -> Any:
    fields: dict[str, Any] = {"events": events if events is not None else []}
    if violation is not None:
        fields["violation"] = violation
    if flags:
        fields["flags"] = flags
    fields.update(extra)
    return case(**fields)


@pytest.mark.parametrize(
    ("violation", "flags", "fires"),
    [
        (
            {"ended_on": "2024-03-01", "discovered_on": "2026-03-01"},
            [],
            False,
        ),  # anniversary: in time
        ({"ended_on": "2024-03-01", "discovered_on": "2026-03-02"}, [], True),
        ({"ended_on": "2024-03-01", "discovered_on": "2026-02-28"}, [], False),
        (
            {"ended_on": "2021-03-01", "discovered_on": "2026-03-01"},
            ["life_health_or_financial", "harm_caused"],
            False,
        ),
        (
            {"ended_on": "2021-03-01", "discovered_on": "2026-03-02"},
            ["life_health_or_financial", "harm_caused"],
            True,
        ),
        (
            {"ended_on": "2022-03-01", "discovered_on": "2026-03-01"},
            ["life_health_or_financial"],
            True,
        ),
        ({"ended_on": "2022-03-01", "discovered_on": "2026-03-01"}, ["harm_caused"], True),
        # A missing ended_on is a continuing act: no check at all.
        ({"began_on": "2010-01-01", "discovered_on": "2026-03-01"}, [], False),
    ],
)
def test_time01_limitation_period(violation: dict[str, Any], flags: list[str], fires: bool) -> None:
    report = check(limitation_case(violation, flags=flags, filed_on="2026-03-02"))
    if fires:
        finding = one(report, "TIME-01")
        assert_normal(finding, "procedure", "error")
        assert cn(violation["ended_on"]) in finding.message
        assert cn(violation["discovered_on"]) in finding.message
        assert "第三十六条" in finding.message
        assert "violation" in finding.refs
    else:
        silent(report, "TIME-01")


def test_time01_message_names_the_five_year_period() -> None:
    report = check(
        limitation_case(
            {"ended_on": "2021-03-01", "discovered_on": "2026-03-02"},
            flags=["life_health_or_financial", "harm_caused"],
        )
    )
    assert mentions(one(report, "TIME-01").message, "5年", "五年")


@pytest.mark.parametrize(
    ("events", "filed_on", "fires"),
    [
        # earliest complaint/inspection/filing event decides (ended_on 2024-03-01)
        ([ev("c1", "complaint", "2026-03-02"), inspection("e1", "2026-03-05")], None, True),
        ([ev("c1", "complaint", "2026-03-01"), inspection("e1", "2026-03-05")], None, False),
        ([inspection("e1", "2026-03-05"), ev("f1", "filing", "2026-03-01")], None, False),
        # an interview is not a discovery event: the inspection on 03-02 decides
        (
            [ev("i1", "interview", "2026-02-01", officers=BOTH), inspection("e1", "2026-03-02")],
            None,
            True,
        ),
        # the event's local date: 2026-03-01T17:00Z is 2026-03-02 01:00 in Beijing
        ([inspection("e1", "2026-03-01T17:00:00Z")], None, True),
        ([inspection("e1", "2026-03-01T15:59:00Z")], None, False),
        # no discovery event: filed_on
        ([notice("n1", "2026-03-03")], "2026-03-02", True),
        ([notice("n1", "2026-03-03")], "2026-03-01", False),
        # no discovery date at all: nothing to compare
        ([notice("n1", "2026-03-03")], None, False),
    ],
)
def test_time01_discovery_date_fallbacks(
    events: list[dict[str, Any]], filed_on: str | None, fires: bool
) -> None:
    extra = {"filed_on": filed_on} if filed_on else {}
    report = check(limitation_case({"ended_on": "2024-03-01"}, events=events, **extra))
    assert bool(fired(report, "TIME-01")) is fires, [f.message for f in report.findings]


def test_time01_discovered_on_wins_over_events_and_filing() -> None:
    report = check(
        limitation_case(
            {"ended_on": "2024-03-01", "discovered_on": "2026-03-01"},
            events=[inspection("e1", "2026-03-05")],
            filed_on="2026-03-06",
        )
    )
    silent(report, "TIME-01")


def test_time01_only_for_penalties() -> None:
    violation = {"ended_on": "2020-01-01", "discovered_on": "2026-03-01"}
    silent(check(limitation_case(violation, action_type="coercion")), "TIME-01")


def test_time01_years_come_from_the_pack() -> None:
    violation = {"ended_on": "2023-03-01", "discovered_on": "2026-03-01"}
    assert fired(check(limitation_case(violation)), "TIME-01")
    silent(check(limitation_case(violation), pack(limitation_years={"default": 3})), "TIME-01")


@pytest.mark.parametrize(
    ("ended_on", "fires"),
    [("2025-06-01", False), ("2024-06-01", True)],
)
def test_time01_does_not_depend_on_the_calendar_coverage(ended_on: str, fires: bool) -> None:
    # Discovery in 2027 (past covered_through): limitation years count no working days, so the
    # rule reports normally — never approximate.
    report = check(
        limitation_case(
            {"ended_on": ended_on, "discovered_on": "2027-01-15"},
            submitted_at=at("2027-02-01"),
        )
    )
    if fires:
        assert_normal(one(report, "TIME-01"), "procedure", "error")
    else:
        silent(report, "TIME-01")


# --------------------------------------------------------------------------------------------
# TIME-02 — the 90-day case deadline (procedure, warning); calendar days, rolled
# --------------------------------------------------------------------------------------------
# filed 2026-01-05 + 90 days = 2026-04-05 (Sunday, 清明 holiday 04-04..06) → rolls to 04-07.


def deadline_case(
    *,
    filed_on: str | None = "2026-01-05",
    submitted: str = at("2026-04-07"),
    events: list[dict[str, Any]] | None = None,
    decided_on: str | None = None,
    **extra: Any,
) -> Any:
    fields: dict[str, Any] = {
        "submitted_at": submitted,
        "events": events if events is not None else [inspection("e1", "2026-01-05")],
    }
    if filed_on:
        fields["filed_on"] = filed_on
    if decided_on:
        fields["proposed_decision"] = decision(fine(80000), decided_on=decided_on)
    fields.update(extra)
    return case(**fields)


@pytest.mark.parametrize(
    ("submitted", "fires"),
    [
        (at("2026-04-05"), False),
        (at("2026-04-07", "17:30"), False),  # the rolled last day is still in time
        (at("2026-04-08", "08:00"), True),
        (at("2026-04-07", "15:59", "Z"), False),  # 23:59 Beijing time on 04-07
        (at("2026-04-07", "17:30", "Z"), True),  # 01:30 Beijing time on 04-08
    ],
)
def test_time02_deadline_rolls_past_the_qingming_holiday(submitted: str, fires: bool) -> None:
    report = check(deadline_case(submitted=submitted))
    if fires:
        finding = one(report, "TIME-02")
        assert_normal(finding, "procedure", "warning")
        assert cn("2026-01-05") in finding.message
        assert cn("2026-04-08") in finding.message  # the end date (Beijing date of submission)
        assert mentions(finding.message, "九十日", "90日")
    else:
        silent(report, "TIME-02")


@pytest.mark.parametrize(
    ("submitted", "fires"), [(at("2026-02-28"), False), (at("2026-03-02"), True)]
)
def test_time02_last_day_on_an_adjusted_working_saturday_does_not_roll(
    submitted: str, fires: bool
) -> None:
    # filed 2025-11-30 + 90 = Sat 2026-02-28, a 调休 working day: the deadline stays there.
    report = check(deadline_case(filed_on="2025-11-30", submitted=submitted))
    assert bool(fired(report, "TIME-02")) is fires


def test_time02_without_rolling_the_last_day_is_the_holiday_itself() -> None:
    assert fired(check(deadline_case(submitted=at("2026-04-07")), no_roll_pack()), "TIME-02")
    silent(check(deadline_case(submitted=at("2026-04-05")), no_roll_pack()), "TIME-02")


@pytest.mark.parametrize(
    ("submitted", "decided_on", "fires"),
    [
        (at("2026-04-01"), "2026-04-08", True),  # decided_on, when given, is the end date
        (at("2026-04-20"), "2026-04-07", False),
    ],
)
def test_time02_decided_on_is_the_end_date(submitted: str, decided_on: str, fires: bool) -> None:
    report = check(deadline_case(submitted=submitted, decided_on=decided_on))
    assert bool(fired(report, "TIME-02")) is fires


@pytest.mark.parametrize(
    ("extension", "fires"),
    [
        ({}, False),  # no `until`: open-ended approval
        ({"until": "2026-04-08"}, False),  # until on the end date
        ({"until": "2026-05-30"}, False),
        ({"until": "2026-04-07"}, True),  # until before the end date
    ],
)
def test_time02_extension_approval(extension: dict[str, Any], fires: bool) -> None:
    events = [
        inspection("e1", "2026-01-05"),
        ev("x1", "extension_approval", "2026-03-30", **extension),
    ]
    report = check(deadline_case(submitted=at("2026-04-08"), events=events))
    assert bool(fired(report, "TIME-02")) is fires


@pytest.mark.parametrize(
    "fields",
    [{"procedure": "simple"}, {"action_type": "coercion"}],
)
def test_time02_only_for_ordinary_penalties(fields: dict[str, Any]) -> None:
    silent(check(deadline_case(submitted=at("2026-06-30"), **fields)), "TIME-02")


def test_time02_without_filed_on_no_check() -> None:
    silent(check(deadline_case(filed_on=None, submitted=at("2026-06-30"))), "TIME-02")


def test_time02_period_length_comes_from_the_pack() -> None:
    # 60 calendar days after 2026-01-05 = 2026-03-06 (a Friday, no roll).
    the_pack = pack(case_deadline_days=60)
    silent(check(deadline_case(submitted=at("2026-03-06")), the_pack), "TIME-02")
    assert fired(check(deadline_case(submitted=at("2026-03-09")), the_pack), "TIME-02")


def test_time02_past_the_calendar_is_approximate_when_the_outcome_depends_on_it() -> None:
    # filed 2026-10-03 + 90 = 2027-01-01: whether it rolls depends on the 2027 calendar.
    report = check(deadline_case(filed_on="2026-10-03", submitted=at("2027-01-04")))
    finding = one(report, "TIME-02")
    assert_approximate(finding)
    assert cn("2026-10-03") in finding.message
    assert report.approximate is True
    assert report.to_json()["approximate"] is True


def test_time02_past_the_calendar_but_in_time_whatever_2027_holds() -> None:
    # The end date is D+N itself: rolling can only move the deadline later.
    report = check(deadline_case(filed_on="2026-10-03", submitted=at("2027-01-01")))
    silent(report, "TIME-02")


def test_time02_deadline_inside_the_calendar_reports_normally_after_it() -> None:
    # filed 2026-10-02 + 90 = 2026-12-31, a Thursday working day: nothing uncovered decides.
    report = check(deadline_case(filed_on="2026-10-02", submitted=at("2027-01-04")))
    assert_normal(one(report, "TIME-02"), "procedure", "warning")
    assert report.approximate is False


# --------------------------------------------------------------------------------------------
# TIME-04 — notice of intent with statement and defence rights (procedure, error)
# --------------------------------------------------------------------------------------------


def test_time04_no_notice() -> None:
    report = check(case())
    finding = one(report, "TIME-04")
    assert_normal(finding, "procedure", "error")
    assert "告知" in finding.message


@pytest.mark.parametrize(
    ("rights", "missing"),
    [
        (("statement", "defence"), None),
        (("statement", "defence", "hearing"), None),
        (("statement",), "申辩"),
        (("defence", "hearing"), "陈述"),
        ((), "陈述"),
    ],
)
def test_time04_notice_rights(rights: tuple[str, ...], missing: str | None) -> None:
    report = check(case(events=[inspection(), notice("n1", "2026-03-05", rights)]))
    if missing is None:
        silent(report, "TIME-04")
    else:
        finding = one(report, "TIME-04")
        assert_normal(finding, "procedure", "error")
        assert missing in finding.message
        assert "n1" in finding.refs


def test_time04_the_latest_notice_before_submission_decides() -> None:
    full_then_partial = [
        inspection(),
        notice("n1", "2026-03-02"),
        notice("n2", "2026-03-05", ("statement",)),
    ]
    finding = one(check(case(events=full_then_partial)), "TIME-04")
    assert "n2" in finding.refs
    partial_then_full = [
        inspection(),
        notice("n1", "2026-03-02", ("statement",)),
        notice("n2", "2026-03-05"),
    ]
    silent(check(case(events=partial_then_full)), "TIME-04")


@pytest.mark.parametrize(
    ("when", "counts"),
    [
        ("2026-03-10T08:59:00+08:00", True),
        ("2026-03-10T01:00:00Z", False),  # the very instant of submitted_at is not "before" it
        ("2026-03-11T09:00:00+08:00", False),
    ],
)
def test_time04_only_a_notice_before_submitted_at_counts(when: str, counts: bool) -> None:
    report = check(case(events=[inspection(), notice("n1", when)]))
    if counts:
        silent(report, "TIME-04")
    else:
        assert_normal(one(report, "TIME-04"), "procedure", "error")


@pytest.mark.parametrize("fields", [{"procedure": "simple"}, {"action_type": "coercion"}])
def test_time04_only_for_ordinary_penalties(fields: dict[str, Any]) -> None:
    silent(check(case(**fields)), "TIME-04")


# --------------------------------------------------------------------------------------------
# TIME-05 — submitted before the statement period ended (procedure, warning); working days
# --------------------------------------------------------------------------------------------


def statement_case(notice_at: str, submitted: str, **notice_extra: Any) -> Any:
    return case(
        submitted_at=submitted,
        events=[inspection("e1", "2026-01-05"), notice("n1", notice_at, **notice_extra)],
    )


@pytest.mark.parametrize(
    ("notice_at", "submitted", "last_day", "fires"),
    [
        # 3 working days after Mon 03-02: 03-03, 03-04, 03-05.
        ("2026-03-02", at("2026-03-05", "17:00"), "2026-03-05", True),
        ("2026-03-02", at("2026-03-06", "08:30"), "2026-03-05", False),
        # After Thu 02-12: 02-13, Sat 02-14 (调休 working day), then the Spring Festival
        # holiday 02-15..23, then 02-24.
        ("2026-02-12", at("2026-02-24"), "2026-02-24", True),
        ("2026-02-12", at("2026-02-25"), "2026-02-24", False),
        # A notice at 2026-03-01T20:00Z is delivered on Monday 03-02 in Beijing.
        ("2026-03-01T20:00:00Z", at("2026-03-05"), "2026-03-05", True),
        # submitted 2026-03-05T16:30Z is 03-06 00:30 in Beijing: after the period.
        ("2026-03-02", at("2026-03-05", "16:30", "Z"), "2026-03-05", False),
    ],
)
def test_time05_statement_period(
    notice_at: str, submitted: str, last_day: str, fires: bool
) -> None:
    report = check(statement_case(notice_at, submitted), statement_pack())
    if fires:
        finding = one(report, "TIME-05")
        assert_normal(finding, "procedure", "warning")
        assert mentions(finding.message, "3个工作日", "三个工作日")
        assert "陈述" in finding.message
        assert "n1" in finding.refs
    else:
        silent(report, "TIME-05")


def test_time05_only_when_the_pack_sets_a_period() -> None:
    # The baseline has statement_period_working_days: null.
    silent(check(statement_case("2026-03-09", at("2026-03-10"))), "TIME-05")


def test_time05_waived_notice() -> None:
    report = check(statement_case("2026-03-09", at("2026-03-10"), waived=True), statement_pack())
    silent(report, "TIME-05")


def test_time05_the_latest_notice_before_submission_decides() -> None:
    events = [
        inspection("e1", "2026-01-05"),
        notice("n1", "2026-03-02"),  # period ended 03-05
        notice("n2", "2026-03-04"),  # period ends 03-09
        notice("n3", "2026-03-20"),  # after submission: not the notice
    ]
    report = check(case(submitted_at=at("2026-03-06"), events=events), statement_pack())
    assert "n2" in one(report, "TIME-05").refs


def test_time05_no_notice_before_submission() -> None:
    events = [inspection("e1", "2026-01-05"), notice("n1", "2026-03-11")]
    report = check(case(submitted_at=at("2026-03-10"), events=events), statement_pack())
    silent(report, "TIME-05")


def test_time05_wholly_uncovered_but_certainly_early_reports_normally() -> None:
    # Submitted the day after the notice: inside any 3-working-day period.
    report = check(statement_case("2027-03-01", at("2027-03-02")), statement_pack())
    assert_normal(one(report, "TIME-05"), "procedure", "warning")


def test_time05_past_the_calendar_is_approximate() -> None:
    # After Wed 2026-12-30 only 12-31 is covered; the 2nd and 3rd working days are in 2027.
    report = check(statement_case("2026-12-30", at("2027-01-04")), statement_pack())
    assert_approximate(one(report, "TIME-05"))
    assert report.approximate is True


def test_time05_inside_an_uncovered_period_but_certain_reports_normally() -> None:
    # Submitted on the first working day after the notice: early whatever 2027 holds.
    report = check(statement_case("2026-12-30", at("2026-12-31")), statement_pack())
    assert_normal(one(report, "TIME-05"), "procedure", "warning")
    assert report.approximate is False


# --------------------------------------------------------------------------------------------
# TIME-06 — late hearing request (procedure, warning); 5 working days after the notice
# --------------------------------------------------------------------------------------------

HEARING_RIGHTS = ("statement", "defence", "hearing")


def request_case(notice_at: str, request_at: str, *extra_events: dict[str, Any]) -> Any:
    return case(
        submitted_at=at("2026-12-31", "18:00"),
        events=[
            inspection("e1", "2026-01-05"),
            notice("n1", notice_at, HEARING_RIGHTS),
            ev("q1", "hearing_request", request_at),
            *extra_events,
        ],
    )


@pytest.mark.parametrize(
    ("notice_at", "request_at", "local_day", "fires"),
    [
        # Mon 03-02 → 03-03, 04, 05, 06, 09: last day Mon 03-09.
        ("2026-03-02", "2026-03-09", "2026-03-09", False),
        ("2026-03-02", at("2026-03-09", "23:59"), "2026-03-09", False),
        ("2026-03-02", "2026-03-10", "2026-03-10", True),
        ("2026-03-02", "2026-03-09T16:30:00Z", "2026-03-10", True),  # 00:30 in Beijing
        # Wed 02-11 → 02-12, 02-13, Sat 02-14 (调休), [02-15..23 holiday], 02-24, 02-25.
        ("2026-02-11", "2026-02-25", "2026-02-25", False),
        ("2026-02-11", "2026-02-26", "2026-02-26", True),
        # Tue 09-29 → 09-30, [10-01..07 holiday], 10-08, 10-09, Sat 10-10 (调休), Mon 10-12.
        ("2026-09-29", "2026-10-12", "2026-10-12", False),
        ("2026-09-29", "2026-10-13", "2026-10-13", True),
        # Notice on Sat 02-14 (调休) → 02-24, 25, 26, 27, Sat 02-28 (调休): last day 02-28.
        ("2026-02-14", "2026-02-28", "2026-02-28", False),
        ("2026-02-14", "2026-03-02", "2026-03-02", True),
    ],
)
def test_time06_hearing_request_period_in_working_days(
    notice_at: str, request_at: str, local_day: str, fires: bool
) -> None:
    report = check(request_case(notice_at, request_at))
    if fires:
        finding = one(report, "TIME-06")
        assert_normal(finding, "procedure", "warning")
        assert "q1" in finding.refs
        assert "n1" in finding.refs
        assert "听证" in finding.message
        assert cn(local_day) in finding.message
        assert cn(notice_at) in finding.message
    else:
        silent(report, "TIME-06")


@pytest.mark.parametrize(
    ("the_pack", "notice_at", "request_at", "fires"),
    [
        # 5 not in working_day_periods_days: Wed 03-04 + 5 = Mon 03-09 (calendar days).
        ("calendar", "2026-03-04", "2026-03-09", False),
        ("calendar", "2026-03-04", "2026-03-10", True),
        ("working", "2026-03-04", "2026-03-10", False),  # working days: last day 03-11
        # Mon 03-02 + 5 = Sat 03-07 → rolled to Mon 03-09 ...
        ("calendar", "2026-03-02", "2026-03-09", False),
        # ... unless the pack turns rolling off.
        ("calendar-no-roll", "2026-03-02", "2026-03-09", True),
    ],
)
def test_time06_calendar_day_period_and_rolling(
    the_pack: str, notice_at: str, request_at: str, fires: bool
) -> None:
    packs = {
        "calendar": calendar_day_pack,
        "calendar-no-roll": calendar_day_no_roll_pack,
        "working": lambda: shipped("cn-national-baseline"),
    }
    report = check(request_case(notice_at, request_at), packs[the_pack]())
    assert bool(fired(report, "TIME-06")) is fires, [f.message for f in report.findings]


@pytest.mark.parametrize(("request_at", "fires"), [("2026-09-20", False), ("2026-09-21", True)])
def test_time06_calendar_day_period_ending_on_an_adjusted_working_sunday(
    request_at: str, fires: bool
) -> None:
    # Calendar days: Tue 09-15 + 5 = Sun 09-20, a 调休 working day: no roll.
    report = check(request_case("2026-09-15", request_at), calendar_day_pack())
    assert bool(fired(report, "TIME-06")) is fires


def test_time06_weekend_days_come_from_the_pack() -> None:
    # Lists replace: with only Sunday as weekend, Sat 03-07 is the 5th working day after 03-02.
    sunday_only = pack(calendar={"weekend": ["sun"]})
    assert fired(check(request_case("2026-03-02", "2026-03-09"), sunday_only), "TIME-06")
    silent(check(request_case("2026-03-02", "2026-03-07"), sunday_only), "TIME-06")


def test_time06_its_notice_is_the_latest_with_the_hearing_right_before_the_request() -> None:
    the_case = case(
        submitted_at=at("2026-04-30"),
        events=[
            inspection("e1", "2026-01-05"),
            notice("n1", "2026-03-02", HEARING_RIGHTS),  # its notice: period ends 03-09
            notice("n2", "2026-03-12"),  # later, but no hearing right
            ev("q1", "hearing_request", "2026-03-13"),
            notice("n3", "2026-03-20", HEARING_RIGHTS),  # after the request
        ],
    )
    assert_normal(one(check(the_case), "TIME-06"), "procedure", "warning")


def test_time06_a_later_hearing_notice_restarts_the_period() -> None:
    the_case = case(
        submitted_at=at("2026-04-30"),
        events=[
            inspection("e1", "2026-01-05"),
            notice("n1", "2026-03-02", HEARING_RIGHTS),
            notice("n2", "2026-03-12", HEARING_RIGHTS),  # period ends 03-19
            ev("q1", "hearing_request", "2026-03-13"),
        ],
    )
    silent(check(the_case), "TIME-06")


def test_time06_no_notice_with_the_hearing_right() -> None:
    the_case = case(
        submitted_at=at("2026-04-30"),
        events=[
            inspection("e1", "2026-01-05"),
            notice("n1", "2026-03-02"),
            ev("q1", "hearing_request", "2026-04-20"),
        ],
    )
    silent(check(the_case), "TIME-06")


def test_time06_period_length_comes_from_the_pack() -> None:
    # 3 is a working-day length: after Mon 03-02 → 03-03, 03-04, 03-05.
    the_pack = pack(periods={"hearing_request_days": 3})
    assert fired(check(request_case("2026-03-02", "2026-03-06"), the_pack), "TIME-06")
    silent(check(request_case("2026-03-02", "2026-03-05"), the_pack), "TIME-06")


def test_time06_past_the_calendar_is_approximate() -> None:
    # Mon 2026-12-28 → 12-29, 12-30, 12-31, then two working days in 2027 (unknown).
    report = check(request_case("2026-12-28", "2027-01-08"))
    finding = one(report, "TIME-06")
    assert_approximate(finding)
    assert "q1" in finding.refs
    assert report.approximate is True


def test_time06_before_covered_from_is_approximate_too() -> None:
    # Tue 2003-12-30: whether 2003-12-31 is a working day is unknown (covered from 2004-01-01).
    # If it is, the 5th working day is 2004-01-07; if not, 2004-01-08.
    report = check(request_case("2003-12-30", "2004-01-08"))
    assert_approximate(one(report, "TIME-06"))
    silent(check(request_case("2003-12-30", "2004-01-07")), "TIME-06")


@pytest.mark.parametrize("request_at", ["2026-12-31", "2027-01-02"])
def test_time06_past_the_calendar_but_in_time_whatever_2027_holds(request_at: str) -> None:
    silent(check(request_case("2026-12-28", request_at)), "TIME-06")


def test_time06_covered_through_comes_from_the_pack() -> None:
    # The calendar map merges: only covered_through moves, to 2026-03-31.
    short = pack(calendar={"covered_through": "2026-03-31"})
    # Fri 03-27 → 03-30, 03-31, then three working days in April (not covered).
    assert_approximate(one(check(request_case("2026-03-27", "2026-04-08"), short), "TIME-06"))
    silent(check(request_case("2026-03-27", "2026-03-31"), short), "TIME-06")
    # The same case with the full calendar: last day Fri 04-03, so 04-08 is simply late.
    assert_normal(
        one(check(request_case("2026-03-27", "2026-04-08")), "TIME-06"), "procedure", "warning"
    )


def test_time06_dates_are_taken_in_the_pack_timezone() -> None:
    utc_pack = pack(timezone="+00:00")
    # Notice at 02:00 Beijing on Mon 03-02 is Sun 03-01 18:00 UTC; request 03-09 10:00 Beijing
    # is 03-09 02:00 UTC. In UTC: 5 working days after Sun 03-01 end on Fri 03-06 → late.
    the_case = request_case(at("2026-03-02", "02:00"), at("2026-03-09"))
    assert fired(check(the_case, utc_pack), "TIME-06")
    silent(check(the_case), "TIME-06")  # Beijing time: last day 03-09, in time


def test_time06_standalone_pack_defaults_to_beijing_time() -> None:
    # No `timezone` key: "+08:00" by default. 2026-03-09T16:30Z is 03-10 00:30 in Beijing.
    standalone = pack(
        extends=None,
        periods={"hearing_request_days": 5},
        day_counting={"working_day_periods_days": [5]},
        calendar={
            "weekend": ["sat", "sun"],
            "holidays": [],
            "covered_from": "2026-01-01",
            "covered_through": "2026-12-31",
        },
    )
    assert_normal(
        one(check(request_case("2026-03-02", "2026-03-09T16:30:00Z"), standalone), "TIME-06"),
        "procedure",
        "warning",
    )
    silent(check(request_case("2026-03-02", "2026-03-09T15:30:00Z"), standalone), "TIME-06")


def test_time06_a_pack_without_calendar_never_guesses_working_days() -> None:
    # No calendar at all: no date is covered, so a working-day outcome is only approximate.
    bare = pack(
        extends=None,
        periods={"hearing_request_days": 5},
        day_counting={"working_day_periods_days": [5]},
    )
    assert_approximate(one(check(request_case("2026-03-02", "2026-03-10"), bare), "TIME-06"))
    silent(check(request_case("2026-03-02", "2026-03-03"), bare), "TIME-06")


# --------------------------------------------------------------------------------------------
# TIME-07 — hearing notice at least 7 working days ahead (procedure, error); never rolled
# --------------------------------------------------------------------------------------------


def hearing_notice_case(notice_at: str, hearing_at: str) -> Any:
    return case(
        submitted_at=at("2026-12-31", "18:00"),
        events=[
            inspection("e1", "2026-01-05"),
            ev("hn1", "hearing_notice", notice_at, hearing_at=hearing_at),
        ],
    )


@pytest.mark.parametrize(
    ("notice_at", "hearing_at", "fires"),
    [
        # Mon 03-02 → 03-03, 04, 05, 06, 09, 10, 11: the hearing may be on Wed 03-11.
        ("2026-03-02", at("2026-03-11", "09:00"), False),
        ("2026-03-02", at("2026-03-10", "15:00"), True),
        # 2026-03-10T16:30Z is 03-11 00:30 in Beijing: on the last day, allowed.
        ("2026-03-02", "2026-03-10T16:30:00Z", False),
        # The notice at 2026-03-02T17:00Z is delivered on Tue 03-03 in Beijing: last day 03-12.
        ("2026-03-02T17:00:00Z", at("2026-03-11"), True),
        # Tue 02-10 → 02-11, 12, 13, Sat 02-14 (调休), [holiday], 02-24, 25, 26.
        ("2026-02-10", at("2026-02-26"), False),
        ("2026-02-10", at("2026-02-25"), True),
        # Tue 02-24 → 02-25, 26, 27, Sat 02-28 (调休), 03-02, 03, 04.
        ("2026-02-24", at("2026-03-04"), False),
        ("2026-02-24", at("2026-03-03"), True),
        # Thu 09-24 → [09-25..27 holiday] 09-28, 29, 30, [10-01..07], 10-08, 09, Sat 10-10 (调休), 10-12.
        ("2026-09-24", at("2026-10-12"), False),
        ("2026-09-24", at("2026-10-10"), True),
    ],
)
def test_time07_hearing_notice_period_in_working_days(
    notice_at: str, hearing_at: str, fires: bool
) -> None:
    report = check(hearing_notice_case(notice_at, hearing_at))
    if fires:
        finding = one(report, "TIME-07")
        assert_normal(finding, "procedure", "error")
        assert "hn1" in finding.refs
        assert mentions(finding.message, "七个工作日", "7个工作日")
    else:
        silent(report, "TIME-07")


def test_time07_message_names_both_dates() -> None:
    message = one(check(hearing_notice_case("2026-03-02", at("2026-03-10"))), "TIME-07").message
    assert cn("2026-03-02") in message
    assert cn("2026-03-10") in message


@pytest.mark.parametrize(
    ("hearing_at", "fires"),
    [
        # Calendar days: Thu 09-24 + 7 = 10-01, a holiday. TIME-07 is not rolled, so 10-01
        # itself is the last day and a hearing on it is allowed.
        (at("2026-10-01"), False),
        (at("2026-09-30"), True),
    ],
)
def test_time07_calendar_day_period_is_never_rolled(hearing_at: str, fires: bool) -> None:
    report = check(hearing_notice_case("2026-09-24", hearing_at), calendar_day_pack())
    assert bool(fired(report, "TIME-07")) is fires, [f.message for f in report.findings]


def test_time07_hearing_notice_without_hearing_at_is_not_checked() -> None:
    the_case = case(events=[inspection(), ev("hn1", "hearing_notice", "2026-03-05")])
    silent(check(the_case), "TIME-07")


def test_time07_past_the_calendar_is_an_approximate_warning() -> None:
    # Thu 12-24 → 12-25, 28, 29, 30, 31, then two working days in 2027 (unknown).
    report = check(hearing_notice_case("2026-12-24", at("2027-01-05")))
    finding = one(report, "TIME-07")
    assert_approximate(finding)  # a warning, not an error, while the calendar is unknown
    assert "hn1" in finding.refs
    assert report.approximate is True


def test_time07_wholly_uncovered_but_certainly_too_early_is_a_plain_error() -> None:
    # Hearing 4 calendar days after the notice: the 7th working day is at least 7 days later,
    # whatever the 2027 calendar holds, so nothing uncovered decides the outcome.
    report = check(
        case(
            submitted_at=at("2027-03-20"),
            events=[
                inspection("e1", "2026-01-05"),
                ev("hn1", "hearing_notice", "2027-03-01", hearing_at=at("2027-03-05")),
            ],
        )
    )
    finding = one(report, "TIME-07")
    assert_normal(finding, "procedure", "error")
    assert cn("2027-03-05") in finding.message


def test_time07_too_early_whatever_2027_holds_is_a_plain_error() -> None:
    # The hearing on 12-31 is before the 7th working day whatever 2027's calendar says.
    report = check(hearing_notice_case("2026-12-24", at("2026-12-31")))
    assert_normal(one(report, "TIME-07"), "procedure", "error")
    assert report.approximate is False


# --------------------------------------------------------------------------------------------
# TIME-08 — handling decision after 先行登记保存 within 7 working days (procedure, error)
# --------------------------------------------------------------------------------------------


def preservation_case(
    preserved: str, decided: list[str], submitted: str = at("2026-12-31", "18:00")
) -> Any:
    events = [
        ev("p1", "evidence_preservation", preserved, officers=BOTH),
        *(ev(f"pd{i}", "preservation_decision", when) for i, when in enumerate(decided, 1)),
    ]
    return case(submitted_at=submitted, events=events)


@pytest.mark.parametrize(
    ("preserved", "decided", "fires"),
    [
        # Mon 03-02 → last day Wed 03-11.
        ("2026-03-02", "2026-03-11", False),
        ("2026-03-02", at("2026-03-11", "23:30"), False),
        ("2026-03-02", "2026-03-12", True),
        ("2026-03-02", "2026-03-11T16:30:00Z", True),  # 03-12 00:30 in Beijing
        # Tue 02-10 → 02-11, 12, 13, Sat 02-14 (调休), [holiday], 02-24, 25, 26.
        ("2026-02-10", "2026-02-26", False),
        ("2026-02-10", "2026-02-27", True),
    ],
)
def test_time08_preservation_decision_in_working_days(
    preserved: str, decided: str, fires: bool
) -> None:
    report = check(preservation_case(preserved, [decided]))
    if fires:
        finding = one(report, "TIME-08")
        assert_normal(finding, "procedure", "error")
        assert "p1" in finding.refs
        assert cn(preserved) in finding.message
        assert "先行登记保存" in finding.message
    else:
        silent(report, "TIME-08")


def test_time08_first_later_decision_counts_whatever_the_list_order() -> None:
    silent(check(preservation_case("2026-03-02", ["2026-03-20", "2026-03-05"])), "TIME-08")


def test_time08_a_decision_before_the_preservation_does_not_count() -> None:
    report = check(preservation_case("2026-03-02", ["2026-03-01"], submitted=at("2026-03-20")))
    assert_normal(one(report, "TIME-08"), "procedure", "error")


@pytest.mark.parametrize(
    ("submitted", "fires"),
    [
        (at("2026-03-11", "17:00"), False),  # still inside the period (last day 03-11)
        (at("2026-03-12", "09:00"), True),  # the period ended before submission
    ],
)
def test_time08_no_decision_at_all(submitted: str, fires: bool) -> None:
    report = check(preservation_case("2026-03-02", [], submitted=submitted))
    if fires:
        finding = one(report, "TIME-08")
        assert_normal(finding, "procedure", "error")
        assert "p1" in finding.refs
    else:
        silent(report, "TIME-08")


def test_time08_each_preservation_is_checked_against_its_own_first_later_decision() -> None:
    the_case = case(
        submitted_at=at("2026-03-30"),
        events=[
            ev("p1", "evidence_preservation", "2026-03-02", officers=BOTH),
            ev("pd1", "preservation_decision", "2026-03-05"),
            ev("p2", "evidence_preservation", "2026-03-06", officers=BOTH),  # none after it
        ],
    )
    finding = one(check(the_case), "TIME-08")
    assert "p2" in finding.refs
    assert "p1" not in finding.refs


@pytest.mark.parametrize(
    ("the_pack", "decided", "fires"),
    [
        # Calendar days: Thu 09-24 + 7 = 10-01 (holiday) → rolled to Thu 10-08.
        ("calendar", "2026-10-08", False),
        ("calendar", "2026-10-09", True),
        ("calendar-no-roll", "2026-10-08", True),
        ("calendar-no-roll", "2026-10-01", False),
    ],
)
def test_time08_calendar_day_period_is_rolled(the_pack: str, decided: str, fires: bool) -> None:
    packs = {"calendar": calendar_day_pack, "calendar-no-roll": calendar_day_no_roll_pack}
    report = check(preservation_case("2026-09-24", [decided]), packs[the_pack]())
    assert bool(fired(report, "TIME-08")) is fires, [f.message for f in report.findings]


@pytest.mark.parametrize(("decided", "fires"), [("2026-10-10", False), ("2026-10-12", True)])
def test_time08_calendar_day_period_ending_on_an_adjusted_working_saturday(
    decided: str, fires: bool
) -> None:
    # Calendar days: Sat 10-03 + 7 = Sat 10-10, a 调休 working day: no roll to Monday.
    report = check(preservation_case("2026-10-03", [decided]), calendar_day_pack())
    assert bool(fired(report, "TIME-08")) is fires


def test_time08_past_the_calendar_is_an_approximate_warning() -> None:
    report = check(preservation_case("2026-12-24", ["2027-01-06"], submitted=at("2027-01-20")))
    finding = one(report, "TIME-08")
    assert_approximate(finding)
    assert "p1" in finding.refs


def test_time08_wholly_uncovered_but_certainly_in_time_is_silent() -> None:
    report = check(preservation_case("2027-03-01", ["2027-03-03"], submitted=at("2027-03-20")))
    silent(report, "TIME-08")


def test_time08_no_decision_and_submitted_past_the_calendar_is_approximate() -> None:
    report = check(preservation_case("2026-12-24", [], submitted=at("2027-01-06")))
    assert_approximate(one(report, "TIME-08"))


@pytest.mark.parametrize(
    ("decided", "submitted"),
    [(["2026-12-31"], at("2027-01-20")), ([], at("2026-12-31", "17:00"))],
)
def test_time08_past_the_calendar_but_certain_is_silent(decided: list[str], submitted: str) -> None:
    silent(check(preservation_case("2026-12-24", decided, submitted=submitted)), "TIME-08")


# --------------------------------------------------------------------------------------------
# PARTY-01 — minors (party, error / warning)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "violation", "flags", "severity"),
    [
        ("2012-02-10", {"began_on": "2026-02-09"}, [], "error"),  # 13
        # 周岁 count from the day after the birthday (法释〔2006〕1号 第二条)
        ("2012-02-10", {"began_on": "2026-02-10"}, [], "error"),  # 14th birthday: still 13
        ("2012-02-10", {"began_on": "2026-02-11"}, [], "warning"),  # 14
        ("2012-02-10", {"began_on": "2026-02-11"}, ["reduced_penalty"], None),
        ("2012-02-10", {"began_on": "2026-02-09"}, ["reduced_penalty"], "error"),
        ("2008-02-10", {"began_on": "2026-02-09"}, [], "warning"),  # 17
        ("2008-02-10", {"began_on": "2026-02-10"}, [], "warning"),  # 18th birthday: still 17
        ("2008-02-10", {"began_on": "2026-02-11"}, [], None),  # 18
        # began_on before ended_on
        ("2012-02-10", {"began_on": "2026-02-09", "ended_on": "2026-02-20"}, [], "error"),
        ("2008-02-10", {"began_on": "2026-02-11", "ended_on": "2026-02-20"}, [], None),
        # ended_on when began_on is absent
        ("2012-02-10", {"ended_on": "2026-02-10"}, [], "error"),
        ("2012-02-10", {"ended_on": "2026-02-11"}, [], "warning"),
        # neither: no check (discovered_on is not the act date)
        ("2012-02-10", {"discovered_on": "2026-02-20"}, [], None),
        ("2012-02-10", None, [], None),
    ],
)
def test_party01_age_on_the_act_date(
    birth: str, violation: dict[str, Any] | None, flags: list[str], severity: str | None
) -> None:
    fields: dict[str, Any] = {"parties": [person("王小明", birth)], "flags": flags}
    if violation is not None:
        fields["violation"] = violation
    report = check(case(**fields))
    if severity is None:
        silent(report, "PARTY-01")
    else:
        finding = one(report, "PARTY-01")
        assert_normal(finding, "party", severity)
        assert "王小明" in finding.message
        assert "第三十条" in finding.message
        assert mentions(
            finding.message, *(("14", "十四") if severity == "error" else ("18", "十八"))
        )
        assert "party:0" in finding.refs


def test_party01_refs_name_the_party_index() -> None:
    report = check(
        case(
            parties=[organisation(), person("王小明", "2012-02-10")],
            violation={"began_on": "2026-02-09"},
        )
    )
    finding = one(report, "PARTY-01")
    assert "party:1" in finding.refs
    assert "party:0" not in finding.refs


@pytest.mark.parametrize(
    "party",
    [
        {"kind": "individual_business", "name": "王小明", "id_number": person_id("2016-01-01")},
        {"kind": "organisation", "name": "某某公司", "id_number": ORG_USCC},
    ],
)
def test_party01_only_persons(party: dict[str, Any]) -> None:
    silent(check(case(parties=[party], violation={"began_on": "2026-02-09"})), "PARTY-01")


def test_party01_only_penalties() -> None:
    the_case = case(
        action_type="coercion",
        parties=[person("王小明", "2016-01-01")],
        violation={"began_on": "2026-02-09"},
    )
    silent(check(the_case), "PARTY-01")


# --------------------------------------------------------------------------------------------
# PARTY-02 — identity numbers (party, error)
# --------------------------------------------------------------------------------------------

VALID_PERSON_ID = person_id("1990-05-17")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (VALID_PERSON_ID, True),
        (wrong_last(VALID_PERSON_ID), False),
        (ID_ENDING_IN_X, True),
        (ID_ENDING_IN_X[:-1] + "x", False),  # upper-case X only
        (person_id("2024-02-29"), True),  # a real leap day
        (person_id("2023-02-29"), False),  # not a real date, correct check character
        (person_id("1990-02-30"), False),
        (person_id("1990-13-01"), False),
        (VALID_PERSON_ID[:-1], False),  # 17 characters
        (VALID_PERSON_ID + "1", False),  # 19 characters
        ("370403900517123", False),  # the old 15-digit number
        (" " + VALID_PERSON_ID[1:], False),
    ],
)
def test_party02_person_identity_number(number: str, valid: bool) -> None:
    report = check(case(parties=[{"kind": "person", "name": "王小二", "id_number": number}]))
    if valid:
        silent(report, "PARTY-02")
    else:
        finding = one(report, "PARTY-02")
        assert_normal(finding, "party", "error")
        assert "王小二" in finding.message
        assert number.strip() in finding.message
        assert "party:0" in finding.refs


@pytest.mark.parametrize("check_character", list("0123456789X"))
def test_party02_every_gb11643_check_character(check_character: str) -> None:
    number = id_ending_in(check_character)
    silent(check(case(parties=[person("王小二") | {"id_number": number}])), "PARTY-02")
    wrong = number[:-1] + ("0" if check_character != "0" else "1")
    report = check(case(parties=[person("王小二") | {"id_number": wrong}]))
    assert_normal(one(report, "PARTY-02"), "party", "error")


@pytest.mark.parametrize("check_character", ["0", "1", "9", "A", "H", "Y"])
def test_party02_gb32100_check_characters(check_character: str) -> None:
    # 0 is the check character when the weighted sum is a multiple of 31 (31 - 0 → 0).
    code = uscc_ending_in(check_character)
    silent(check(case(parties=[organisation("某某有限公司", code)])), "PARTY-02")
    wrong = code[:-1] + ("1" if check_character != "1" else "0")
    report = check(case(parties=[organisation("某某有限公司", wrong)]))
    assert_normal(one(report, "PARTY-02"), "party", "error")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (ORG_USCC, True),
        (SHOP_USCC, True),
        (wrong_last(ORG_USCC), False),
        (ORG_USCC[:-1], False),
        ("91350100M000100I43", False),  # I is not a GB 32100 character
        ("91350100m000100Y43", False),  # lower-case letters are not GB 32100 characters
    ],
)
def test_party02_organisation_credit_code(number: str, valid: bool) -> None:
    report = check(case(parties=[organisation("某某有限公司", number)]))
    if valid:
        silent(report, "PARTY-02")
    else:
        finding = one(report, "PARTY-02")
        assert_normal(finding, "party", "error")
        assert "某某有限公司" in finding.message
        assert "party:0" in finding.refs


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (SHOP_USCC, True),  # a 统一社会信用代码 ...
        (VALID_PERSON_ID, True),  # ... or the operator's 居民身份证号码
        (wrong_last(SHOP_USCC), False),
        (wrong_last(VALID_PERSON_ID), False),
    ],
)
def test_party02_individual_business_either_number(number: str, valid: bool) -> None:
    report = check(case(parties=[organisation(), shop("薛城区某某便利店", number)]))
    if valid:
        silent(report, "PARTY-02")
    else:
        finding = one(report, "PARTY-02")
        assert_normal(finding, "party", "error")
        assert "薛城区某某便利店" in finding.message
        assert "party:1" in finding.refs


# --------------------------------------------------------------------------------------------
# OFF-01 — two officers who count on every investigative event (qualification, error)
# --------------------------------------------------------------------------------------------

INVESTIGATIVE = ["inspection", "interview", "sampling", "evidence_preservation"]


@pytest.mark.parametrize("kind", INVESTIGATIVE)
def test_off01_one_officer_on_an_investigative_event(kind: str) -> None:
    report = check(case(events=[ev("e1", kind, "2026-03-02", officers=[OFFICER_A])]))
    finding = one(report, "OFF-01")
    assert_normal(finding, "qualification", "error")
    assert "e1" in finding.refs
    assert cn("2026-03-02") in finding.message


@pytest.mark.parametrize("kind", INVESTIGATIVE)
def test_off01_two_valid_officers_pass(kind: str) -> None:
    silent(check(case(events=[ev("e1", kind, "2026-03-02", officers=BOTH)])), "OFF-01")


@pytest.mark.parametrize(
    "kind", ["filing", "notice_of_intent", "hearing", "seizure", "enforcement", "delivery"]
)
def test_off01_not_for_other_events(kind: str) -> None:
    events = [inspection("e0", "2026-03-01"), ev("e1", kind, "2026-03-02", officers=[OFFICER_A])]
    silent(check(case(events=events)), "OFF-01")


@pytest.mark.parametrize(
    "officers",
    [
        [OFFICER_A, "37049999"],  # not in case.officers
        [OFFICER_A, OFFICER_A],  # the same officer twice is one officer
        [],
        None,
    ],
)
def test_off01_officers_who_do_not_count(officers: list[str] | None) -> None:
    extra = {} if officers is None else {"officers": officers}
    report = check(case(events=[ev("e1", "inspection", "2026-03-02", **extra)]))
    finding = one(report, "OFF-01")
    assert_normal(finding, "qualification", "error")
    assert "e1" in finding.refs
    if officers and "37049999" in officers:
        assert "37049999" in finding.message


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-03-01", False),  # valid until 03-01: counts on 03-01
        (at("2026-03-01", "23:59"), False),
        ("2026-03-02", True),
        ("2026-03-01T16:30:00Z", True),  # 03-02 00:30 in Beijing: certificate expired
        ("2026-03-01T15:30:00Z", False),  # 03-01 23:30 in Beijing
    ],
)
def test_off01_certificate_valid_on_the_event_date(when: str, fires: bool) -> None:
    officers = [officer("张明", OFFICER_A), officer("李华", OFFICER_B, "2026-03-01")]
    report = check(case(officers=officers, events=[ev("e1", "inspection", when, officers=BOTH)]))
    if fires:
        finding = one(report, "OFF-01")
        assert_normal(finding, "qualification", "error")
        assert mentions(finding.message, OFFICER_B, "李华")
        assert f"officer:{OFFICER_B}" in finding.refs
    else:
        silent(report, "OFF-01")


def test_off01_min_officers_comes_from_the_pack() -> None:
    two = case(events=[inspection("e1", "2026-03-02")])
    assert fired(check(two, pack(min_officers=3)), "OFF-01")
    one_officer = case(events=[ev("e1", "interview", "2026-03-02", officers=[OFFICER_A])])
    silent(check(one_officer, pack(min_officers=1)), "OFF-01")


def test_off01_event_past_the_calendar_reports_normally() -> None:
    # Certificate validity needs no working-day calendar.
    officers = [officer("张明", OFFICER_A), officer("李华", OFFICER_B, "2026-12-31")]
    report = check(
        case(
            officers=officers,
            submitted_at=at("2027-02-01"),
            events=[ev("e1", "inspection", "2027-01-05", officers=BOTH)],
        )
    )
    assert_normal(one(report, "OFF-01"), "qualification", "error")


# --------------------------------------------------------------------------------------------
# OFF-03 — the hearing host investigated the case (procedure, error)
# --------------------------------------------------------------------------------------------


def hosted_case(host: str, *events: dict[str, Any], **fields: Any) -> Any:
    return case(
        events=[*events, ev("h1", "hearing", "2026-03-08", host=host, officers=BOTH)], **fields
    )


def test_off03_host_is_an_investigator() -> None:
    report = check(hosted_case("张明", inspection("e1", "2026-03-01")))
    finding = one(report, "OFF-03")
    assert_normal(finding, "procedure", "error")
    assert "张明" in finding.message
    assert "h1" in finding.refs


def test_off03_host_on_an_interview_also_counts() -> None:
    report = check(
        hosted_case(
            "李华",
            ev("i1", "interview", "2026-03-01", officers=[OFFICER_B, "37040003"]),
            officers=[
                officer("张明", OFFICER_A),
                officer("李华", OFFICER_B),
                officer("赵六", "37040003"),
            ],
        )
    )
    assert_normal(one(report, "OFF-03"), "procedure", "error")


@pytest.mark.parametrize(
    ("host", "events", "officers"),
    [
        # not an officer of the case at all
        ("王芳", [inspection("e1", "2026-03-01")], None),
        # an officer of the case, but only on a non-investigative event
        (
            "张明",
            [
                ev("e1", "inspection", "2026-03-01", officers=[OFFICER_B, "37040003"]),
                ev("f1", "filing", "2026-03-02", officers=[OFFICER_A]),
            ],
            [officer("张明", OFFICER_A), officer("李华", OFFICER_B), officer("赵六", "37040003")],
        ),
        # listed in case.officers but on no event
        (
            "张明",
            [ev("e1", "inspection", "2026-03-01", officers=[OFFICER_B, "37040003"])],
            [officer("张明", OFFICER_A), officer("李华", OFFICER_B), officer("赵六", "37040003")],
        ),
        # on the inspection, but his certificate had expired: he does not count there
        (
            "张明",
            [inspection("e1", "2026-03-01")],
            [officer("张明", OFFICER_A, "2026-02-28"), officer("李华", OFFICER_B)],
        ),
    ],
)
def test_off03_near_misses(
    host: str, events: list[dict[str, Any]], officers: list[dict[str, Any]] | None
) -> None:
    fields = {"officers": officers} if officers else {}
    silent(check(hosted_case(host, *events, **fields)), "OFF-03")


# --------------------------------------------------------------------------------------------
# OFF-05 — coercive measures and enforcement by at least two officers (procedure, error)
# --------------------------------------------------------------------------------------------

COERCIVE = ["seizure", "freeze", "enforcement"]


@pytest.mark.parametrize("kind", COERCIVE)
def test_off05_one_officer(kind: str) -> None:
    events = [inspection("e0", "2026-03-01"), ev("c1", kind, "2026-03-02", officers=[OFFICER_A])]
    report = check(case(action_type="coercion", events=events))
    finding = one(report, "OFF-05")
    assert_normal(finding, "procedure", "error")
    assert "c1" in finding.refs
    assert cn("2026-03-02") in finding.message


@pytest.mark.parametrize("kind", COERCIVE)
def test_off05_two_valid_officers_pass(kind: str) -> None:
    events = [inspection("e0", "2026-03-01"), ev("c1", kind, "2026-03-02", officers=BOTH)]
    silent(check(case(action_type="coercion", events=events)), "OFF-05")


@pytest.mark.parametrize(("valid_until", "fires"), [("2026-03-02", False), ("2026-03-01", True)])
def test_off05_certificate_valid_on_the_event_date(valid_until: str, fires: bool) -> None:
    officers = [officer("张明", OFFICER_A), officer("李华", OFFICER_B, valid_until)]
    events = [inspection("e0", "2026-02-20"), ev("c1", "seizure", "2026-03-02", officers=BOTH)]
    report = check(case(action_type="coercion", officers=officers, events=events))
    assert bool(fired(report, "OFF-05")) is fires


@pytest.mark.parametrize(
    "kind", ["inspection", "seizure_extension", "seizure_release", "demand_notice"]
)
def test_off05_not_for_other_events(kind: str) -> None:
    events = [inspection("e0", "2026-03-01"), ev("c1", kind, "2026-03-02", officers=[OFFICER_A])]
    silent(check(case(action_type="coercion", events=events)), "OFF-05")


def test_off05_min_officers_comes_from_the_pack() -> None:
    events = [inspection("e0", "2026-03-01"), ev("c1", "seizure", "2026-03-02", officers=BOTH)]
    the_case = case(action_type="coercion", events=events)
    assert fired(check(the_case, pack(min_officers=3)), "OFF-05")


# --------------------------------------------------------------------------------------------
# review_due and the report's approximate flag
# --------------------------------------------------------------------------------------------


def test_review_due_is_none_without_a_review_block() -> None:
    report = check(case())
    assert report.review_due is None
    assert report.to_json()["review_due"] is None
    assert report.approximate is False
    assert report.to_json()["approximate"] is False


@pytest.mark.parametrize(
    ("pack_id", "submitted", "due"),
    [
        # 薛城区: 5 calendar days, rolled. Tue 03-10 + 5 = Sun 03-15 → Mon 03-16.
        ("cn-xuecheng-2017", at("2026-03-10"), "2026-03-16"),
        # Mon 09-28 + 5 = Sat 10-03 (National Day) → Thu 10-08.
        ("cn-xuecheng-2017", at("2026-09-28"), "2026-10-08"),
        # Tue 02-10 + 5 = 02-15, first day of the Spring Festival holiday → Tue 02-24.
        ("cn-xuecheng-2017", at("2026-02-10"), "2026-02-24"),
        # Mon 02-09 + 5 = Sat 02-14, a 调休 working day: no roll.
        ("cn-xuecheng-2017", at("2026-02-09"), "2026-02-14"),
        # Sat 12-26 + 5 = Thu 12-31: the last covered day.
        ("cn-xuecheng-2017", at("2026-12-26"), "2026-12-31"),
        # 宁夏住建厅: 7 working days. After Tue 03-10 → 11, 12, 13, 16, 17, 18, 19.
        ("cn-ningxia-zjt-2022", at("2026-03-10"), "2026-03-19"),
        # After Mon 09-28 → 09-29, 09-30, 10-08, 10-09, Sat 10-10 (调休), 10-12, 10-13.
        ("cn-ningxia-zjt-2022", at("2026-09-28"), "2026-10-13"),
        # 2026-03-09T17:00Z is Tue 03-10 01:00 in Beijing.
        ("cn-ningxia-zjt-2022", "2026-03-09T17:00:00Z", "2026-03-19"),
        # After Tue 12-22 → 23, 24, 25, 28, 29, 30, 31.
        ("cn-ningxia-zjt-2022", at("2026-12-22"), "2026-12-31"),
    ],
)
def test_review_due_in_the_shipped_packs(pack_id: str, submitted: str, due: str) -> None:
    report = check(case(submitted_at=submitted, events=[]), shipped(pack_id))
    assert report.review_due == date.fromisoformat(due)
    assert report.to_json()["review_due"] == due
    assert report.review_due_approximate is False
    assert report.approximate is False


def test_review_due_without_rolling() -> None:
    the_pack = pack(
        review={"deadline_days": 5, "day_kind": "calendar"},
        day_counting={"roll_end_to_next_workday": False},
    )
    report = check(case(submitted_at=at("2026-03-10"), events=[]), the_pack)
    assert report.review_due == date(2026, 3, 15)


def test_review_due_working_days_across_the_spring_festival() -> None:
    the_pack = pack(review={"deadline_days": 3, "day_kind": "working"})
    # After Thu 02-12 → 02-13, Sat 02-14 (调休), [02-15..23], 02-24.
    report = check(case(submitted_at=at("2026-02-12"), events=[]), the_pack)
    assert report.review_due == date(2026, 2, 24)


@pytest.mark.parametrize(
    ("pack_id", "submitted"),
    [
        ("cn-xuecheng-2017", at("2026-12-27")),  # + 5 = 2027-01-01: past the calendar
        ("cn-ningxia-zjt-2022", at("2026-12-23")),  # 7th working day is in 2027
    ],
)
def test_review_due_past_the_calendar_is_approximate(pack_id: str, submitted: str) -> None:
    report = check(case(submitted_at=submitted, events=[]), shipped(pack_id))
    assert report.review_due is not None
    assert report.review_due >= date(2027, 1, 1)
    assert report.review_due_approximate is True
    assert report.approximate is True
    assert report.to_json()["approximate"] is True


def test_report_is_approximate_when_only_a_finding_is() -> None:
    report = check(request_case("2026-12-28", "2027-01-08"))  # baseline: no review block
    assert report.review_due is None
    assert any(f.approximate for f in report.findings)
    assert report.approximate is True
    assert report.to_json()["approximate"] is True


# --------------------------------------------------------------------------------------------
# Report order (review-rules "The check command": by checklist section, then rule id)
# --------------------------------------------------------------------------------------------


def test_findings_are_ordered_by_section_then_rule() -> None:
    # qualification (OFF-01) < party (PARTY-02) < procedure (SCOPE-02 < TIME-04).
    report = check(
        case(
            flags=["complex"],
            parties=[{"kind": "person", "name": "王小二", "id_number": "123"}],
            events=[ev("e1", "inspection", "2026-03-01", officers=[OFFICER_A])],
        )
    )
    ours = [
        f.rule for f in report.findings if f.rule in {"OFF-01", "PARTY-02", "SCOPE-02", "TIME-04"}
    ]
    assert ours == ["OFF-01", "PARTY-02", "SCOPE-02", "TIME-04"]


def test_party02_birth_date_after_submission_is_not_real() -> None:
    report = check(case(parties=[person("王小明", "2027-01-01")]))
    finding = one(report, "PARTY-02")
    assert "不可能是真实的出生日期" in finding.message
