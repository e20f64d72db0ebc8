"""The office root's fingerprint in a signed opinion's footer, on every page.

Whoever holds a printed or exported opinion can then check its signature on any PC with
`workstation opinion verify FILE --root <fingerprint>` — after comparing the printed
fingerprint with the one the office publishes (`office-root show`): the print alone proves
nothing, a forger would print his own. Drafts carry none (they are not signed).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import _Footer
from docx.shared import Pt

from workstation.opinion import template as tpl

LABEL = "办公室根密钥指纹："
_SIZE = Pt(7.5)  # 六号: the 64 digits fit one line of the type area


def print_root(document: DocxDocument, fingerprint: str) -> None:
    """Add the fingerprint line under the page number of every footer of `document` (the
    odd and even ones, and the first page's where the template has its own)."""
    section = document.sections[0]
    footers = [section.footer, section.even_page_footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        _add_line(footer, fingerprint)


def _add_line(footer: _Footer, fingerprint: str) -> None:
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = None  # a new footer's "Footer" style is not in the template
    else:
        paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(f"{LABEL}{fingerprint}")
    run.font.size = _SIZE
    run.font.name = tpl.FONT_PAGE_NUMBER
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), tpl.FONT_PAGE_NUMBER)
