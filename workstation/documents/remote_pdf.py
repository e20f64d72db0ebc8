"""A PDF opened in a render worker process: what the viewer uses for evidence files.

`RemotePdfDocument` has PdfDocument's interface and errors, but MuPDF runs in a child
process (`render_worker`) with a memory limit, and every call has a time limit: a file made
to loop or allocate without end costs that child, never the desktop (issue 17, H2). Every
reply is checked here (types, sizes, pixel counts) before it is believed.
"""

from __future__ import annotations

import logging
import math
import threading
from pathlib import Path
from typing import Any

from workstation.documents.geometry import Rect
from workstation.documents.pages import PageInfo, RenderedPage
from workstation.documents.problems import (
    DAMAGED,
    MISSING,
    NOT_A_DOCUMENT,
    STOPPED,
    DocumentError,
)
from workstation.documents.worker_process import (
    TIMEOUT,
    WorkerFailure,
    WorkerProcess,
    refill_later,
    take_worker,
)
from workstation.errors import CancelledError

log = logging.getLogger(__name__)

OPEN_TIMEOUT_S = 15.0
CALL_TIMEOUT_S = 15.0  # one page rendered, searched or read
MAX_PAGES = 100_000
MAX_RECTS = 100_000
MAX_TEXT_CHARS = 4_000_000
_PROBLEMS = {DAMAGED, MISSING, NOT_A_DOCUMENT}


class RemotePdfDocument:
    """A PDF open in its own worker process; one request at a time (a lock)."""

    def __init__(self, path: Path, name: str, worker: WorkerProcess) -> None:
        self.path = path
        self.name = name
        self._worker = worker
        self._lock = threading.RLock()
        self._closed = False
        self._failure: DocumentError | None = None
        self._needs_password = False
        self.pages: list[PageInfo] = []
        self.repaired = False
        self.call_timeout_s = CALL_TIMEOUT_S  # each later request's time limit
        self._drawn = False  # a first page was rendered (then the next spare starts)

    # --- opening ---------------------------------------------------------------------

    def open(self, timeout_s: float = OPEN_TIMEOUT_S) -> None:
        """Open the file in the worker; pages are loaded unless a password is needed."""
        reply = self._ask({"op": "open", "path": str(self.path), "name": self.name}, timeout_s)
        self._needs_password = _bool(reply, "needs_password")
        self._take_pages(reply)

    @property
    def needs_password(self) -> bool:
        """True while the file is encrypted and no right password was given."""
        return self._needs_password

    def authenticate(self, password: str) -> bool:
        """Try a password; True when it opens the document (then its pages are read)."""
        reply = self._ask({"op": "authenticate", "password": password})
        if not _bool(reply, "ok"):
            return False
        self._needs_password = False
        self._take_pages(reply)
        return True

    def load_pages(self) -> None:
        """Read every page's size and rotation; DocumentError when the page tree is broken."""
        self._take_pages(self._ask({"op": "load_pages"}))

    @property
    def page_count(self) -> int:
        """Number of pages (0 until the pages are loaded)."""
        return len(self.pages)

    # --- per-page work ---------------------------------------------------------------

    def render(self, index: int, zoom: float, rotation: int = 0) -> RenderedPage:
        """Page `index` (0-based) at `zoom` pixels per point, turned `rotation` degrees more."""
        page = self._page(index)
        request = {"op": "render", "index": index, "zoom": zoom, "rotation": rotation % 360}
        reply, samples = self._ask_frame(request, self.call_timeout_s)
        width, height, stride = (_int(reply, k) for k in ("width", "height", "stride"))
        longest = math.ceil(max(page.width, page.height) * zoom) + 2  # MuPDF rounds outwards
        if not (0 < width <= longest and 0 < height <= longest and stride >= width * 3):
            raise self._broken(f"render size {width}×{height}/{stride}")
        if len(samples) != stride * height:
            raise self._broken(f"{len(samples)} pixel bytes for {stride}×{height}")
        if not self._drawn:
            self._drawn = True
            refill_later()
        return RenderedPage(width, height, stride, samples)

    def search_page(self, index: int, query: str) -> list[Rect]:
        """Where `query` occurs on page `index`: rectangles in unrotated page points."""
        self._page(index)
        reply = self._ask({"op": "search", "index": index, "query": query})
        return self._rects(reply.get("rects"))

    def text_in_rect(self, index: int, rect: Rect) -> tuple[str, list[Rect]]:
        """The text inside `rect` on page `index` and the boxes of its words."""
        self._page(index)
        reply = self._ask({"op": "text", "index": index, "rect": list(rect)})
        text = reply.get("text")
        if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
            raise self._broken("text")
        return text, self._rects(reply.get("words"))

    def close(self) -> None:
        """Stop the worker (even mid-request); later calls raise CancelledError."""
        self._closed = True
        self._worker.kill()

    # --- the worker ------------------------------------------------------------------

    def _ask(self, request: dict[str, Any], timeout_s: float | None = None) -> dict[str, Any]:
        return self._ask_frame(request, timeout_s or self.call_timeout_s)[0]

    def _ask_frame(self, request: dict[str, Any], timeout_s: float) -> tuple[dict[str, Any], bytes]:
        with self._lock:
            self._check_usable()
            try:
                reply, payload = self._worker.ask(request, timeout_s)
            except WorkerFailure as exc:
                self._check_usable()  # closed meanwhile: the answer is not wanted
                raise self._failed(exc.why, request["op"], timeout_s) from None
        error = reply.get("error")
        if error is not None:
            raise self._error(error)
        return reply, payload

    def _check_open(self) -> None:
        if self._closed:
            raise CancelledError("文档已关闭。")

    def _check_usable(self) -> None:
        self._check_open()
        if self._failure is not None:
            raise self._failure

    def _failed(self, why: str, op: str, timeout_s: float) -> DocumentError:
        what = {"open": "打开", "render": "显示页面", "search": "搜索", "text": "读取文字"}
        doing = what.get(op, "读取")
        if why == TIMEOUT:
            reason = f"{doing}超过 {timeout_s:.0f} 秒仍未完成，已停止"
        else:
            reason = f"{doing}时显示进程意外退出或回复异常，已停止"
        self._failure = DocumentError(
            f"PDF 文件 {self.name} {reason}；文件可能已损坏或被恶意构造。",
            problem=STOPPED,
            path=self.path,
            details=[reason],
        )
        return self._failure

    def _broken(self, what: str) -> DocumentError:
        """A reply outside the protocol: the worker is not to be believed any more."""
        log.warning("%s: render worker's reply refused (%s)", self.path, what)
        self._worker.kill()
        return self._failed("broken", "reply", 0)

    def _error(self, error: object) -> DocumentError:
        if not isinstance(error, dict):
            return self._broken("error")
        problem, message, details = (error.get(k) for k in ("problem", "message", "details"))
        if problem not in _PROBLEMS or not isinstance(message, str):
            return self._broken("error")
        lines = (
            [d[:500] for d in details if isinstance(d, str)] if isinstance(details, list) else []
        )
        return DocumentError(
            message[:1000], problem=str(problem), path=self.path, details=lines[:5]
        )

    def _take_pages(self, reply: dict[str, Any]) -> None:
        raw = reply.get("pages")
        if not isinstance(raw, list) or len(raw) > MAX_PAGES:
            raise self._broken("pages")
        pages = []
        for item in raw:
            if not (isinstance(item, list) and len(item) == 3):
                raise self._broken("page")
            width, height, rotation = item
            if not (_finite(width) and _finite(height) and rotation in (0, 90, 180, 270)):
                raise self._broken("page")
            pages.append(PageInfo(float(width), float(height), int(rotation)))
        self.pages = pages
        self.repaired = _bool(reply, "repaired")

    def _page(self, index: int) -> PageInfo:
        self._check_usable()
        if not 0 <= index < len(self.pages):
            raise IndexError(f"page {index} out of range")
        return self.pages[index]

    def _rects(self, raw: object) -> list[Rect]:
        if not isinstance(raw, list) or len(raw) > MAX_RECTS:
            raise self._broken("rects")
        rects: list[Rect] = []
        for item in raw:
            if not (isinstance(item, list) and len(item) >= 4 and all(map(_finite, item[:4]))):
                raise self._broken("rect")
            rects.append((float(item[0]), float(item[1]), float(item[2]), float(item[3])))
        return rects


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _int(reply: dict[str, Any], key: str) -> int:
    value = reply.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _bool(reply: dict[str, Any], key: str) -> bool:
    value = reply.get(key, False)
    return value if isinstance(value, bool) else False


def open_remote_pdf(path: Path, display_name: str | None = None) -> RemotePdfDocument:
    """Open a PDF in a render worker; pages are loaded unless a password is needed first."""
    document = RemotePdfDocument(path, display_name or path.name, take_worker())
    try:
        document.open()
    except BaseException:
        document.close()
        raise
    return document
