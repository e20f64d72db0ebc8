"""The render worker: one PDF opened with PyMuPDF in a child process, answering the viewer.

Run as `python -m workstation.documents.render_worker` by `remote_pdf`; requests and replies
are frames (`frames.py`) on its standard input and output. A hostile file can make MuPDF loop
or allocate without end while it holds the GIL; here that stalls only this process, which
the viewer kills after its time limit, and the address-space limit stops the allocation.
The worker exits when its input ends (the viewer closed the document or died).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import IO, Any

from workstation.documents.frames import read_frame, write_frame
from workstation.documents.pdf_document import PdfDocument, open_pdf
from workstation.documents.problems import DocumentError, brief

MEMORY_LIMIT_BYTES = 2 * 1024**3
# A request still running after this long ends the worker even if the viewer died meanwhile
# (the viewer itself stops waiting much sooner); SIGALRM's default action needs no GIL.
ALARM_S = 60


def main() -> None:
    """Limit memory, load PyMuPDF, then serve requests until the input ends."""
    _limit_memory(MEMORY_LIMIT_BYTES)
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    serve(requests, replies)


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """Answer one request frame at a time."""
    worker = _Worker()
    while True:
        frame = read_frame(requests)
        if frame is None:
            return
        _alarm(ALARM_S)
        payload = b""
        try:
            reply, payload = worker.handle(frame[0])
        except MemoryError:
            reply = _error("damaged", "读取时内存超出限制，文件可能已损坏或被恶意构造。")
        except DocumentError as exc:
            reply = _error(exc.problem, exc.message, exc.details)
        except Exception as exc:  # one bad request must not end the worker
            reply = _error("damaged", f"读取失败：{brief(exc)}", [brief(exc)])
        _alarm(0)
        write_frame(replies, reply, payload)


class _Worker:
    """The one document of this worker and the requests on it."""

    def __init__(self) -> None:
        self.pdf: PdfDocument | None = None

    def handle(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        op = request.get("op")
        if op == "open":
            self.pdf = open_pdf(Path(request["path"]), request["name"])
            return {"needs_password": self.pdf.needs_password, **self._pages()}, b""
        pdf = self.pdf
        if pdf is None:
            raise ValueError("no document is open")
        if op == "authenticate":
            return {"ok": pdf.authenticate(request["password"]), **self._pages()}, b""
        if op == "load_pages":
            pdf.load_pages()
            return self._pages(), b""
        index = int(request["index"])
        if op == "render":
            page = pdf.render(index, float(request["zoom"]), int(request["rotation"]))
            return {"width": page.width, "height": page.height, "stride": page.stride}, page.samples
        if op == "search":
            return {"rects": pdf.search_page(index, str(request["query"]))}, b""
        if op == "text":
            x0, y0, x1, y1 = (float(v) for v in request["rect"])
            text, words = pdf.text_in_rect(index, (x0, y0, x1, y1))
            return {"text": text, "words": words}, b""
        raise ValueError(f"unknown request {op!r}")

    def _pages(self) -> dict[str, Any]:
        assert self.pdf is not None
        pages = [[p.width, p.height, p.rotation] for p in self.pdf.pages]
        return {"pages": pages, "repaired": self.pdf.repaired}


def _error(problem: str, message: str, details: list[str] | None = None) -> dict[str, Any]:
    return {"error": {"problem": problem, "message": message, "details": details or []}}


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform (Windows): the viewer's time limit still applies


def _alarm(seconds: int) -> None:
    alarm = getattr(signal, "alarm", None)
    if alarm is not None:
        alarm(seconds)


if __name__ == "__main__":
    main()
