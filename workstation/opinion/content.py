"""What the written opinion says, as plain data, before any layout.

Built from the case version, the reviewer's checklist and the automatic findings the
reviewer accepted; the free-text parts an editor may change live in `texts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SectionOpinion:
    """One checklist section as the opinion states it."""

    name: str  # 执法主体, 程序, …
    verdict: str  # 无问题 / 存在问题 / 不适用 / 未审核
    text: str  # the reviewer's comment (free text)
    findings: tuple[str, ...] = ()  # accepted automatic findings, as sentences
    citations: tuple[
        str, ...
    ] = ()  # "《现场检查笔录》第2页", "执法记录仪 A01 00:00:05–00:00:12（…）"


@dataclass(frozen=True)
class FigureContent:
    """A frame snapshot printed as a figure: 图n and its caption under the picture."""

    caption: str  # 执法记录仪 A02 00:00:05（2026年3月2日10时15分07秒）, without "图n"
    png: bytes
    width_px: int
    height_px: int


@dataclass(frozen=True)
class OpinionContent:
    """Everything printed in one opinion."""

    agency: str  # the reviewing agency (the case's enforcement subject)
    number: str  # the opinion's own number, e.g. 薛市监法审〔2026〕12号; "" prints （文号待定）
    case_number: str
    case_title: str
    parties: tuple[str, ...]  # "枣庄某某有限公司（统一社会信用代码 91…）"
    unit: str  # the handling unit that submitted the case
    submitted_on: date
    proposed_decision: str  # the proposed decision in words
    review_basis: str  # laws and local rules the review applied
    sections: tuple[SectionOpinion, ...]
    outcome: str  # 同意 / 退回补正 / 不同意
    reasons: str  # the outcome's reasons (free text)
    legal_provisions: tuple[str, ...]  # the provisions the decision rests on, as cited
    reviewer: str  # 审核人员: who accepted the review and everyone who edited it, 张三、李四
    head: str | None  # the division head who signs; None while unsigned
    opinion_date: date
    signed: bool = False
    texts: dict[str, str] = field(default_factory=dict)  # free-text parts, e.g. "opening"
    figures: tuple[FigureContent, ...] = ()  # frame snapshots, numbered 图1, 图2 … in order
    draft: bool = False  # unsigned: a 草稿 watermark and header line on every page
    root_fingerprint: str | None = None  # signed: the office root, printed in the footer
