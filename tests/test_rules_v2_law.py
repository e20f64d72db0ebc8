"""The v2 rules on the decision itself: LAW-00 (a stated legal basis), MEAS-01 (a fine that is
a fine), DOC-03 (nothing heavier than the notice announced), and the v2 PROC-06/07 (which
provision a fine is judged by).

Every expectation was written from /work/shared/spec/review-rules.md (the rule rows and the
common definitions: "the notice", "Amounts") before running it. Other rules may fire on the same
case: each test looks at one rule through `fired()`.
"""

from __future__ import annotations

from typing import Any

import pytest
from review_helpers import case, check, fired, pack

from workstation.rules.engine import CheckReport
from workstation.rules.findings import Finding

# review-rules.md "The rules": rule → (section, severity).
RULE_TABLE = {
    "LAW-00": ("law", "error"),
    "MEAS-01": ("law", "error"),
    "DOC-03": ("procedure", "error"),
    "PROC-06": ("law", "error"),
    "PROC-07": ("law", "error"),
}
TWO = ["37040001", "37040002"]  # tests/helpers.py MINIMAL_CASE's officers
FOOD_LAW = "中华人民共和国食品安全法"
AD_LAW = "中华人民共和国广告法"
FOOD_122_1 = {"law": FOOD_LAW, "article": 122, "paragraph": 1}
AD_58_1_3 = {"law": AD_LAW, "article": 58, "paragraph": 1, "item": 3}
AD_57 = {"law": AD_LAW, "article": 57}
UNKNOWN = {"law": "中华人民共和国产品质量法", "article": 50}


# --- building blocks ---------------------------------------------------------------------


def at(text: str) -> str:
    """'2026-03-03 10:00' → a datetime in +08:00."""
    day, clock = text.split(" ")
    return f"{day}T{clock}:00+08:00"


def ev(event_id: str, kind: str, when: str, **extra: Any) -> dict[str, Any]:
    return {"id": event_id, "type": kind, "at": at(when), "officers": list(TWO), **extra}


def decision(*measures: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"measures": list(measures), **extra}


def fine(amount: float | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "fine", **extra}
    if amount is not None:
        body["amount"] = amount
    return body


def doc(doc_id: str, kind: str) -> dict[str, Any]:
    return {"id": doc_id, "path": f"docs/{doc_id}.pdf", "kind": kind}


def only(report: CheckReport, rule: str) -> Finding:
    found = fired(report, rule)
    assert len(found) == 1, f"{rule}: expected one finding, got {[f.message for f in found]}"
    section, severity = RULE_TABLE[rule]
    assert (found[0].section, found[0].severity) == (section, severity)
    assert not found[0].approximate
    return found[0]


def none(report: CheckReport, rule: str) -> None:
    found = fired(report, rule)
    assert not found, f"{rule} fired unexpectedly: {[f.message for f in found]}"


# =========================================================================================
# LAW-00 — no legal basis
# =========================================================================================

PENALTY_NO_BASIS = (
    "拟处理意见未载明所依据的法律条款（处罚依据为空）。行政处罚决定书应当载明行政处罚的种类"
    "和依据（行政处罚法第五十九条）；行政行为未引用具体法律条款的，视为没有法律依据"
    "（最高人民法院指导案例41号）。"
)


@pytest.mark.parametrize("action_type", ["penalty", "coercion"])
@pytest.mark.parametrize("basis", [None, []], ids=["absent", "empty"])
def test_law00_penalty_or_coercion_without_a_basis_fires(
    action_type: str, basis: list[Any] | None
) -> None:
    extra = {} if basis is None else {"legal_basis": basis}
    the_case = case(action_type=action_type, proposed_decision=decision(fine(80000), **extra))
    finding = only(check(the_case), "LAW-00")
    assert "最高人民法院指导案例41号" in finding.message
    if action_type == "penalty":
        assert finding.message == PENALTY_NO_BASIS
    else:
        assert "（决定依据为空）" in finding.message
        assert "行政强制法第二十四条、第三十七条" in finding.message


@pytest.mark.parametrize("action_type", ["licensing", "levy", "charge", "inspection"])
def test_law00_other_action_types_are_not_checked(action_type: str) -> None:
    the_case = case(action_type=action_type, proposed_decision=decision({"type": "license_grant"}))
    none(check(the_case), "LAW-00")


@pytest.mark.parametrize("basis", [[FOOD_122_1], [UNKNOWN]], ids=["known", "unknown"])
def test_law00_any_cited_provision_is_a_basis(basis: list[dict[str, Any]]) -> None:
    # Whether the pack knows the provision is PROC-06/07's business, not LAW-00's.
    the_case = case(proposed_decision=decision(fine(80000), legal_basis=basis))
    none(check(the_case), "LAW-00")


def test_law00_refers_to_the_proposed_decision_documents() -> None:
    the_case = case(
        documents=[doc("d1", "notice_of_intent"), doc("d2", "proposed_decision")],
    )
    assert only(check(the_case), "LAW-00").refs == ("d2",)


# =========================================================================================
# MEAS-01 — a measure without its figure
# =========================================================================================


@pytest.mark.parametrize(
    ("measure", "fires"),
    [
        (fine(0), True),
        (fine(), True),
        (fine(0.01), False),
        (fine(80000), False),
        (fine(value=5000), True),  # a fine's figure is its amount
        ({"type": "confiscate_gains", "amount": 0}, True),
        ({"type": "confiscate_gains"}, True),
        ({"type": "confiscate_gains", "amount": 0.01}, False),
        ({"type": "levy", "amount": 0}, True),
        ({"type": "levy", "amount": 12}, False),
        ({"type": "confiscate_property", "value": 0}, True),
        ({"type": "confiscate_property"}, True),
        ({"type": "confiscate_property", "amount": 5000}, True),  # its figure is the value
        ({"type": "confiscate_property", "value": 0.01}, False),
        ({"type": "warning"}, False),
        ({"type": "warning", "amount": 0}, False),
        ({"type": "freeze", "amount": 0}, False),  # not in the rule's list
        ({"type": "seizure", "value": 0}, False),
    ],
)
def test_meas01_figures(measure: dict[str, Any], fires: bool) -> None:
    report = check(case(proposed_decision=decision(measure, legal_basis=[FOOD_122_1])))
    if fires:
        only(report, "MEAS-01")
    else:
        none(report, "MEAS-01")


def test_meas01_message_for_a_fine_of_nothing() -> None:
    the_case = case(
        proposed_decision=decision({"type": "warning"}, fine(0), legal_basis=[FOOD_122_1]),
        documents=[doc("d7", "proposed_decision")],
    )
    finding = only(check(the_case), "MEAS-01")
    assert finding.message == (
        "拟处理意见第2项措施“罚款”金额为0元：罚款应当载明大于零的数额；“罚款0元”不是处罚，"
        "拟仅予警告的，处罚种类应为“警告”（行政处罚法第九条）。"
    )
    assert finding.refs == ("d7",)


def test_meas01_one_finding_per_measure_naming_what_is_missing() -> None:
    the_case = case(
        proposed_decision=decision(
            fine(80000),
            {"type": "confiscate_property"},
            {"type": "confiscate_gains", "amount": 0},
            legal_basis=[FOOD_122_1],
        )
    )
    messages = [f.message for f in fired(check(the_case), "MEAS-01")]
    assert messages == [
        "拟处理意见第2项措施“没收非法财物”未载明价值：没收非法财物应当载明大于零的价值。",
        "拟处理意见第3项措施“没收违法所得”金额为0元：没收违法所得应当载明大于零的数额。",
    ]


# =========================================================================================
# DOC-03 — a decision heavier than the notice
# =========================================================================================

RIGHTS = ["statement", "defence", "hearing"]


def notice(
    event_id: str = "n1",
    when: str = "2026-03-05 10:00",
    proposed: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body = ev(event_id, "notice_of_intent", when, rights=RIGHTS, **extra)
    if proposed is not None:
        body["proposed_measures"] = proposed
    return body


def doc03(decided: list[dict[str, Any]], *notices: dict[str, Any], **fields: Any) -> CheckReport:
    the_case = case(
        proposed_decision=decision(*decided, legal_basis=[FOOD_122_1]),
        events=list(notices),
        **fields,
    )
    return check(the_case)


@pytest.mark.parametrize(
    ("amount", "fires"), [(19999, False), (20000, False), (20000.01, True), (30000, True)]
)
def test_doc03_fine_against_the_notice(amount: float, fires: bool) -> None:
    report = doc03([fine(amount)], notice(proposed=[fine(20000)]))
    if fires:
        only(report, "DOC-03")
    else:
        none(report, "DOC-03")


def test_doc03_message_lists_both_sets_of_measures_and_refers_to_the_notice() -> None:
    report = doc03(
        [fine(30000), {"type": "confiscate_gains", "amount": 5000}],
        notice(proposed=[fine(20000)], documents=["d3"]),
        documents=[doc("d3", "notice_of_intent"), doc("d4", "proposed_decision")],
    )
    finding = only(report, "DOC-03")
    assert finding.message == (
        "拟作出的处理重于事先告知（2026年3月5日）的内容：罚款30000元高于告知书的20000元；"
        "没收违法所得为告知书未告知的处罚种类。告知书拟处：罚款20000元；决定书：罚款30000元、"
        "没收违法所得5000元。作出重于告知内容的处罚决定，应当重新告知当事人拟作出的处罚及其"
        "陈述、申辩等权利（行政处罚法第四十四条、第四十五条、第六十二条）。"
    )
    assert finding.refs == ("n1", "d3", "d4")


def test_doc03_a_new_measure_type_fires() -> None:
    report = doc03(
        [fine(20000), {"type": "suspend_business", "days": 10}],
        notice(proposed=[fine(20000)]),
    )
    message = only(report, "DOC-03").message
    assert "责令停产停业为告知书未告知的处罚种类" in message
    assert "决定书：罚款20000元、责令停产停业（期限10日）。" in message


def test_doc03_a_warning_added_is_not_heavier() -> None:
    none(doc03([{"type": "warning"}, fine(20000)], notice(proposed=[fine(20000)])), "DOC-03")


def test_doc03_a_measure_dropped_is_not_heavier() -> None:
    notified = [fine(20000), {"type": "confiscate_gains", "amount": 500}]
    none(doc03([fine(20000)], notice(proposed=notified)), "DOC-03")


@pytest.mark.parametrize(
    ("decided", "notified", "fires"),
    [
        # The notice gives no amount: the amount is not compared.
        (fine(999999), fine(), False),
        # The decision gives none: nothing to compare.
        (fine(), fine(20000), False),
        # Seizure announced with days only: value not compared, days are.
        ({"type": "seizure", "value": 10**6, "days": 30}, {"type": "seizure", "days": 30}, False),
        ({"type": "seizure", "value": 1, "days": 31}, {"type": "seizure", "days": 30}, True),
        # Value of a confiscation.
        (
            {"type": "confiscate_property", "value": 5000},
            {"type": "confiscate_property", "value": 5000},
            False,
        ),
        (
            {"type": "confiscate_property", "value": 5001},
            {"type": "confiscate_property", "value": 5000},
            True,
        ),
        # A type-less comparison does not happen: a fine is not bounded by a confiscation.
        (fine(100), {"type": "confiscate_gains", "amount": 1000}, True),
    ],
)
def test_doc03_only_fields_the_notice_gives_are_compared(
    decided: dict[str, Any], notified: dict[str, Any], fires: bool
) -> None:
    report = doc03([decided], notice(proposed=[notified]))
    if fires:
        only(report, "DOC-03")
    else:
        none(report, "DOC-03")


def test_doc03_days_are_said_as_a_longer_term() -> None:
    report = doc03(
        [{"type": "suspend_business", "days": 31}],
        notice(proposed=[{"type": "suspend_business", "days": 30}]),
    )
    assert "责令停产停业期限31日长于告知书的期限30日" in only(report, "DOC-03").message


@pytest.mark.parametrize(("amount", "fires"), [(50000, False), (50001, True)])
def test_doc03_the_largest_of_a_type_in_the_notice_is_the_bound(amount: float, fires: bool) -> None:
    report = doc03([fine(amount)], notice(proposed=[fine(20000), fine(50000), fine(30000)]))
    if fires:
        assert "罚款50001元高于告知书的50000元" in only(report, "DOC-03").message
    else:
        none(report, "DOC-03")


def test_doc03_each_decided_measure_is_compared() -> None:
    report = doc03([fine(10000), fine(25000)], notice(proposed=[fine(20000)]))
    message = only(report, "DOC-03").message
    assert "罚款25000元高于告知书的20000元" in message
    assert "罚款10000元高于" not in message


@pytest.mark.parametrize("proposed", [None, []], ids=["absent", "empty"])
def test_doc03_a_notice_without_proposed_measures_is_not_compared(
    proposed: list[Any] | None,
) -> None:
    none(doc03([fine(10**6), {"type": "revoke_licence"}], notice(proposed=proposed)), "DOC-03")


def test_doc03_no_notice_no_check() -> None:
    none(doc03([fine(10**6)]), "DOC-03")


def test_doc03_the_latest_notice_before_submission_counts() -> None:
    earlier = notice("n1", "2026-03-02 10:00", proposed=[fine(100000)])
    latest = notice("n2", "2026-03-06 10:00", proposed=[fine(20000)])
    finding = only(doc03([fine(50000)], earlier, latest), "DOC-03")
    assert "（2026年3月6日）" in finding.message
    assert "告知书拟处：罚款20000元；" in finding.message
    assert finding.refs[0] == "n2"
    # The other way round, the latest notice announced enough.
    earlier = notice("n1", "2026-03-02 10:00", proposed=[fine(20000)])
    latest = notice("n2", "2026-03-06 10:00", proposed=[fine(100000)])
    none(doc03([fine(50000)], earlier, latest), "DOC-03")


def test_doc03_an_earlier_notice_does_not_stand_in_for_a_latest_without_measures() -> None:
    # The notice is the latest one; if it gives no proposed_measures, there is nothing to
    # compare, whatever an earlier notice said.
    earlier = notice("n1", "2026-03-02 10:00", proposed=[fine(20000)])
    latest = notice("n2", "2026-03-06 10:00")
    none(doc03([fine(50000)], earlier, latest), "DOC-03")


@pytest.mark.parametrize("when", ["2026-03-10 09:00", "2026-03-11 10:00"])
def test_doc03_a_notice_at_or_after_submission_is_not_the_notice(when: str) -> None:
    # submitted_at is 2026-03-10 09:00+08:00: a notice then or later cures nothing.
    before = notice("n1", "2026-03-05 10:00", proposed=[fine(20000)])
    after = notice("n2", when, proposed=[fine(100000)])
    assert only(doc03([fine(50000)], before, after), "DOC-03").refs[0] == "n1"


# =========================================================================================
# PROC-06 (v2) — only with a non-empty legal basis
# =========================================================================================

PROVISIONS = [
    {
        **FOOD_122_1,
        "measures": ["confiscate_gains", "confiscate_property", "fine"],
        "fine": {
            "min": 50000,
            "max": 100000,
            "or_multiple_of": {"min": 10, "max": 20, "from": 10000},
        },
    },
    {**AD_58_1_3, "measures": ["fine", "revoke_licence"], "fine": {"min": 100000, "max": 1000000}},
    {**AD_57, "measures": ["revoke_licence"]},  # known, allows no fine
]
PROVISIONS_PACK = pack(provisions=PROVISIONS)


@pytest.mark.parametrize("extra", [{}, {"legal_basis": []}], ids=["absent", "empty"])
def test_proc06_without_a_legal_basis_is_silent(extra: dict[str, Any]) -> None:
    the_case = case(proposed_decision=decision({"type": "suspend_business"}, **extra))
    report = check(the_case, PROVISIONS_PACK)
    none(report, "PROC-06")
    only(report, "LAW-00")


def test_proc06_with_a_known_basis_still_fires() -> None:
    the_case = case(
        proposed_decision=decision({"type": "suspend_business"}, legal_basis=[FOOD_122_1])
    )
    assert "责令停产停业" in only(check(the_case, PROVISIONS_PACK), "PROC-06").message


# =========================================================================================
# PROC-07 (v2) — a fine judged by its own provision
# =========================================================================================


def proc07(*measures: dict[str, Any], basis: list[dict[str, Any]]) -> CheckReport:
    return check(case(proposed_decision=decision(*measures, legal_basis=basis)), PROVISIONS_PACK)


@pytest.mark.parametrize(
    ("amount", "base", "fires"),
    [(50000, None, False), (49999, None, True), (100001, None, True), (150000, 10000, False)],
)
def test_proc07_a_single_provision_as_before(
    amount: float, base: float | None, fires: bool
) -> None:
    measure = fine(amount) if base is None else fine(amount, base_amount=base)
    report = proc07(measure, basis=[FOOD_122_1])
    if fires:
        only(report, "PROC-07")
    else:
        none(report, "PROC-07")


def test_proc07_a_known_provision_without_fines_beside_the_fining_one() -> None:
    # Only one known provision allows fines: that one is the range.
    assert (
        "第一百二十二条" in only(proc07(fine(10000), basis=[FOOD_122_1, AD_57]), "PROC-07").message
    )


def test_proc07_the_same_provision_cited_twice_is_one_provision() -> None:
    only(proc07(fine(10000), basis=[FOOD_122_1, dict(FOOD_122_1)]), "PROC-07")


def test_proc07_a_lawful_fine_under_an_unknown_provision_is_not_judged_by_the_other() -> None:
    # 10,000 under the product-quality law (unknown to the pack) beside 60,000 under
    # food-safety 122(1): the 10,000 is not measured against 50,000–100,000.
    report = proc07(
        fine(60000, provision=FOOD_122_1),
        fine(10000, provision=UNKNOWN),
        basis=[FOOD_122_1, UNKNOWN],
    )
    none(report, "PROC-07")


def test_proc07_without_own_provisions_an_unknown_citation_stops_the_check() -> None:
    # v1 judged this 10,000 by 122(1); v2: not every cited provision is known.
    none(proc07(fine(10000), basis=[FOOD_122_1, UNKNOWN]), "PROC-07")


def test_proc07_an_own_known_provision_is_still_checked_beside_an_unknown_one() -> None:
    report = proc07(
        fine(10000, provision=FOOD_122_1),
        fine(10000, provision=UNKNOWN),
        basis=[FOOD_122_1, UNKNOWN],
    )
    assert "拟罚款10000元" in only(report, "PROC-07").message


def test_proc07_an_own_unknown_provision_is_not_judged_by_the_basis() -> None:
    none(proc07(fine(10000, provision=UNKNOWN), basis=[FOOD_122_1]), "PROC-07")


@pytest.mark.parametrize(
    ("amount", "own", "fires", "article"),
    [
        (200000, AD_58_1_3, False, None),  # inside 100,000–1,000,000; above 122(1)'s range
        (200000, FOOD_122_1, True, "第一百二十二条"),
        (60000, AD_58_1_3, True, "第五十八条"),  # inside 122(1)'s range, below its own
        (60000, FOOD_122_1, False, None),
    ],
)
def test_proc07_the_measures_own_known_provision_is_used(
    amount: float, own: dict[str, Any], fires: bool, article: str | None
) -> None:
    # Two provisions allow fines: without its own provision a fine would not be checked.
    report = proc07(fine(amount, provision=own), basis=[FOOD_122_1, AD_58_1_3])
    if fires:
        assert article is not None
        assert article in only(report, "PROC-07").message
    else:
        none(report, "PROC-07")


def test_proc07_two_fining_provisions_and_no_own_provision_no_check() -> None:
    none(proc07(fine(1), basis=[FOOD_122_1, AD_58_1_3]), "PROC-07")


def test_proc07_message_names_the_own_provision_and_its_range() -> None:
    report = proc07(fine(60000, provision=AD_58_1_3), basis=[FOOD_122_1, AD_58_1_3])
    assert only(report, "PROC-07").message == (
        "拟罚款60000元超出《中华人民共和国广告法》第五十八条第一款第三项规定的幅度"
        "（100000元以上1000000元以下）。"
    )


def test_proc07_an_own_provision_known_to_the_pack_need_not_be_in_the_basis() -> None:
    # The spec asks only that the pack knows it.
    report = proc07(fine(60000, provision=AD_58_1_3), basis=[FOOD_122_1])
    assert "第五十八条" in only(report, "PROC-07").message
