"""Coercive measures and enforcement: prior approval (ENF-01), seizure term (ENF-03), no
enforcement at night or on rest days (ENF-07)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta

from workstation.casefile.model import Event
from workstation.rules import wording
from workstation.rules.calendar import decide
from workstation.rules.context import COERCIVE, CheckContext, refs
from workstation.rules.findings import Finding, finding


def approval(ctx: CheckContext) -> Iterator[Finding]:
    """ENF-01 (ACL Art. 18(1), 19): approved by the head before, or promptly after in an
    emergency."""
    hours = ctx.pack.periods.emergency_approval_hours
    for event in ctx.events(*COERCIVE):
        what = f"{wording.event(event.type)}（{wording.moment(ctx.local(event.at))}）"
        if event.approved_at is None:
            problem = f"{what}未见行政机关负责人批准记录"
        elif (
            event.approved_at <= event.at
            or event.emergency
            and (hours is None or event.approved_at - event.at <= timedelta(hours=hours))
        ):
            continue
        elif event.emergency:
            problem = (
                f"{what}系紧急情况下实施，但负责人于{wording.moment(ctx.local(event.approved_at))}"
                f"才补批，超过{hours:g}小时"
            )
        else:
            problem = (
                f"{what}实施在先，负责人批准在后（{wording.moment(ctx.local(event.approved_at))}），"
                f"且未记载紧急情况"
            )
        yield finding(
            "ENF-01",
            "procedure",
            "error",
            f"{problem}，违反行政强制法第十八条第一项、第十九条。",
            (event.id,),
        )


def seizure_term(ctx: CheckContext) -> Iterator[Finding]:
    """ENF-03 (ACL Art. 25): the term and its one extension."""
    rules = ctx.pack.seizure
    if rules is None:
        return
    seizures = ctx.events("seizure")
    for index, seizure in enumerate(seizures):
        next_at = seizures[index + 1].at if index + 1 < len(seizures) else None
        extensions = [
            e for e in ctx.later(seizure, "seizure_extension") if next_at is None or e.at < next_at
        ]
        yield from _term(ctx, seizure, extensions)


def _term(ctx: CheckContext, seizure: Event, extensions: list[Event]) -> Iterator[Finding]:
    rules = ctx.pack.seizure
    assert rules is not None
    start = ctx.date_of(seizure.at)
    event_refs = refs(seizure.id, (e.id for e in extensions))
    if len(extensions) > rules.extensions_max:
        yield finding(
            "ENF-03",
            "procedure",
            "error",
            f"查封扣押（{wording.day(start)}）延长{len(extensions)}次，超过法定的{rules.extensions_max}次"
            f"（行政强制法第二十五条）。",
            event_refs,
        )
    untils = [d for d in (seizure.until, *(e.until for e in extensions)) if d is not None]
    if not untils:
        return
    allowed = rules.max_days + (rules.extension_max_days if extensions else 0)
    latest = max(untils)
    if latest > start + timedelta(days=allowed):
        term = f"{rules.max_days}日" + (f"（延长后{allowed}日）" if extensions else "")
        yield finding(
            "ENF-03",
            "procedure",
            "error",
            f"查封扣押自{wording.day(start)}起至{wording.day(latest)}，共{(latest - start).days}日，"
            f"超过法定期限{term}（行政强制法第二十五条）。",
            event_refs,
        )


def night_or_rest_day(ctx: CheckContext) -> Iterator[Finding]:
    """ENF-07 (ACL Art. 43): enforcement at night or on a rest day, without an emergency."""
    window = ctx.pack.night_window
    for event in ctx.events("enforcement"):
        if event.emergency:
            continue
        local = ctx.local(event.at)
        at_night = window is not None and _in_window(local.time(), *window)
        day = local.date()
        rest = decide(lambda world: ctx.days.is_rest_day(day, world))  # noqa: B023 - called now
        if not (at_night or rest.fires):
            continue
        when = "夜间" if at_night else "法定节假日或休息日"
        yield finding(
            "ENF-07",
            "procedure",
            "error",
            f"强制执行于{wording.moment(local)}（{when}）实施，未记载紧急情况，违反行政强制法第四十三条。",
            (event.id,),
            approximate=rest.approximate and not at_night,
        )


def _in_window(moment: time, start: time, end: time) -> bool:
    """[start, end): 22:00 counts, 06:00 does not; a window may run past midnight."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end
