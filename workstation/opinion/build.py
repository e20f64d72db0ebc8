"""From a stored review to `OpinionContent`: what the opinion says, in the office's words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from workstation.labels import MEASURE_TYPES, PARTY_KINDS
from workstation.opinion.content import OpinionContent, SectionOpinion
from workstation.review import wording
from workstation.review.checklist import VERDICTS, Checklist
from workstation.review.rulepack import RulePack
from workstation.review.workflow import OUTCOMES
from workstation.store import models
from workstation.store.review_models import Citation, Opinion
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
) -> OpinionContent:
    """The opinion of `version` as reviewed in `checklist`, in revision `opinion`."""
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
        sections=tuple(_section(s, version) for s in checklist.sections),
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


def _section(view: Any, version: models.CaseVersion) -> SectionOpinion:
    accepted = tuple(f.finding.message for f in view.findings if f.decision == "accepted")
    return SectionOpinion(
        name=view.name,
        verdict=VERDICTS.get(view.verdict or "", "未审核"),
        text=view.comment,
        findings=accepted,
        citations=tuple(citation_text(c, version) for c in view.citations),
    )


def citation_text(citation: Citation, version: models.CaseVersion) -> str:
    """《现场检查笔录》第2页 · 执法记录仪 A01 00:00:05–00:00:12（2026年3月2日10时15分05秒起）"""
    note = f"：{citation.note}" if citation.note else ""
    if citation.kind == "document":
        doc = next((d for d in version.documents if d.key == citation.target), None)
        title = (doc.title or wording.document(doc.kind)) if doc else citation.target
        return f"《{title}》第{citation.page}页{note}"
    rec = next((r for r in version.recordings if r.key == citation.target), None)
    device = (rec.device or "录音录像") if rec else citation.target
    start, end = citation.start_ms or 0, citation.end_ms or 0
    span = f"{_clock(start)}–{_clock(end)}"
    if rec is None:
        return f"{device} {span}{note}"
    wall = rec.started_at + timedelta(milliseconds=(rec.clock_offset_ms or 0) + start)
    return f"{device} {span}（{_wall(wall)}起）{note}"


def _clock(ms: int) -> str:
    seconds, _ = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def _wall(moment: datetime) -> str:
    local = office_time(moment)
    return f"{wording.day(local.date())}{local.hour}时{local.minute:02d}分{local.second:02d}秒"
