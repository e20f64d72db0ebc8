"""How a draft opinion shows it is not the signed original: a 草稿 watermark and a header line.

The watermark is the VML text shape Word's 设计 → 水印 inserts (`PowerPlusWaterMarkObject`,
diagonal, light grey, behind the text), which Word, WPS and LibreOffice all draw. Being a
shape, it is no text a PDF reader extracts; the header line "草稿（未签发，不作为正式文书）"
is, so a copy-pasted or searched draft still says what it is. Both go into the odd-page
and the even-page header (the template sets different odd and even headers and footers)
and the first-page header where the template has a different first page, so every page
carries them. A signed opinion gets neither: its bytes do not depend on this module.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.section import _Header
from docx.shared import Pt

from workstation.opinion import template as tpl

WATERMARK = "草稿"
HEADER_MARK = "草稿（未签发，不作为正式文书）"
_MARK_SIZE = Pt(10.5)  # 五号: small, above the type area
_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)

# Word's "text watermark" shape type (#136, text along a path), as Word writes it.
_SHAPE_TYPE = """
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
    path="m@7,l@8,m@5,21600l@6,21600e">
  <v:formulas>
    <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
    <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
    <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
    <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
    <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
  </v:formulas>
  <v:path textpathok="t" o:connecttype="custom"
      o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
  <v:textpath on="t" fitshape="t"/>
  <v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
  <o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>"""

# Centred on the type area, turned 45° up to the right, half-transparent silver, behind text.
_STYLE = ";".join(
    (
        "position:absolute",
        "margin-left:0",
        "margin-top:0",
        "width:400pt",
        "height:200pt",
        "rotation:315",
        "z-index:-251654144",
        "mso-position-horizontal:center",
        "mso-position-horizontal-relative:margin",
        "mso-position-vertical:center",
        "mso-position-vertical-relative:margin",
    )
)
_SHAPE = """
<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{spid}" type="#_x0000_t136"
    style="{style}" o:allowincell="f" fillcolor="silver" stroked="f">
  <v:fill opacity=".5"/>
  <v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>
  <w10:wrap anchorx="margin" anchory="margin"/>
</v:shape>"""


def mark_as_draft(document: DocxDocument) -> None:
    """Give every page of `document` the watermark and the header line. The rendered
    opinion has one section: `render_opinion` keeps only the template's final one."""
    section = document.sections[0]
    headers = [section.header, section.even_page_header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    for number, header in enumerate(headers, start=1):
        _fill(header, number)


def _fill(header: _Header, number: int) -> None:
    """The header line, then the watermark anchored in the same paragraph (as Word does).
    A header the template has (a letterhead, say) keeps its content; the line goes below."""
    if header.is_linked_to_previous:
        header.is_linked_to_previous = False
        # A new header holds one empty paragraph in style "Header", which the template lacks.
        paragraph = header.paragraphs[0]
        paragraph.style = None
    else:
        paragraph = header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(HEADER_MARK)
    run.font.size = _MARK_SIZE
    run.font.name = tpl.FONT_HEADING
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), tpl.FONT_HEADING)
    shape = _SHAPE.format(
        number=number, spid=2048 + number, style=_STYLE, font=tpl.FONT_TITLE, text=WATERMARK
    )
    pict = f"<w:pict {_NAMESPACES}>{_SHAPE_TYPE}{shape}</w:pict>"
    paragraph.add_run()._r.append(parse_xml(pict))
