"""The cited penalty provisions: measures they allow (PROC-06) and their fine range (PROC-07)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from workstation.rules import wording
from workstation.rules.context import CheckContext, measure_figure
from workstation.rules.findings import Finding, finding
from workstation.rules.rulepack.model import Provision


def known_provision(ctx: CheckContext, cited: dict[str, Any]) -> Provision | None:
    """The pack's entry for a citation: same law and article, and the paragraph and item
    wherever the entry names them."""
    for entry in ctx.pack.provisions:
        if entry.law != cited["law"] or entry.article != cited["article"]:
            continue
        if entry.paragraph is not None and entry.paragraph != cited.get("paragraph"):
            continue
        if entry.item is not None and entry.item != cited.get("item"):
            continue
        return entry
    return None


def _cited(ctx: CheckContext) -> list[tuple[dict[str, Any], Provision | None]]:
    return [(c, known_provision(ctx, c)) for c in ctx.case.proposed_decision.get("legal_basis", [])]


def _name(cited: dict[str, Any]) -> str:
    return wording.article(
        cited["law"], cited["article"], cited.get("paragraph"), cited.get("item")
    )


def measure_types(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-06: with every cited provision known, a measure none of them provides for.

    Only with a non-empty legal basis: an empty one is LAW-00's, with nothing to compare.
    """
    cited = _cited(ctx)
    if not cited or any(entry is None for _, entry in cited):
        return
    allowed = set().union(*(entry.measures for _, entry in cited if entry))
    wrong = [m["type"] for m in ctx.measures if m["type"] not in allowed]
    if wrong:
        names = wording.listing([wording.measure(t) for t in dict.fromkeys(wrong)])
        basis = wording.listing([_name(c) for c, _ in cited])
        yield finding(
            "PROC-06",
            "law",
            "error",
            f"拟作出的{names}不在所引{basis}规定的处罚种类内（行政处罚法第九条）。",
        )


def fine_range(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-07: a fine outside the range of its own provision."""
    for measure in ctx.measures_of("fine"):
        amount = measure_figure(measure)
        provision = _provision_of(ctx, measure)
        if amount is None or provision is None:
            continue
        cited, entry = provision
        low, high, described = _range(entry, measure)
        if (low is not None and amount < low) or (high is not None and amount > high):
            yield finding(
                "PROC-07",
                "law",
                "error",
                f"拟罚款{wording.yuan(amount)}超出{_name(cited)}规定的幅度（{described}）。",
            )


def _provision_of(
    ctx: CheckContext, measure: dict[str, Any]
) -> tuple[dict[str, Any], Provision] | None:
    """The provision a fine is judged by: its own `provision` when the pack knows it;
    otherwise the one known legal_basis provision that allows fines, when every cited
    provision is known. A fine under a provision the pack does not know (its own, or one
    of the legal basis) is judged by none: another provision's range is not its range."""
    own = measure.get("provision")
    if own:
        entry = known_provision(ctx, own)
        return (own, entry) if entry is not None else None
    cited = _cited(ctx)
    if any(entry is None for _, entry in cited):
        return None
    fining = {_key(c): (c, e) for c, e in cited if e is not None and "fine" in e.measures}
    return next(iter(fining.values())) if len(fining) == 1 else None


def _key(cited: dict[str, Any]) -> tuple[Any, ...]:
    """A citation as one provision: the same law, article, paragraph and item."""
    return (cited["law"], cited["article"], cited.get("paragraph"), cited.get("item"))


def _range(entry: Provision, measure: dict[str, Any]) -> tuple[float | None, float | None, str]:
    base = measure_figure(measure, "base_amount")
    multiple = entry.multiple
    if multiple is not None and base is not None and base >= multiple.from_amount:
        low, high = base * multiple.min, base * multiple.max
        return (
            low,
            high,
            (
                f"货值金额等计罚基数{wording.yuan(base)}的{multiple.min:g}倍至"
                f"{multiple.max:g}倍，即{wording.yuan(low)}至{wording.yuan(high)}"
            ),
        )
    fine = entry.fine
    if fine is None:
        return None, None, ""
    return fine.min, fine.max, _words(fine.min, fine.max)


def _words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{wording.yuan(low)}以上{wording.yuan(high)}以下"
    if high is not None:
        return f"{wording.yuan(high)}以下"
    return f"{wording.yuan(low or 0)}以上"
