"""From a stored review to `OpinionContent`: what the opinion says, in the office's words."""

from __future__ import annotations

from datetime import date
from typing import Any

from workstation.labels import MEASURE_TYPES, PARTY_KINDS
from workstation.opinion.content import FigureContent, OpinionContent, SectionOpinion
from workstation.review.checklist import VERDICTS, Checklist
from workstation.review.workflow_rules import OUTCOMES
from workstation.rules import wording
from workstation.rules.rulepack import RulePack
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
    draft: bool = False,
) -> OpinionContent:
    """The opinion of `version` as reviewed in `checklist`, in revision `opinion`, with the
    frame snapshots `figures` (workstation/recordings/figures.py); `draft` marks it 草稿."""
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
        review_basis=review_basis(version, pack),
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
        draft=draft,
    )


def proposed_decision(decision: dict[str, Any]) -> str:
    """拟处理意见 in words: each measure with its amount, then its note and other figures in
    brackets — 没收违法所得1206.70元；没收非法财物（过期食品87件；价值2619.50元）；罚款80000元"""
    parts = []
    for measure in decision.get("measures", []):
        text = MEASURE_TYPES.get(measure["type"], measure["type"])
        if _is_number(measure.get("amount")):
            text += wording.money(measure["amount"])
        figures = "，".join(say(measure[f]) for f, say in _DETAILS if _is_number(measure.get(f)))
        details = "；".join(filter(None, (measure.get("note") or "", figures)))
        if details:
            text += f"（{details}）"
        parts.append(text)
    return "；".join(parts) or "（案卷未载明）"


# A measure's figures other than its amount: 查封扣押（…；价值186000元，面积420平方米，期限60日）.
# `base_amount` is the base of a fine the facts explain; the decision does not state it.
_DETAILS = (
    ("value", lambda v: f"价值{wording.money(v)}"),
    ("area_m2", lambda v: f"面积{wording.plain_number(v)}平方米"),
    ("days", lambda v: f"期限{wording.plain_number(v)}日"),
)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# The general law each action type is taken under; 征收, 收费 and 检查 have none of their own.
_GENERAL_LAWS = {
    "penalty": "中华人民共和国行政处罚法",
    "licensing": "中华人民共和国行政许可法",
    "coercion": "中华人民共和国行政强制法",
}
# Measures and procedure steps the 行政强制法 governs whatever the action type (a seizure
# while a penalty case is investigated, say).
_COERCIVE = frozenset(
    {
        "seizure",
        "seizure_extension",
        "freeze",
        "auction",
        "demolition",
        "demand_notice",
        "enforcement",
    }
)


def review_basis(version: models.CaseVersion, pack: RulePack) -> str:
    """审核依据: the general laws of this case's kind of action, and the office's rule pack."""
    laws = [_GENERAL_LAWS[version.action_type]] if version.action_type in _GENERAL_LAWS else []
    coercive = _COERCIVE & (
        {m.get("type") for m in version.proposed_decision.get("measures", [])}
        | {e.type for e in version.events}
    )
    if coercive and _GENERAL_LAWS["coercion"] not in laws:
        laws.append(_GENERAL_LAWS["coercion"])
    named = "".join(f"《{law}》" for law in laws)
    lead = f"{named}等" if named else "有关"
    return f"{lead}法律、法规、规章，以及{pack.name}"


def _section(view: Any) -> SectionOpinion:
    """A section as printed. An accepted 提示 (info) finding is context for the reviewer, not
    a defect of the case, so only accepted errors and warnings are listed."""
    accepted = tuple(
        f.finding.message
        for f in view.findings
        if f.decision == "accepted" and f.finding.severity != "info"
    )
    return SectionOpinion(
        name=view.name,
        verdict=VERDICTS.get(view.verdict or "", "未审核"),
        text=view.comment,
        findings=accepted,
        # As the checklist words them: wall-clock times with the reviewer's clock corrections.
        citations=tuple(
            _quoted(text, c.note or "") for text, c in zip(view.cited, view.citations, strict=True)
        ),
    )


def _quoted(cited: str, note: str) -> str:
    """A citation whose note quotes the page keeps whole sentences of it only
    (`wording.quotation`); citing.py ends the text with "：note" when there is a note."""
    if not note or not cited.endswith(f"：{note}"):
        return cited
    place, quote = cited[: -len(note) - 1], wording.quotation(note)
    return f"{place}：{quote}" if quote else place
