"""Suspected crime: a measure reaching the pack's referral threshold (XFER-00)."""

from __future__ import annotations

from collections.abc import Iterator

from workstation.labels import AMOUNT_FIELDS
from workstation.rules import wording
from workstation.rules.context import CheckContext, measure_figure, refs
from workstation.rules.findings import Finding, finding


def thresholds(ctx: CheckContext) -> Iterator[Finding]:
    """XFER-00 (D310 Art. 3; PPL Art. 27): warn, or inform once a transfer is recorded."""
    transfers = ctx.events("transfer")
    for entry in ctx.pack.criminal_referral:
        if entry.domain != ctx.case.domain:
            continue
        for measure in ctx.measures:
            if measure["type"] not in entry.measures:
                continue
            figure = measure_figure(measure, entry.field)
            if not entry.min.met(figure):
                continue
            unit = "平方米" if entry.field == "area_m2" else "元"
            amount = f"{figure:g}{unit}"
            bound = (
                f"{entry.min.value:g}{unit}{'以上' if entry.min.inclusive else '以上（不含本数）'}"
            )
            if transfers:
                yield finding(
                    "XFER-00",
                    "referral",
                    "info",
                    f"本案{AMOUNT_FIELDS[entry.field]}{amount}，达到“{entry.label}”的移送标准（{bound}），"
                    f"案卷已有移送司法机关记录。",
                    refs(e.id for e in transfers),
                )
            else:
                yield finding(
                    "XFER-00",
                    "referral",
                    "warning",
                    f"本案拟{wording.measure(measure['type'])}，{AMOUNT_FIELDS[entry.field]}{amount}，"
                    f"达到“{entry.label}”的移送标准（{bound}），应审查是否涉嫌犯罪需移送司法机关"
                    f"（行政执法机关移送涉嫌犯罪案件的规定第三条、行政处罚法第二十七条）。",
                )
            break
