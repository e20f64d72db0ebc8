"""The decision itself: a stated legal basis (LAW-00) and measures with a real figure (MEAS-01)."""

from __future__ import annotations

from collections.abc import Iterator

from workstation.labels import AMOUNT_FIELDS
from workstation.rules import wording
from workstation.rules.context import CheckContext, amount_field, measure_figure
from workstation.rules.findings import Finding, finding

# LAW-00: what the basis is called, and which article makes the decision state it. A coercion
# decision is not a penalty decision: the coercion law says what it states (ACL Art. 24, 37).
_BASIS_DUTY = {
    "penalty": (
        "处罚依据",
        "行政处罚决定书应当载明行政处罚的种类和依据（行政处罚法第五十九条）",
    ),
    "coercion": (
        "决定依据",
        "查封、扣押决定书和强制执行决定书等应当载明其依据（行政强制法第二十四条、第三十七条）",
    ),
}
GUIDING_CASE_41 = "最高人民法院指导案例41号"

# MEAS-01: the measures that are nothing without their figure, and why.
_NEEDS_FIGURE = {
    "fine": "罚款应当载明大于零的数额；“罚款0元”不是处罚，拟仅予警告的，处罚种类应为“警告”"
    "（行政处罚法第九条）",
    "confiscate_gains": "没收违法所得应当载明大于零的数额",
    "levy": "征收应当载明大于零的数额",
    "confiscate_property": "没收非法财物应当载明大于零的价值",
}


def decision_documents(ctx: CheckContext) -> list[str]:
    """The ids of the proposed decision's documents (拟决定书): where a reviewer reads it."""
    return [d.id for d in ctx.case.documents if d.kind == "proposed_decision"]


def legal_basis(ctx: CheckContext) -> Iterator[Finding]:
    """LAW-00: a penalty or coercion decision that cites no provision at all."""
    duty = _BASIS_DUTY.get(ctx.case.action_type)
    if duty is None or ctx.case.proposed_decision.get("legal_basis"):
        return
    basis, duty_text = duty
    yield finding(
        "LAW-00",
        "law",
        "error",
        f"拟处理意见未载明所依据的法律条款（{basis}为空）。{duty_text}；行政行为未引用具体"
        f"法律条款的，视为没有法律依据（{GUIDING_CASE_41}）。",
        tuple(decision_documents(ctx)),
    )


def figures(ctx: CheckContext) -> Iterator[Finding]:
    """MEAS-01: a fine, confiscation or levy whose amount (value) is missing or zero."""
    for number, measure in enumerate(ctx.measures, start=1):
        kind = measure["type"]
        why = _NEEDS_FIGURE.get(kind)
        if why is None:
            continue
        field_name = amount_field(kind)
        figure = measure_figure(measure, field_name)
        if figure is not None and figure > 0:
            continue
        label = AMOUNT_FIELDS[field_name]
        problem = f"未载明{label}" if figure is None else f"{label}为{wording.yuan(figure)}"
        yield finding(
            "MEAS-01",
            "law",
            "error",
            f"拟处理意见第{number}项措施“{wording.measure(kind)}”{problem}：{why}。",
            tuple(decision_documents(ctx)),
        )
