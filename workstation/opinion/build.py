"""From a stored review to `OpinionContent`: what the opinion says, in the office's words."""

from __future__ import annotations

from datetime import date
from typing import Any

from workstation.labels import MEASURE_TYPES, PARTY_KINDS
from workstation.opinion.content import FigureContent, OpinionContent, SectionOpinion
from workstation.review import wording
from workstation.review.checklist import VERDICTS, Checklist
from workstation.review.rulepack import RulePack
from workstation.review.workflow import OUTCOMES
from workstation.store import models
from workstation.store.review_models import Opinion
from workstation.timefmt import office_time

_ID_LABELS = {
    "person": "居民身份证号码",
    "individual_business": "证件号码",
    "organisation": "统一社会信用代码",
}


def opinion_content(
    version: models.CaseVersion,
    checklist: Checklist,
    opinion: Opinion,
    pack: RulePack,
    *,
    reviewer: str,
    head: str | None,
    on: date,
    figures: tuple[FigureContent, ...] = (),
) -> OpinionContent:
    """The opinion of `version` as reviewed in `checklist`, in revision `opinion`, with the
    frame snapshots `figures` (workstation/recordings/figures.py)."""
    return OpinionContent(
        agency=version.agency_name,
        number=opinion.number,
        case_number=version.case.number,
        case_title=version.title,
        parties=tuple(
            f"{p.name}（{PARTY_KINDS[p.kind]}，{_ID_LABELS[p.kind]} {p.id_number}）"
            for p in version.parties
        ),
        unit=version.unit or version.agency_name,
        submitted_on=office_time(version.submitted_at).date(),
        proposed_decision=proposed_decision(version.proposed_decision),
        review_basis=_basis(pack),
        sections=tuple(_section(s) for s in checklist.sections),
        outcome=OUTCOMES[opinion.outcome],
        reasons=checklist.reasons,
        legal_provisions=tuple(
            wording.article(p["law"], p["article"], p.get("paragraph"), p.get("item"))
            for p in version.proposed_decision.get("legal_basis", [])
        ),
        reviewer=reviewer,
        head=head,
        opinion_date=on,
        signed=head is not None,
        texts={k: v for k, v in opinion.texts.items() if isinstance(v, str)},
        figures=figures,
    )


def proposed_decision(decision: dict[str, Any]) -> str:
    """拟处理意见 in words: 罚款80000元；没收违法所得1206.7元 …"""
    parts = []
    for measure in decision.get("measures", []):
        text = MEASURE_TYPES.get(measure["type"], measure["type"])
        for field, unit in (
            ("amount", "元"),
            ("value", "元（价值）"),
            ("area_m2", "平方米"),
            ("days", "日"),
        ):
            if isinstance(measure.get(field), int | float):
                text += f"{measure[field]:g}{unit}"
                break
        if measure.get("note"):
            text += f"（{measure['note']}）"
        parts.append(text)
    return "；".join(parts) or "（案卷未载明）"


def _basis(pack: RulePack) -> str:
    laws = "《中华人民共和国行政处罚法》《中华人民共和国行政强制法》《中华人民共和国行政许可法》"
    return f"{laws}等法律、法规、规章，以及{pack.name}"


def _section(view: Any) -> SectionOpinion:
    accepted = tuple(f.finding.message for f in view.findings if f.decision == "accepted")
    return SectionOpinion(
        name=view.name,
        verdict=VERDICTS.get(view.verdict or "", "未审核"),
        text=view.comment,
        findings=accepted,
        # As the checklist words them: wall-clock times with the reviewer's clock corrections.
        citations=tuple(view.cited),
    )
