"""A PDF with its thumbnails and find bar; text selection, copying and citing areas."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from workstation.documents.geometry import Rect, union
from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.errors import CancelledError
from workstation.ui.viewer.page_cache import render_pool
from workstation.ui.viewer.pdf_search import PdfSearch
from workstation.ui.viewer.pdf_view import PdfView
from workstation.ui.viewer.search_bar import SearchBar
from workstation.ui.viewer.thumbnails import ThumbnailStrip
from workstation.ui.workers import run_task

log = logging.getLogger(__name__)

THUMBNAILS_LATEST_MS = 1000  # thumbnails wait for the first page at most this long


class PdfPane(QWidget):
    """Thumbnails, pages and the find bar of one PDF."""

    citation_requested = Signal(int, object, str)  # 1-based page, Rect in points, text
    selection_changed = Signal(str)  # the selected text ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PdfView(self)
        self.thumbnails = ThumbnailStrip(self)
        self.search = PdfSearch(self)
        self.search_bar = SearchBar(self)
        self.search_bar.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.thumbnails.minimumWidth(), 10_000])
        splitter.setCollapsible(1, False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(splitter, 1)
        column.addWidget(self.search_bar)
        self.document: RemotePdfDocument | None = None
        self.cite_mode = False
        self.selected_text = ""
        self.selected_rect: tuple[int, Rect] | None = None
        # The pages in sight come first: the thumbnails start rendering once the first page
        # is on screen (they share the document and its render threads), or after a while
        # if that page never renders (a damaged page).
        self._thumbnails_for: RemotePdfDocument | None = None
        self._thumbnails_timer = QTimer(self)
        self._thumbnails_timer.setSingleShot(True)
        self._thumbnails_timer.setInterval(THUMBNAILS_LATEST_MS)
        self._thumbnails_timer.timeout.connect(self._show_thumbnails)
        self.view.page_displayed.connect(self._show_thumbnails)
        self.thumbnails.page_clicked.connect(self.view.go_to_page)
        self.view.current_page_changed.connect(self.thumbnails.follow)
        self.view.area_dragged.connect(self._on_area_dragged)
        self.view.selection_cleared.connect(self._clear_selection)
        self.search_bar.search_requested.connect(
            lambda query: self.search.start(query, self.view.current_page)
        )
        self.search_bar.step_requested.connect(self.find_step)
        self.search_bar.closed.connect(self._on_find_closed)
        self.search.changed.connect(self._on_search_changed)
        self.search.current_moved.connect(self.view.reveal)

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Show this document (None: nothing), from its first page."""
        self.document = document
        self.search.set_document(document)
        self.search_bar.hide()
        self._clear_selection()
        self.view.set_document(document)
        self.thumbnails.set_document(None)
        self._thumbnails_for = document
        if document is not None:
            self.view.fit_width()
            self._thumbnails_timer.start()

    def _show_thumbnails(self, *_page: int) -> None:
        document, self._thumbnails_for = self._thumbnails_for, None
        self._thumbnails_timer.stop()
        if document is not None and document is self.document:
            self.thumbnails.set_document(document)

    def rotate(self) -> None:
        """Turn the pages and thumbnails a quarter clockwise (view only)."""
        self.view.rotate(90)
        self.thumbnails.thumbs.set_rotation(self.view.rotation)

    def open_find(self) -> None:
        """Open the find bar."""
        self.search_bar.open_bar()

    def find_step(self, forward: bool = True) -> None:
        """Go to the next (or previous) hit; opens the find bar if there is no search."""
        if not self.search.query:
            self.open_find()
            return
        self.search.step(forward)

    def copy_selection(self) -> bool:
        """Put the selected text on the clipboard; False if nothing is selected."""
        if not self.selected_text:
            return False
        QGuiApplication.clipboard().setText(self.selected_text)
        return True

    def cite_selection(self) -> bool:
        """Ask to cite the selected text's area; False if nothing is selected."""
        if self.selected_rect is None:
            return False
        page, rect = self.selected_rect
        self.citation_requested.emit(page + 1, rect, self.selected_text)
        return True

    def _on_area_dragged(self, page: int, rect: Rect) -> None:
        document = self.document
        if document is None:
            return
        citing = self.cite_mode
        run_task(
            _text_job(document, page, rect),
            on_finished=lambda result: self._on_text(document, page, rect, citing, result),
            on_failed=lambda exc: log.warning("text of page %d unreadable: %s", page + 1, exc),
            on_cancelled=lambda: None,
            context=self,
            pool=render_pool(),
        )

    def _on_text(
        self,
        document: RemotePdfDocument,
        page: int,
        rect: Rect,
        citing: bool,
        result: tuple[str, list[Rect]],
    ) -> None:
        if document is not self.document:
            return
        text, boxes = result
        if citing:
            self.view.citation = (page, rect)
            self.view.viewport().update()
            self.citation_requested.emit(page + 1, rect, text)
            return
        self.selected_text = text
        self.selected_rect = (page, union(boxes) or rect) if text else None
        self.view.set_selection(page, boxes)
        self.selection_changed.emit(text)

    def _clear_selection(self) -> None:
        self.selected_text, self.selected_rect = "", None
        self.selection_changed.emit("")

    def _on_search_changed(self) -> None:
        search = self.search
        self.view.set_hits(search.by_page(), search.current)
        self.search_bar.show_progress(search.searching, len(search.hits), search.index)

    def _on_find_closed(self) -> None:
        self.search.clear()
        self.view.setFocus()


def _text_job(
    document: RemotePdfDocument, page: int, rect: Rect
) -> Callable[[object, threading.Event], tuple[str, list[Rect]]]:
    def job(_progress: object, cancel: threading.Event) -> tuple[str, list[Rect]]:
        if cancel.is_set():
            raise CancelledError("已取消。")
        return document.text_in_rect(page, rect)

    return job
