"""The decision against the notice that announced it: nothing heavier than notified (DOC-03)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from workstation.rules import wording
from workstation.rules.checks.measures import decision_documents
from workstation.rules.context import CheckContext, amount_field, measure_figure, refs
from workstation.rules.findings import Finding, finding

# The figures DOC-03 compares (a field the notice does not give is not compared).
_COMPARED = ("amount", "value", "days")


def heavier_than_notice(ctx: CheckContext) -> Iterator[Finding]:
    """DOC-03: a measure the notice did not announce, or a figure above the notice's largest
    of that type (PPL Art. 44–45, 62: a heavier decision needs a new notice)."""
    notice = ctx.notice()
    if notice is None or not notice.proposed_measures:
        return  # no notice is TIME-04's; an old bundle's notice says nothing to compare
    announced = notice.proposed_measures
    heavier: list[str] = []
    for measure in ctx.measures:
        kind = measure["type"]
        if kind == "warning":
            continue
        same = [m for m in announced if m["type"] == kind]
        if not same:
            heavier.append(f"{wording.measure(kind)}为告知书未告知的处罚种类")
            continue
        for field_name in _COMPARED:
            figure = measure_figure(measure, field_name)
            given = [f for m in same if (f := measure_figure(m, field_name)) is not None]
            if figure is not None and given and figure > max(given):
                more = "长于" if field_name == "days" else "高于"
                heavier.append(
                    f"{wording.measure(kind)}{_figure(kind, field_name, figure)}{more}告知书的"
                    f"{_figure(kind, field_name, max(given))}"
                )
    if not heavier:
        return
    yield finding(
        "DOC-03",
        "procedure",
        "error",
        f"拟作出的处理重于事先告知（{wording.day(ctx.date_of(notice.at))}）的内容："
        f"{'；'.join(dict.fromkeys(heavier))}。告知书拟处：{describe(announced)}；"
        f"决定书：{describe(ctx.measures)}。作出重于告知内容的处罚决定，应当重新告知当事人"
        f"拟作出的处罚及其陈述、申辩等权利（行政处罚法第四十四条、第四十五条、第六十二条）。",
        refs(notice.id, notice.documents, decision_documents(ctx)),
    )


def describe(measures: Sequence[dict[str, Any]]) -> str:
    """罚款20000元、没收违法所得、没收非法财物（价值5000元）、责令停产停业（期限30日）"""
    parts = []
    for measure in measures:
        kind = measure["type"]
        text = wording.measure(kind)
        details = []
        for field_name in _COMPARED:
            figure = measure_figure(measure, field_name)
            if figure is None:
                continue
            if field_name == amount_field(kind) == "amount":
                text += wording.yuan(figure)
            else:
                details.append(_figure(kind, field_name, figure))
        parts.append(text + (f"（{'，'.join(details)}）" if details else ""))
    return wording.listing(parts) or "（未载明）"


def _figure(kind: str, field_name: str, figure: float) -> str:
    if field_name == "days":
        return f"期限{wording.plain_number(figure)}日"
    if field_name == amount_field(kind) == "amount":
        return wording.yuan(figure)
    return f"{'价值' if field_name == 'value' else '金额'}{wording.yuan(figure)}"
