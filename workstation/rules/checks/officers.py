"""Officers: two with valid certificates on each investigative act (OFF-01) and coercive act
(OFF-05); the hearing host is not an investigator (OFF-03)."""

from __future__ import annotations

from collections.abc import Iterator

from workstation.casefile.model import Event
from workstation.rules import wording
from workstation.rules.context import COERCIVE, INVESTIGATIVE, CheckContext, refs
from workstation.rules.findings import Finding, finding
from workstation.rules.names import name_key


def investigative_acts(ctx: CheckContext) -> Iterator[Finding]:
    """OFF-01 (PPL Art. 42)."""
    yield from _too_few(ctx, INVESTIGATIVE, "OFF-01", "qualification", "行政处罚法第四十二条")


def coercive_acts(ctx: CheckContext) -> Iterator[Finding]:
    """OFF-05 (ACL Art. 18)."""
    yield from _too_few(
        ctx, (*COERCIVE, "enforcement"), "OFF-05", "procedure", "行政强制法第十八条"
    )


def _too_few(
    ctx: CheckContext, types: tuple[str, ...], rule: str, section: str, law: str
) -> Iterator[Finding]:
    needed = ctx.pack.min_officers
    if needed is None:
        return
    for event in ctx.events(*types):
        counting = ctx.counting_officers(event)
        if len(counting) >= needed:
            continue
        yield finding(
            rule,
            section,
            "error",
            f"{wording.event(event.type)}（{wording.moment(ctx.local(event.at))}）仅有{len(counting)}名"
            f"持有效执法证件的执法人员{_why_not(ctx, event)}，少于{needed}名，违反{law}。",
            refs(event.id, (f"officer:{no}" for no in event.officers), event.documents),
        )


def _why_not(ctx: CheckContext, event: Event) -> str:
    """Which certificates on the event do not count, and why."""
    on = ctx.date_of(event.at)
    notes = []
    for number in dict.fromkeys(event.officers):
        officer = ctx.officers.get(number)
        if officer is None:
            notes.append(f"执法证{number}未在案卷执法人员中登记")
        elif officer.certificate_valid_until < on:
            notes.append(
                f"{officer.name}的执法证{number}已于{wording.day(officer.certificate_valid_until)}"
                f"到期"
            )
    return f"（{'；'.join(notes)}）" if notes else ""


def hearing_host(ctx: CheckContext) -> Iterator[Finding]:
    """OFF-03 (PPL Art. 64(4)): the host also investigated the case."""
    # Compared by name_key: a zero-width or full-width character does not make the host
    # someone other than the investigator.
    investigators: dict[str, tuple[str, str]] = {}
    for event in ctx.events(*INVESTIGATIVE):
        for number in ctx.counting_officers(event):
            investigators.setdefault(name_key(ctx.officers[number].name), (number, event.id))
    for hearing in ctx.events("hearing"):
        host = name_key(hearing.host or "")
        if host and host in investigators:
            number, event_id = investigators[host]
            yield finding(
                "OFF-03",
                "procedure",
                "error",
                f"听证主持人{hearing.host}同时为本案调查人员，违反行政处罚法第六十四条第四项"
                f"关于听证由非本案调查人员主持的规定。",
                refs(hearing.id, f"officer:{number}", event_id),
            )
