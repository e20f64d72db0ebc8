"""The party: age (PARTY-01) and identity numbers (PARTY-02)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from workstation.casefile.model import Party
from workstation.labels import PARTY_KINDS
from workstation.rules import wording
from workstation.rules.context import CheckContext
from workstation.rules.findings import Finding, finding
from workstation.rules.identity import birth_date, is_valid_resident_id, is_valid_uscc


def age_on(born: date, on: date) -> int:
    """周岁 on a date: a year of age is completed the day after the birthday, as the Supreme
    People's Court reckons 周岁 (法释〔2006〕1号 第二条) — on the 14th birthday one is still 13."""
    return on.year - born.year - ((on.month, on.day) <= (born.month, born.day))


def minors(ctx: CheckContext) -> Iterator[Finding]:
    """PARTY-01: a person under 14 (error) or 14–17 without a reduced penalty (warning)."""
    case = ctx.case
    acted_on = case.violation.began_on or case.violation.ended_on
    if case.action_type != "penalty" or acted_on is None:
        return
    for index, party in enumerate(case.parties):
        if party.kind != "person" or not is_valid_resident_id(party.id_number):
            continue
        age = age_on(birth_date(party.id_number), acted_on)
        when = f"违法行为发生时（{wording.day(acted_on)}）"
        if age < 14:
            yield finding(
                "PARTY-01",
                "party",
                "error",
                f"当事人{party.name}{when}未满十四周岁，依行政处罚法第三十条不予行政处罚，"
                f"应当责令监护人加以管教。",
                (f"party:{index}", "violation"),
            )
        elif age < 18 and "reduced_penalty" not in case.flags:
            yield finding(
                "PARTY-01",
                "party",
                "warning",
                f"当事人{party.name}{when}已满十四周岁不满十八周岁（{age}周岁），依行政处罚法第三十条"
                f"应当从轻或者减轻行政处罚，拟处理意见未体现。",
                (f"party:{index}", "violation"),
            )


def identity_numbers(ctx: CheckContext) -> Iterator[Finding]:
    """PARTY-02: a 居民身份证号码 or 统一社会信用代码 that cannot be right."""
    for index, party in enumerate(ctx.case.parties):
        problem = identity_problem(party, ctx.submitted_on)
        if problem:
            yield finding(
                "PARTY-02",
                "party",
                "error",
                f"当事人{party.name}（{PARTY_KINDS[party.kind]}）的{problem}，请核实当事人身份。",
                (f"party:{index}",),
            )


def identity_problem(party: Party, today: date) -> str | None:
    """What is wrong with the party's number, in words, or None; a birth date after the
    case's submission (or before 1900) is not a real one."""
    number = party.id_number
    if not number.strip():
        return f"{_NUMBER_NAMES[party.kind]}未载明（案卷中为空）"
    person, company = is_valid_resident_id(number), is_valid_uscc(number)
    if person and not date(1900, 1, 1) <= birth_date(number) <= today:
        person = False
    if party.kind == "person" and not person:
        return f"居民身份证号码“{number}”{_resident_id_fault(number, today)}"
    if party.kind == "organisation" and not company:
        return f"统一社会信用代码“{number}”{_uscc_fault(number)}"
    if party.kind == "individual_business" and not (person or company):
        return f"证件号码“{number}”既不是有效的居民身份证号码，也不是有效的统一社会信用代码"
    return None


_NUMBER_NAMES = {
    "person": "居民身份证号码",
    "organisation": "统一社会信用代码",
    "individual_business": "居民身份证号码或统一社会信用代码",
}


def _resident_id_fault(number: str, today: date) -> str:
    if len(number) != 18:
        return f"应为 18 位，实际为 {len(number)} 位"
    if not number[:17].isascii() or not number[:17].isdigit():
        return "前 17 位应为数字"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"所含出生日期 {number[6:14]} 不存在"
    if not date(1900, 1, 1) <= born <= today:
        return f"所含出生日期 {number[6:14]} 不可能是真实的出生日期"
    return "校验码错误（GB 11643）"


def _uscc_fault(number: str) -> str:
    if len(number) != 18:
        return f"应为 18 位，实际为 {len(number)} 位"
    return "含无效字符或校验码错误（GB 32100）"
