"""v2 of TIME-02 (domain periods, suspensions, the gross overrun), PROC-04 (which body
discussed) and the new AUTH-02 (the pack's agency powers).

Every expectation is written from /work/shared/spec/review-rules.md (the rows of TIME-02,
PROC-04, AUTH-02 and "Common definitions"), rule-pack.md and case-bundle.md. Dates were
counted by hand against the shipped national calendar (covered 2004-01-01..2026-12-31):

* 2026 holidays: 01-01..03, 02-15..23, 04-04..06, 05-01..05, 06-19..21, 09-25..27, 10-01..07;
  adjusted working weekend days: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10.
* filed 2026-01-05: D+90 = Sun 04-05 (清明) → rolls to Tue 04-07; D+180 = Sat 07-04 → rolls to
  Mon 07-06.

The TIME-02 packs extend the calendar only, so what the shipped baseline later sets (its own
`gross_overrun_factor`) cannot change what these tests mean.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest
from review_helpers import case, check, fired, pack

from workstation.rules.engine import CheckReport
from workstation.rules.findings import Finding
from workstation.rules.rulepack import RulePack

APPROXIMATE_WORDS = "日历未覆盖，结果仅供参考"
TWO = ["37040001", "37040002"]
AGENCY_NAME = "枣庄市薛城区市场监督管理局"
AGENCY_CODE = "12370403MB2850447X"  # the minimal case's agency (tests/helpers.py)
ARTICLE_60 = "未见依法延期审批（行政处罚法第六十条）。"


# --- building blocks ---------------------------------------------------------------------


def cn(day: str) -> str:
    value = date.fromisoformat(day)
    return f"{value.year}年{value.month}月{value.day}日"


def at(day: str, clock: str = "10:00") -> str:
    return f"{day}T{clock}:00+08:00"


def ev(event_id: str, kind: str, day: str, **extra: Any) -> dict[str, Any]:
    return {"id": event_id, "type": kind, "at": at(day), "officers": list(TWO), **extra}


def suspension(event_id: str, day: str, until: str | None, **extra: Any) -> dict[str, Any]:
    if until is not None:
        extra["until"] = until
    return ev(event_id, "suspension", day, reason="testing", **extra)


def only(report: CheckReport, rule: str) -> Finding:
    found = fired(report, rule)
    assert len(found) == 1, f"{rule}: {[(f.rule, f.message) for f in report.findings]}"
    return found[0]


def silent(report: CheckReport, rule: str) -> None:
    found = fired(report, rule)
    assert found == [], f"{rule} must not fire: {[f.message for f in found]}"


def normal(finding: Finding, section: str, severity: str) -> None:
    assert (finding.section, finding.severity) == (section, severity), finding
    assert finding.approximate is False
    assert APPROXIMATE_WORDS not in finding.message


def approximate(finding: Finding) -> None:
    assert (finding.section, finding.severity) == ("procedure", "warning"), finding
    assert finding.approximate is True
    assert APPROXIMATE_WORDS in finding.message
    assert finding.to_json()["approximate"] is True


_ROLLING = {
    "exclude_start_day": True,
    "roll_end_to_next_workday": True,
    "working_day_periods_days": [2, 3, 5, 7],
}


def deadline_pack(*, roll: bool = True, **keys: Any) -> RulePack:
    """The national calendar, a 90-day case period, and `keys`."""
    return pack(
        extends="cn-national-calendar",
        day_counting=dict(_ROLLING, roll_end_to_next_workday=roll),
        **{"case_deadline_days": 90, **keys},
    )


@cache
def plain_pack() -> RulePack:
    return deadline_pack()


@cache
def gross_pack() -> RulePack:
    return deadline_pack(gross_overrun_factor=2)


@cache
def domain_pack() -> RulePack:
    return deadline_pack(
        gross_overrun_factor=2, case_deadline_days_by_domain={"public_security": 30}
    )


def deadline_case(
    submitted: str,
    *,
    events: list[dict[str, Any]] | None = None,
    filed_on: str = "2026-01-05",
    **fields: Any,
) -> Any:
    return case(
        filed_on=filed_on,
        submitted_at=at(submitted),
        events=[ev("f1", "filing", filed_on), *(events or [])],
        **fields,
    )


def time02(submitted: str, the_pack: RulePack, **fields: Any) -> list[Finding]:
    return fired(check(deadline_case(submitted, **fields), the_pack), "TIME-02")


# =========================================================================================
# TIME-02 — old bundles read as before
# =========================================================================================


def test_time02_without_v2_data_keeps_the_v1_finding() -> None:
    finding = only(check(deadline_case("2026-04-08"), plain_pack()), "TIME-02")
    normal(finding, "procedure", "warning")
    assert finding.message == (
        "自立案（2026年1月5日）至送审日（2026年4月8日）已93日，超过90日办案期限"
        "（届满日2026年4月7日），" + ARTICLE_60
    )
    assert finding.refs == ("f1",)
    assert time02("2026-04-07", plain_pack()) == []


# =========================================================================================
# TIME-02 — the domain's own period
# =========================================================================================


@pytest.mark.parametrize(("submitted", "fires"), [("2026-02-04", False), ("2026-02-05", True)])
def test_time02_domain_period_is_used_for_its_domain(submitted: str, fires: bool) -> None:
    # 2026-01-05 + 30 = Wed 02-04.
    found = time02(submitted, domain_pack(), domain="public_security")
    assert bool(found) is fires


def test_time02_domain_period_message_names_the_domain() -> None:
    finding = only(
        check(deadline_case("2026-02-05", domain="public_security"), domain_pack()), "TIME-02"
    )
    normal(finding, "procedure", "warning")
    assert finding.message == (
        "自立案（2026年1月5日）至送审日（2026年2月5日）已31日，超过规则包为执法领域"
        "“public_security”规定的30日办案期限（届满日2026年2月4日），" + ARTICLE_60
    )


@pytest.mark.parametrize("domain", ["market", None])
def test_time02_other_domain_or_none_uses_the_default(domain: str | None) -> None:
    fields = {"domain": domain} if domain else {}
    assert time02("2026-04-07", domain_pack(), **fields) == []
    finding = only(check(deadline_case("2026-04-08", **fields), domain_pack()), "TIME-02")
    assert "超过90日办案期限" in finding.message
    assert "执法领域" not in finding.message


def test_time02_domain_period_without_a_default_period() -> None:
    the_pack = pack(
        extends="cn-national-calendar",
        day_counting=_ROLLING,
        case_deadline_days_by_domain={"public_security": 30},
    )
    assert time02("2026-02-05", the_pack, domain="public_security")
    assert time02("2026-12-31", the_pack, domain="market") == []


@pytest.mark.parametrize(
    ("submitted", "severity"), [("2026-03-06", "warning"), ("2026-03-07", "error")]
)
def test_time02_gross_period_multiplies_the_domain_period(submitted: str, severity: str) -> None:
    # 2 × 30 = 60 days: 2026-01-05 + 60 = Fri 03-06.
    finding = only(
        check(deadline_case(submitted, domain="public_security"), domain_pack()), "TIME-02"
    )
    normal(finding, "procedure", severity)


# =========================================================================================
# TIME-02 — suspensions
# =========================================================================================

# s1: 02-02..02-10 (9 days); s2: 02-06..02-16 — together 02-02..02-16, 15 days, not 20.
OVERLAPPING = [
    suspension("s1", "2026-02-01", "2026-02-10"),
    suspension("s2", "2026-02-05", "2026-02-16"),
]


@pytest.mark.parametrize(("submitted", "fires"), [("2026-04-20", False), ("2026-04-21", True)])
def test_time02_overlapping_suspensions_count_once(submitted: str, fires: bool) -> None:
    # 90 + 15 = 105 days after 01-05 = Mon 04-20 (20 days, counted twice, would be 04-25).
    assert bool(time02(submitted, plain_pack(), events=OVERLAPPING)) is fires


def test_time02_suspension_message_names_the_days_and_the_lengthened_end() -> None:
    finding = only(check(deadline_case("2026-04-21", events=OVERLAPPING), plain_pack()), "TIME-02")
    normal(finding, "procedure", "warning")
    assert finding.message == (
        "自立案（2026年1月5日）至送审日（2026年4月21日）已106日，超过90日办案期限"
        "（中止期间15日不计入，届满日2026年4月20日），" + ARTICLE_60
    )
    assert finding.refs == ("f1", "s1", "s2")


def test_time02_suspension_inside_another_adds_nothing() -> None:
    inner = [
        suspension("s1", "2026-02-01", "2026-02-10"),
        suspension("s2", "2026-02-03", "2026-02-05"),
    ]
    # 9 days: 99 days after 01-05 = Tue 04-14.
    assert time02("2026-04-14", plain_pack(), events=inner) == []
    assert time02("2026-04-15", plain_pack(), events=inner)


@pytest.mark.parametrize(
    ("dated", "counted"),
    [
        ("2026-04-07", True),  # on the (rolled) unlengthened last day: counted
        ("2026-04-08", False),  # after it: not counted
    ],
)
def test_time02_suspension_dated_after_the_unlengthened_last_day_is_not_counted(
    dated: str, counted: bool
) -> None:
    # Counted: 04-08..04-30 = 23 days → 113 days after 01-05 = Tue 04-28.
    events = [suspension("s1", dated, "2026-04-30")]
    found = time02("2026-04-28", plain_pack(), events=events)
    assert (found == []) is counted
    if not counted:
        assert "中止" not in found[0].message
        assert found[0].refs == ("f1",)
    assert time02("2026-04-29", plain_pack(), events=events)


def test_time02_suspension_on_the_unrolled_last_day_counts_only_because_it_rolls() -> None:
    # Without rolling the unlengthened last day is 04-05: a suspension of 04-06 falls after it.
    events = [suspension("s1", "2026-04-06", "2026-04-30")]
    assert time02("2026-04-20", plain_pack(), events=events) == []
    assert time02("2026-04-20", deadline_pack(roll=False), events=events)


def test_time02_suspension_without_until_is_not_counted() -> None:
    events = [suspension("s1", "2026-02-01", None)]
    finding = only(check(deadline_case("2026-04-08", events=events), plain_pack()), "TIME-02")
    assert "中止" not in finding.message
    assert "届满日2026年4月7日" in finding.message
    assert finding.refs == ("f1",)


def test_time02_suspension_ending_on_its_own_date_adds_nothing() -> None:
    events = [suspension("s1", "2026-02-01", "2026-02-01")]
    assert time02("2026-04-08", plain_pack(), events=events)


# =========================================================================================
# TIME-02 — the gross period
# =========================================================================================


@pytest.mark.parametrize(
    ("submitted", "severity"),
    [
        ("2026-04-08", "warning"),
        ("2026-07-04", "warning"),  # D+180, a Saturday
        ("2026-07-06", "warning"),  # rolled there: the gross period's last day
        ("2026-07-07", "error"),
    ],
)
def test_time02_gross_period_at_exactly_twice(submitted: str, severity: str) -> None:
    finding = only(check(deadline_case(submitted), gross_pack()), "TIME-02")
    normal(finding, "procedure", severity)


def test_time02_gross_period_rolls_only_when_the_deadline_does() -> None:
    found = time02("2026-07-05", deadline_pack(roll=False, gross_overrun_factor=2))
    normal(found[0], "procedure", "error")
    normal(
        time02("2026-07-04", deadline_pack(roll=False, gross_overrun_factor=2))[0],
        "procedure",
        "warning",
    )


def test_time02_gross_overrun_message() -> None:
    finding = only(check(deadline_case("2026-07-07"), gross_pack()), "TIME-02")
    assert finding.message == (
        "自立案（2026年1月5日）至送审日（2026年7月7日）已183日，超过90日办案期限"
        "（届满日2026年4月7日），且超过办案期限的2倍（180日，届满日2026年7月6日），" + ARTICLE_60
    )


@pytest.mark.parametrize(
    ("submitted", "severity"), [("2026-07-13", "warning"), ("2026-07-14", "error")]
)
def test_time02_gross_period_is_lengthened_by_the_same_suspensions(
    submitted: str, severity: str
) -> None:
    # 9 suspended days: 180 + 9 = 189 days after 01-05 = Mon 07-13.
    events = [suspension("s1", "2026-02-01", "2026-02-10")]
    finding = only(check(deadline_case(submitted, events=events), gross_pack()), "TIME-02")
    normal(finding, "procedure", severity)
    if severity == "error":
        assert finding.message == (
            "自立案（2026年1月5日）至送审日（2026年7月14日）已190日，超过90日办案期限"
            "（中止期间9日不计入，届满日2026年4月14日），且超过办案期限的2倍（180日，中止期间9日"
            "不计入，届满日2026年7月13日），" + ARTICLE_60
        )
        assert finding.refs == ("f1", "s1")


def test_time02_without_gross_factor_never_an_error() -> None:
    finding = only(check(deadline_case("2026-12-31"), plain_pack()), "TIME-02")
    normal(finding, "procedure", "warning")
    assert "倍" not in finding.message


@pytest.mark.parametrize(
    ("submitted", "severity"), [("2026-03-16", "warning"), ("2026-03-17", "error")]
)
def test_time02_fractional_gross_period_rounds_up(submitted: str, severity: str) -> None:
    # 45 days → Thu 02-19 (春节) rolls to Tue 02-24; 1.5 × 45 = 67.5 → 68 days = Sat 03-14 → Mon
    # 03-16 (67 days would be Fri 03-13, an error on 03-16).
    the_pack = deadline_pack(case_deadline_days=45, gross_overrun_factor=1.5)
    finding = only(check(deadline_case(submitted), the_pack), "TIME-02")
    normal(finding, "procedure", severity)
    assert "1.5倍" in finding.message if severity == "error" else "倍" not in finding.message


def test_time02_extension_still_silences_a_gross_overrun() -> None:
    events = [ev("x1", "extension_approval", "2026-03-30", until="2026-08-01")]
    assert time02("2026-07-20", gross_pack(), events=events) == []


def test_time02_absurd_pack_values_never_overflow() -> None:
    huge = deadline_pack(gross_overrun_factor=1e300)
    normal(time02("2026-12-31", huge)[0], "procedure", "warning")
    assert time02("2026-12-31", deadline_pack(case_deadline_days=10**9)) == []


# =========================================================================================
# TIME-02 — days the calendar does not cover
# =========================================================================================


def test_time02_gross_end_past_the_calendar_is_approximate() -> None:
    # filed 07-06: D+90 = Sun 10-04 (国庆) → Thu 10-08; D+180 = Sat 2027-01-02, and whether
    # 2027-01-02..04 are working days is unknown.
    finding = only(
        check(deadline_case("2027-01-04", filed_on="2026-07-06"), gross_pack()), "TIME-02"
    )
    approximate(finding)
    assert "2倍" in finding.message


def test_time02_gross_end_past_the_calendar_but_certain() -> None:
    # However 2027 falls, the gross period ends before 03-01 (at most 13 holiday weekdays).
    finding = only(
        check(deadline_case("2027-03-01", filed_on="2026-07-06"), gross_pack()), "TIME-02"
    )
    normal(finding, "procedure", "error")


def test_time02_which_suspensions_count_may_depend_on_the_uncovered_calendar() -> None:
    # filed 2026-10-03: D+90 = Fri 2027-01-01, a rest day or not. Without a suspension the
    # deadline has ended by 01-21 however 2027 falls (at most 13 holiday weekdays: 01-20);
    # a suspension dated 01-02 counts only if the unlengthened period rolled past 01-01.
    plain = check(deadline_case("2027-01-21", filed_on="2026-10-03"), plain_pack())
    normal(only(plain, "TIME-02"), "procedure", "warning")
    events = [suspension("s1", "2027-01-02", "2027-01-31")]
    finding = only(
        check(deadline_case("2027-01-21", filed_on="2026-10-03", events=events), plain_pack()),
        "TIME-02",
    )
    approximate(finding)


# =========================================================================================
# PROC-04 — only the agency's heads discuss
# =========================================================================================


def discussion(event_id: str, day: str, body: str | None, **extra: Any) -> dict[str, Any]:
    if body is not None:
        extra["body"] = body
    return ev(event_id, "collective_discussion", day, **extra)


@pytest.mark.parametrize(
    ("bodies", "fires"),
    [
        (["other"], True),
        ([None], False),  # absent: the agency's heads
        (["agency_heads"], False),
        (["other", "agency_heads"], False),
        (["other", None], False),
    ],
)
def test_proc04_counts_only_the_heads(bodies: list[str | None], fires: bool) -> None:
    events = [discussion(f"c{i}", f"2026-03-0{i + 2}", body) for i, body in enumerate(bodies)]
    found = fired(check(case(flags=["complex"], events=events)), "PROC-04")
    assert bool(found) is fires


def test_proc04_message_names_the_other_body() -> None:
    events = [discussion("c1", "2026-03-05", "other", documents=["dm"])]
    the_case = case(
        flags=["multi_legal_relationships"],
        events=events,
        documents=[{"id": "dm", "path": "docs/dm.pdf", "kind": "other"}],
    )
    finding = only(check(the_case), "PROC-04")
    normal(finding, "procedure", "warning")
    assert finding.message == (
        "本案涉及多个法律关系，未见行政机关负责人集体讨论记录；案卷中的集体讨论（2026年3月5日）"
        "由行政机关负责人以外的机构（内设机构或受委托组织）进行，不能代替负责人集体讨论"
        "（行政处罚法第五十七条第二款）。"
    )
    assert finding.refs == ("c1", "dm")


def test_proc04_without_a_discussion_reads_as_before() -> None:
    finding = only(check(case(flags=["complex"], events=[])), "PROC-04")
    assert (
        finding.message
        == "本案案情复杂，未见行政机关负责人集体讨论记录（行政处罚法第五十七条第二款）。"
    )
    assert finding.refs == ()


def test_proc04_other_body_without_the_flags_is_silent() -> None:
    silent(check(case(flags=[], events=[discussion("c1", "2026-03-05", "other")])), "PROC-04")


# =========================================================================================
# AUTH-02 — the pack's agency powers
# =========================================================================================


def powers_pack(*entries: dict[str, Any]) -> RulePack:
    return pack(agency_powers=list(entries))


def power(
    types: list[str], name: str = AGENCY_NAME, code: str | None = AGENCY_CODE, **extra: Any
) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "action_types": types, **extra}
    if code is not None:
        entry["code"] = code
    return entry


def auth02(the_pack: RulePack, **fields: Any) -> list[Finding]:
    return fired(check(case(**fields), the_pack), "AUTH-02")


def test_auth02_message_names_agency_type_and_source() -> None:
    source = "《枣庄市薛城区市场监督管理局权责清单》（2025年版）"
    finding = only(
        check(case(), powers_pack(power(["inspection", "coercion"], source=source))), "AUTH-02"
    )
    normal(finding, "authority", "error")
    assert finding.message == (
        f"规则包职权清单载明执法主体{AGENCY_NAME}的职权为行政强制、行政检查（依据：{source}），"
        "不包括行政处罚，拟作出的决定可能超越职权。"
    )


def test_auth02_entry_without_source_names_none() -> None:
    finding = only(check(case(action_type="coercion"), powers_pack(power(["penalty"]))), "AUTH-02")
    assert finding.message == (
        f"规则包职权清单载明执法主体{AGENCY_NAME}的职权为行政处罚，不包括行政强制，"
        "拟作出的决定可能超越职权。"
    )


def test_auth02_code_match_beats_a_different_name() -> None:
    assert auth02(powers_pack(power(["coercion"], name="薛城区另一个局")))


def test_auth02_same_name_but_different_code_does_not_match() -> None:
    assert auth02(powers_pack(power(["coercion"], code="12370403MB2850448A"))) == []


def test_auth02_name_decides_when_the_entry_has_no_code() -> None:
    assert auth02(powers_pack(power(["coercion"], code=None)))
    assert auth02(powers_pack(power(["coercion"], name="薛城区另一个局", code=None))) == []


def test_auth02_name_decides_when_the_agency_has_no_code() -> None:
    agency = {"name": AGENCY_NAME}
    assert auth02(powers_pack(power(["coercion"], code="12370403MB2850448A")), agency=agency)
    other = {"name": "薛城区另一个局"}
    assert auth02(powers_pack(power(["coercion"])), agency=other) == []


def test_auth02_no_matching_entry_is_silent() -> None:
    assert auth02(powers_pack(power(["coercion"], name="薛城区另一个局", code="X1"))) == []
    assert auth02(pack()) == []


def test_auth02_a_matching_entry_listing_the_type_is_silent() -> None:
    assert auth02(powers_pack(power(["penalty", "coercion"]))) == []
    # Two entries match (by code, by name); one lists penalty.
    both = powers_pack(power(["coercion"]), power(["penalty"], code=None))
    assert auth02(both) == []


def test_auth02_reads_the_pack_whatever_the_bundle_says() -> None:
    the_pack = powers_pack(power(["coercion"]))
    claims = {"name": AGENCY_NAME, "code": AGENCY_CODE, "authorities": ["penalty"]}
    report = check(case(agency=claims), the_pack)
    assert fired(report, "AUTH-02")
    silent(report, "AUTH-01")
    # The bundle denying a power the pack grants: AUTH-01's matter, not AUTH-02's.
    denies = dict(claims, authorities=["coercion"])
    report = check(case(agency=denies), powers_pack(power(["penalty"])))
    silent(report, "AUTH-02")
    assert fired(report, "AUTH-01")
