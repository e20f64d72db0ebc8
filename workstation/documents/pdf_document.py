"""An open PDF for the viewer: pages rendered, searched and read, one caller at a time.

MuPDF must not be entered by two threads at once for the same document, so every method
takes the document's lock. The viewer calls these from worker threads; each call handles one
page, so a render never waits behind more than one page of a running search.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pymupdf

from workstation.documents.geometry import Rect, rotated_size
from workstation.documents.pages import PageInfo, RenderedPage
from workstation.documents.problems import (
    DAMAGED,
    MISSING,
    NOT_A_DOCUMENT,
    DocumentError,
    brief,
)
from workstation.errors import CancelledError
from workstation.os_errors import os_error_text

log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's own stderr chatter; errors are raised


class PdfDocument:
    """A PDF opened for viewing; `pages` is filled once the document is readable."""

    def __init__(self, path: Path, document: pymupdf.Document, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name  # how messages name the file
        self._doc = document
        self._lock = threading.RLock()
        self._closed = False
        self.pages: list[PageInfo] = []
        self.repaired = False

    # --- opening ---------------------------------------------------------------------

    @property
    def needs_password(self) -> bool:
        """True while the file is encrypted and no right password was given."""
        with self._lock:
            return bool(self._doc.needs_pass)

    def authenticate(self, password: str) -> bool:
        """Try a password; True when it opens the document (then its pages are read)."""
        with self._lock:
            self._check_open()
            if not self._doc.authenticate(password):
                return False
        self.load_pages()
        return True

    def load_pages(self) -> None:
        """Read every page's size and rotation; DocumentError when the page tree is broken."""
        with self._lock:
            self._check_open()
            try:
                count = self._doc.page_count
            except Exception as exc:  # MuPDF raises plain RuntimeError for a broken tree
                raise _damaged(self.path, exc, name=self.name) from exc
            if count < 1:
                raise DocumentError(
                    f"PDF 文件 {self.name} 中没有任何页面。",
                    problem=DAMAGED,
                    path=self.path,
                )
            pages: list[PageInfo] = []
            for index in range(count):
                pages.append(self._page_info(index, pages[-1] if pages else None))
            self.pages = pages
            self.repaired = bool(self._doc.is_repaired)

    def _page_info(self, index: int, previous: PageInfo | None) -> PageInfo:
        try:
            page = self._doc[index]
            rotation = page.rotation % 360
            width, height = rotated_size(page.rect.width, page.rect.height, rotation)
            return PageInfo(width, height, rotation)
        except Exception as exc:  # one bad page: keep a placeholder, rendering will say so
            log.warning("%s: page %d unreadable: %s", self.path, index + 1, brief(exc))
            return previous or PageInfo(595.0, 842.0, 0)

    @property
    def page_count(self) -> int:
        """Number of pages (0 until the pages are loaded)."""
        return len(self.pages)

    # --- per-page work ---------------------------------------------------------------

    def render(self, index: int, zoom: float, rotation: int = 0) -> RenderedPage:
        """Page `index` (0-based) at `zoom` pixels per point, turned `rotation` degrees more."""
        with self._lock:
            self._check_open()
            matrix = pymupdf.Matrix(zoom, zoom).prerotate(rotation % 360)
            try:
                pix = self._doc[index].get_pixmap(matrix=matrix, alpha=False)
            except Exception as exc:
                raise _damaged(self.path, exc, index, self.name) from exc
            if pix.n != 3:  # e.g. a page whose colourspace MuPDF kept as grey or CMYK
                pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
            return RenderedPage(pix.width, pix.height, pix.stride, pix.samples)

    def search_page(self, index: int, query: str) -> list[Rect]:
        """Where `query` occurs on page `index`: rectangles in unrotated page points."""
        with self._lock:
            self._check_open()
            try:
                found = self._doc[index].search_for(query)
            except Exception as exc:  # a broken page has no findable text
                log.warning("%s: search on page %d failed: %s", self.path, index + 1, brief(exc))
                return []
            return [(r.x0, r.y0, r.x1, r.y1) for r in found]

    def text_in_rect(self, index: int, rect: Rect) -> tuple[str, list[Rect]]:
        """The text inside `rect` on page `index` and the boxes of its words."""
        with self._lock:
            self._check_open()
            try:
                page = self._doc[index]
                clip = pymupdf.Rect(rect)
                text = page.get_text("text", clip=clip, sort=True)
                words = page.get_text("words", clip=clip, sort=True)
            except Exception as exc:
                log.warning("%s: text of page %d unreadable: %s", self.path, index + 1, brief(exc))
                return "", []
            lines = [line.strip() for line in text.splitlines()]
            return "\n".join(line for line in lines if line), [tuple(w[:4]) for w in words]

    def close(self) -> None:
        """Release the file; later calls raise CancelledError (their result is not wanted)."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._doc.close()

    def _check_open(self) -> None:
        if self._closed:
            raise CancelledError("文档已关闭。")


def open_pdf(path: Path, display_name: str | None = None) -> PdfDocument:
    """Open a PDF for viewing; pages are loaded unless a password is needed first."""
    name = display_name or path.name
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except FileNotFoundError as exc:
        raise DocumentError(f"找不到文件 {name}。", problem=MISSING, path=path) from exc
    except OSError as exc:
        raise DocumentError(
            f"无法读取文件 {name}：{os_error_text(exc)}", problem=MISSING, path=path
        ) from exc
    if b"%PDF-" not in head:
        raise DocumentError(
            f"文件 {name} 不是 PDF 文档（内容与文件类型不符）。",
            problem=NOT_A_DOCUMENT,
            path=path,
        )
    try:
        document = pymupdf.open(path, filetype="pdf")
    except Exception as exc:
        raise _damaged(path, exc, name=name) from exc
    pdf = PdfDocument(path, document, name)
    if not document.needs_pass:
        try:
            pdf.load_pages()
        except DocumentError:
            pdf.close()
            raise
    return pdf


def _damaged(
    path: Path, exc: BaseException, page: int | None = None, name: str | None = None
) -> DocumentError:
    where = f"第 {page + 1} 页" if page is not None else ""
    return DocumentError(
        f"PDF 文件 {name or path.name} {where}已损坏，无法显示：{brief(exc)}",
        problem=DAMAGED,
        path=path,
        details=[brief(exc)],
    )
