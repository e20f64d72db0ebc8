"""A readable rendering of a DOCX without LibreOffice: paragraphs, tables and images as HTML.

The layout is approximate (no pages, headers or exact fonts); the viewer says so. Images are
returned separately, named `docx-image:N`, for the view to register as document resources.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.documents.problems import DAMAGED, DocumentError, brief

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_HEADINGS = {"Title": 1, "Heading 1": 1, "Heading 2": 2, "Heading 3": 3, "Heading 4": 4}


@dataclass
class DocxRendering:
    """The HTML body and the images it refers to by name."""

    html: str
    images: dict[str, bytes] = field(default_factory=dict)


def docx_to_html(path: Path, display_name: str | None = None) -> DocxRendering:
    """Render a DOCX as simple HTML; DocumentError when python-docx cannot read it."""
    import docx

    name = display_name or path.name
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx and lxml raise many types for broken files
        raise DocumentError(
            f"Word 文档 {name} 已损坏或不是 DOCX 文件，无法显示：{brief(exc)}",
            problem=DAMAGED,
            path=path,
        ) from exc
    rendering = DocxRendering("")
    parts = [_block(item, document, rendering) for item in _body_items(document)]
    rendering.html = "<html><body>" + "".join(parts) + "</body></html>"
    return rendering


def _body_items(document: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document)


def _block(item: Any, document: Any, rendering: DocxRendering) -> str:
    from docx.table import Table

    if isinstance(item, Table):
        return _table(item, document, rendering)
    return _paragraph(item, document, rendering)


def _paragraph(paragraph: Any, document: Any, rendering: DocxRendering) -> str:
    runs = []
    for run in _visible_runs(paragraph):
        text = html.escape(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.underline:
            text = f"<u>{text}</u>"
        runs.append(text + _images(run.element, document, rendering))
    body = "".join(runs) or "&nbsp;"
    style = paragraph.style.name if paragraph.style is not None else ""
    level = _HEADINGS.get(style)
    if level:
        return f"<h{level}>{body}</h{level}>"
    align = {1: "center", 2: "right", 3: "justify"}.get(_alignment(paragraph), "left")
    return f'<p align="{align}">{body}</p>'


def _visible_runs(paragraph: Any) -> Iterator[Any]:
    """Runs as the document reads now: inside hyperlinks and tracked insertions, not deletions."""
    from docx.text.run import Run

    root = paragraph._p
    for element in root.iter(f"{_W}r"):
        parent = element.getparent()
        hidden = False
        while parent is not None and parent is not root:
            if parent.tag in (f"{_W}del", f"{_W}moveFrom"):
                hidden = True
                break
            parent = parent.getparent()
        if not hidden:
            yield Run(element, paragraph)


def _alignment(paragraph: Any) -> int:
    try:
        value = paragraph.alignment
        return int(value) if value is not None else 0
    except (ValueError, TypeError):
        return 0


def _table(table: Any, document: Any, rendering: DocxRendering) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            inner = "".join(_paragraph(p, document, rendering) for p in cell.paragraphs)
            cells.append(f"<td>{inner}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>"


def _images(element: Any, document: Any, rendering: DocxRendering) -> str:
    """<img> tags for the pictures embedded in a run."""
    tags = []
    for blip in element.iter(_A_BLIP):
        rel_id = blip.get(_R_EMBED)
        part = document.part.related_parts.get(rel_id) if rel_id else None
        blob = getattr(part, "blob", None)
        if not blob:
            continue
        name = f"docx-image:{len(rendering.images)}"
        rendering.images[name] = blob
        tags.append(f'<img src="{name}"/>')
    return "".join(tags)
