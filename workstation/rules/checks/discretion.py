"""Discretion: the benchmark and tier chosen, and the fine inside the tier (PROC-12)."""

from __future__ import annotations

from collections.abc import Iterator

from workstation.labels import DISCRETION_TIERS
from workstation.rules import wording
from workstation.rules.context import CheckContext, measure_figure
from workstation.rules.findings import Finding, finding


def benchmark_tier(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-12 (PPL Art. 34): outside the benchmark unless reduced or aggravated with reasons."""
    discretion = ctx.case.proposed_decision.get("discretion")
    if not discretion or not discretion.get("benchmark"):
        return
    bench_id, tier = discretion["benchmark"], discretion.get("tier")
    benchmark = ctx.pack.discretion_benchmarks.get(bench_id)
    if benchmark is None:
        yield finding(
            "PROC-12",
            "discretion",
            "warning",
            f"所引裁量基准“{bench_id}”不在规则包《{ctx.pack.name}》中，无法核对裁量阶次。",
        )
        return
    tier_name = DISCRETION_TIERS.get(tier or "", tier or "未填写")
    band = benchmark.tiers.get(tier or "")
    if band is None:
        yield finding(
            "PROC-12",
            "discretion",
            "warning",
            f"裁量基准“{bench_id}”中没有所选的裁量阶次“{tier_name}”。",
        )
        return
    reasons = (discretion.get("reasons") or "").strip()
    flags = set(ctx.case.flags)
    for measure in ctx.measures_of("fine"):
        amount = measure_figure(measure)
        if amount is None:
            continue
        below = band.min is not None and amount < band.min
        above = band.max is not None and amount > band.max
        excused = reasons and (
            (below and "reduced_penalty" in flags) or (above and "aggravated_penalty" in flags)
        )
        if (below or above) and not excused:
            band_words = (
                f"{wording.yuan(band.min or 0)}至{wording.yuan(band.max)}"
                if (band.max is not None)
                else f"{wording.yuan(band.min or 0)}以上"
            )
            yield finding(
                "PROC-12",
                "discretion",
                "warning",
                f"拟罚款{wording.yuan(amount)}不在所选裁量阶次“{tier_name}”对应的区间"
                f"（{band_words}）内，且未以减轻或从重处罚说明理由（行政处罚法第三十四条）。",
            )
