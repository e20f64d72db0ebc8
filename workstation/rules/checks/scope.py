"""Is review required (SCOPE-01, SCOPE-02), and may the simple procedure be used (SCOPE-05)?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workstation.labels import FLAGS
from workstation.rules import wording
from workstation.rules.context import CheckContext, measure_figure, refs
from workstation.rules.findings import Finding, finding
from workstation.rules.rulepack.model import CatalogEntry

CLASS_NAMES = {
    "citizen": "公民",
    "organisation": "法人或者其他组织",
    "individual_business": "个体工商户",
}
_ART58_FLAGS = ("public_interest", "complex", "multi_legal_relationships")


@dataclass(frozen=True)
class Scope:
    """Whether the decision is major, and why, in words."""

    major: bool
    reasons: list[str]
    findings: list[Finding]


def assess(ctx: CheckContext) -> Scope:
    """SCOPE-01 and SCOPE-02 together: they decide `major`."""
    findings: list[Finding] = []
    reasons: list[str] = []
    hits = [
        (index, entry, hit_refs)
        for index, entry in enumerate(ctx.pack.catalog, start=1)
        if (hit_refs := catalog_match(entry, ctx)) is not None
    ]
    if hits:
        reasons += [entry.label for _, entry, _ in hits]
        listed = "、".join(f"第{index}项（{entry.label}）" for index, entry, _ in hits)
        findings.append(
            finding(
                "SCOPE-01",
                "procedure",
                "info",
                f"本案拟作出的决定命中本地重大执法决定目录{listed}，须经法制审核后方可作出决定。",
                refs(*(r for _, _, hit_refs in hits for r in hit_refs)),
            )
        )
    hearings = ctx.events("hearing")
    grounds = (["经过听证程序"] if hearings else []) + [
        FLAGS[flag] for flag in _ART58_FLAGS if flag in ctx.case.flags
    ]
    if grounds:
        reasons += [f"{ground}（行政处罚法第五十八条）" for ground in grounds]
        findings.append(
            finding(
                "SCOPE-02",
                "procedure",
                "info",
                f"本案{wording.listing(grounds)}，依行政处罚法第五十八条应当进行法制审核。",
                refs(e.id for e in hearings),
            )
        )
    return Scope(bool(findings), reasons, findings)


def catalog_match(entry: CatalogEntry, ctx: CheckContext) -> tuple[str, ...] | None:
    """The refs that make `entry` match, or None when it does not (rule-pack.md)."""
    case = ctx.case
    if not entry.automatic:
        return None  # a line only a person can judge
    if entry.action_type is not None and entry.action_type != case.action_type:
        return None
    if entry.procedure is not None and entry.procedure != case.procedure:
        return None
    found: list[str] = []
    if entry.party is not None:
        parties = [
            f"party:{i}"
            for i, p in enumerate(case.parties)
            if ctx.pack.party_class(p.kind) in entry.party
        ]
        if not parties:
            return None
        found += parties
    if entry.event is not None:
        events = ctx.events(entry.event)
        if not events:
            return None
        found += [e.id for e in events]
    if entry.flags is not None and not set(entry.flags) & set(case.flags):
        return None
    if entry.measure is not None or entry.min_amount is not None or entry.any_of:
        candidates = ctx.measures_of(entry.measure) if entry.measure else ctx.measures
        if not any(_measure_fits(entry, m) for m in candidates):
            return None
    return tuple(found)


def _measure_fits(entry: CatalogEntry, measure: dict[str, object]) -> bool:
    if entry.min_amount is not None and not entry.min_amount.met(
        measure_figure(measure, entry.field)
    ):
        return False
    return not entry.any_of or any(
        threshold.met(measure_figure(measure, field)) for field, threshold in entry.any_of
    )


def simple_procedure(ctx: CheckContext) -> Iterator[Finding]:
    """SCOPE-05: the simple procedure used beyond PPL Art. 51."""
    rules = ctx.pack.simple_procedure
    if rules is None or ctx.case.procedure != "simple":
        return
    wrong = [m["type"] for m in ctx.measures if m["type"] not in rules.measures]
    if wrong:
        names = wording.listing([wording.measure(t) for t in dict.fromkeys(wrong)])
        allowed = wording.listing([wording.measure(t) for t in sorted(rules.measures)])
        yield finding(
            "SCOPE-05",
            "procedure",
            "error",
            f"本案适用简易程序，但拟作出的{names}不属于简易程序可以适用的处理种类（{allowed}），"
            f"依行政处罚法第五十一条应当适用普通程序。",
        )
    total = ctx.fines_total()
    for index, party in enumerate(ctx.case.parties):
        group = ctx.pack.party_class(party.kind)
        limit = rules.max_fine.get(group)
        if limit is not None and total > limit:
            yield finding(
                "SCOPE-05",
                "procedure",
                "error",
                f"本案适用简易程序，但拟罚款{wording.yuan(total)}超过对{CLASS_NAMES.get(group, group)}"
                f"当场处罚的限额{wording.yuan(limit)}（行政处罚法第五十一条），应当适用普通程序。",
                (f"party:{index}",),
            )
            return
