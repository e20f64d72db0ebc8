"""Official-looking Chinese PDF documents from layout blocks, with PyMuPDF alone.

MuPDF's HTML tables cannot size columns holding Chinese text, so this module lays out
lines and ruled tables itself. Text uses PyMuPDF's built-in CJK font (Droid Sans
Fallback), embedded and subset so a file is self-contained yet only tens of kilobytes.
Nothing time- or machine-dependent is written: the metadata dates come from the document.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from functools import cache

import pymupdf

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

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 79.0, 74.0, 72.0, 80.0
TEXT_W = PAGE_W - LEFT - RIGHT
BODY, LEADING = 12.0, 1.75  # size in points, line height as a multiple of the size
Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
RED: Color = (0.8, 0.05, 0.05)

# Characters that must not begin a line (they hang into the margin instead) or end one.
_NO_START = set("，。、；：？！）》」』】〕”’％,.;:?!)%…·")
_NO_END = set("（《「『【〔“‘(")
# ASCII runs (numbers, codes, dates) are kept whole when a line breaks.
_TOKENS = re.compile(r"[A-Za-z0-9.\-/:%×]+|.", re.S)


@cache
def _font() -> pymupdf.Font:
    return pymupdf.Font("china-s")


@cache
def _char_width(char: str) -> float:
    """Width of a character at size 1."""
    return _font().text_length(char, fontsize=1.0)


def text_width(text: str, size: float) -> float:
    """Width of `text` in points at `size`."""
    return sum(_char_width(c) for c in text) * size


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Break `text` into lines no wider than `width`; the first line starts at `indent`."""
    lines: list[str] = []
    line, used = "", indent
    for token in _TOKENS.findall(text):
        if token == "\n":
            lines.append(line)
            line, used = "", 0.0
            continue
        token_w = text_width(token, size)
        if used + token_w <= width or not line:
            if token_w > width:  # a code longer than the line: break it anywhere
                for char in token:
                    if used + text_width(char, size) > width and line:
                        lines.append(line)
                        line, used = "", 0.0
                    line += char
                    used += text_width(char, size)
                continue
            line += token
            used += token_w
        elif token in _NO_START:
            lines.append(line + token)  # hanging punctuation, as Chinese typesetting does
            line, used = "", 0.0
        else:
            carry = ""
            if line[-1] in _NO_END:
                line, carry = line[:-1], line[-1]
            lines.append(line)
            line = carry + token
            used = text_width(line, size)
    if line or not lines:
        lines.append(line)
    return lines


class _Writer:
    """A cursor over the pages of one document; text is queued per page and style."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.doc = doc
        self.page: pymupdf.Page | None = None
        self.y = TOP
        self._text: dict[tuple[Color, bool], pymupdf.TextWriter] = {}
        self._seals: list[tuple[tuple[float, float], str]] = []

    def new_page(self) -> pymupdf.Page:
        self.flush()
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = TOP
        return self.page

    def room(self, height: float) -> pymupdf.Page:
        """The current page if `height` still fits on it, else a fresh page."""
        if self.page is None or self.y + height > PAGE_H - BOTTOM:
            return self.new_page()
        return self.page

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float = BODY,
        color: Color = BLACK,
        bold: bool = False,
    ) -> None:
        assert self.page is not None
        writer = self._text.get((color, bold))
        if writer is None:
            writer = self._text[(color, bold)] = pymupdf.TextWriter(self.page.rect)
        writer.append((x, baseline), text, font=_font(), fontsize=size)

    def seal(self, centre: tuple[float, float], name: str) -> None:
        self._seals.append((centre, name))

    def flush(self) -> None:
        """Write the queued text, then the seals over it, as ink lies on paper."""
        if self.page is None:
            return
        for (color, bold), writer in self._text.items():
            # The CJK font has no bold face: stroking the outline as well thickens it.
            writer.write_text(self.page, color=color, render_mode=2 if bold else 0)
        for centre, name in self._seals:
            _seal(self.page, centre, name)
        self._text, self._seals = {}, []

    def lines(
        self,
        lines: list[str],
        size: float = BODY,
        indent: float = 0.0,
        align: str = "left",
        bold: bool = False,
        color: Color = BLACK,
    ) -> None:
        step = size * LEADING
        for index, line in enumerate(lines):
            self.room(step)
            width = text_width(line, size)
            if align == "center":
                x = LEFT + (TEXT_W - width) / 2
            elif align == "right":
                x = LEFT + TEXT_W - width
            else:
                x = LEFT + (indent if index == 0 else 0.0)
            self.text(x, self.y + size * 1.1, line, size, color, bold)
            self.y += step


def _letterhead(w: _Writer, block: Letterhead) -> None:
    w.room(70)
    size = 24.0 if len(block.agency) <= 14 else 20.0
    w.y += 4
    w.lines([block.agency], size=size, align="center", bold=True, color=RED)
    w.y += 2
    page = w.room(6)
    page.draw_line((LEFT, w.y), (LEFT + TEXT_W, w.y), color=RED, width=2.2)
    page.draw_line((LEFT, w.y + 3.5), (LEFT + TEXT_W, w.y + 3.5), color=RED, width=0.7)
    w.y += 14


def _title(w: _Writer, block: Title) -> None:
    w.room(60)
    w.y += 4
    w.lines(wrap(block.text, TEXT_W, 20.0), size=20.0, align="center", bold=True)
    if block.number:
        w.lines([block.number], size=BODY, align="center")
    w.y += 6


def _table(w: _Writer, block: Table) -> None:
    size, pad = 11.0, 4.0
    step = size * 1.55
    widths = [f * TEXT_W for f in block.widths]
    for row in block.rows:
        # A short row ("地址" + one cell) spans the remaining columns.
        spans = widths[: len(row) - 1] + [sum(widths[len(row) - 1 :])]
        # Half a character of slack (a CJK comma fills half its box): punctuation may hang past the line, not past the rule.
        cells = [
            wrap(text, span - 2 * pad - size / 2, size)
            for text, span in zip(row, spans, strict=True)
        ]
        height = max(len(c) for c in cells) * step + 2 * pad
        page = w.room(height)
        x = LEFT
        for lines, span in zip(cells, spans, strict=True):
            page.draw_rect(pymupdf.Rect(x, w.y, x + span, w.y + height), color=BLACK, width=0.6)
            top = w.y + pad + (height - 2 * pad - len(lines) * step) / 2
            for index, line in enumerate(lines):
                w.text(x + pad, top + index * step + size * 1.1, line, size)
            x += span
        w.y += height
    w.y += 8


def _sign(w: _Writer, block: Sign) -> None:
    step = BODY * LEADING
    w.room(len(block.lines) * step + 16 + (40 if block.seal else 0))
    w.y += 16
    top = w.y
    right = LEFT + TEXT_W - 2 * BODY
    for line in block.lines:
        w.text(right - text_width(line, BODY), w.y + BODY * 1.1, line)
        w.y += step
    if block.seal:
        widest = max(text_width(line, BODY) for line in block.lines)
        w.seal((right - widest / 2, (top + w.y) / 2), block.seal)


def _seal(page: pymupdf.Page, centre: tuple[float, float], name: str) -> None:
    """A round red official seal: a ring, a star and the agency name along the top arc."""
    cx, cy = centre
    radius, opacity = 44.0, 0.85
    page.draw_circle((cx, cy), radius, color=RED, width=2.4, stroke_opacity=opacity)
    star = [
        pymupdf.Point(
            cx + r * math.sin(math.radians(36 * k)), cy - r * math.cos(math.radians(36 * k))
        )
        for k, r in enumerate([13.0, 5.2] * 5)
    ]
    page.draw_polyline(
        [*star, star[0]],
        color=RED,
        fill=RED,
        width=0.5,
        fill_opacity=opacity,
        stroke_opacity=opacity,
    )
    span = min(240.0, 19.0 * len(name))  # degrees of arc the name covers
    size = 9.5 if len(name) <= 14 else 8.0
    inner = radius - size - 3.0
    for index, char in enumerate(name):
        angle = -90.0 - span / 2 + span * (index + 0.5) / len(name)
        rad = math.radians(angle)
        base = pymupdf.Point(cx + inner * math.cos(rad), cy + inner * math.sin(rad))
        writer = pymupdf.TextWriter(page.rect)
        writer.append(base - pymupdf.Point(size / 2, 0), char, font=_font(), fontsize=size)
        # Turn each character so that its foot points at the centre.
        writer.write_text(
            page, color=RED, opacity=opacity, morph=(base, pymupdf.Matrix(-(angle + 90.0)))
        )


def _footer(doc: pymupdf.Document) -> None:
    total = doc.page_count
    for index in range(total):
        page = doc[index]
        text = f"第 {index + 1} 页  共 {total} 页"
        writer = pymupdf.TextWriter(page.rect)
        writer.append(
            ((PAGE_W - text_width(text, 9.0)) / 2, PAGE_H - 40), text, font=_font(), fontsize=9.0
        )
        writer.write_text(page)


def _pdf_date(moment: datetime) -> str:
    local = moment.astimezone(CST)
    return local.strftime("D:%Y%m%d%H%M%S+08'00'")


def render_pdf(spec: DocumentSpec) -> tuple[bytes, int]:
    """The PDF bytes of a document and its page count; the same spec gives the same bytes."""
    doc = pymupdf.open()
    writer = _Writer(doc)
    writer.new_page()
    for block in spec.blocks:
        _render_block(writer, block)
    writer.flush()
    _footer(doc)
    stamp = _pdf_date(spec.dated)
    doc.set_metadata(
        {
            "title": spec.title,
            "author": spec.author,
            "subject": "",
            "keywords": "",
            "creator": "执法办案系统",
            "producer": "",
            "creationDate": stamp,
            "modDate": stamp,
        }
    )
    doc.subset_fonts()
    pages = doc.page_count
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    return data, pages


def _render_block(w: _Writer, block: Block) -> None:
    if isinstance(block, Letterhead):
        _letterhead(w, block)
    elif isinstance(block, Title):
        _title(w, block)
    elif isinstance(block, Heading):
        w.y += 3
        w.lines(wrap(block.text, TEXT_W, BODY, 2 * BODY), indent=2 * BODY, bold=True)
    elif isinstance(block, Para):
        w.lines(wrap(block.text, TEXT_W, BODY, 2 * BODY), indent=2 * BODY)
    elif isinstance(block, Table):
        _table(w, block)
    elif isinstance(block, Sign):
        _sign(w, block)
    elif isinstance(block, PageBreak):
        w.new_page()
