"""Rendered pages: a cache bounded by pixel bytes and a renderer that works off the UI thread.

The view asks for the pages it shows (plus a small look-ahead); requests for pages that
scrolled away are cancelled before they run, so fast scrolling never queues a backlog.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QImage

from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.errors import CancelledError
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)

DEFAULT_BUDGET = 48 * 1024 * 1024  # bytes of page pixels kept (~15 pages at fit width)

_pool: QThreadPool | None = None


def render_pool() -> QThreadPool:
    """The viewer's own two threads: renders never wait behind imports on the global pool."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        _pool.setExpiryTimeout(30_000)
    return _pool


class RenderKey(NamedTuple):
    """One rendering: 0-based page, device pixels per point (×1000), extra rotation."""

    page: int
    scale_milli: int
    rotation: int

    @property
    def scale(self) -> float:
        """Device pixels per point."""
        return self.scale_milli / 1000


def render_key(page: int, scale: float, rotation: int) -> RenderKey:
    """A key with the scale rounded, so equal zooms share cache entries."""
    return RenderKey(page, max(1, round(scale * 1000)), rotation % 360)


class PageCache:
    """Least recently used page images, at most `budget` bytes of pixels."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._images: OrderedDict[RenderKey, QImage] = OrderedDict()
        self._bytes = 0

    @property
    def total_bytes(self) -> int:
        """Bytes of pixels held now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._images)

    def get(self, key: RenderKey) -> QImage | None:
        """The image for exactly this key (now most recently used), or None."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def any_for_page(self, page: int) -> QImage | None:
        """Some image of this page at another zoom, to draw scaled while the right one renders."""
        for key in reversed(self._images):
            if key.page == page:
                return self._images[key]
        return None

    def put(self, key: RenderKey, image: QImage, keep: Iterable[RenderKey] = ()) -> None:
        """Add an image, then drop the least recently used ones beyond the budget."""
        old = self._images.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        protected = set(keep) | {key}
        for candidate in list(self._images):
            if self._bytes <= self.budget:
                break
            if candidate not in protected:
                self._bytes -= self._images.pop(candidate).sizeInBytes()

    def clear(self) -> None:
        """Forget every image."""
        self._images.clear()
        self._bytes = 0


def to_qimage(rendered: object, device_ratio: float) -> QImage:
    """A QImage owning a copy of a RenderedPage's RGB pixels (safe to build on any thread)."""
    width, height = rendered.width, rendered.height  # type: ignore[attr-defined]
    samples, stride = rendered.samples, rendered.stride  # type: ignore[attr-defined]
    image = QImage(samples, width, height, stride, QImage.Format.Format_RGB888).copy()
    image.setDevicePixelRatio(device_ratio)
    return image


class PageRenderer(QObject):
    """Renders pages of one document on the render pool; results land in its cache."""

    rendered = Signal(object)  # RenderKey, now in the cache
    render_failed = Signal(int, str)  # 0-based page, why

    def __init__(self, budget: int = DEFAULT_BUDGET, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = PageCache(budget)
        self.device_ratio = 1.0
        self._document: RemotePdfDocument | None = None
        self._pending: dict[RenderKey, Task] = {}
        self._wanted: set[RenderKey] = set()
        self._failed: set[int] = set()

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Render this document from now on (None: nothing); forget the previous one."""
        self.cancel_all()
        self.cache.clear()
        self._failed.clear()
        self._document = document

    def request(self, key: RenderKey) -> None:
        """Render `key` unless it is cached, already on its way, or its page is broken."""
        document = self._document
        if document is None or key.page in self._failed or self.cache.get(key) is not None:
            return
        running = self._pending.get(key)
        if running is not None and not running.cancel_event.is_set():
            return
        ratio = self.device_ratio
        holder: list[Task] = []
        task = run_task(
            _render_job(document, key, ratio),
            on_finished=lambda image: self._done(key, holder[0], document, image),
            on_failed=lambda exc: self._fail(key, holder[0], document, exc),
            on_cancelled=lambda: self._forget(key, holder[0]),
            context=self,
            pool=render_pool(),
        )
        holder.append(task)
        self._pending[key] = task

    def retain(self, wanted: Iterable[RenderKey]) -> None:
        """Cancel every pending render not in `wanted` (its page scrolled out of sight)."""
        keep = set(wanted)
        self._wanted = keep
        for key, task in list(self._pending.items()):
            if key not in keep:
                task.cancel()

    def cancel_all(self) -> None:
        """Cancel every pending render."""
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()

    @property
    def pending(self) -> int:
        """Renders queued or running."""
        return len(self._pending)

    def _forget(self, key: RenderKey, task: Task) -> None:
        if self._pending.get(key) is task:  # not a newer request for the same key
            del self._pending[key]

    def _done(self, key: RenderKey, task: Task, document: RemotePdfDocument, image: QImage) -> None:
        self._forget(key, task)
        if document is not self._document:
            return  # a result for the previous document
        self.cache.put(key, image, keep=self._wanted | set(self._pending))
        self.rendered.emit(key)

    def _fail(
        self, key: RenderKey, task: Task, document: RemotePdfDocument, exc: BaseException
    ) -> None:
        self._forget(key, task)
        if document is not self._document:
            return
        self._failed.add(key.page)
        message = getattr(exc, "message", None) or str(exc)
        log.warning("page %d of %s not rendered: %s", key.page + 1, document.path, message)
        self.render_failed.emit(key.page, message)

    def failed_pages(self) -> set[int]:
        """Pages that could not be rendered."""
        return set(self._failed)


def _render_job(
    document: RemotePdfDocument, key: RenderKey, ratio: float
) -> Callable[[object, threading.Event], QImage]:
    def job(_progress: object, cancel: threading.Event) -> QImage:
        if cancel.is_set():
            raise CancelledError("页面已不在视野内。")
        return to_qimage(document.render(key.page, key.scale, key.rotation), ratio)

    return job
