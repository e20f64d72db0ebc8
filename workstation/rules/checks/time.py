"""Time limits: limitation (TIME-01), case deadline (TIME-02), notice and statement (TIME-04/05),
hearing request and notice (TIME-06/07), evidence preservation (TIME-08)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from workstation.rules import wording
from workstation.rules.calendar import Period, World, add_years, after, decide
from workstation.rules.checks.case_period import CasePeriod, period_days
from workstation.rules.context import CheckContext, refs
from workstation.rules.findings import Finding, finding

_DISCOVERY_EVENTS = ("complaint", "inspection", "filing")


def limitation(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-01: discovered after the limitation period (PPL Art. 36); years need no calendar."""
    case, years_by_kind = ctx.case, ctx.pack.limitation_years
    ended = case.violation.ended_on
    if case.action_type != "penalty" or ended is None or years_by_kind is None:
        return
    found_on, source, event_id = _discovery(ctx)
    if found_on is None:
        return
    special = {"life_health_or_financial", "harm_caused"} <= set(case.flags)
    years = (years_by_kind.get("life_health_or_financial_with_harm") if special else None) or (
        years_by_kind["default"]
    )
    if found_on > add_years(ended, years):
        yield finding(
            "TIME-01",
            "procedure",
            "error",
            f"违法行为终了于{wording.day(ended)}，至发现日{wording.day(found_on)}（{source}）"
            f"已逾{years}年，超过行政处罚法第三十六条规定的{years}年追责期限，依法不再给予行政处罚。",
            refs("violation", event_id),
        )


def _discovery(ctx: CheckContext) -> tuple[date | None, str, str | None]:
    """discovered_on, else the earliest complaint/inspection/filing, else filed_on."""
    if ctx.case.violation.discovered_on:
        return ctx.case.violation.discovered_on, "案卷记载的发现日期", None
    events = ctx.events(*_DISCOVERY_EVENTS)
    if events:
        return ctx.date_of(events[0].at), wording.event(events[0].type), events[0].id
    if ctx.case.filed_on:
        return ctx.case.filed_on, "立案日期", None
    return None, "", None


def case_deadline(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-02: decided (or submitted) after the case deadline, without an extension; an
    error past the gross period."""
    case = ctx.case
    days, domain = period_days(ctx)
    if case.action_type != "penalty" or case.procedure != "ordinary" or days is None:
        return
    if case.filed_on is None:
        return
    decided_on = case.proposed_decision.get("decided_on")
    end = date.fromisoformat(decided_on) if decided_on else ctx.submitted_on
    if any(e.until is None or e.until >= end for e in ctx.events("extension_approval")):
        return
    period = CasePeriod(ctx, case.filed_on, days, ctx.pack.gross_overrun_factor)
    outcome = decide(lambda world: after(end, period.last(world)))
    if not outcome.fires:
        return
    gross = decide(lambda world: after(end, period.gross_last(world)))
    suspended = period.suspended(World.ESTIMATE)
    what = "拟决定日" if decided_on else "送审日"
    source = f"规则包为执法领域“{domain}”规定的" if domain else ""
    extra = f"中止期间{suspended.days}日不计入，" if suspended.days else ""
    overrun = ""
    if gross.fires:
        factor = wording.plain_number(ctx.pack.gross_overrun_factor or 0)
        overrun = (
            f"，且超过办案期限的{factor}倍（{period.gross_days}日，{extra}届满日"
            f"{_day_words(period.gross_last(World.ESTIMATE))}）"
        )
    yield finding(
        "TIME-02",
        "procedure",
        "error" if gross.fires else "warning",
        f"自立案（{wording.day(case.filed_on)}）至{what}（{wording.day(end)}）已"
        f"{(end - case.filed_on).days}日，超过{source}{days}日办案期限（{extra}届满日"
        f"{_day_words(period.last(World.ESTIMATE))}）{overrun}，未见依法延期审批"
        f"（行政处罚法第六十条）。",
        refs((e.id for e in ctx.events("filing")), (e.id for e in suspended.events)),
        approximate=outcome.approximate or gross.approximate,
    )


def _day_words(day: date | None) -> str:
    return wording.day(day) if day else "无法确定"


def notice_given(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-04: no notice of intent, or one without the rights to state and defend."""
    case = ctx.case
    if case.action_type != "penalty" or case.procedure != "ordinary":
        return
    notice = ctx.notice()
    if notice is None:
        yield finding(
            "TIME-04",
            "procedure",
            "error",
            "送审前未见行政处罚事先告知书送达记录，依行政处罚法第四十四条、第六十二条不得作出"
            "行政处罚决定。",
        )
        return
    missing = [
        name
        for right, name in (("statement", "陈述"), ("defence", "申辩"))
        if right not in (notice.rights or ())
    ]
    if missing:
        yield finding(
            "TIME-04",
            "procedure",
            "error",
            f"事先告知（{wording.day(ctx.date_of(notice.at))}）未告知当事人{wording.listing(missing)}"
            f"的权利，依行政处罚法第四十四条、第六十二条不得作出行政处罚决定。",
            refs(notice.id, notice.documents),
        )


def statement_period(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-05: submitted while the statement period after the notice was still running."""
    days = ctx.pack.statement_period_working_days
    notice = ctx.notice()
    if days is None or notice is None or notice.waived:
        return
    notified = ctx.date_of(notice.at)
    period = Period(ctx.days, notified, days, working=True, roll=True)
    outcome = period.running_on(ctx.submitted_on)
    if outcome.fires:
        yield finding(
            "TIME-05",
            "procedure",
            "warning",
            f"事先告知于{wording.day(notified)}送达，{period.words()}的陈述申辩期限（至"
            f"{period.last_words()}）尚未届满即于{wording.day(ctx.submitted_on)}送审，"
            f"且当事人未明确放弃陈述申辩权利。",
            refs(notice.id),
            approximate=outcome.approximate,
        )


def hearing_request(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-06: hearing requested after the request period following its notice."""
    days = ctx.pack.periods.hearing_request_days
    if days is None:
        return
    for request in ctx.events("hearing_request"):
        notice = ctx.notice(before=request.at, needs="hearing")
        if notice is None:
            continue
        notified, requested = ctx.date_of(notice.at), ctx.date_of(request.at)
        period = Period.statutory(ctx.days, notified, days, roll=True)
        outcome = period.exceeded_by(requested)
        if outcome.fires:
            yield finding(
                "TIME-06",
                "procedure",
                "warning",
                f"当事人于{wording.day(requested)}提出听证申请，已超过告知（{wording.day(notified)}）后"
                f"{period.words()}的申请期限（至{period.last_words()}），请审查是否受理及其依据"
                f"（行政处罚法第六十四条第一项）。",
                refs(request.id, notice.id),
                approximate=outcome.approximate,
            )


def hearing_notice(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-07: the hearing held too soon after its notice (it may fall on the last day)."""
    days = ctx.pack.periods.hearing_notice_days
    if days is None:
        return
    for notice in ctx.events("hearing_notice"):
        if notice.hearing_at is None:
            continue
        notified, hearing_on = ctx.date_of(notice.at), ctx.date_of(notice.hearing_at)
        period = Period.statutory(ctx.days, notified, days, roll=False)
        outcome = period.not_reached_by(hearing_on)
        if outcome.fires:
            yield finding(
                "TIME-07",
                "procedure",
                "error",
                f"听证通知于{wording.day(notified)}送达，听证定于{wording.day(hearing_on)}举行，"
                f"距通知不足{period.words()}（最早可于{period.last_words()}举行），"
                f"违反行政处罚法第六十四条第二项。",
                refs(notice.id),
                approximate=outcome.approximate,
            )


def preservation(ctx: CheckContext) -> Iterator[Finding]:
    """TIME-08: no handling decision within the period after evidence preservation."""
    days = ctx.pack.periods.preservation_decision_days
    if days is None:
        return
    for preserved in ctx.events("evidence_preservation"):
        start = ctx.date_of(preserved.at)
        period = Period.statutory(ctx.days, start, days, roll=True)
        decisions = ctx.later(preserved, "preservation_decision")
        if decisions:
            decided = ctx.date_of(decisions[0].at)
            outcome = period.exceeded_by(decided)
            late = f"于{wording.day(decided)}才作出处理决定"
        else:  # still undecided: late once the period ended before submission
            outcome = period.exceeded_by(ctx.submitted_on)
            late = "至送审时仍未作出处理决定"
        if outcome.fires:
            yield finding(
                "TIME-08",
                "procedure",
                "error",
                f"先行登记保存证据（{wording.day(start)}）后{late}，超过{period.words()}的期限"
                f"（至{period.last_words()}），违反行政处罚法第五十六条。",
                refs(preserved.id, (d.id for d in decisions[:1])),
                approximate=outcome.approximate,
            )
