"""Procedure, evidence, coercion and document checks, derived from the spec text.

Every expectation below was written from /work/shared/spec/review-rules.md ("Common
definitions" and the rule table), rule-pack.md and case-bundle.md before running it. Each rule
gets cases where it must fire and near misses where it must not, at the boundaries the spec
draws. Other rules may fire on the same case: tests look at one rule through `fired()`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

import pytest
from review_helpers import case, check, fired, pack, shipped

from workstation.casefile.model import FileFacts
from workstation.rules.engine import CheckReport
from workstation.rules.findings import Finding

# --- the spec's tables ---------------------------------------------------------------------

# review-rules.md "Checklist sections", in table order.
SECTION_ORDER = (
    "subject",
    "qualification",
    "party",
    "facts",
    "evidence",
    "law",
    "discretion",
    "procedure",
    "authority",
    "documents",
    "referral",
)

# review-rules.md "The rules": rule → (section, severity).
RULE_TABLE: dict[str, tuple[str, str]] = {
    "SCOPE-01": ("procedure", "info"),
    "SCOPE-02": ("procedure", "info"),
    "SCOPE-05": ("procedure", "error"),
    "TIME-01": ("procedure", "error"),
    "TIME-02": ("procedure", "warning"),  # error past the gross period (v2)
    "TIME-04": ("procedure", "error"),
    "TIME-05": ("procedure", "warning"),
    "TIME-06": ("procedure", "warning"),
    "TIME-07": ("procedure", "error"),
    "TIME-08": ("procedure", "error"),
    "PARTY-01": ("party", "error"),  # or warning
    "PARTY-02": ("party", "error"),
    "OFF-01": ("qualification", "error"),
    "OFF-03": ("procedure", "error"),
    "OFF-05": ("procedure", "error"),
    "PROC-01": ("procedure", "error"),
    "PROC-02": ("procedure", "error"),
    "PROC-03": ("procedure", "error"),
    "PROC-04": ("procedure", "warning"),
    "PROC-05": ("procedure", "warning"),
    "PROC-06": ("law", "error"),
    "PROC-07": ("law", "error"),
    "PROC-10": ("evidence", "error"),
    "PROC-11": ("evidence", "warning"),
    "PROC-12": ("discretion", "warning"),
    "ENF-01": ("procedure", "error"),
    "ENF-03": ("procedure", "error"),
    "ENF-07": ("procedure", "error"),
    "XFER-00": ("referral", "warning"),  # info once a transfer event exists
    "REV-01": ("documents", "warning"),
    "INTEG-01": ("evidence", "error"),
    "AUTH-01": ("authority", "error"),
    "REF-01": ("documents", "error"),
    # v2
    "LAW-00": ("law", "error"),
    "MEAS-01": ("law", "error"),
    "DOC-03": ("procedure", "error"),
    "DELIV-01": ("procedure", "error"),
    "DELIV-02": ("procedure", "error"),
    "ENF-11": ("procedure", "error"),
    "ENF-12": ("procedure", "error"),
    "AUTH-02": ("authority", "error"),
}

APPROXIMATE_WORDS = "日历未覆盖，结果仅供参考"

# The baseline's two officers (tests/helpers.py MINIMAL_CASE), valid until 2027-12-31.
TWO = ["37040001", "37040002"]
FOOD_LAW = "中华人民共和国食品安全法"


# --- building blocks ---------------------------------------------------------------------


def at(text: str) -> str:
    """'2026-03-03 10:00' → a datetime in +08:00; full ISO strings pass through."""
    if "T" in text:
        return text
    day, clock = text.split(" ")
    if clock.count(":") == 1:
        clock += ":00"
    return f"{day}T{clock}+08:00"


def ev(event_id: str, kind: str, when: str, **extra: Any) -> dict[str, Any]:
    """An event; officers default to the case's two valid officers."""
    body: dict[str, Any] = {"id": event_id, "type": kind, "at": at(when), "officers": list(TWO)}
    body.update(extra)
    return body


def rec(
    rec_id: str = "r1",
    started: str = "2026-03-03 09:55",
    duration: float | None = 600,
    *,
    offset_ms: int | None = None,
    archived: str = "2026-03-03 12:00",
    path: str | None = None,
    activity: str = "seizure",
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": rec_id,
        "path": path or f"media/{rec_id}.mp4",
        "device": "执法记录仪 A01",
        "activity": activity,
        "started_at": at(started),
        "archived_at": at(archived),
    }
    if duration is not None:
        body["duration_s"] = duration
    if offset_ms is not None:
        body["clock_offset_ms"] = offset_ms
    body.update(extra)
    return body


def doc(doc_id: str, kind: str, path: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": doc_id, "path": path or f"docs/{doc_id}.pdf", "kind": kind}
    body.update(extra)
    return body


def decision(*measures: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"measures": list(measures)}
    body.update(extra)
    return body


def fine(amount: float, **extra: Any) -> dict[str, Any]:
    return {"type": "fine", "amount": amount, **extra}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def only(report: CheckReport, rule: str) -> Finding:
    """The single finding of `rule`, checked against the spec's section and severity."""
    found = fired(report, rule)
    assert len(found) == 1, f"{rule}: expected one finding, got {[f.message for f in found]}"
    assert_meta(found[0], rule)
    return found[0]


def some(report: CheckReport, rule: str) -> list[Finding]:
    """At least one finding of `rule`, each with the spec's section and severity."""
    found = fired(report, rule)
    assert found, f"{rule} did not fire; findings: {[(f.rule, f.message) for f in report.findings]}"
    for f in found:
        assert_meta(f, rule)
    return found


def none(report: CheckReport, rule: str) -> None:
    found = fired(report, rule)
    assert not found, f"{rule} fired unexpectedly: {[f.message for f in found]}"


def assert_meta(f: Finding, rule: str, severity: str | None = None) -> None:
    section, table_severity = RULE_TABLE[rule]
    assert f.section == section, f"{rule}: section {f.section!r}, spec says {section!r}"
    assert f.severity == (severity or table_severity), f"{rule}: severity {f.severity!r}"
    assert not f.approximate, f"{rule}: unexpectedly approximate: {f.message}"


# Messages are Chinese but the spec fixes no exact wording: accept the usual ways of writing
# a date, a clock time, an amount and an article number.


def says_date(message: str, value: date) -> bool:
    forms = (
        f"{value.year}年{value.month}月{value.day}日",
        f"{value.year}年{value.month:02d}月{value.day:02d}日",
        value.isoformat(),
    )
    return any(form in message for form in forms)


def says_time(message: str, hour: int, minute: int) -> bool:
    forms = (f"{hour}时{minute:02d}分", f"{hour:02d}时{minute:02d}分", f"{hour:02d}:{minute:02d}")
    return any(form in message for form in forms)


def says_amount(message: str, amount: float) -> bool:
    plain = message.replace(",", "")
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    if re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", plain):
        return True
    return amount % 10000 == 0 and f"{int(amount // 10000)}万" in plain


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CN_DIGITS[hundreds] + "百"
    if tens:
        out += ("" if (tens == 1 and not hundreds) else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _CN_DIGITS[ones]
    return out


def says_article(message: str, article: int) -> bool:
    return f"第{_chinese(article)}条" in message or f"第{article}条" in message


# --- shared packs ------------------------------------------------------------------------

BASELINE = shipped("cn-national-baseline")

HEARING_THRESHOLDS = {
    "fine_threshold": {
        "citizen": {"value": 10000, "inclusive": True},
        "organisation": {"value": 100000, "inclusive": True},
    },
    "confiscation_threshold": {
        "citizen": {"value": 10000, "inclusive": True},
        "organisation": {"value": 100000, "inclusive": True},
    },
}
HEARING_PACK = pack(hearing=HEARING_THRESHOLDS)

PROVISIONS = [
    {  # rule-pack.md's example: paragraph named
        "law": FOOD_LAW,
        "article": 122,
        "paragraph": 1,
        "measures": ["confiscate_gains", "confiscate_property", "fine"],
        "fine": {
            "min": 50000,
            "max": 100000,
            "or_multiple_of": {"min": 10, "max": 20, "from": 10000},
        },
    },
    {  # no paragraph named: any paragraph of Art. 124 is this entry
        "law": FOOD_LAW,
        "article": 124,
        "measures": ["warning", "fine", "revoke_licence"],
        "fine": {"min": 50000, "max": 100000},
    },
    {  # paragraph and item named
        "law": "中华人民共和国广告法",
        "article": 58,
        "paragraph": 1,
        "item": 3,
        "measures": ["fine", "revoke_licence"],
        "fine": {"min": 100000, "max": 1000000},
    },
    {  # a "以下" cap: only a maximum
        "law": "中华人民共和国城乡规划法",
        "article": 66,
        "measures": ["fine"],
        "fine": {"max": 30000},
    },
]
PROVISIONS_PACK = pack(provisions=PROVISIONS)
FOOD_122_1 = {"law": FOOD_LAW, "article": 122, "paragraph": 1}


# =========================================================================================
# PROC-01 — impossible order
# =========================================================================================


def test_proc01_event_after_submission_fires() -> None:
    # submitted_at is 2026-03-10T09:00+08:00 in the minimal case.
    report = check(case(events=[ev("e9", "interview", "2026-03-10 09:01")]))
    finding = only(report, "PROC-01")
    assert "e9" in finding.refs
    assert says_date(finding.message, date(2026, 3, 10))


@pytest.mark.parametrize(
    "when",
    [
        "2026-03-10 09:00",  # at the submission instant: not after it
        "2026-03-10 08:59",
        "2026-03-10T00:59:00Z",  # 08:59 local
    ],
)
def test_proc01_event_not_after_submission_is_fine(when: str) -> None:
    none(check(case(events=[ev("e9", "interview", when)])), "PROC-01")


def test_proc01_event_after_submission_compares_instants_across_offsets() -> None:
    # 01:01Z is 09:01 local, one minute after submission.
    report = check(case(events=[ev("e9", "interview", "2026-03-10T01:01:00Z")]))
    assert "e9" in only(report, "PROC-01").refs


@pytest.mark.parametrize(
    ("violation", "filed_on", "fires"),
    [
        ({"began_on": "2026-03-02", "ended_on": "2026-03-01"}, None, True),
        ({"began_on": "2026-03-01", "ended_on": "2026-03-01"}, None, False),
        ({"began_on": "2026-03-03", "discovered_on": "2026-03-02"}, None, True),
        ({"began_on": "2026-03-02", "discovered_on": "2026-03-02"}, None, False),
        # A violation may go on after it is discovered.
        (
            {"began_on": "2026-02-01", "ended_on": "2026-03-05", "discovered_on": "2026-03-02"},
            None,
            False,
        ),
        ({"began_on": "2026-02-01", "discovered_on": "2026-03-03"}, "2026-03-02", True),
        ({"began_on": "2026-02-01", "discovered_on": "2026-03-02"}, "2026-03-02", False),
    ],
    ids=[
        "began-after-ended",
        "began-on-ended",
        "began-after-discovered",
        "began-on-discovered",
        "continues-after-discovery",
        "discovered-after-filed",
        "discovered-on-filed",
    ],
)
def test_proc01_violation_dates(
    violation: dict[str, str], filed_on: str | None, fires: bool
) -> None:
    fields: dict[str, Any] = {"violation": violation, "events": []}
    if filed_on:
        fields["filed_on"] = filed_on
        fields["events"] = [ev("ef", "filing", f"{filed_on} 15:00")]
    report = check(case(**fields))
    if fires:
        assert "violation" in only(report, "PROC-01").refs
    else:
        none(report, "PROC-01")


def test_proc01_began_after_ended_names_both_dates_and_refers_to_the_violation() -> None:
    report = check(case(violation={"began_on": "2026-03-02", "ended_on": "2026-03-01"}, events=[]))
    finding = only(report, "PROC-01")
    assert "violation" in finding.refs
    assert says_date(finding.message, date(2026, 3, 2))
    assert says_date(finding.message, date(2026, 3, 1))


@pytest.mark.parametrize(
    ("filed_on", "filing_at", "fires"),
    [
        ("2026-03-02", "2026-03-02 23:59", False),
        ("2026-03-02", "2026-03-02 00:00", False),
        ("2026-03-02", "2026-03-03 09:00", True),
        ("2026-03-02", "2026-03-01 18:00", True),
        # 16:30Z on 2 March is 00:30 on 3 March in local time.
        ("2026-03-02", "2026-03-02T16:30:00Z", True),
        ("2026-03-03", "2026-03-02T16:30:00Z", False),
    ],
)
def test_proc01_filed_on_must_be_the_local_date_of_the_filing_event(
    filed_on: str, filing_at: str, fires: bool
) -> None:
    report = check(case(filed_on=filed_on, events=[ev("ef", "filing", filing_at)]))
    if fires:
        finding = only(report, "PROC-01")
        assert "ef" in finding.refs
        assert says_date(finding.message, date.fromisoformat(filed_on))
    else:
        none(report, "PROC-01")


ORDER_PAIRS = [
    ("complaint", "filing"),
    ("filing", "notice_of_intent"),
    ("notice_of_intent", "hearing_request"),
    ("notice_of_intent", "hearing_notice"),
    ("hearing_request", "hearing_notice"),
    ("hearing_notice", "hearing"),
    ("notice_of_intent", "statement"),
    ("statement", "recheck"),
    ("evidence_preservation", "preservation_decision"),
    ("seizure", "seizure_extension"),
    ("seizure", "seizure_release"),
    ("demand_notice", "enforcement"),
]

# Words of each type's Chinese name in case-bundle.md's event table.
EVENT_WORDS = {
    "complaint": "投诉举报",
    "filing": "立案",
    "notice_of_intent": "告知",
    "hearing_request": "听证申请",
    "hearing_notice": "听证通知",
    "hearing": "听证",
    "statement": "陈述申辩",
    "recheck": "复核",
    "evidence_preservation": "先行登记保存",
    "preservation_decision": "保存",
    "seizure": "查封",
    "seizure_extension": "延长",
    "seizure_release": "解除",
    "demand_notice": "催告",
    "enforcement": "强制执行",
}


def _pair_case(first: str, second: str, second_at: str) -> Any:
    extra: dict[str, Any] = {}
    if first == "seizure":
        extra = {"approved_at": at("2026-03-04 09:00"), "until": "2026-03-20"}
    return case(
        events=[
            ev("ea", first, "2026-03-05 10:00", **extra),
            ev("eb", second, second_at),
        ]
    )


@pytest.mark.parametrize(("first", "second"), ORDER_PAIRS)
def test_proc01_second_of_a_pair_a_day_early_fires(first: str, second: str) -> None:
    finding = only(check(_pair_case(first, second, "2026-03-04 10:00")), "PROC-01")
    assert {"ea", "eb"} <= set(finding.refs)
    assert says_date(finding.message, date(2026, 3, 4))
    assert says_date(finding.message, date(2026, 3, 5))
    assert EVENT_WORDS[first] in finding.message
    assert EVENT_WORDS[second] in finding.message


@pytest.mark.parametrize(("first", "second"), ORDER_PAIRS)
def test_proc01_second_of_a_pair_a_minute_early_fires(first: str, second: str) -> None:
    only(check(_pair_case(first, second, "2026-03-05 09:59")), "PROC-01")


@pytest.mark.parametrize(("first", "second"), ORDER_PAIRS)
def test_proc01_second_of_a_pair_at_the_same_instant_is_fine(first: str, second: str) -> None:
    none(check(_pair_case(first, second, "2026-03-05 10:00")), "PROC-01")


@pytest.mark.parametrize(
    ("notice_at", "fires"),
    [
        ("2026-03-05T02:30:00Z", False),  # 10:30 local, after the 10:00 filing
        ("2026-03-05T01:30:00Z", True),  # 09:30 local, before it
    ],
)
def test_proc01_pairs_compare_instants_across_offsets(notice_at: str, fires: bool) -> None:
    report = check(
        case(
            events=[
                ev("ef", "filing", "2026-03-05 10:00"),
                ev("en", "notice_of_intent", notice_at, rights=["statement", "defence"]),
            ]
        )
    )
    assert bool(fired(report, "PROC-01")) is fires


@pytest.mark.parametrize("kind", ["inspection", "interview", "sampling"])
def test_proc01_investigation_before_filing_is_how_violations_are_found(kind: str) -> None:
    report = check(
        case(
            filed_on="2026-03-05",
            events=[ev("e1", kind, "2026-03-02 10:00"), ev("ef", "filing", "2026-03-05 10:00")],
        )
    )
    none(report, "PROC-01")


def test_proc01_compares_the_earliest_event_of_each_type() -> None:
    # Earliest filing (09:00) is before the only complaint (10:00) — even though another
    # filing comes later.
    report = check(
        case(
            events=[
                ev("f1", "filing", "2026-03-05 09:00"),
                ev("c1", "complaint", "2026-03-05 10:00"),
                ev("f2", "filing", "2026-03-05 11:00"),
            ]
        )
    )
    finding = only(report, "PROC-01")
    assert {"f1", "c1"} <= set(finding.refs)


def test_proc01_a_later_complaint_after_filing_is_not_an_order_problem() -> None:
    # Earliest complaint (08:00) precedes the earliest filing (10:00); a second complaint
    # after the filing is ordinary.
    report = check(
        case(
            events=[
                ev("c1", "complaint", "2026-03-05 08:00"),
                ev("f1", "filing", "2026-03-05 10:00"),
                ev("c2", "complaint", "2026-03-05 12:00"),
            ]
        )
    )
    none(report, "PROC-01")


# =========================================================================================
# PROC-02 — hearing right missing from the notice
# =========================================================================================

NOTICE_NO_HEARING = ev(
    "en", "notice_of_intent", "2026-03-05 10:00", rights=["statement", "defence"]
)
NOTICE_WITH_HEARING = ev(
    "en", "notice_of_intent", "2026-03-05 10:00", rights=["statement", "defence", "hearing"]
)
ORGANISATION = {
    "kind": "organisation",
    "name": "枣庄市某某超市有限公司",
    "id_number": "91350100M000100Y43",
}
PERSON = {"kind": "person", "name": "王某", "id_number": "370403199001011234"}
INDIVIDUAL_BUSINESS = {
    "kind": "individual_business",
    "name": "薛城区某某便利店",
    "id_number": "92370403MA3C0000X1",
}


@pytest.mark.parametrize(
    ("measure", "fires"),
    [
        ({"type": "suspend_business"}, True),
        ({"type": "revoke_licence"}, True),
        ({"type": "lower_qualification"}, True),
        ({"type": "order_closure"}, True),
        ({"type": "restrict_employment"}, True),
        ({"type": "warning"}, False),
        (fine(100000), True),  # at the inclusive organisation threshold
        (fine(99999.99), False),
        ({"type": "confiscate_gains", "amount": 100000}, True),
        ({"type": "confiscate_gains", "amount": 99999}, False),
        ({"type": "confiscate_property", "value": 100000}, True),
        ({"type": "confiscate_property", "value": 99999}, False),
        # confiscate_property is measured by `value`, not `amount`.
        ({"type": "confiscate_property", "amount": 200000, "value": 5000}, False),
    ],
    ids=lambda v: "-".join(f"{k}={x}" for k, x in v.items()) if isinstance(v, dict) else None,
)
def test_proc02_organisation_hearing_list(measure: dict[str, Any], fires: bool) -> None:
    report = check(
        case(events=[NOTICE_NO_HEARING], proposed_decision=decision(measure)), HEARING_PACK
    )
    if fires:
        finding = only(report, "PROC-02")
        assert "en" in finding.refs
        assert "听证" in finding.message
    else:
        none(report, "PROC-02")


def test_proc02_message_names_the_measure_and_the_amount() -> None:
    report = check(
        case(events=[NOTICE_NO_HEARING], proposed_decision=decision(fine(120000))), HEARING_PACK
    )
    finding = only(report, "PROC-02")
    assert "罚款" in finding.message
    assert says_amount(finding.message, 120000)
    suspend = check(
        case(events=[NOTICE_NO_HEARING], proposed_decision=decision({"type": "suspend_business"}))
    )
    assert "责令停产停业" in only(suspend, "PROC-02").message


def test_proc02_measures_are_never_summed() -> None:
    # 60,000 fine + 60,000 confiscated: each below 100,000.
    measures = decision(fine(60000), {"type": "confiscate_gains", "amount": 60000})
    report = check(case(events=[NOTICE_NO_HEARING], proposed_decision=measures), HEARING_PACK)
    none(report, "PROC-02")


def test_proc02_a_fine_is_not_measured_against_the_confiscation_threshold() -> None:
    the_pack = pack(
        hearing={
            "fine_threshold": {"organisation": {"value": 200000, "inclusive": True}},
            "confiscation_threshold": {"organisation": {"value": 50000, "inclusive": True}},
        }
    )
    report = check(
        case(events=[NOTICE_NO_HEARING], proposed_decision=decision(fine(100000))), the_pack
    )
    none(report, "PROC-02")


@pytest.mark.parametrize(("amount", "fires"), [(100000, False), (100000.01, True)])
def test_proc02_exclusive_threshold(amount: float, fires: bool) -> None:
    the_pack = pack(
        hearing={
            "fine_threshold": {"organisation": {"value": 100000, "inclusive": False}},
            "confiscation_threshold": {"organisation": {"value": 100000, "inclusive": False}},
        }
    )
    for measure in (fine(amount), {"type": "confiscate_gains", "amount": amount}):
        report = check(
            case(events=[NOTICE_NO_HEARING], proposed_decision=decision(measure)), the_pack
        )
        assert bool(fired(report, "PROC-02")) is fires, measure


@pytest.mark.parametrize(
    ("parties", "amount", "fires"),
    [
        ([PERSON], 10000, True),
        ([PERSON], 9999, False),
        ([INDIVIDUAL_BUSINESS], 10000, True),  # baseline: individual_business → citizen
        ([ORGANISATION], 10000, False),
        # Any party of the case with the class suffices.
        ([ORGANISATION, PERSON], 10000, True),
    ],
    ids=["person-at", "person-below", "individual-business", "organisation", "mixed-parties"],
)
def test_proc02_threshold_by_party_class(
    parties: list[dict[str, str]], amount: float, fires: bool
) -> None:
    report = check(
        case(parties=parties, events=[NOTICE_NO_HEARING], proposed_decision=decision(fine(amount))),
        HEARING_PACK,
    )
    assert bool(fired(report, "PROC-02")) is fires


def test_proc02_party_class_comes_from_the_pack_party_kinds() -> None:
    the_pack = pack(hearing=HEARING_THRESHOLDS, party_kinds={"individual_business": "organisation"})
    report = check(
        case(
            parties=[INDIVIDUAL_BUSINESS],
            events=[NOTICE_NO_HEARING],
            proposed_decision=decision(fine(10000)),
        ),
        the_pack,
    )
    none(report, "PROC-02")


def test_proc02_baseline_without_amount_thresholds_checks_measure_types_only() -> None:
    report = check(case(events=[NOTICE_NO_HEARING], proposed_decision=decision(fine(5_000_000))))
    none(report, "PROC-02")


def test_proc02_notice_listing_hearing_is_fine() -> None:
    report = check(
        case(events=[NOTICE_WITH_HEARING], proposed_decision=decision({"type": "suspend_business"}))
    )
    none(report, "PROC-02")


def test_proc02_missing_notice_is_time04_not_proc02() -> None:
    report = check(case(events=[], proposed_decision=decision({"type": "suspend_business"})))
    none(report, "PROC-02")
    some(report, "TIME-04")


def test_proc02_uses_the_latest_notice_before_submission() -> None:
    earlier = ev("n1", "notice_of_intent", "2026-03-03 10:00", rights=["statement", "defence"])
    later = ev(
        "n2", "notice_of_intent", "2026-03-06 10:00", rights=["statement", "defence", "hearing"]
    )
    report = check(
        case(events=[earlier, later], proposed_decision=decision({"type": "suspend_business"}))
    )
    none(report, "PROC-02")


def test_proc02_a_notice_after_submission_does_not_cure_the_one_before() -> None:
    before = ev("n1", "notice_of_intent", "2026-03-05 10:00", rights=["statement", "defence"])
    after = ev(
        "n2", "notice_of_intent", "2026-03-11 10:00", rights=["statement", "defence", "hearing"]
    )
    report = check(
        case(events=[before, after], proposed_decision=decision({"type": "suspend_business"}))
    )
    finding = only(report, "PROC-02")
    assert "n1" in finding.refs
    assert "n2" not in finding.refs


def test_proc02_only_a_notice_after_submission_counts_as_no_notice() -> None:
    after = ev("n2", "notice_of_intent", "2026-03-11 10:00", rights=["statement", "defence"])
    report = check(case(events=[after], proposed_decision=decision({"type": "suspend_business"})))
    none(report, "PROC-02")


def test_proc02_a_notice_at_the_submission_instant_is_not_before_it() -> None:
    at_submission = ev(
        "n1", "notice_of_intent", "2026-03-10 09:00", rights=["statement", "defence"]
    )
    report = check(
        case(events=[at_submission], proposed_decision=decision({"type": "suspend_business"}))
    )
    none(report, "PROC-02")


# =========================================================================================
# PROC-03 — hearing requested but neither held nor withdrawn
# =========================================================================================


@pytest.mark.parametrize(
    ("follow_up", "follow_up_at", "fires"),
    [
        (None, None, True),
        ("hearing", "2026-03-08 10:00", False),
        ("hearing_withdrawal", "2026-03-07 10:00", False),
        ("hearing", "2026-03-05 09:00", True),  # before the request
        ("hearing_withdrawal", "2026-03-05 09:00", True),  # before the request
        ("hearing", "2026-03-06 10:00", True),  # same instant: not later
    ],
    ids=[
        "nothing",
        "hearing-later",
        "withdrawal-later",
        "hearing-before",
        "withdrawal-before",
        "same-instant",
    ],
)
def test_proc03_hearing_request_needs_a_later_hearing_or_withdrawal(
    follow_up: str | None, follow_up_at: str | None, fires: bool
) -> None:
    events = [ev("er", "hearing_request", "2026-03-06 10:00")]
    if follow_up and follow_up_at:
        events.append(ev("eh", follow_up, follow_up_at, host="赵某"))
    report = check(case(events=events))
    if fires:
        finding = only(report, "PROC-03")
        assert "er" in finding.refs
        assert "听证" in finding.message
    else:
        none(report, "PROC-03")


def test_proc03_each_request_needs_its_own_later_hearing() -> None:
    events = [
        ev("r1", "hearing_request", "2026-03-02 10:00"),
        ev("h1", "hearing", "2026-03-04 10:00", host="赵某"),
        ev("r2", "hearing_request", "2026-03-06 10:00"),
    ]
    found = some(check(case(events=events)), "PROC-03")
    refs = {ref for f in found for ref in f.refs}
    assert "r2" in refs
    assert "r1" not in refs


# =========================================================================================
# PROC-04 — complex case without collective discussion
# =========================================================================================


@pytest.mark.parametrize(
    ("flags", "discussed", "fires"),
    [
        (["complex"], False, True),
        (["multi_legal_relationships"], False, True),
        (["complex"], True, False),
        (["multi_legal_relationships"], True, False),
        (["public_interest"], False, False),
        ([], False, False),
    ],
)
def test_proc04_collective_discussion(flags: list[str], discussed: bool, fires: bool) -> None:
    events = [ev("ed", "collective_discussion", "2026-03-09 15:00")] if discussed else []
    report = check(case(flags=flags, events=events))
    if fires:
        assert "集体讨论" in only(report, "PROC-04").message
    else:
        none(report, "PROC-04")


def test_proc04_both_flags_without_discussion_fires() -> None:
    report = check(case(flags=["complex", "multi_legal_relationships"], events=[]))
    some(report, "PROC-04")


# =========================================================================================
# PROC-05 — statement without a later recheck
# =========================================================================================


@pytest.mark.parametrize(
    ("recheck_at", "fires"),
    [
        (None, True),
        ("2026-03-07 10:00", False),
        ("2026-03-05 10:00", True),  # before the statement
        ("2026-03-06 10:00", True),  # same instant: not later
    ],
    ids=["no-recheck", "recheck-later", "recheck-before", "same-instant"],
)
def test_proc05_statement_needs_a_later_recheck(recheck_at: str | None, fires: bool) -> None:
    events = [ev("es", "statement", "2026-03-06 10:00")]
    if recheck_at:
        events.append(ev("ec", "recheck", recheck_at))
    report = check(case(events=events))
    if fires:
        finding = only(report, "PROC-05")
        assert "es" in finding.refs
        assert "复核" in finding.message
    else:
        none(report, "PROC-05")


def test_proc05_each_statement_needs_its_own_later_recheck() -> None:
    events = [
        ev("s1", "statement", "2026-03-02 10:00"),
        ev("c1", "recheck", "2026-03-03 10:00"),
        ev("s2", "statement", "2026-03-06 10:00"),
    ]
    found = some(check(case(events=events)), "PROC-05")
    refs = {ref for f in found for ref in f.refs}
    assert "s2" in refs
    assert "s1" not in refs


# =========================================================================================
# PROC-06 — measure type not allowed by the cited (known) provisions
# =========================================================================================


@pytest.mark.parametrize(
    ("legal_basis", "measure", "fires"),
    [
        ([FOOD_122_1], {"type": "suspend_business"}, True),
        ([FOOD_122_1], fine(60000), False),
        ([FOOD_122_1], {"type": "confiscate_property", "value": 1000}, False),
        # Unknown citations: another paragraph, or no paragraph where the entry names one.
        ([{"law": FOOD_LAW, "article": 122, "paragraph": 2}], {"type": "suspend_business"}, False),
        ([{"law": FOOD_LAW, "article": 122}], {"type": "suspend_business"}, False),
        (
            [{"law": "中华人民共和国产品质量法", "article": 122, "paragraph": 1}],
            {"type": "suspend_business"},
            False,
        ),
        # The entry for Art. 124 names no paragraph: any paragraph of it is known.
        ([{"law": FOOD_LAW, "article": 124, "paragraph": 2}], {"type": "suspend_business"}, True),
        ([{"law": FOOD_LAW, "article": 124}], {"type": "suspend_business"}, True),
        ([{"law": FOOD_LAW, "article": 124, "paragraph": 2}], {"type": "revoke_licence"}, False),
        # Item named by the entry: must agree.
        (
            [{"law": "中华人民共和国广告法", "article": 58, "paragraph": 1, "item": 3}],
            {"type": "suspend_business"},
            True,
        ),
        (
            [{"law": "中华人民共和国广告法", "article": 58, "paragraph": 1, "item": 4}],
            {"type": "suspend_business"},
            False,
        ),
        (
            [{"law": "中华人民共和国广告法", "article": 58, "paragraph": 1}],
            {"type": "suspend_business"},
            False,
        ),
        # Not every provision known: no check.
        (
            [FOOD_122_1, {"law": "中华人民共和国产品质量法", "article": 50}],
            {"type": "suspend_business"},
            False,
        ),
        # Allowed by one of several known provisions.
        (
            [FOOD_122_1, {"law": FOOD_LAW, "article": 124, "paragraph": 1}],
            {"type": "revoke_licence"},
            False,
        ),
        (
            [FOOD_122_1, {"law": FOOD_LAW, "article": 124, "paragraph": 1}],
            {"type": "suspend_business"},
            True,
        ),
    ],
    ids=[
        "122(1)-suspend",
        "122(1)-fine",
        "122(1)-confiscate",
        "122(2)-unknown",
        "122-no-paragraph-unknown",
        "other-law-unknown",
        "124(2)-known",
        "124-known",
        "124(2)-revoke-allowed",
        "58(1)(3)-known",
        "58(1)(4)-unknown",
        "58(1)-no-item-unknown",
        "one-unknown",
        "allowed-by-second",
        "allowed-by-neither",
    ],
)
def test_proc06_measure_types_of_known_provisions(
    legal_basis: list[dict[str, Any]], measure: dict[str, Any], fires: bool
) -> None:
    the_case = case(proposed_decision=decision(measure, legal_basis=legal_basis))
    report = check(the_case, PROVISIONS_PACK)
    if fires:
        finding = only(report, "PROC-06")
        assert "责令停产停业" in finding.message
    else:
        none(report, "PROC-06")


def test_proc06_message_names_the_measure_and_the_article() -> None:
    the_case = case(
        proposed_decision=decision(
            fine(60000), {"type": "suspend_business"}, legal_basis=[FOOD_122_1]
        )
    )
    finding = only(check(the_case, PROVISIONS_PACK), "PROC-06")
    assert "责令停产停业" in finding.message
    assert says_article(finding.message, 122)
    assert "食品安全法" in finding.message


# =========================================================================================
# PROC-07 — fine outside the provision's range
# =========================================================================================


@pytest.mark.parametrize(
    ("amount", "base_amount", "fires"),
    [
        # No base amount: fine.min–fine.max = 50,000–100,000.
        (50000, None, False),
        (100000, None, False),
        (49999, None, True),
        (100001, None, True),
        # Base below `from` (10,000): still 50,000–100,000.
        (100000, 9999.99, False),
        (100001, 9999.99, True),
        (150000, 9999.99, True),
        # Base at `from`: 10–20 × 10,000 = 100,000–200,000.
        (100000, 10000, False),
        (200000, 10000, False),
        (99999, 10000, True),
        (200001, 10000, True),
        # Base above `from`: 10–20 × 20,000 = 200,000–400,000.
        (300000, 20000, False),
        (80000, 20000, True),  # inside the fixed range, outside the multiple
        (400001, 20000, True),
    ],
)
def test_proc07_fine_range_with_or_multiple_of(
    amount: float, base_amount: float | None, fires: bool
) -> None:
    measure = fine(amount) if base_amount is None else fine(amount, base_amount=base_amount)
    the_case = case(proposed_decision=decision(measure, legal_basis=[FOOD_122_1]))
    report = check(the_case, PROVISIONS_PACK)
    if fires:
        finding = only(report, "PROC-07")
        assert says_amount(finding.message, amount)
        assert says_article(finding.message, 122)
    else:
        none(report, "PROC-07")


@pytest.mark.parametrize(
    ("amount", "base_amount", "low", "high"),
    [(49999, None, 50000, 100000), (99999, 10000, 100000, 200000), (80000, 20000, 200000, 400000)],
)
def test_proc07_message_names_the_range_applied(
    amount: float, base_amount: float | None, low: float, high: float
) -> None:
    measure = fine(amount) if base_amount is None else fine(amount, base_amount=base_amount)
    the_case = case(proposed_decision=decision(measure, legal_basis=[FOOD_122_1]))
    finding = only(check(the_case, PROVISIONS_PACK), "PROC-07")
    assert says_amount(finding.message, low)
    assert says_amount(finding.message, high)


@pytest.mark.parametrize(("amount", "fires"), [(30000, False), (0, False), (30001, True)])
def test_proc07_a_cap_only_provision(amount: float, fires: bool) -> None:
    basis = [{"law": "中华人民共和国城乡规划法", "article": 66}]
    report = check(
        case(proposed_decision=decision(fine(amount), legal_basis=basis)), PROVISIONS_PACK
    )
    assert bool(fired(report, "PROC-07")) is fires


@pytest.mark.parametrize(
    ("citation", "fires"),
    [
        ({"law": FOOD_LAW, "article": 122, "paragraph": 1}, True),
        ({"law": FOOD_LAW, "article": 122, "paragraph": 2}, False),  # unknown provision
        ({"law": FOOD_LAW, "article": 122}, False),  # entry names a paragraph
        ({"law": "中华人民共和国广告法", "article": 58, "paragraph": 1, "item": 3}, True),
        ({"law": "中华人民共和国广告法", "article": 58, "paragraph": 1, "item": 2}, False),
    ],
)
def test_proc07_only_known_provisions_are_checked(citation: dict[str, Any], fires: bool) -> None:
    # 10,000 is below both the food range (50,000–) and the advertising range (100,000–).
    report = check(
        case(proposed_decision=decision(fine(10000), legal_basis=[citation])), PROVISIONS_PACK
    )
    assert bool(fired(report, "PROC-07")) is fires


def test_proc07_does_not_judge_a_fine_beside_an_unknown_provision() -> None:
    # v2: the fine may rest on the provision the pack does not know; its range is unknown.
    basis = [FOOD_122_1, {"law": "中华人民共和国产品质量法", "article": 50}]
    report = check(
        case(proposed_decision=decision(fine(10000), legal_basis=basis)), PROVISIONS_PACK
    )
    none(report, "PROC-07")


def test_proc07_no_legal_basis_no_check() -> None:
    report = check(case(proposed_decision=decision(fine(1))), PROVISIONS_PACK)
    none(report, "PROC-07")


# =========================================================================================
# PROC-10 — recording coverage of events that need one
# =========================================================================================

SEIZURE_AT_10 = ev(
    "es", "seizure", "2026-03-03 10:00", approved_at=at("2026-03-03 09:00"), until="2026-03-20"
)


def _seizure_case(*recordings: dict[str, Any], event: dict[str, Any] | None = None) -> Any:
    return case(events=[event or SEIZURE_AT_10], recordings=list(recordings))


@pytest.mark.parametrize(
    ("recording", "covered"),
    [
        (rec(started="2026-03-03 09:55", duration=600), True),
        (rec(started="2026-03-03 10:00", duration=60), True),  # event at the span's start
        (rec(started="2026-03-03 09:50", duration=600), True),  # event at the span's end
        (rec(started="2026-03-03 09:49:59", duration=600), False),  # ended a second early
        (rec(started="2026-03-03 10:00:01", duration=600), False),  # started a second late
        # Positive offset: device 09:59 is true 10:01, after the event.
        (rec(started="2026-03-03 09:59", duration=600, offset_ms=120_000), False),
        # Negative offset: device 10:01 is true 09:59.
        (rec(started="2026-03-03 10:01", duration=600, offset_ms=-120_000), True),
        # Offset brings the start exactly onto the event.
        (rec(started="2026-03-03 10:01", duration=600, offset_ms=-60_000), True),
        # Offset moves the end a millisecond before the event.
        (rec(started="2026-03-03 09:50", duration=600, offset_ms=-1), False),
        # Offset moves the end exactly onto the event.
        (rec(started="2026-03-03 09:49", duration=600, offset_ms=60_000), True),
        # Another offset on the recording's own clock.
        (rec(started="2026-03-03T01:55:00Z", duration=600), True),
        # Duration absent, nothing probed: zero length, covering only its own instant.
        (rec(started="2026-03-03 10:00", duration=None), True),
        (rec(started="2026-03-03 09:55", duration=None), False),
        # The recording's `activity` does not matter: any recording of the case.
        (rec(started="2026-03-03 09:55", duration=600, activity="interview"), True),
    ],
    ids=[
        "inside",
        "at-start",
        "at-end",
        "ends-early",
        "starts-late",
        "positive-offset-late",
        "negative-offset-covers",
        "offset-onto-start",
        "offset-1ms-short",
        "offset-onto-end",
        "utc-recording",
        "zero-length-at-event",
        "zero-length-before",
        "other-activity",
    ],
)
def test_proc10_recording_span(recording: dict[str, Any], covered: bool) -> None:
    report = check(_seizure_case(recording))
    if covered:
        none(report, "PROC-10")
    else:
        finding = only(report, "PROC-10")
        assert "es" in finding.refs


def test_proc10_message_names_the_event_and_its_time() -> None:
    finding = only(check(_seizure_case()), "PROC-10")
    assert "查封" in finding.message
    assert says_date(finding.message, date(2026, 3, 3))
    assert says_time(finding.message, 10, 0)


def test_proc10_event_time_is_compared_as_an_instant() -> None:
    event = ev("es", "seizure", "2026-03-03T02:00:00Z", approved_at=at("2026-03-03 09:00"))
    none(check(_seizure_case(rec(started="2026-03-03 09:55"), event=event)), "PROC-10")


@pytest.mark.parametrize(
    ("duration", "probed", "covered"),
    [
        (None, 600.0, True),  # the probed duration decides
        (None, 240.0, False),  # probed 4 minutes: 09:55–09:59
        (60, 600.0, False),  # duration_s given: the probe is not used
    ],
)
def test_proc10_probed_duration_when_duration_s_is_absent(
    duration: float | None, probed: float, covered: bool
) -> None:
    recording = rec(started="2026-03-03 09:55", duration=duration, path="media/A01.mp4")
    files = FileFacts(hashes={"media/A01.mp4": sha(b"A01")}, durations={"media/A01.mp4": probed})
    report = check(_seizure_case(recording), files=files)
    if covered:
        none(report, "PROC-10")
    else:
        assert "es" in only(report, "PROC-10").refs


def test_proc10_probed_duration_of_another_file_does_not_count() -> None:
    recording = rec(started="2026-03-03 09:55", duration=None, path="media/A01.mp4")
    files = FileFacts(
        hashes={"media/A01.mp4": sha(b"A01"), "media/B02.mp4": sha(b"B02")},
        durations={"media/B02.mp4": 600.0},
    )
    assert "es" in only(check(_seizure_case(recording), files=files), "PROC-10").refs


def test_proc10_any_recording_of_the_case_may_cover_the_event() -> None:
    listed = rec("r1", started="2026-03-03 08:00", duration=60)
    other = rec("r2", started="2026-03-03 09:58", duration=300)
    event = dict(SEIZURE_AT_10, recordings=["r1"])
    none(check(_seizure_case(listed, other, event=event)), "PROC-10")


def test_proc10_several_recordings_none_covering() -> None:
    report = check(
        _seizure_case(
            rec("r1", started="2026-03-03 08:00", duration=60),
            rec("r2", started="2026-03-03 10:30", duration=600),
        )
    )
    assert "es" in only(report, "PROC-10").refs


@pytest.mark.parametrize(
    ("kind", "the_pack", "fires"),
    [
        ("seizure", None, True),
        ("enforcement", None, True),
        ("inspection", None, False),  # not in the baseline's recording_required
        ("inspection", "cn-xuecheng-2017", True),
        ("hearing", "cn-xuecheng-2017", True),
        ("interview", "cn-xuecheng-2017", False),
    ],
)
def test_proc10_only_event_types_in_recording_required(
    kind: str, the_pack: str | None, fires: bool
) -> None:
    event = ev("ex", kind, "2026-03-03 10:00", approved_at=at("2026-03-03 09:00"), host="赵某")
    report = check(case(events=[event], recordings=[]), shipped(the_pack) if the_pack else None)
    if fires:
        assert "ex" in only(report, "PROC-10").refs
    else:
        none(report, "PROC-10")


def test_proc10_recording_required_comes_from_the_pack() -> None:
    the_pack = pack(recording_required=["interview"])
    report = check(
        case(events=[ev("ei", "interview", "2026-03-03 10:00"), SEIZURE_AT_10]), the_pack
    )
    finding = only(report, "PROC-10")
    assert "ei" in finding.refs
    assert "es" not in finding.refs


@pytest.mark.parametrize(
    ("method", "methods", "covered", "fires"),
    [
        ("left", ["left", "public"], False, True),
        ("public", ["left", "public"], False, True),
        ("left", ["left", "public"], True, False),
        ("direct", ["left", "public"], False, False),
        ("post", ["left", "public"], False, False),
        ("left", None, False, False),  # the baseline lists no delivery methods
    ],
)
def test_proc10_deliveries_by_method(
    method: str, methods: list[str] | None, covered: bool, fires: bool
) -> None:
    the_pack = pack(recording_required_delivery_methods=methods) if methods else None
    delivery = ev("ed", "delivery", "2026-03-03 10:00", method=method)
    recordings = [rec(started="2026-03-03 09:55", activity="delivery")] if covered else []
    report = check(case(events=[delivery], recordings=recordings), the_pack)
    if fires:
        assert "ed" in only(report, "PROC-10").refs
    else:
        none(report, "PROC-10")


# =========================================================================================
# PROC-11 — recording archived late
# =========================================================================================

ARCHIVE_PACK = pack(recording_archive_hours=24)


@pytest.mark.parametrize(
    ("recording", "fires"),
    [
        # Span 10:00–10:10; exactly 24 hours later is not more than 24 hours.
        (rec(started="2026-03-03 10:00", duration=600, archived="2026-03-04 10:10"), False),
        (rec(started="2026-03-03 10:00", duration=600, archived="2026-03-04 10:10:01"), True),
        (rec(started="2026-03-03 10:00", duration=600, archived="2026-03-03 11:00"), False),
        # archived_at in another offset: 02:10Z is 10:10 local.
        (rec(started="2026-03-03 10:00", duration=600, archived="2026-03-04T02:10:00Z"), False),
        (rec(started="2026-03-03 10:00", duration=600, archived="2026-03-04T02:11:00Z"), True),
        # +1 h offset: true span ends 11:10; archived_at itself takes no offset.
        (
            rec(
                started="2026-03-03 10:00",
                duration=600,
                offset_ms=3_600_000,
                archived="2026-03-04 11:00",
            ),
            False,
        ),
        # −1 h offset: true span ends 09:10; archived 24 h 20 min later.
        (
            rec(
                started="2026-03-03 10:00",
                duration=600,
                offset_ms=-3_600_000,
                archived="2026-03-04 09:30",
            ),
            True,
        ),
        # Duration absent, nothing probed: the span ends where it starts.
        (rec(started="2026-03-03 10:00", duration=None, archived="2026-03-04 10:00"), False),
        (rec(started="2026-03-03 10:00", duration=None, archived="2026-03-04 10:00:01"), True),
    ],
    ids=[
        "exactly-24h",
        "24h-and-1s",
        "same-day",
        "utc-archived-exact",
        "utc-archived-late",
        "positive-offset",
        "negative-offset",
        "zero-length-exact",
        "zero-length-late",
    ],
)
def test_proc11_archive_hours_after_span_end(recording: dict[str, Any], fires: bool) -> None:
    report = check(case(recordings=[recording]), ARCHIVE_PACK)
    if fires:
        finding = only(report, "PROC-11")
        assert "r1" in finding.refs
        assert "24" in finding.message
    else:
        none(report, "PROC-11")


@pytest.mark.parametrize(("probed", "fires"), [(3600.0, False), (None, True)])
def test_proc11_probed_duration_moves_the_span_end(probed: float | None, fires: bool) -> None:
    # Starts 10:00, archived next day 10:30: late only if the span ends before 10:30.
    recording = rec(
        started="2026-03-03 10:00", duration=None, archived="2026-03-04 10:30", path="media/A01.mp4"
    )
    files = FileFacts(
        hashes={"media/A01.mp4": sha(b"A01")},
        durations={"media/A01.mp4": probed} if probed is not None else {},
    )
    report = check(case(recordings=[recording]), ARCHIVE_PACK, files=files)
    assert bool(fired(report, "PROC-11")) is fires


def test_proc11_uses_the_pack_hours() -> None:
    recording = rec(started="2026-03-03 10:00", duration=600, archived="2026-03-04 08:00")
    assert fired(check(case(recordings=[recording]), pack(recording_archive_hours=12)), "PROC-11")
    none(check(case(recordings=[recording]), ARCHIVE_PACK), "PROC-11")


def test_proc11_no_archive_hours_in_the_pack_no_check() -> None:
    recording = rec(started="2026-03-03 10:00", duration=600, archived="2026-03-10 08:00")
    none(check(case(recordings=[recording])), "PROC-11")


# =========================================================================================
# PROC-12 — discretion benchmark tier
# =========================================================================================

BENCHMARK_PACK = pack(
    discretion_benchmarks=[
        {
            "id": "food-122-1",
            "conduct": "未取得食品生产经营许可从事食品生产经营活动",
            "provision": FOOD_122_1,
            "tiers": {
                "minor": {"fine": {"min": 50000, "max": 60000}},
                "ordinary": {"fine": {"min": 60000, "max": 80000}},
                "serious": {"fine": {"min": 80000, "max": 100000}},
            },
        }
    ]
)


def _discretion_case(
    amount: float,
    *,
    tier: str = "ordinary",
    benchmark: str = "food-122-1",
    flags: list[str] | None = None,
    reasons: str | None = None,
) -> Any:
    discretion: dict[str, Any] = {"benchmark": benchmark, "tier": tier}
    if reasons is not None:
        discretion["reasons"] = reasons
    return case(flags=flags or [], proposed_decision=decision(fine(amount), discretion=discretion))


@pytest.mark.parametrize("amount", [60000, 70000, 80000])
def test_proc12_fine_inside_the_tier_range(amount: float) -> None:
    none(check(_discretion_case(amount), BENCHMARK_PACK), "PROC-12")


@pytest.mark.parametrize("amount", [59999, 80001])
def test_proc12_fine_outside_the_tier_range(amount: float) -> None:
    finding = only(check(_discretion_case(amount), BENCHMARK_PACK), "PROC-12")
    assert says_amount(finding.message, amount)
    assert says_amount(finding.message, 60000)
    assert says_amount(finding.message, 80000)
    assert "一般" in finding.message or "ordinary" in finding.message


def test_proc12_unknown_benchmark() -> None:
    finding = only(check(_discretion_case(70000, benchmark="food-999"), BENCHMARK_PACK), "PROC-12")
    assert "food-999" in finding.message


def test_proc12_tier_not_defined_for_the_benchmark() -> None:
    finding = only(check(_discretion_case(70000, tier="grave"), BENCHMARK_PACK), "PROC-12")
    assert "严重" in finding.message or "grave" in finding.message


def test_proc12_no_discretion_no_check() -> None:
    none(check(case(proposed_decision=decision(fine(1))), BENCHMARK_PACK), "PROC-12")


@pytest.mark.parametrize(
    ("amount", "flags", "reasons", "fires"),
    [
        (40000, ["reduced_penalty"], "当事人主动消除违法行为危害后果", False),
        (40000, ["reduced_penalty"], "", True),
        (40000, ["reduced_penalty"], None, True),
        (40000, ["aggravated_penalty"], "多次违法", True),  # wrong direction
        (40000, [], "当事人主动消除违法行为危害后果", True),
        (90000, ["aggravated_penalty"], "多次违法", False),
        (90000, ["aggravated_penalty"], "", True),
        (90000, ["aggravated_penalty"], None, True),
        (90000, ["reduced_penalty"], "多次违法", True),  # wrong direction
        (90000, ["reduced_penalty", "aggravated_penalty"], "多次违法", False),
        (40000, ["reduced_penalty", "aggravated_penalty"], "主动消除危害后果", False),
    ],
    ids=[
        "below-reduced-reasons",
        "below-reduced-empty-reasons",
        "below-reduced-no-reasons",
        "below-aggravated-reasons",
        "below-no-flag-reasons",
        "above-aggravated-reasons",
        "above-aggravated-empty-reasons",
        "above-aggravated-no-reasons",
        "above-reduced-reasons",
        "above-both-flags-reasons",
        "below-both-flags-reasons",
    ],
)
def test_proc12_reduced_and_aggravated_penalties_need_the_flag_and_reasons(
    amount: float, flags: list[str], reasons: str | None, fires: bool
) -> None:
    report = check(_discretion_case(amount, flags=flags, reasons=reasons), BENCHMARK_PACK)
    if fires:
        assert says_amount(only(report, "PROC-12").message, amount)
    else:
        none(report, "PROC-12")


# =========================================================================================
# ENF-01 — approval of coercive measures
# =========================================================================================


def _coercion(kind: str = "seizure", when: str = "2026-03-03 10:00", **extra: Any) -> Any:
    return case(events=[ev("ec", kind, when, until="2026-03-20", **extra)])


@pytest.mark.parametrize(
    ("extra", "fires"),
    [
        ({}, True),  # no approved_at
        ({"emergency": True}, True),  # emergency still needs a later approval
        ({"approved_at": at("2026-03-03 09:00")}, False),
        ({"approved_at": at("2026-03-03 10:00")}, False),  # at the event's time: not after
        ({"approved_at": at("2026-03-03 10:01")}, True),
        ({"approved_at": at("2026-03-03 10:01"), "emergency": False}, True),
        ({"approved_at": at("2026-03-03 18:00"), "emergency": True}, False),
        ({"approved_at": at("2026-03-04 10:00"), "emergency": True}, False),  # exactly 24 h
        ({"approved_at": at("2026-03-04 10:00:01"), "emergency": True}, True),
        ({"approved_at": at("2026-03-05 10:00"), "emergency": True}, True),
        ({"approved_at": "2026-03-03T02:30:00Z"}, True),  # 10:30 local
        ({"approved_at": "2026-03-03T01:30:00Z"}, False),  # 09:30 local
        ({"approved_at": "2026-03-04T02:00:00Z", "emergency": True}, False),  # 24 h exactly
        ({"approved_at": "2026-03-04T02:00:01Z", "emergency": True}, True),
    ],
    ids=[
        "none",
        "none-emergency",
        "before",
        "same-instant",
        "after",
        "after-emergency-false",
        "emergency-8h",
        "emergency-24h",
        "emergency-24h-1s",
        "emergency-48h",
        "utc-after",
        "utc-before",
        "utc-emergency-24h",
        "utc-emergency-late",
    ],
)
@pytest.mark.parametrize("kind", ["seizure", "freeze"])
def test_enf01_approval_of_coercive_measures(kind: str, extra: dict[str, Any], fires: bool) -> None:
    report = check(_coercion(kind, **extra))
    if fires:
        assert "ec" in only(report, "ENF-01").refs
    else:
        none(report, "ENF-01")


def test_enf01_message_names_the_measure_time_and_approval_time() -> None:
    report = check(_coercion(approved_at=at("2026-03-04 11:30"), emergency=True))
    finding = only(report, "ENF-01")
    assert says_time(finding.message, 10, 0)
    assert says_time(finding.message, 11, 30)
    assert "24" in finding.message


def test_enf01_message_says_approval_is_missing() -> None:
    finding = only(check(_coercion()), "ENF-01")
    assert "批准" in finding.message or "审批" in finding.message
    assert says_date(finding.message, date(2026, 3, 3))


def test_enf01_enforcement_is_not_a_coercive_measure() -> None:
    none(check(case(events=[ev("ee", "enforcement", "2026-03-03 10:00")])), "ENF-01")


def test_enf01_emergency_hours_come_from_the_pack() -> None:
    the_case = _coercion(approved_at=at("2026-03-04 16:00"), emergency=True)  # 30 h later
    assert fired(check(the_case), "ENF-01")
    none(check(the_case, pack(periods={"emergency_approval_hours": 48})), "ENF-01")


# =========================================================================================
# ENF-03 — seizure term
# =========================================================================================


def _seizure(
    until: str | None,
    *extensions: tuple[str, str],
    when: str = "2026-03-01 10:00",
) -> Any:
    seizure: dict[str, Any] = ev("es", "seizure", when, approved_at=at("2026-02-28 09:00"))
    if until:
        seizure["until"] = until
    events = [seizure] + [
        ev(f"x{i}", "seizure_extension", ext_at, until=ext_until)
        for i, (ext_at, ext_until) in enumerate(extensions, start=1)
    ]
    return case(events=events)


@pytest.mark.parametrize(
    ("until", "extensions", "fires"),
    [
        ("2026-03-31", [], False),  # 30 days after 1 March
        ("2026-03-20", [], False),
        ("2026-04-01", [], True),  # 31 days
        ("2026-03-31", [("2026-03-28 10:00", "2026-04-30")], False),  # 60 days
        ("2026-03-31", [("2026-03-28 10:00", "2026-05-01")], True),  # 61 days
        (
            "2026-03-31",
            [("2026-03-20 10:00", "2026-04-10"), ("2026-04-08 10:00", "2026-04-20")],
            True,  # two extensions, one allowed
        ),
        # An extension must come after the seizure to count as one.
        ("2026-04-30", [("2026-02-27 10:00", "2026-04-30")], True),
        (None, [], False),  # no term to check
    ],
    ids=[
        "30-days",
        "short",
        "31-days",
        "extended-60",
        "extended-61",
        "two-extensions",
        "extension-before-seizure",
        "no-until",
    ],
)
def test_enf03_seizure_cap(
    until: str | None, extensions: list[tuple[str, str]], fires: bool
) -> None:
    report = check(_seizure(until, *extensions))
    if fires:
        assert "es" in only(report, "ENF-03").refs
    else:
        none(report, "ENF-03")


def test_enf03_message_names_the_dates_and_the_cap() -> None:
    finding = only(check(_seizure("2026-04-01")), "ENF-03")
    assert says_date(finding.message, date(2026, 3, 1))
    assert says_date(finding.message, date(2026, 4, 1))
    assert "30" in finding.message


def test_enf03_too_many_extensions_message_names_the_count() -> None:
    report = check(
        _seizure(
            "2026-03-31", ("2026-03-20 10:00", "2026-04-10"), ("2026-04-08 10:00", "2026-04-20")
        )
    )
    finding = only(report, "ENF-03")
    assert "延长" in finding.message or "延期" in finding.message
    assert "2" in finding.message or "两" in finding.message


@pytest.mark.parametrize(("last_until", "fires"), [("2026-04-30", False), ("2026-05-01", True)])
def test_enf03_extension_days_are_added_once_however_many_extensions_are_allowed(
    last_until: str, fires: bool
) -> None:
    the_pack = pack(seizure={"max_days": 30, "extension_max_days": 30, "extensions_max": 2})
    the_case = _seizure(
        "2026-03-31", ("2026-03-20 10:00", "2026-04-10"), ("2026-04-08 10:00", last_until)
    )
    assert bool(fired(check(the_case, the_pack), "ENF-03")) is fires


def test_enf03_no_extension_allowed_by_the_pack() -> None:
    the_pack = pack(seizure={"max_days": 30, "extension_max_days": 30, "extensions_max": 0})
    the_case = _seizure("2026-03-31", ("2026-03-28 10:00", "2026-04-10"))
    assert "es" in only(check(the_case, the_pack), "ENF-03").refs
    none(check(the_case), "ENF-03")


def test_enf03_seizure_date_is_the_local_date() -> None:
    # 17:00Z on 28 February is 01:00 on 1 March local: 31 March is 30 days after.
    none(check(_seizure("2026-03-31", when="2026-02-28T17:00:00Z")), "ENF-03")


@pytest.mark.parametrize(("until", "fires"), [("2026-04-06", False), ("2026-04-07", True)])
def test_enf03_cap_does_not_roll_off_a_holiday(until: str, fires: bool) -> None:
    # 7 March + 30 days = 6 April 2026, a Qingming holiday; the cap still ends that day.
    report = check(_seizure(until, when="2026-03-07 10:00"))
    assert bool(fired(report, "ENF-03")) is fires


def test_enf03_past_the_calendar_is_not_approximate() -> None:
    # Calendar days only: 2027 dates need no working-day calendar.
    the_case = case(
        submitted_at="2027-05-10T09:00:00+08:00",
        events=[
            ev(
                "es",
                "seizure",
                "2027-03-01 10:00",
                approved_at=at("2027-03-01 09:00"),
                until="2027-04-01",
            )
        ],
    )
    finding = only(check(the_case), "ENF-03")
    assert APPROXIMATE_WORDS not in finding.message
    none(
        check(
            case(
                submitted_at="2027-05-10T09:00:00+08:00",
                events=[
                    ev(
                        "es",
                        "seizure",
                        "2027-03-01 10:00",
                        approved_at=at("2027-03-01 09:00"),
                        until="2027-03-31",
                    )
                ],
            )
        ),
        "ENF-03",
    )


# =========================================================================================
# ENF-07 — enforcement at night or on a rest day
# =========================================================================================


def _enforcement(when: str, submitted: str = "2026-12-31T09:00:00+08:00", **extra: Any) -> Any:
    return case(submitted_at=submitted, events=[ev("ee", "enforcement", when, **extra)])


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-03-03 10:00", False),  # Tuesday morning
        ("2026-03-03 21:59", False),
        ("2026-03-03 22:00", True),  # the window's start counts
        ("2026-03-03 23:59", True),
        ("2026-03-04 00:00", True),  # wraps midnight
        ("2026-03-04 03:00", True),
        ("2026-03-04 05:59", True),
        ("2026-03-04 06:00", False),  # the window's end does not
        # Other offsets are converted to local time first.
        ("2026-03-03T14:00:00Z", True),  # 22:00 local
        ("2026-03-03T13:59:00Z", False),  # 21:59 local
        ("2026-03-02T22:00:00Z", False),  # 06:00 local on 3 March
        ("2026-03-02T21:59:00Z", True),  # 05:59 local
    ],
)
def test_enf07_night_window(when: str, fires: bool) -> None:
    report = check(_enforcement(when))
    if fires:
        finding = only(report, "ENF-07")
        assert "ee" in finding.refs
        assert "夜间" in finding.message
    else:
        none(report, "ENF-07")


REST_WORDS = ("节假日", "休息日", "公休日", "周末", "双休日")


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        ("2026-10-01", True),  # National Day, a Thursday
        ("2026-10-07", True),  # last day of the holiday week, a Wednesday
        ("2026-10-08", False),  # Thursday after it
        ("2026-01-01", True),  # New Year's Day
        ("2026-02-16", True),  # Spring Festival Monday
        ("2026-03-07", True),  # ordinary Saturday
        ("2026-03-08", True),  # ordinary Sunday
        ("2026-02-14", False),  # adjusted working Saturday (调休)
        ("2026-02-28", False),  # adjusted working Saturday
        ("2026-09-20", False),  # adjusted working Sunday
        ("2026-10-10", False),  # adjusted working Saturday
        ("2026-01-04", False),  # adjusted working Sunday
        ("2026-03-03", False),  # ordinary Tuesday
    ],
)
def test_enf07_rest_days_by_the_national_calendar(day: str, fires: bool) -> None:
    report = check(_enforcement(f"{day} 10:00"))
    if fires:
        finding = only(report, "ENF-07")
        assert "ee" in finding.refs
        assert any(word in finding.message for word in REST_WORDS)
        assert says_date(finding.message, date.fromisoformat(day))
    else:
        none(report, "ENF-07")


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-09-30T23:00:00Z", True),  # 07:00 on 1 October local: a holiday
        ("2026-10-07T23:00:00Z", False),  # 07:00 on 8 October local: a working day
    ],
)
def test_enf07_rest_day_is_the_local_date(when: str, fires: bool) -> None:
    assert bool(fired(check(_enforcement(when)), "ENF-07")) is fires


@pytest.mark.parametrize(
    "when", ["2026-03-03 23:00", "2026-10-01 10:00", "2026-03-07 10:00", "2026-10-01 23:00"]
)
def test_enf07_emergency_is_allowed_at_night_and_on_rest_days(when: str) -> None:
    none(check(_enforcement(when, emergency=True)), "ENF-07")


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-03-03 20:00", True),
        ("2026-03-03 19:59", False),
        ("2026-03-04 06:59", True),
        ("2026-03-04 07:00", False),
    ],
)
def test_enf07_night_window_comes_from_the_pack(when: str, fires: bool) -> None:
    the_pack = pack(night_window={"start": "20:00", "end": "07:00"})
    assert bool(fired(check(_enforcement(when), the_pack), "ENF-07")) is fires


def test_enf07_other_events_at_night_are_not_enforcement() -> None:
    report = check(
        case(events=[ev("es", "seizure", "2026-03-03 23:00", approved_at=at("2026-03-03 20:00"))])
    )
    none(report, "ENF-07")


@pytest.mark.parametrize(
    "when",
    [
        "2027-03-03 10:00",  # a Wednesday in 2027: the calendar does not say whether it is worked
        "2027-03-06 10:00",  # a Saturday in 2027: it could be an adjusted working day
        "2003-12-30 10:00",  # before covered_from
    ],
)
def test_enf07_past_the_calendar_is_an_approximate_warning(when: str) -> None:
    the_case = _enforcement(when, submitted=f"{when[:4]}-12-31T09:00:00+08:00")
    report = check(the_case)
    found = fired(report, "ENF-07")
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    assert finding.section == "procedure"
    assert finding.severity == "warning"
    assert finding.approximate is True
    assert APPROXIMATE_WORDS in finding.message
    assert "ee" in finding.refs
    as_json = report.to_json()
    assert as_json["approximate"] is True
    assert {"rule": "ENF-07", "approximate": True}.items() <= next(
        f for f in as_json["findings"] if f["rule"] == "ENF-07"
    ).items()


def test_enf07_past_the_calendar_at_night_fails_outright() -> None:
    # The night alone decides: no working-day question, so a plain error.
    report = check(_enforcement("2027-03-03 23:00", submitted="2027-12-31T09:00:00+08:00"))
    found = some(report, "ENF-07")
    assert all(APPROXIMATE_WORDS not in f.message for f in found)


def test_enf07_past_the_calendar_in_an_emergency_is_silent() -> None:
    report = check(
        _enforcement("2027-03-06 10:00", submitted="2027-12-31T09:00:00+08:00", emergency=True)
    )
    none(report, "ENF-07")


@pytest.mark.parametrize(
    ("when", "approximate"),
    [
        ("2026-12-31 10:00", None),  # covered_through itself: a Thursday, worked
        ("2027-01-01 10:00", True),  # the day after covered_through
        ("2004-01-01 10:00", False),  # covered_from itself: New Year's Day, a plain error
        ("2003-12-31 10:00", True),  # the day before covered_from
    ],
)
def test_enf07_calendar_coverage_bounds_are_inclusive(when: str, approximate: bool | None) -> None:
    report = check(_enforcement(when, submitted=f"{when[:4]}-12-31T23:00:00+08:00"))
    if approximate is None:
        none(report, "ENF-07")
        return
    found = fired(report, "ENF-07")
    assert len(found) == 1
    assert found[0].approximate is approximate
    assert found[0].severity == ("warning" if approximate else "error")
    assert (APPROXIMATE_WORDS in found[0].message) is approximate


@pytest.mark.parametrize("when", ["2027-03-06 23:00", "2027-03-04 05:00"])
def test_enf07_past_the_calendar_night_on_any_day_is_a_plain_error(when: str) -> None:
    found = some(check(_enforcement(when, submitted="2027-12-31T09:00:00+08:00")), "ENF-07")
    assert all("夜间" in f.message for f in found)


@pytest.mark.parametrize(
    ("calendar", "day", "fires"),
    [
        ({"weekend": ["sun"]}, "2026-03-07", False),  # Saturday is worked under this pack
        ({"weekend": ["sun"]}, "2026-03-08", True),
        ({"adjusted_workdays": []}, "2026-02-14", True),  # no 调休 list: a plain Saturday
        ({"holidays": ["2026-03-10"]}, "2026-03-10", True),  # a local holiday on a Tuesday
        ({"holidays": ["2026-03-10"]}, "2026-10-01", False),  # the list replaced wholesale
    ],
)
def test_enf07_rest_days_come_from_the_pack_calendar(
    calendar: dict[str, Any], day: str, fires: bool
) -> None:
    report = check(_enforcement(f"{day} 10:00"), pack(calendar=calendar))
    assert bool(fired(report, "ENF-07")) is fires


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-03-03T23:00:00+08:00", False),  # 15:00 in a +00:00 pack
        ("2026-03-04T07:00:00+08:00", True),  # 23:00 on 3 March in a +00:00 pack
        ("2026-03-03T22:30:00Z", True),
    ],
)
def test_enf07_local_time_is_the_pack_timezone(when: str, fires: bool) -> None:
    assert bool(fired(check(_enforcement(when), pack(timezone="+00:00")), "ENF-07")) is fires


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        ("2026-03-03 23:00", False),
        ("2026-03-04 00:00", True),
        ("2026-03-04 04:59", True),
        ("2026-03-04 05:00", False),
    ],
)
def test_enf07_a_window_that_does_not_wrap_midnight(when: str, fires: bool) -> None:
    the_pack = pack(night_window={"start": "00:00", "end": "05:00"})
    assert bool(fired(check(_enforcement(when), the_pack), "ENF-07")) is fires


# =========================================================================================
# XFER-00 — criminal referral thresholds
# =========================================================================================

FOOD_REFERRAL_LABEL = "生产销售不符合安全标准的食品，货值金额较大"
FOOD_REFERRAL: dict[str, Any] = {
    "domain": "food",
    "label": FOOD_REFERRAL_LABEL,
    "measure": ["fine", "confiscate_gains", "confiscate_property"],
    "field": "base_amount",
    "min": {"value": 50000, "inclusive": True},
}
REFERRAL_PACK = pack(criminal_referral=[FOOD_REFERRAL])


@pytest.mark.parametrize(
    ("domain", "measure", "fires"),
    [
        ("food", fine(100000, base_amount=50000), True),
        ("food", fine(100000, base_amount=49999), False),
        ("food", {"type": "confiscate_gains", "amount": 1000, "base_amount": 80000}, True),
        ("food", fine(100000), False),  # no base amount
        ("market", fine(100000, base_amount=80000), False),  # another domain
        (None, fine(100000, base_amount=80000), False),  # no domain
        ("food", {"type": "seizure", "value": 1000, "base_amount": 80000}, False),  # other type
    ],
    ids=[
        "at-min",
        "below-min",
        "confiscation",
        "no-base",
        "other-domain",
        "no-domain",
        "other-type",
    ],
)
def test_xfer00_warning_at_or_over_the_threshold(
    domain: str | None, measure: dict[str, Any], fires: bool
) -> None:
    fields: dict[str, Any] = {"proposed_decision": decision(measure)}
    if domain:
        fields["domain"] = domain
    report = check(case(**fields), REFERRAL_PACK)
    if fires:
        assert FOOD_REFERRAL_LABEL in only(report, "XFER-00").message
    else:
        none(report, "XFER-00")


@pytest.mark.parametrize(("base", "fires"), [(50000, False), (50000.01, True)])
def test_xfer00_exclusive_threshold(base: float, fires: bool) -> None:
    entry = dict(FOOD_REFERRAL, min={"value": 50000, "inclusive": False})
    report = check(
        case(domain="food", proposed_decision=decision(fine(1, base_amount=base))),
        pack(criminal_referral=[entry]),
    )
    assert bool(fired(report, "XFER-00")) is fires


@pytest.mark.parametrize(("amount", "fires"), [(60000, True), (59999, False)])
def test_xfer00_field_names_the_measure_figure(amount: float, fires: bool) -> None:
    entry = dict(FOOD_REFERRAL, field="amount", min={"value": 60000, "inclusive": True})
    report = check(
        case(domain="food", proposed_decision=decision(fine(amount, base_amount=1))),
        pack(criminal_referral=[entry]),
    )
    assert bool(fired(report, "XFER-00")) is fires


def test_xfer00_measures_are_never_summed() -> None:
    measures = decision(
        fine(1, base_amount=30000), {"type": "confiscate_gains", "amount": 1, "base_amount": 30000}
    )
    none(check(case(domain="food", proposed_decision=measures), REFERRAL_PACK), "XFER-00")


def test_xfer00_is_info_once_a_transfer_event_exists() -> None:
    the_case = case(
        domain="food",
        proposed_decision=decision(fine(100000, base_amount=80000)),
        events=[ev("et", "transfer", "2026-03-06 10:00")],
    )
    found = fired(check(the_case, REFERRAL_PACK), "XFER-00")
    assert len(found) == 1
    assert_meta(found[0], "XFER-00", severity="info")


def test_xfer00_no_referral_table_no_finding() -> None:
    report = check(case(domain="food", proposed_decision=decision(fine(1, base_amount=10**7))))
    none(report, "XFER-00")


# =========================================================================================
# REV-01 — required documents by action type
# =========================================================================================

REQUIRED_PACK = pack(
    required_documents={
        "penalty": ["review_request", "investigation_report"],
        "coercion": ["review_request", "coercion_decision"],
    }
)


@pytest.mark.parametrize(
    ("action_type", "procedure", "kinds", "missing"),
    [
        ("penalty", "ordinary", [], ["法制审核送审表", "调查终结报告"]),
        ("penalty", "ordinary", ["review_request"], ["调查终结报告"]),
        ("penalty", "simple", ["review_request"], ["调查终结报告"]),  # whatever the procedure
        ("penalty", "ordinary", ["review_request", "investigation_report"], []),
        ("coercion", "ordinary", ["review_request", "investigation_report"], ["查封扣押决定书"]),
        ("coercion", "ordinary", ["review_request", "coercion_decision"], []),
        ("licensing", "ordinary", [], []),  # the pack lists nothing for licensing
    ],
)
def test_rev01_required_documents(
    action_type: str, procedure: str, kinds: list[str], missing: list[str]
) -> None:
    documents = [doc(f"d{i}", kind) for i, kind in enumerate(kinds, start=1)]
    the_case = case(action_type=action_type, procedure=procedure, documents=documents, events=[])
    report = check(the_case, REQUIRED_PACK)
    if missing:
        text = "".join(f.message for f in some(report, "REV-01"))
        for name in missing:
            assert name in text
        present = {"review_request": "法制审核送审表", "investigation_report": "调查终结报告"}
        for kind in kinds:
            if kind in present:
                assert present[kind] not in text
    else:
        none(report, "REV-01")


def test_rev01_no_required_documents_in_the_pack() -> None:
    none(check(case(documents=[], events=[])), "REV-01")


# =========================================================================================
# INTEG-01 — missing file or hash mismatch
# =========================================================================================

PDF = b"%PDF-1.4 inspection record"
MP4 = b"\x00\x00\x00\x18ftypmp42 body camera"
SRT = "1\n00:00:00,000 --> 00:00:02,000\n现场检查\n".encode()


def _integrity_case(**extra: Any) -> Any:
    fields: dict[str, Any] = {
        "events": [],
        "documents": [doc("d1", "inspection_record", "docs/现场检查笔录.pdf", sha256=sha(PDF))],
        "recordings": [
            rec("r1", path="media/A01.mp4", sha256=sha(MP4), transcript="media/A01.srt")
        ],
    }
    fields.update(extra)
    return case(**fields)


ALL_FILES = {
    "docs/现场检查笔录.pdf": sha(PDF),
    "media/A01.mp4": sha(MP4),
    "media/A01.srt": sha(SRT),
}


def test_integ01_all_files_present_and_matching() -> None:
    none(check(_integrity_case(), files=FileFacts(hashes=dict(ALL_FILES))), "INTEG-01")


@pytest.mark.parametrize(
    ("path", "ref"),
    [("docs/现场检查笔录.pdf", "d1"), ("media/A01.mp4", "r1"), ("media/A01.srt", "r1")],
    ids=["document", "recording", "transcript"],
)
def test_integ01_missing_file(path: str, ref: str) -> None:
    hashes = {p: h for p, h in ALL_FILES.items() if p != path}
    finding = only(check(_integrity_case(), files=FileFacts(hashes=hashes)), "INTEG-01")
    assert ref in finding.refs
    assert path in finding.message


@pytest.mark.parametrize(
    ("path", "ref"),
    [("docs/现场检查笔录.pdf", "d1"), ("media/A01.mp4", "r1")],
    ids=["document", "recording"],
)
def test_integ01_hash_mismatch(path: str, ref: str) -> None:
    hashes = dict(ALL_FILES, **{path: sha(b"tampered")})
    finding = only(check(_integrity_case(), files=FileFacts(hashes=hashes)), "INTEG-01")
    assert ref in finding.refs
    assert path in finding.message


def test_integ01_missing_and_mismatch_are_told_apart() -> None:
    missing = only(
        check(
            _integrity_case(),
            files=FileFacts(hashes={p: h for p, h in ALL_FILES.items() if p != "media/A01.mp4"}),
        ),
        "INTEG-01",
    )
    mismatch = only(
        check(
            _integrity_case(),
            files=FileFacts(hashes=dict(ALL_FILES, **{"media/A01.mp4": sha(b"x")})),
        ),
        "INTEG-01",
    )
    assert missing.message != mismatch.message
    assert any(
        word in mismatch.message for word in ("SHA-256", "SHA256", "哈希", "校验", "不一致", "不符")
    )


def test_integ01_no_manifest_hash_nothing_to_compare() -> None:
    the_case = _integrity_case(documents=[doc("d1", "inspection_record", "docs/现场检查笔录.pdf")])
    hashes = dict(ALL_FILES, **{"docs/现场检查笔录.pdf": sha(b"whatever is there")})
    none(check(the_case, files=FileFacts(hashes=hashes)), "INTEG-01")


def test_integ01_manifest_hash_in_upper_case_matches() -> None:
    # The schema allows upper-case hex; the same bytes have the same hash.
    the_case = _integrity_case(
        documents=[doc("d1", "inspection_record", "docs/现场检查笔录.pdf", sha256=sha(PDF).upper())]
    )
    none(check(the_case, files=FileFacts(hashes=dict(ALL_FILES))), "INTEG-01")


# =========================================================================================
# AUTH-01 — action type outside the agency's authorities
# =========================================================================================

AGENCY = {"name": "枣庄市薛城区市场监督管理局", "code": "12370403MB2850447X"}


@pytest.mark.parametrize(
    ("authorities", "fires"),
    [
        (["coercion", "inspection"], True),
        ([], True),
        (["penalty"], False),
        (["penalty", "coercion"], False),
        (None, False),  # not given: no check
    ],
)
def test_auth01_agency_authorities(authorities: list[str] | None, fires: bool) -> None:
    agency = dict(AGENCY) if authorities is None else dict(AGENCY, authorities=authorities)
    report = check(case(agency=agency))
    if fires:
        assert "行政处罚" in only(report, "AUTH-01").message
    else:
        none(report, "AUTH-01")


def test_auth01_uses_the_case_action_type() -> None:
    agency = dict(AGENCY, authorities=["penalty"])
    finding = only(check(case(agency=agency, action_type="coercion")), "AUTH-01")
    assert "行政强制" in finding.message
    none(check(case(agency=agency, action_type="penalty")), "AUTH-01")


# =========================================================================================
# REF-01 — events naming what the case does not list
# =========================================================================================


def _ref_case(**event_fields: Any) -> Any:
    event = ev("e1", "inspection", "2026-03-01 10:00", **event_fields)
    return case(
        events=[event],
        documents=[doc("d1", "inspection_record")],
        recordings=[rec("r1", started="2026-03-01 09:55", archived="2026-03-01 12:00")],
    )


@pytest.mark.parametrize(
    ("fields", "unknown"),
    [
        ({"documents": ["d9"]}, "d9"),
        ({"recordings": ["r9"]}, "r9"),
        ({"officers": ["37040001", "99999999"]}, "99999999"),
    ],
    ids=["document", "recording", "officer"],
)
def test_ref01_unknown_reference(fields: dict[str, Any], unknown: str) -> None:
    finding = only(check(_ref_case(**fields)), "REF-01")
    assert "e1" in finding.refs
    assert unknown in finding.message


def test_ref01_all_references_known() -> None:
    report = check(_ref_case(documents=["d1"], recordings=["r1"], officers=list(TWO)))
    none(report, "REF-01")


def test_ref01_an_expired_officer_is_listed_so_not_ref01() -> None:
    officers = [
        {"name": "张明", "certificate_no": "37040001", "certificate_valid_until": "2027-12-31"},
        {"name": "李华", "certificate_no": "37040002", "certificate_valid_until": "2025-12-31"},
    ]
    the_case = case(
        officers=officers,
        events=[ev("e1", "inspection", "2026-03-01 10:00")],
    )
    none(check(the_case), "REF-01")


def test_ref01_minimal_case_names_d1_and_r1() -> None:
    # MINIMAL_CASE's inspection refers to d1 and r1, which it does not list.
    text = "".join(f.message for f in some(check(case()), "REF-01"))
    assert "d1" in text
    assert "r1" in text


# =========================================================================================
# Ordering of findings
# =========================================================================================


def _busy_case() -> Any:
    """A case on which rules of most sections fire."""
    return case(
        agency=dict(AGENCY, authorities=["coercion"]),  # AUTH-01 (authority)
        domain="food",
        flags=["complex"],  # PROC-04 (procedure)
        parties=[{"kind": "organisation", "name": "某公司", "id_number": "123"}],  # PARTY-02
        proposed_decision=decision(
            {"type": "suspend_business"},
            fine(40000, base_amount=60000),
            legal_basis=[FOOD_122_1],  # PROC-06, PROC-07 (law)
            discretion={"benchmark": "nope", "tier": "ordinary"},  # PROC-12 (discretion)
        ),
        events=[
            ev("e1", "inspection", "2026-03-01 10:00", officers=["37040001"], documents=["d9"]),
            ev("e2", "seizure", "2026-03-02 10:00", until="2026-03-20"),  # ENF-01, PROC-10
            ev("e3", "statement", "2026-03-04 10:00"),  # PROC-05
            ev("e4", "hearing_request", "2026-03-05 10:00"),  # PROC-03
        ],
        documents=[doc("d1", "inspection_record", sha256=sha(PDF))],  # INTEG-01 (missing)
    )


def test_findings_are_ordered_by_section_then_rule_id() -> None:
    the_pack = pack(
        provisions=PROVISIONS,
        criminal_referral=[FOOD_REFERRAL],
        required_documents={"penalty": ["review_request"]},
        discretion_benchmarks=[
            {"id": "food-122-1", "tiers": {"ordinary": {"fine": {"min": 1, "max": 2}}}}
        ],
    )
    report = check(_busy_case(), the_pack, files=FileFacts(hashes={}))
    rules = [f.rule for f in report.findings]
    expected_present = {
        "OFF-01",
        "PARTY-02",
        "PROC-10",
        "INTEG-01",
        "PROC-06",
        "PROC-07",
        "PROC-12",
        "ENF-01",
        "PROC-03",
        "PROC-04",
        "PROC-05",
        "TIME-04",
        "AUTH-01",
        "REF-01",
        "REV-01",
        "XFER-00",
    }
    assert expected_present <= set(rules), expected_present - set(rules)
    keys = [(SECTION_ORDER.index(f.section), f.rule) for f in report.findings]
    assert keys == sorted(keys), rules
    # Each finding sits in its rule's section of the spec table.
    for f in report.findings:
        if f.rule in RULE_TABLE:
            assert f.section == RULE_TABLE[f.rule][0], f.rule
    # The JSON form keeps the order.
    assert [f["rule"] for f in report.to_json()["findings"]] == rules


def test_ordering_within_procedure_is_by_rule_id_not_by_check() -> None:
    report = check(_busy_case(), pack(provisions=PROVISIONS), files=FileFacts(hashes={}))
    procedure = [f.rule for f in report.findings if f.section == "procedure"]
    distinct = list(dict.fromkeys(procedure))
    assert distinct == sorted(distinct)
    assert distinct.index("ENF-01") < distinct.index("PROC-03") < distinct.index("TIME-04")


def test_sections_come_in_table_order() -> None:
    the_pack = pack(
        provisions=PROVISIONS,
        criminal_referral=[FOOD_REFERRAL],
        required_documents={"penalty": ["review_request"]},
    )
    report = check(_busy_case(), the_pack, files=FileFacts(hashes={}))
    sections = list(dict.fromkeys(f.section for f in report.findings))
    assert sections == [s for s in SECTION_ORDER if s in sections]
    assert sections[0] == "qualification"
    assert sections[-1] == "referral"
    assert sections.index("evidence") < sections.index("law") < sections.index("discretion")
    assert sections.index("procedure") < sections.index("authority") < sections.index("documents")
