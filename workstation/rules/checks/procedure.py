"""Procedure: possible order (PROC-01), hearing right (PROC-02), hearing held (PROC-03),
collective discussion (PROC-04), re-check of statements (PROC-05)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from workstation.rules import wording
from workstation.rules.checks.scope import CLASS_NAMES
from workstation.rules.context import CheckContext, measure_figure, refs
from workstation.rules.findings import Finding, finding

# (earlier, later): where both exist, the first `later` may not precede the first `earlier`.
ORDER = (
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
)


def order(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-01: events and dates in an order that cannot have happened."""
    case = ctx.case
    for event in ctx.events(*{e.type for e in case.events}):
        if event.at > case.submitted_at:
            yield _disorder(
                f"{wording.event(event.type)}（{_when(ctx, event.at)}）晚于送审时间"
                f"（{_when(ctx, case.submitted_at)}）",
                (event.id,),
            )
    violation = case.violation
    pairs = (
        (violation.began_on, "违法行为开始日", violation.ended_on, "违法行为终了日"),
        (violation.began_on, "违法行为开始日", violation.discovered_on, "发现日"),
        (violation.discovered_on, "发现日", case.filed_on, "立案日"),
    )
    for first, first_name, second, second_name in pairs:
        if first and second and first > second:
            yield _disorder(
                f"{first_name}（{wording.day(first)}）晚于{second_name}（{wording.day(second)}）",
                ("violation",),
            )
    filing = ctx.earliest("filing")
    if filing and case.filed_on and ctx.date_of(filing.at) != case.filed_on:
        yield _disorder(
            f"案卷记载的立案日期（{wording.day(case.filed_on)}）与立案事件日期"
            f"（{wording.day(ctx.date_of(filing.at))}）不一致",
            (filing.id,),
        )
    for earlier, later in ORDER:
        before, after = ctx.earliest(earlier), ctx.earliest(later)
        if before and after and after.at < before.at:
            yield _disorder(
                f"{wording.event(after.type)}（{_when(ctx, after.at)}）早于"
                f"{wording.event(before.type)}（{_when(ctx, before.at)}）",
                (after.id, before.id),
            )


def _when(ctx: CheckContext, moment: datetime) -> str:
    return wording.moment(ctx.local(moment))


def _disorder(what: str, event_refs: tuple[str, ...]) -> Finding:
    return finding("PROC-01", "procedure", "error", f"事件顺序异常：{what}。", event_refs)


def hearing_right(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-02: the notice leaves out the hearing right a measure carries (PPL Art. 63)."""
    rules, notice = ctx.pack.hearing, ctx.notice()
    if rules is None or notice is None or "hearing" in (notice.rights or ()):
        return
    reasons = []
    for measure in ctx.measures:
        kind = measure["type"]
        if kind in rules.measures:
            reasons.append(wording.measure(kind))
            continue
        thresholds = {
            "fine": rules.fine_threshold,
            "confiscate_gains": rules.confiscation_threshold,
            "confiscate_property": rules.confiscation_threshold,
        }.get(kind, {})
        figure = measure_figure(measure)
        for group in sorted(ctx.party_classes()):
            threshold = thresholds.get(group)
            if threshold is not None and threshold.met(figure):
                bound = "以上" if threshold.inclusive else "以上（不含本数）"
                reasons.append(
                    f"{wording.measure(kind)}{wording.yuan(figure or 0)}（对"
                    f"{CLASS_NAMES.get(group, group)}{wording.yuan(threshold.value)}{bound}"
                    f"属较大数额）"
                )
                break
    if reasons:
        yield finding(
            "PROC-02",
            "procedure",
            "error",
            f"拟作出{wording.listing(reasons)}，属行政处罚法第六十三条规定的听证范围，但事先告知"
            f"（{wording.day(ctx.date_of(notice.at))}）未告知当事人要求听证的权利。",
            refs(notice.id, notice.documents),
        )


def hearing_held(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-03: a hearing requested but neither held nor withdrawn."""
    for request in ctx.events("hearing_request"):
        if not ctx.later(request, "hearing", "hearing_withdrawal"):
            yield finding(
                "PROC-03",
                "procedure",
                "error",
                f"当事人于{wording.day(ctx.date_of(request.at))}申请听证，但案卷中没有其后举行听证"
                f"或撤回（视为放弃）听证的记录（行政处罚法第六十四条、第六十五条）。",
                (request.id,),
            )


def collective_discussion(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-04: a complex case without the heads' collective discussion (PPL Art. 57(2)); a
    discussion by another body (an internal unit, an entrusted organisation) does not count."""
    flags = [f for f in ("complex", "multi_legal_relationships") if f in ctx.case.flags]
    discussions = ctx.events("collective_discussion")
    if not flags or any(e.body in (None, "agency_heads") for e in discussions):
        return
    what = "案情复杂" if "complex" in flags else "涉及多个法律关系"
    others = ""
    if discussions:
        dates = wording.listing([wording.day(ctx.date_of(e.at)) for e in discussions])
        others = (
            f"；案卷中的集体讨论（{dates}）由行政机关负责人以外的机构（内设机构或受委托组织）"
            f"进行，不能代替负责人集体讨论"
        )
    yield finding(
        "PROC-04",
        "procedure",
        "warning",
        f"本案{what}，未见行政机关负责人集体讨论记录{others}（行政处罚法第五十七条第二款）。",
        refs((e.id for e in discussions), (d for e in discussions for d in e.documents)),
    )


def recheck(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-05: the party's statement was never re-checked (PPL Art. 45)."""
    for statement in ctx.events("statement"):
        if not ctx.later(statement, "recheck"):
            yield finding(
                "PROC-05",
                "procedure",
                "warning",
                f"当事人于{wording.day(ctx.date_of(statement.at))}提出陈述申辩，案卷中没有其后的复核"
                f"意见（行政处罚法第四十五条）。",
                refs(statement.id, statement.documents),
            )
