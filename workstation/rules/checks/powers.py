"""The agency's powers as the office's rule pack lists them (AUTH-02).

Unlike AUTH-01, which reads the bundle's own `agency.authorities`, the list here is the
pack's: an agency cannot widen its powers by what it writes into its own bundle.
"""

from __future__ import annotations

from collections.abc import Iterator

from workstation.casefile.model import Agency
from workstation.labels import ACTION_TYPES
from workstation.rules import wording
from workstation.rules.context import CheckContext
from workstation.rules.findings import Finding, finding
from workstation.rules.rulepack.model import AgencyPower


def matches(power: AgencyPower, agency: Agency) -> bool:
    """The credit code decides where both give one; the name only where either lacks it."""
    if power.code and agency.code:
        return power.code == agency.code
    return power.name == agency.name


def agency_powers(ctx: CheckContext) -> Iterator[Finding]:
    """AUTH-02: the pack lists the agency, and none of its entries the case's action type."""
    agency, action = ctx.case.agency, ctx.case.action_type
    entries = [p for p in ctx.pack.agency_powers if matches(p, agency)]
    if not entries or any(action in p.action_types for p in entries):
        return
    granted = {t for p in entries for t in p.action_types}
    # The bundle format's order of action types, then any the labels do not know.
    ordered = [t for t in ACTION_TYPES if t in granted] + sorted(granted - ACTION_TYPES.keys())
    listed = wording.listing([ACTION_TYPES.get(t, t) for t in ordered]) or "无"
    sources = list(dict.fromkeys(p.source for p in entries if p.source))
    basis = f"（依据：{wording.listing(sources)}）" if sources else ""
    yield finding(
        "AUTH-02",
        "authority",
        "error",
        f"规则包职权清单载明执法主体{agency.name}的职权为{listed}{basis}，不包括"
        f"{ACTION_TYPES.get(action, action)}，拟作出的决定可能超越职权。",
    )
