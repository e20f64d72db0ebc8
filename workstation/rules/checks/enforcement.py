"""Coercion, v2 checks: a seizure left open past its term (ENF-11), an application to the
court without a 催告 or before its period ran (ENF-12). The older ENF rules are in coercion.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from workstation.rules import wording
from workstation.rules.calendar import Period
from workstation.rules.context import CheckContext, refs
from workstation.rules.findings import Finding, finding


def open_seizure(ctx: CheckContext) -> Iterator[Finding]:
    """ENF-11 (ACL Art. 25): a seizure with no term, never extended or released, older at
    submission than the cap (calendar days, never rolled)."""
    rules = ctx.pack.seizure
    if rules is None:
        return
    for seizure in ctx.events("seizure"):
        if seizure.until is not None or ctx.later(seizure, "seizure_extension", "seizure_release"):
            continue
        start = ctx.date_of(seizure.at)
        cap = start + timedelta(days=rules.max_days)
        if ctx.submitted_on <= cap:
            continue
        yield finding(
            "ENF-11",
            "procedure",
            "error",
            f"查封扣押（{wording.day(start)}）未载明期限，至送审日（{wording.day(ctx.submitted_on)}）"
            f"已{(ctx.submitted_on - start).days}日，既未延长也未解除，超过{rules.max_days}日的法定期限"
            f"（届满日{wording.day(cap)}，行政强制法第二十五条）。",
            refs(seizure.id, seizure.documents),
        )


def court_application(ctx: CheckContext) -> Iterator[Finding]:
    """ENF-12 (ACL Art. 54, 69): applied to the court with no earlier 催告, or on or before
    the last working day of the pack's period after the latest one."""
    days = ctx.pack.periods.demand_notice_days
    for application in ctx.events("enforcement_application"):
        applied = ctx.date_of(application.at)
        notices = [n for n in ctx.events("demand_notice") if n.at < application.at]
        if not notices:
            yield finding(
                "ENF-12",
                "procedure",
                "error",
                f"{wording.day(applied)}申请人民法院强制执行，此前未见催告书送达记录；行政机关申请"
                f"人民法院强制执行前，应当催告当事人履行义务（行政强制法第五十四条）。",
                refs(application.id, application.documents),
            )
            continue
        if days is None:
            continue
        notice = notices[-1]
        notified = ctx.date_of(notice.at)
        # Working days whatever the number (review-rules.md ENF-12; ACL Art. 69).
        period = Period(ctx.days, notified, days, working=True, roll=False)
        outcome = period.running_on(applied)
        if outcome.fires:
            yield finding(
                "ENF-12",
                "procedure",
                "error",
                f"{wording.day(applied)}申请人民法院强制执行，距催告书送达（{wording.day(notified)}）"
                f"不足{period.words()}（催告期至{period.last_words()}届满）；催告书送达{period.words()}"
                f"后当事人仍未履行的，方可申请（行政强制法第五十四条、第六十九条）。",
                refs(application.id, application.documents, notice.id, notice.documents),
                approximate=outcome.approximate,
            )
