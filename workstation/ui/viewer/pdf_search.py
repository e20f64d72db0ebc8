"""Text search in a PDF, page by page off the UI thread; hits arrive as they are found."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from workstation.documents.geometry import Rect
from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.errors import CancelledError
from workstation.ui.viewer.page_cache import render_pool
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)

Hit = tuple[int, Rect]  # 0-based page, rectangle in unrotated points


class PdfSearch(QObject):
    """The hits of the current query and which one is current."""

    changed = Signal()  # hits, current hit or progress changed
    current_moved = Signal(int, object)  # the current hit changed: page, rect
    _found = Signal(int, int, object)  # generation, page, rects (emitted by the worker)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.index: int | None = None
        self.query = ""
        self.searching = False
        self._document: RemotePdfDocument | None = None
        self._generation = 0
        self._task: Task | None = None
        self._found.connect(self._on_found)

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Search this document from now on; forgets the previous hits."""
        self.clear()
        self._document = document

    def clear(self) -> None:
        """Stop searching and forget the hits."""
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.hits, self.index, self.query, self.searching = [], None, "", False
        self.changed.emit()

    def start(self, query: str, from_page: int = 0) -> None:
        """Search every page for `query`, starting at `from_page` and wrapping around."""
        self.clear()
        document = self._document
        query = query.strip()
        if document is None or not query:
            return
        self.query, self.searching = query, True
        generation = self._generation
        self._task = run_task(
            self._job(document, query, from_page, generation),
            on_finished=lambda _r: self._done(generation),
            on_failed=lambda _e: self._done(generation),
            on_cancelled=lambda: None,
            context=self,
            pool=render_pool(),
        )
        self.changed.emit()

    def step(self, forward: bool = True) -> Hit | None:
        """Make the next (or previous) hit current, wrapping around; None without hits."""
        if not self.hits:
            return None
        if self.index is None:
            self.index = 0
        else:
            self.index = (self.index + (1 if forward else -1)) % len(self.hits)
        hit = self.hits[self.index]
        self.current_moved.emit(*hit)
        self.changed.emit()
        return hit

    @property
    def current(self) -> Hit | None:
        """The current hit, if any."""
        return self.hits[self.index] if self.index is not None else None

    def by_page(self) -> dict[int, list[Rect]]:
        """The hits grouped by page, for drawing."""
        pages: dict[int, list[Rect]] = {}
        for page, rect in self.hits:
            pages.setdefault(page, []).append(rect)
        return pages

    def _job(
        self, document: RemotePdfDocument, query: str, start: int, generation: int
    ) -> Callable[[object, threading.Event], int]:
        found = self._found

        def job(_progress: object, cancel: threading.Event) -> int:
            count = document.page_count
            total = 0
            for page in [*range(start, count), *range(0, start)]:
                if cancel.is_set():
                    raise CancelledError("搜索已取消。")
                rects = document.search_page(page, query)
                if rects:
                    total += len(rects)
                    try:
                        found.emit(generation, page, rects)
                    except RuntimeError:  # the viewer is gone
                        raise CancelledError("搜索已取消。") from None
            return total

        return job

    def _on_found(self, generation: int, page: int, rects: list[Rect]) -> None:
        if generation != self._generation:
            return
        current = self.current
        added: list[Hit] = [(page, (r[0], r[1], r[2], r[3])) for r in rects]
        self.hits = sorted(self.hits + added, key=lambda h: (h[0], h[1][1], h[1][0]))
        if current is not None:
            self.index = self.hits.index(current)
            self.changed.emit()
        else:
            self.index = self.hits.index(added[0])
            self.current_moved.emit(*self.hits[self.index])
            self.changed.emit()

    def _done(self, generation: int) -> None:
        if generation == self._generation:
            self.searching = False
            self._task = None
            self.changed.emit()
