"""Render an `OpinionContent` as a DOCX 重大行政执法决定法制审核意见书.

All layout lives in the template (`resources/templates/opinion.docx` by default, see
`workstation.opinion.template`): page setup, footers with page numbers and the named
paragraph styles. This module only adds paragraphs in those styles, in this order:

    agency, title, document number (（文号待定） while it has none);
    案号, 案由, 当事人 (当事人一, 当事人二 … when several; left-aligned, see write_parties),
    承办单位, 报送日期, 拟作出的决定, 法律依据 (the legal provisions), 审核依据 (the review basis);
    texts["opening"];
    one numbered heading per checklist section (一、执法主体 …), then its verdict and
    comment as one sentence (审核情况：无问题。comment。), its accepted findings (（1）…) and
    its citations (引用材料：…);
    the next numbered heading 审核结论, the outcome and its reasons (none: no 理由 line);
    texts["closing"];
    the figures (frame snapshots), each a picture as wide as the text area (lower when a
    tall picture would take more than 60 % of the page's text height) centred above its
    caption 图1 执法记录仪 A02 00:00:05（2026年3月2日10时15分07秒）;
    the signature block: 审核人员, 法制机构负责人 (a blank to sign on while `head` is None),
    the date as 2026年4月15日.

A draft (`content.draft`) also gets a 草稿 watermark and header line on every page
(`workstation.opinion.draft_mark`); a signed opinion's bytes do not change with that.

Supported `content.texts` keys: "opening" and "closing" (see `TEXT_KEYS`); any other key
is a programming error and raises ValueError rather than silently dropping an editor's
text. Free text may hold several paragraphs separated by line breaks.

The result is deterministic: the same content and template give the same bytes.
resources/templates/README.md explains how an office adapts the template.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from workstation.errors import IllegalActionError
from workstation.opinion import template as tpl
from workstation.opinion.content import FigureContent, OpinionContent, SectionOpinion
from workstation.opinion.draft_mark import mark_as_draft
from workstation.opinion.root_mark import print_root
from workstation.rules import wording
from workstation.rules.wording import chinese_number

TITLE = "重大行政执法决定法制审核意见书"
TEXT_KEYS = ("opening", "closing")
FIGURE_MAX_HEIGHT = 0.6  # of the text area's height: a figure leaves room for its caption
SIGN_HERE = "________________"  # a blank the division head signs on
NUMBER_PENDING = "（文号待定）"  # printed for an opinion not numbered yet
# A comment's last sentence ends with one of these (closing quotes or brackets may follow);
# anything else gets a 。, and a trailing ，、： becomes one.
_CLOSED = re.compile(r"[。！？!?…][”’」』）)]*$")
_OPEN_END = re.compile(r"[，,、；;：:.\s]+$")
_LEADING_STOPS = re.compile(r"^[。，,、；;：:\s]+")

# Characters XML 1.0 cannot hold (python-docx refuses them). Word's manual line break
# (\v) and page break (\f) arrive in text pasted from Word and become paragraph breaks.
_BREAKS = re.compile(r"[\v\f\u2028\u2029]|\r\n?")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_opinion(content: OpinionContent, template: Path | None = None) -> bytes:
    """The opinion as DOCX bytes, laid out by `template` (default: the shipped one)."""
    unknown = sorted(set(content.texts) - set(TEXT_KEYS))
    if unknown:
        raise ValueError(f"unsupported opinion texts {unknown}; supported: {list(TEXT_KEYS)}")
    document = tpl.open_template(template)
    _clear_body(document)
    _Writer(document).write(content)
    if content.draft:
        mark_as_draft(document)
    if content.root_fingerprint:
        print_root(document, content.root_fingerprint)
    _set_properties(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return tpl.normalize_zip(buffer.getvalue())


def paragraphs_of(text: str) -> list[str]:
    """Split free text into paragraphs; drop empty ones and characters XML cannot hold."""
    cleaned = _ILLEGAL.sub("", _BREAKS.sub("\n", text))
    return [line.strip() for line in cleaned.split("\n") if line.strip()]


def _clear_body(document: DocxDocument) -> None:
    """Drop any body content the template has, keeping its section (page setup, footers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _set_properties(document: DocxDocument, content: OpinionContent) -> None:
    """File properties from the content, dated to the opinion so output stays deterministic."""
    core = document.core_properties
    number = content.number or NUMBER_PENDING
    core.title = TITLE + (number if number == NUMBER_PENDING else f"（{number}）")
    core.subject = f"{content.case_number} {content.case_title}"
    core.author = core.last_modified_by = content.reviewer
    core.comments = core.keywords = core.category = ""
    when = datetime(content.opinion_date.year, content.opinion_date.month, content.opinion_date.day)
    core.created = core.modified = when
    core.revision = 1


class _Writer:
    """Appends the opinion's paragraphs to a document opened from the template."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        # Style objects looked up once: add_paragraph with a name searches every style.
        styles = {s.name: s for s in document.styles if isinstance(s, ParagraphStyle)}
        self.styles = {name: styles[name] for name in tpl.REQUIRED_STYLES}

    def add(self, text: str, style: str) -> Paragraph:
        """One paragraph in one of the template's styles."""
        return self.document.add_paragraph(_ILLEGAL.sub("", text), self.styles[style])

    def add_text(
        self, text: str, style: str = tpl.STYLE_BODY, *, lead: str = ""
    ) -> list[Paragraph]:
        """Free text as paragraphs; `lead` (e.g. "审核依据：") starts the first one."""
        parts = paragraphs_of(text) or ([""] if lead else [])
        return [self.add(lead + part if i == 0 else part, style) for i, part in enumerate(parts)]

    def write(self, c: OpinionContent) -> None:
        """Every part of the opinion, in the order the module docstring lists."""
        self.add_text(c.agency, tpl.STYLE_AGENCY)
        self.add(TITLE, tpl.STYLE_TITLE)
        self.add(c.number or NUMBER_PENDING, tpl.STYLE_NUMBER)
        self.add_text(c.case_number, lead="案号：")
        self.add_text(c.case_title, lead="案由：")
        self.write_parties(c.parties)
        self.add_text(c.unit, lead="承办单位：")
        self.add(f"报送日期：{wording.day(c.submitted_on)}", tpl.STYLE_BODY)
        self.add_text(c.proposed_decision, lead="拟作出的决定：")
        if c.legal_provisions:
            self.add_text(_enumerate(c.legal_provisions), lead="法律依据：")
        self.add_text(c.review_basis, lead="审核依据：")
        self.add_text(c.texts.get("opening", ""))
        for number, section in enumerate(c.sections, start=1):
            self.write_section(number, section)
        self.add(f"{chinese_number(len(c.sections) + 1)}、审核结论", tpl.STYLE_HEADING)
        self.add(f"审核结论：{c.outcome}。", tpl.STYLE_BODY)
        if paragraphs_of(c.reasons):
            self.add_text(c.reasons, lead="理由：")
        self.add_text(c.texts.get("closing", ""))
        self.write_figures(c.figures)
        self.write_signatures(c)

    def write_parties(self, parties: tuple[str, ...]) -> None:
        """当事人：X, or 当事人一：X / 当事人二：Y — a paragraph each, left-aligned: an 18-character
        ID number cannot be broken, and justifying the line before it spreads its characters."""
        named = parties or ("无",)
        for number, party in enumerate(named, start=1):
            lead = "当事人：" if len(named) == 1 else f"当事人{chinese_number(number)}："
            for paragraph in self.add_text(party, lead=lead):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def write_section(self, number: int, section: SectionOpinion) -> None:
        """One checklist section: heading, verdict and comment, findings, citations."""
        self.add(f"{chinese_number(number)}、{section.name}", tpl.STYLE_HEADING)
        comment = _comment(section.text)
        self.add(f"审核情况：{section.verdict}。{comment[0] if comment else ''}", tpl.STYLE_BODY)
        for line in comment[1:]:
            self.add(line, tpl.STYLE_BODY)
        for index, finding in enumerate(section.findings, start=1):
            self.add_text(finding, lead=f"（{index}）")
        if section.citations:
            self.add_text(_enumerate(section.citations), tpl.STYLE_CITATION, lead="引用材料：")

    def write_figures(self, figures: tuple[FigureContent, ...]) -> None:
        """Each figure centred, as wide as the text area allows, with 图n and its caption."""
        section = self.document.sections[-1]
        text_width = int(section.page_width or 0) - int(section.left_margin or 0)
        text_width -= int(section.right_margin or 0)
        text_height = int(section.page_height or 0) - int(section.top_margin or 0)
        text_height -= int(section.bottom_margin or 0)
        for number, figure in enumerate(figures, start=1):
            width = min(
                text_width,
                int(text_height * FIGURE_MAX_HEIGHT * figure.width_px / figure.height_px),
            )
            height = width * figure.height_px // figure.width_px
            picture = self.document.add_paragraph(style=self.styles[tpl.STYLE_BODY])
            _centred(picture)
            # The body's exact line height would crop the picture to one line.
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            picture.paragraph_format.keep_with_next = True  # never apart from its caption
            picture.add_run().add_picture(io.BytesIO(figure.png), Emu(width), Emu(height))
            caption = f"图{number} {' '.join(paragraphs_of(figure.caption))}"
            _centred(self.document.add_paragraph(caption, self.styles[tpl.STYLE_CITATION]))

    def write_signatures(self, c: OpinionContent) -> None:
        """审核人员, 法制机构负责人 (or a line to sign on), the date; one empty line above.

        The block never stands alone on a page: it keeps together and takes the text's last
        paragraph with it (a signature page without text invites a page to be swapped)."""
        paragraphs = self.document.paragraphs
        if paragraphs:
            paragraphs[-1].paragraph_format.keep_with_next = True
        lines = ["", f"审核人员：{c.reviewer}", f"法制机构负责人：{c.head or SIGN_HERE}"]
        for line in lines:
            self.add(line, tpl.STYLE_SIGNATURE)
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self.add(wording.day(c.opinion_date), tpl.STYLE_SIGNATURE)


def _centred(paragraph: Paragraph) -> None:
    """Centre a paragraph without the body's first-line indent (figures and captions)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Emu(0)


def _comment(text: str) -> list[str]:
    """The reviewer's comment as paragraphs that read on from "审核情况：无问题。": no stop
    or comma at its start (the verdict's 。 is the separator), and a 。 to end it."""
    lines = paragraphs_of(text)
    if lines:
        lines[0] = _LEADING_STOPS.sub("", lines[0])
        last = _OPEN_END.sub("", lines[-1])
        lines[-1] = last if not last or _CLOSED.search(last) else last + "。"
    return [line for line in lines if line]


def _enumerate(items: Iterable[str]) -> str:
    """Items joined the Chinese way: A；B；C。 (newlines inside an item become spaces; an item
    ending a quoted sentence drops its own 。 or ； rather than print 。；)."""
    cleaned = (" ".join(paragraphs_of(item)).rstrip("。；;") for item in items)
    text = "；".join(filter(None, cleaned))
    return text if not text or text.endswith("。") else text + "。"


def check_text_keys(texts: dict[str, str]) -> None:
    """Refuse free-text parts the opinion does not have, naming the ones it has."""
    unknown = sorted(set(texts) - set(TEXT_KEYS))
    if unknown:
        raise IllegalActionError(
            f"意见书没有可编辑部分 {'、'.join(unknown)}，可用：{'、'.join(TEXT_KEYS)}"
        )
