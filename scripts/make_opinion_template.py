"""Generate resources/templates/opinion.docx, the default template of the written opinion.

    .venv/bin/python scripts/make_opinion_template.py            # write the default
    .venv/bin/python scripts/make_opinion_template.py --check    # exit 1 if it is stale

The layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm (top,
bottom, left, right), title 2号 (22 pt) 小标宋 centred, body 3号 (16 pt) 仿宋 on a fixed
28 pt line pitch with a two-character first-line indent, first-level headings 3号 黑体, page
numbers 4号 宋体 "— 1 —" in the footer, right on odd pages and left on even ones.

The output is byte-for-byte deterministic: fixed core-property dates, no thumbnail, and the
ZIP rewritten with fixed timestamps (`workstation.opinion.template.normalize_zip`). Offices
may edit the generated file in Word or WPS; resources/templates/README.md says what must stay.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from workstation.opinion import template as t

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "resources" / "templates" / "opinion.docx"
FIXED_DATE = datetime(2026, 1, 1, 0, 0, 0)  # core properties: created = modified = this

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PITCH_PT = 28  # 22 lines on the 225 mm type area
# A 22 pt CJK line is ~32 pt tall (ascent + descent ≈ 1.45 em); exact 28 pt would clip it.
TITLE_LINE_PT = 35
# 28 characters per line as GB/T 9704 asks: 16 pt glyphs fit only 27 in the 156 mm type area,
# so condense each by 0.25 pt (28 × 15.75 pt = 441 pt ≤ 442.2 pt).
CONDENSE_TWIPS = -5

# fontTable entries let Word substitute sensibly where a font is missing: altName is tried
# first, then a font with the same charset (86 = GB2312) and PANOSE class.
FONT_TABLE = {
    t.FONT_BODY: ("仿宋", "02010609030101010101", "modern", "fixed"),
    t.FONT_TITLE: ("宋体", "02000000000000000000", "auto", "variable"),
    t.FONT_HEADING: ("SimHei", "02010609060101010101", "modern", "fixed"),
    t.FONT_PAGE_NUMBER: ("SimSun", "02010600030101010101", "auto", "variable"),
}

KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:u", "w:lang")
# Relationship types (their last path segment) of parts the template does not need.
DROP_PARTS = {"stylesWithEffects", "webSettings", "customXml", "numbering"}


def _set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Name one font for every script: East Asian text and the Latin letters/digits in it."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # drop theme references, which would win over the names
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)
    fonts.set(qn("w:hint"), "eastAsia")  # “”…— in CJK width, as Chinese Word does


def _set_chars_indent(style: ParagraphStyle, **chars: int) -> None:
    """Add Word's character-unit indents (firstLineChars=200 = 2 characters) beside the twips."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    for key, value in chars.items():
        ind.set(qn(f"w:{key}"), str(value))


def _add_style(
    doc: DocxDocument,
    name: str,
    style_id: str,
    *,
    based_on: str,
    font: str | None = None,
    size_pt: float | None = None,
    line_pt: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    priority: int,
) -> ParagraphStyle:
    """Add one paragraph style with an ASCII id (Word and WPS both keep it) and a Chinese name."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.style_id = style_id
    style.base_style = doc.styles[based_on]
    style.next_paragraph_style = style
    style.quick_style = True
    style.priority = priority
    if font is not None:
        _set_fonts(style.element.get_or_add_rPr(), font)
    if size_pt is not None:
        style.font.size = Pt(size_pt)
    pf = style.paragraph_format
    if line_pt is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    if align is not None:
        pf.alignment = align
    return style


def _defaults(doc: DocxDocument) -> None:
    """Document defaults: body font and size, Chinese as the East Asian language, no widows."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, t.FONT_BODY)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    spacing = spacing.find(qn("w:pPr")).find(qn("w:spacing"))
    for key, value in (("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")):
        spacing.set(qn(key), value)
    for style in list(doc.styles.element.findall(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")) not in KEEP_STYLES:
            doc.styles.element.remove(style)
    # Widow control moves single lines to the next page and breaks the fixed 22-line grid.
    doc.styles["Normal"].paragraph_format.widow_control = False


def _styles(doc: DocxDocument) -> None:
    """The named styles render_opinion uses (see workstation/opinion/template.py)."""
    body = _add_style(
        doc,
        t.STYLE_BODY,
        "OpinionBody",
        based_on="Normal",
        font=t.FONT_BODY,
        size_pt=BODY_PT,
        line_pt=LINE_PITCH_PT,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        priority=1,
    )
    body.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    _set_chars_indent(body, firstLineChars=200)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
    # CT_RPr is an ordered sequence: w:spacing comes before w:sz, or Word calls the file corrupt.
    body.element.get_or_add_rPr().insert_element_before(spacing, *RPR_AFTER_SPACING)

    heading = _add_style(
        doc,
        t.STYLE_HEADING,
        "OpinionHeading",
        based_on=t.STYLE_BODY,
        font=t.FONT_HEADING,
        priority=2,
    )
    heading.paragraph_format.keep_with_next = True
    # Level 1 puts the headings in Word's navigation pane.
    heading.element.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), "0")
    heading.next_paragraph_style = body

    _add_style(doc, t.STYLE_CITATION, "OpinionCitation", based_on=t.STYLE_BODY, priority=3)

    title = _add_style(
        doc,
        t.STYLE_TITLE,
        "OpinionTitle",
        based_on="Normal",
        font=t.FONT_TITLE,
        size_pt=TITLE_PT,
        line_pt=TITLE_LINE_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        priority=4,
    )
    title.paragraph_format.keep_with_next = True
    agency = _add_style(doc, t.STYLE_AGENCY, "OpinionAgency", based_on=t.STYLE_TITLE, priority=5)
    agency.next_paragraph_style = title

    number = _add_style(
        doc,
        t.STYLE_NUMBER,
        "OpinionNumber",
        based_on="Normal",
        font=t.FONT_BODY,
        size_pt=BODY_PT,
        line_pt=LINE_PITCH_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        priority=6,
    )
    number.paragraph_format.space_before = Pt(LINE_PITCH_PT)  # one empty line above and below
    number.paragraph_format.space_after = Pt(LINE_PITCH_PT)
    number.next_paragraph_style = body

    signature = _add_style(
        doc,
        t.STYLE_SIGNATURE,
        "OpinionSignature",
        based_on=t.STYLE_BODY,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        priority=7,
    )
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = Pt(4 * BODY_PT)  # 成文日期右空四字
    _set_chars_indent(signature, firstLineChars=0, rightChars=400)

    for name, style_id, align, side in (
        (t.STYLE_PAGE_ODD, "OpinionPageOdd", WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (t.STYLE_PAGE_EVEN, "OpinionPageEven", WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        page = _add_style(
            doc,
            name,
            style_id,
            based_on="Normal",
            font=t.FONT_PAGE_NUMBER,
            size_pt=PAGE_NUMBER_PT,
            align=align,
            priority=8,
        )
        setattr(page.paragraph_format, f"{side}_indent", Pt(PAGE_NUMBER_PT))  # 空一字
        _set_chars_indent(page, **{f"{side}Chars": 100})


def _page_setup(doc: DocxDocument) -> None:
    """A4 and the GB/T 9704 margins; page numbers in the footers."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(2098), Twips(1984)  # 37 mm, 35 mm
    section.left_margin, section.right_margin = Twips(1587), Twips(1474)  # 28 mm, 26 mm
    section.header_distance = Twips(851)  # 15 mm
    # The page number's dash sits ~7 mm below the type area (GB/T 9704 7.5): footer 25 mm.
    section.footer_distance = Twips(1417)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:linePitch"), str(LINE_PITCH_PT * 20))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], t.STYLE_PAGE_ODD)
    _page_number(section.even_page_footer.paragraphs[0], t.STYLE_PAGE_EVEN)


def _page_number(paragraph: Paragraph, style: str) -> None:
    """Fill a footer paragraph with "— PAGE —" (a PAGE field between two dashes)."""
    paragraph.style = style
    paragraph.add_run("— ")
    for kind in ("begin", "instr", "separate", "1", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            run._r.append(
                parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>')
            )
        elif kind == "1":
            run.text = "1"  # what a reader without field updates sees
        else:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
    paragraph.add_run(" —")


def _package(doc: DocxDocument) -> None:
    """Drop python-docx's sample parts (thumbnail, custom XML…) and write our own metadata."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in DROP_PARTS:
            doc.part.drop_rel(rel_id)
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = _font_table()
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'extended-properties"><Application>法制审核工作站</Application>'
                "<DocSecurity>0</DocSecurity></Properties>"
            ).encode()
    settings = doc.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    core = doc.core_properties
    core.title = "重大行政执法决定法制审核意见书（模板）"
    core.author = core.last_modified_by = "法制审核工作站"
    core.comments = "默认模板，由 scripts/make_opinion_template.py 生成"
    core.created = core.modified = FIXED_DATE
    core.revision = 1


def _font_table() -> bytes:
    """word/fontTable.xml naming the template's fonts with Windows substitution hints."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
        '<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000000" w:usb3="00000000" '
        'w:csb0="00040000" w:csb1="00000000"/></w:font>'
        for name, (alt, panose, family, pitch) in FONT_TABLE.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:fonts {nsdecls('w')}>{entries}</w:fonts>"
    ).encode()


def build_template() -> bytes:
    """The default template's bytes, identical on every run."""
    doc = docx.Document()
    _package(doc)
    _defaults(doc)
    _styles(doc)
    _page_setup(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return t.normalize_zip(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the default template."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default {DEFAULT_OUT}")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs")
    args = parser.parse_args(argv)
    data = build_template()
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'STALE — re-run without --check'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
