"""A rich-text rendering of an opinion DOCX for screens without LibreOffice.

It reads the paragraphs and their template styles back from the DOCX itself (a draft or the
filed, signed file), so it shows exactly the words and order of the document, and lays them
out the GB/T 9704 way the template does: agency and title centred in 小标宋, the document
number centred, body in 仿宋 with a two-character indent, headings in 黑体, the signature
block right-aligned four characters in. Page breaks and exact line fitting are LibreOffice's.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import docx

from workstation.opinion import template as tpl

# Font stacks: the GB/T 9704 faces offices install, then the Windows and Noto equivalents.
SONG_TITLE = "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'SimSun', '宋体', 'Noto Serif CJK SC', serif"
FANGSONG = "'仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', serif"
HEITI = "'黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif"

# Qt's rich text takes lengths in px (1 pt = 4/3 px) and alignment as the `align` attribute;
# the 28 pt line pitch for 16 pt type is about 120 % of a CJK face's own line height.
_INDENT = "text-indent: 43px;"  # two characters of 16 pt
_FLAT = "margin-top: 0px; margin-bottom: 0px; line-height: 120%;"
_BODY = ("justify", f"font-family: {FANGSONG}; font-size: 16pt; {_INDENT} {_FLAT}")
_STYLES = {
    tpl.STYLE_AGENCY: ("center", f"font-family: {SONG_TITLE}; font-size: 22pt; {_FLAT}"),
    tpl.STYLE_TITLE: ("center", f"font-family: {SONG_TITLE}; font-size: 22pt; {_FLAT}"),
    tpl.STYLE_NUMBER: (
        "center",
        f"font-family: {FANGSONG}; font-size: 16pt; margin-top: 37px; margin-bottom: 37px;",
    ),
    tpl.STYLE_BODY: _BODY,
    tpl.STYLE_CITATION: _BODY,
    tpl.STYLE_HEADING: ("left", f"font-family: {HEITI}; font-size: 16pt; {_INDENT} {_FLAT}"),
    tpl.STYLE_SIGNATURE: (
        "right",
        f"font-family: {FANGSONG}; font-size: 16pt; margin-right: 85px; {_FLAT}",
    ),
}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document: its template style name and its text."""

    style: str
    text: str


def docx_paragraphs(data: bytes) -> list[Paragraph]:
    """The body paragraphs of a DOCX, in order, with their style names."""
    document = docx.Document(io.BytesIO(data))
    return [
        Paragraph(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs
    ]


def opinion_html(paragraphs: list[Paragraph], note: str = "") -> str:
    """The paragraphs as HTML for a QTextBrowser; `note` (plain text) shown first, apart."""
    parts = ['<html><body style="background: #ffffff; color: #000000;">']
    if note:
        parts.append(
            '<p style="font-size: 10pt; color: #6b5200; background: #fff6d5;'
            f' margin-bottom: 18pt;">{html.escape(note)}</p>'
        )
    for paragraph in paragraphs:
        align, css = _STYLES.get(paragraph.style, _BODY)
        # An empty paragraph (the line above the signature) keeps its height.
        text = html.escape(paragraph.text) or "&nbsp;"
        parts.append(f'<p align="{align}" style="{css}">{text}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)
