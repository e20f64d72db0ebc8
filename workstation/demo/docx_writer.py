"""Chinese DOCX documents from the same layout blocks as the PDFs, byte-for-byte repeatable.

python-docx stamps every ZIP member with the current time, so the package is re-written
with the document's own date; the core properties get that date too.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from workstation.demo.model import (
    CST,
    Block,
    DocumentSpec,
    Heading,
    Letterhead,
    PageBreak,
    Para,
    Sign,
    Table,
    Title,
)

# Fonts every Chinese Windows installation has; official documents use 仿宋 for the body.
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "宋体"
BODY_PT = 14
RED = RGBColor(0xC0, 0x00, 0x00)
TEXT_WIDTH_CM = 15.4


def _set_font(run_or_style: object, name: str) -> None:
    """Set the Latin and the East Asian font: Word picks Chinese glyphs from w:eastAsia."""
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = "Times New Roman"
    element = run_or_style.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    document: docx.document.Document,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = BODY_PT,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    color: RGBColor | None = None,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    run = paragraph.add_run(text)
    _set_font(run, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def _bottom_rule(paragraph: Paragraph) -> None:
    """A red double rule under the letterhead, as a paragraph border."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("val", "thinThickSmallGap"),
        ("sz", "24"),
        ("space", "4"),
        ("color", "C00000"),
    ):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # CT_PPr is a sequence: the border must precede these siblings to stay schema-valid.
    ppr.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def _table(document: docx.document.Document, block: Table) -> None:
    columns = len(block.widths)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in block.rows:
        cells = table.add_row().cells
        if len(row) < columns:  # a short row spans the remaining columns, as in the PDF
            cells[len(row) - 1].merge(cells[columns - 1])
        for index, text in enumerate(row):
            cell = cells[index]
            cell.width = Cm(TEXT_WIDTH_CM * block.widths[index])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            _set_font(run, BODY_FONT)
            run.font.size = Pt(BODY_PT - 2)
    document.add_paragraph()


def _block(document: docx.document.Document, block: Block) -> None:
    if isinstance(block, Letterhead):
        paragraph = _paragraph(
            document,
            block.agency,
            font=TITLE_FONT,
            size=26,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            color=RED,
        )
        _bottom_rule(paragraph)
    elif isinstance(block, Title):
        _paragraph(
            document,
            block.text,
            font=TITLE_FONT,
            size=22,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        if block.number:
            _paragraph(document, block.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif isinstance(block, Heading):
        _paragraph(document, block.text, font=HEADING_FONT, indent=True)
    elif isinstance(block, Para):
        _paragraph(document, block.text, indent=True)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Sign):
        document.add_paragraph()
        for line in block.lines:  # drafts and reports carry no seal
            _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    elif isinstance(block, PageBreak):
        document.add_page_break()


def render_docx(spec: DocumentSpec) -> bytes:
    """The DOCX bytes of a document; the same spec gives the same bytes."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    for block in spec.blocks:
        _block(document, block)

    props = document.core_properties
    moment = spec.dated.astimezone(UTC).replace(tzinfo=None)
    props.title, props.author, props.last_modified_by = spec.title, spec.author, spec.author
    props.comments, props.subject, props.keywords, props.category = "", "", "", ""
    props.created = props.modified = moment
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _repack(buffer.getvalue(), spec)


def _repack(package: bytes, spec: DocumentSpec) -> bytes:
    """The same ZIP members with fixed timestamps and attributes, in the same order."""
    local = spec.dated.astimezone(CST)
    stamp = (local.year, local.month, local.day, local.hour, local.minute, local.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the default depends on the OS the demo is made on
            info.external_attr = 0
            target.writestr(info, source.read(item.filename), compresslevel=6)
    return out.getvalue()
