"""Issue #20's delivery and enforcement rules: DELIV-01, DELIV-02, ENF-11, ENF-12.

Every expectation was written from /work/shared/spec/review-rules.md (the v2 rows and the
"Common definitions") and case-bundle.md before running it: each rule fires and stays silent
exactly at the boundaries the spec draws, says the dates, documents, signer, period and
article in Chinese, and refs the events and documents the desktop jumps to. Other rules may
fire on the same case: tests look at one rule through `fired()`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from review_helpers import case, check, fired, pack, shipped

from workstation import labels
from workstation.casefile.model import CaseManifest
from workstation.rules.engine import CheckReport
from workstation.rules.findings import Finding
from workstation.rules.rulepack import RulePack

TWO = ["37040001", "37040002"]  # the minimal case's officers
BASELINE = shipped("cn-national-baseline")
APPROXIMATE_WORDS = "日历未覆盖，结果仅供参考"
DOCUMENTS = [
    {"id": "d1", "path": "docs/决定书.pdf", "kind": "other", "title": "行政处罚决定书"},
    {"id": "d2", "path": "docs/回证.pdf", "kind": "delivery_receipt"},
    {"id": "d3", "path": "docs/告知书.pdf", "kind": "notice_of_intent", "title": "事先告知书"},
    {"id": "d4", "path": "docs/催告书.pdf", "kind": "other", "title": "催告书"},
    {"id": "d5", "path": "docs/查封决定书.pdf", "kind": "coercion_decision"},
]
ORGANISATION = {"kind": "organisation", "name": "枣庄市某某超市有限公司", "id_number": ""}
PERSON = {"kind": "person", "name": "王某某", "id_number": ""}
BUSINESS = {"kind": "individual_business", "name": "薛城区某某烧烤店", "id_number": ""}


def at(text: str) -> str:
    """'2026-03-03 10:00' → a datetime in +08:00; full ISO strings pass through."""
    if "T" in text:
        return text
    day, clock = text.split(" ")
    return f"{day}T{clock}:00+08:00"


def ev(event_id: str, kind: str, when: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": event_id, "type": kind, "at": at(when), "officers": list(TWO)}
    body.update(extra)
    return body


def a_case(*events: dict[str, Any], submitted: str = "2026-03-20 09:00", **fields: Any) -> Any:
    return case(events=list(events), documents=DOCUMENTS, submitted_at=at(submitted), **fields)


def only(report: CheckReport, rule: str, severity: str = "error") -> Finding:
    found = fired(report, rule)
    assert len(found) == 1, f"{rule}: expected one finding, got {[f.message for f in found]}"
    assert (found[0].section, found[0].severity) == ("procedure", severity)
    return found[0]


def none(report: CheckReport, rule: str) -> None:
    found = fired(report, rule)
    assert not found, f"{rule} fired unexpectedly: {[f.message for f in found]}"


# --- DELIV-01: 公告送达 only after other methods failed ------------------------------------


def delivery(
    event_id: str, when: str, method: str, documents: list[str], **extra: Any
) -> dict[str, Any]:
    return ev(event_id, "delivery", when, method=method, documents=documents, **extra)


PUBLIC = delivery("p1", "2026-03-05 10:00", "public", ["d1", "d2"])


def test_deliv01_a_failed_post_then_public_notice_is_lawful() -> None:
    failed = delivery("f1", "2026-03-03 10:00", "post", ["d1"], result="failed")
    none(check(a_case(failed, PUBLIC)), "DELIV-01")


@pytest.mark.parametrize("method", ["direct", "post", "left"])
def test_deliv01_each_attempt_method_opens_the_way(method: str) -> None:
    failed = delivery("f1", "2026-03-03 10:00", method, ["d2"], result="failed")
    none(check(a_case(failed, PUBLIC)), "DELIV-01")


def test_deliv01_public_notice_first_fires_with_the_full_message() -> None:
    later = delivery("f1", "2026-03-06 10:00", "post", ["d1"], result="failed")
    finding = only(check(a_case(PUBLIC, later)), "DELIV-01")
    assert finding.message == (
        # The receipt listed with the delivery proves it; it is not what was delivered.
        "2026年3月5日10时00分公告送达《行政处罚决定书》，此前未见以直接送达、"
        "邮寄送达或留置送达方式送达该文书未能送达的记录。公告送达仅适用于受送达人下落不明或者"
        "以其他方式无法送达的情形（民事诉讼法第九十五条，依行政处罚法第六十一条适用）。"
    )
    assert finding.refs == ("p1", "d1", "d2")  # the event and what it delivered
    assert not finding.approximate


def test_deliv01_the_dates_are_local() -> None:
    # 02:30 UTC on 5 March is 10:30 in Beijing.
    public = delivery("p1", "2026-03-05T02:30:00Z", "public", ["d1"])
    assert (
        "2026年3月5日10时30分公告送达《行政处罚决定书》"
        in only(check(a_case(public)), "DELIV-01").message
    )


def test_deliv01_a_failed_attempt_at_other_documents_does_not_count() -> None:
    failed = delivery("f1", "2026-03-03 10:00", "direct", ["d3"], result="failed")
    only(check(a_case(failed, PUBLIC)), "DELIV-01")


@pytest.mark.parametrize(
    ("attempt_docs", "public_docs"), [([], ["d1"]), (["d3"], []), ([], [])], ids=str
)
def test_deliv01_either_listing_no_documents_counts_as_the_same(
    attempt_docs: list[str], public_docs: list[str]
) -> None:
    failed = delivery("f1", "2026-03-03 10:00", "left", attempt_docs, result="failed")
    public = delivery("p1", "2026-03-05 10:00", "public", public_docs)
    none(check(a_case(failed, public)), "DELIV-01")


def test_deliv01_a_public_notice_listing_nothing_is_named_without_documents() -> None:
    public = delivery("p1", "2026-03-05 10:00", "public", [])
    finding = only(check(a_case(public)), "DELIV-01")
    assert finding.message.startswith(
        "2026年3月5日10时00分公告送达的文书，此前未见以直接送达、邮寄送达或留置送达方式送达未能"
    )
    assert finding.refs == ("p1",)


def test_deliv01_an_attempt_at_the_same_instant_is_not_earlier() -> None:
    same = delivery("f1", "2026-03-05T02:00:00Z", "post", ["d1"], result="failed")
    only(check(a_case(same, PUBLIC)), "DELIV-01")
    a_second_earlier = delivery("f1", "2026-03-05T01:59:59Z", "post", ["d1"], result="failed")
    none(check(a_case(a_second_earlier, PUBLIC)), "DELIV-01")


@pytest.mark.parametrize(
    "attempt",
    [
        {"method": "post"},  # result absent: served
        {"method": "post", "result": "served"},
        {"method": "electronic", "result": "failed"},  # not a method Art. 95 means
        {"method": "public", "result": "failed"},  # an earlier public notice is no attempt
    ],
    ids=str,
)
def test_deliv01_only_a_failed_direct_post_or_left_attempt_counts(attempt: dict[str, Any]) -> None:
    earlier = ev("f1", "delivery", "2026-03-03 10:00", documents=["d1"], **attempt)
    found = fired(check(a_case(earlier, PUBLIC)), "DELIV-01")
    assert "p1" in [f.refs[0] for f in found]


def test_deliv01_each_public_notice_is_judged_alone() -> None:
    failed = delivery("f1", "2026-03-03 10:00", "post", ["d1"], result="failed")
    other = delivery("p2", "2026-03-06 10:00", "public", ["d3"])
    report = check(a_case(failed, PUBLIC, other))
    assert [f.refs for f in fired(report, "DELIV-01")] == [("p2", "d3")]


def test_deliv01_silent_without_a_public_notice() -> None:
    served = delivery("s1", "2026-03-03 10:00", "direct", ["d1"])
    none(check(a_case(served)), "DELIV-01")
    none(check(case()), "DELIV-01")


# --- DELIV-02: who may sign for the party ----------------------------------------------------


def signed(role: str, name: str | None = "刘某", **extra: Any) -> dict[str, Any]:
    recipient = {"role": role} | ({"name": name} if name else {})
    return delivery("s1", "2026-03-05 10:00", "direct", ["d1"], recipient=recipient, **extra)


def parties_case(parties: list[dict[str, Any]], *events: dict[str, Any]) -> CaseManifest:
    return a_case(*events, parties=parties)


@pytest.mark.parametrize(
    ("parties", "role", "fires"),
    [
        ([ORGANISATION], "legal_representative", False),
        ([ORGANISATION], "principal", False),
        ([ORGANISATION], "receiving_office", False),
        ([ORGANISATION], "authorised_recipient", False),
        ([ORGANISATION], "relative", True),  # a relative signs for a person, not a company
        ([ORGANISATION], "party", True),
        ([ORGANISATION], "other", True),
        ([PERSON], "party", False),
        ([PERSON], "relative", False),
        ([PERSON], "authorised_recipient", False),
        ([PERSON], "legal_representative", True),
        ([PERSON], "receiving_office", True),
        ([PERSON], "other", True),
        ([BUSINESS], "relative", False),
        ([BUSINESS, PERSON], "relative", False),
        ([BUSINESS], "principal", True),
        ([ORGANISATION, ORGANISATION], "other", True),
        ([ORGANISATION, PERSON], "other", False),  # mixed parties: no check
        ([ORGANISATION, BUSINESS], "relative", False),
    ],
    ids=str,
)
def test_deliv02_who_may_sign(parties: list[dict[str, Any]], role: str, fires: bool) -> None:
    report = check(parties_case(parties, signed(role)))
    if fires:
        assert only(report, "DELIV-02").refs == ("s1", "d1")
    else:
        none(report, "DELIV-02")


def test_deliv02_message_names_the_signer_the_party_and_the_articles() -> None:
    finding = only(check(parties_case([ORGANISATION], signed("relative"))), "DELIV-02")
    assert finding.message == (
        "2026年3月5日10时00分直接送达《行政处罚决定书》，由刘某（同住成年家属）签收；受送达人"
        "枣庄市某某超市有限公司为法人或其他组织，应当由其法定代表人、主要负责人、负责收件的人或者"
        "代收人签收（民事诉讼法第八十八条、第八十九条，依行政处罚法第六十一条适用）。"
    )


def test_deliv02_a_person_and_an_unnamed_signer() -> None:
    finding = only(check(parties_case([PERSON], signed("other", name=None))), "DELIV-02")
    assert "直接送达《行政处罚决定书》，由其他人签收；受送达人王某某为公民，" in finding.message
    assert "应当由其本人、同住成年家属或者代收人签收" in finding.message


def test_deliv02_an_explicitly_served_delivery_is_checked() -> None:
    only(check(parties_case([ORGANISATION], signed("other", result="served"))), "DELIV-02")


def test_deliv02_a_failed_attempt_is_not_checked() -> None:
    none(check(parties_case([ORGANISATION], signed("other", result="failed"))), "DELIV-02")


def test_deliv02_silent_without_a_recipient() -> None:
    plain = delivery("s1", "2026-03-05 10:00", "direct", ["d1"])
    none(check(parties_case([ORGANISATION], plain)), "DELIV-02")
    none(check(case()), "DELIV-02")


def test_deliv02_every_delivery_is_judged() -> None:
    first = signed("legal_representative")
    second = delivery(
        "s2", "2026-03-06 10:00", "left", ["d3"], recipient={"role": "other", "name": "保安"}
    )
    finding = only(check(parties_case([ORGANISATION], first, second)), "DELIV-02")
    assert finding.refs == ("s2", "d3")
    assert "留置送达《事先告知书》，由保安（其他人）签收" in finding.message


# --- ENF-11: an open-ended seizure --------------------------------------------------------


def seizure(when: str = "2026-03-03 10:00", **extra: Any) -> dict[str, Any]:
    return ev("es", "seizure", when, approved_at=at("2026-03-03 09:00"), documents=["d5"], **extra)


@pytest.mark.parametrize(
    ("submitted", "fires"),
    [
        ("2026-04-02 23:59", False),  # day 30 after 3 March: still within the cap
        ("2026-04-03 00:00", True),  # day 31
    ],
)
def test_enf11_the_cap_is_max_days_after_the_seizure_date(submitted: str, fires: bool) -> None:
    report = check(a_case(seizure(), submitted=submitted))
    if fires:
        assert only(report, "ENF-11").refs == ("es", "d5")
    else:
        none(report, "ENF-11")


def test_enf11_message_names_the_date_the_days_and_the_article() -> None:
    finding = only(check(a_case(seizure(), submitted="2026-04-03 09:00")), "ENF-11")
    assert finding.message == (
        "查封扣押（2026年3月3日）未载明期限，至送审日（2026年4月3日）已31日，既未延长也未解除，"
        "超过30日的法定期限（届满日2026年4月2日，行政强制法第二十五条）。"
    )


def test_enf11_dates_are_local() -> None:
    # 17:30 UTC on 2 March is 3 March in Beijing: 2 April is day 30, not 31.
    local = seizure("2026-03-02T17:30:00Z")
    none(check(a_case(local, submitted="2026-04-02 09:00")), "ENF-11")
    only(check(a_case(local, submitted="2026-04-03 09:00")), "ENF-11")


def test_enf11_the_cap_comes_from_the_pack_and_is_not_rolled() -> None:
    short = pack(seizure={"max_days": 15, "extension_max_days": 15, "extensions_max": 1})
    # 18 March 2026 (day 15) is a Wednesday; 19 March is day 16.
    none(check(a_case(seizure(), submitted="2026-03-18 09:00"), short), "ENF-11")
    finding = only(check(a_case(seizure(), submitted="2026-03-19 09:00"), short), "ENF-11")
    assert "超过15日的法定期限（届满日2026年3月18日" in finding.message
    # Seized on 5 March, the 30-day cap ends on Saturday 4 April, the first of three rest
    # days (清明): the cap is no party's deadline and does not move to 7 April.
    late = only(check(a_case(seizure("2026-03-05 10:00"), submitted="2026-04-05 09:00")), "ENF-11")
    assert "已31日" in late.message
    assert "届满日2026年4月4日" in late.message


@pytest.mark.parametrize(
    "closing",
    [
        ev("x1", "seizure_extension", "2026-03-30 10:00", until="2026-05-01"),
        ev("x1", "seizure_release", "2026-03-30 10:00"),
        ev("x1", "seizure_release", "2026-03-03 10:01"),
    ],
    ids=["extension", "release", "release-a-minute-later"],
)
def test_enf11_a_later_extension_or_release_keeps_it_silent(closing: dict[str, Any]) -> None:
    none(check(a_case(seizure(), closing, submitted="2026-04-10 09:00")), "ENF-11")


@pytest.mark.parametrize(
    "closing",
    [
        ev("x1", "seizure_release", "2026-03-03 10:00"),  # the same instant: not later
        ev("x1", "seizure_extension", "2026-03-02 10:00", until="2026-04-30"),  # before it
    ],
    ids=["release-same-instant", "extension-before"],
)
def test_enf11_only_a_strictly_later_extension_or_release_counts(closing: dict[str, Any]) -> None:
    only(check(a_case(seizure(), closing, submitted="2026-04-10 09:00")), "ENF-11")


def test_enf11_a_seizure_with_an_until_is_enf03s_business() -> None:
    report = check(a_case(seizure(until="2026-04-30"), submitted="2026-04-10 09:00"))
    none(report, "ENF-11")
    assert fired(report, "ENF-03")  # 58 days: the older rule judges a stated term


def test_enf11_each_seizure_alone() -> None:
    released = seizure()
    second = ev("es2", "seizure", "2026-03-05 10:00", approved_at=at("2026-03-05 09:00"))
    release = ev("x1", "seizure_release", "2026-03-04 10:00")
    report = check(a_case(released, release, second, submitted="2026-04-10 09:00"))
    assert [f.refs for f in fired(report, "ENF-11")] == [("es2",)]


def test_enf11_silent_without_a_seizure() -> None:
    none(check(case()), "ENF-11")


# --- ENF-12: applying to the court after a 催告 ---------------------------------------------

TEN = pack(periods={"demand_notice_days": 10})
NO_PERIOD = dataclasses.replace(
    BASELINE, periods=dataclasses.replace(BASELINE.periods, demand_notice_days=None)
)


def demand(when: str = "2026-03-02 10:00", event_id: str = "dn") -> dict[str, Any]:
    return ev(event_id, "demand_notice", when, documents=["d4"], until="2026-03-12")


def application(when: str, **extra: Any) -> dict[str, Any]:
    return ev("ea", "enforcement_application", when, documents=["d1"], **extra)


def enf12(*events: dict[str, Any], the_pack: RulePack = TEN) -> CheckReport:
    return check(a_case(*events, submitted="2027-02-01 09:00"), the_pack)


@pytest.mark.parametrize("the_pack", [TEN, NO_PERIOD], ids=["period", "no-period"])
def test_enf12_no_earlier_demand_notice_fires(the_pack: RulePack) -> None:
    finding = only(enf12(application("2026-03-20 10:00"), the_pack=the_pack), "ENF-12")
    assert finding.message == (
        "2026年3月20日申请人民法院强制执行，此前未见催告书送达记录；行政机关申请人民法院强制执行"
        "前，应当催告当事人履行义务（行政强制法第五十四条）。"
    )
    assert finding.refs == ("ea", "d1")


@pytest.mark.parametrize(
    "when", ["2026-03-20 10:00", "2026-03-02 10:00"], ids=["after", "same-instant"]
)
def test_enf12_a_demand_notice_not_strictly_earlier_does_not_count(when: str) -> None:
    finding = only(enf12(application("2026-03-02 10:00"), demand(when)), "ENF-12")
    assert "此前未见催告书送达记录" in finding.message


@pytest.mark.parametrize(
    ("applied", "fires"),
    [
        ("2026-03-13 10:00", True),  # 13 March is only day 9: a calendar count would pass it
        ("2026-03-16 10:00", True),  # the 10th working day after Monday 2 March
        ("2026-03-17 10:00", False),  # the 11th
    ],
)
def test_enf12_ten_working_days_after_the_demand_notice(applied: str, fires: bool) -> None:
    report = enf12(demand(), application(applied))
    if fires:
        assert only(report, "ENF-12").refs == ("ea", "d1", "dn", "d4")
    else:
        none(report, "ENF-12")


def test_enf12_message_names_the_dates_the_period_and_the_articles() -> None:
    finding = only(enf12(demand(), application("2026-03-16 10:00")), "ENF-12")
    assert finding.message == (
        "2026年3月16日申请人民法院强制执行，距催告书送达（2026年3月2日）不足10个工作日"
        "（催告期至2026年3月16日届满）；催告书送达10个工作日后当事人仍未履行的，方可申请"
        "（行政强制法第五十四条、第六十九条）。"
    )


@pytest.mark.parametrize(
    ("applied", "fires"),
    [
        # 2026: 25–27 Sept and 1–7 Oct are holidays, Saturday 10 Oct is a working day.
        ("2026-10-12 10:00", True),  # the 10th working day after Monday 21 Sept
        ("2026-10-13 10:00", False),
    ],
)
def test_enf12_holidays_and_adjusted_workdays_come_from_the_calendar(
    applied: str, fires: bool
) -> None:
    report = enf12(demand("2026-09-21 10:00"), application(applied))
    if fires:
        assert "催告期至2026年10月12日届满" in only(report, "ENF-12").message
    else:
        none(report, "ENF-12")


def test_enf12_working_days_whatever_the_number() -> None:
    # 3 is a PPL Art. 85 working-day length and 4 is not: both count working days here.
    for days in (3, 4):
        the_pack = pack(periods={"demand_notice_days": days})
        # Friday 6 March + 3 or 4 working days: Wednesday 11 / Thursday 12 March.
        last = {3: "2026-03-11", 4: "2026-03-12"}[days]
        after = {3: "2026-03-12", 4: "2026-03-13"}[days]
        on_time = enf12(demand("2026-03-06 10:00"), application(f"{last} 10:00"), the_pack=the_pack)
        assert f"{days}个工作日" in only(on_time, "ENF-12").message
        none(
            enf12(demand("2026-03-06 10:00"), application(f"{after} 10:00"), the_pack=the_pack),
            "ENF-12",
        )


def test_enf12_the_latest_earlier_demand_notice_starts_the_period() -> None:
    report = enf12(
        demand("2026-02-02 10:00", "dn0"),
        demand("2026-03-02 10:00"),
        application("2026-03-10 10:00"),
    )
    assert only(report, "ENF-12").refs == ("ea", "d1", "dn", "d4")


def test_enf12_without_the_pack_period_only_the_first_clause() -> None:
    none(enf12(demand(), application("2026-03-03 10:00"), the_pack=NO_PERIOD), "ENF-12")


def test_enf12_is_approximate_where_the_calendar_ends() -> None:
    # 10 working days after 24 Dec 2026 run into 2027, which the calendar does not cover.
    finding = only(
        enf12(demand("2026-12-24 10:00"), application("2027-01-08 10:00")), "ENF-12", "warning"
    )
    assert finding.approximate
    assert APPROXIMATE_WORDS in finding.message
    # Day 2 of the period is certain whatever 2027 holds.
    sure = only(enf12(demand("2026-12-24 10:00"), application("2026-12-28 10:00")), "ENF-12")
    assert not sure.approximate


def test_enf12_silent_without_an_application() -> None:
    none(enf12(demand()), "ENF-12")
    none(check(case()), "ENF-12")


# --- labels --------------------------------------------------------------------------------

SCHEMA = Path(__file__).resolve().parents[1] / "resources" / "schema" / "case-bundle.schema.json"


def _enum(*path: str) -> list[str]:
    node: Any = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    for key in path:
        node = node[key]
    return list(node["enum"])


@pytest.mark.parametrize(
    ("path", "names"),
    [
        (("event_type",), labels.EVENT_TYPES),
        (("event", "properties", "result"), labels.DELIVERY_RESULTS),
        (("event", "properties", "recipient", "properties", "role"), labels.RECIPIENT_ROLES),
        (("event", "properties", "reason"), labels.SUSPENSION_REASONS),
        (("event", "properties", "body"), labels.DISCUSSION_BODIES),
        (("document", "properties", "kind"), labels.DOCUMENT_KINDS),
        (("measure", "properties", "type"), labels.MEASURE_TYPES),
        (("party", "properties", "kind"), labels.PARTY_KINDS),
    ],
    ids=lambda value: value[-1] if isinstance(value, tuple) else None,
)
def test_every_schema_value_has_a_chinese_label(
    path: tuple[str, ...], names: dict[str, str]
) -> None:
    values = _enum(*path)
    assert sorted(names) == sorted(values)
    assert all(names[v].strip() for v in values)
