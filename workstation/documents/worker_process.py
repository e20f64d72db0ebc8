"""The render worker's process seen from the viewer: start, ask with a time limit, kill.

One process per open document. Starting Python and PyMuPDF takes a moment, so spare
workers are kept ready: `take_worker()` hands one out, `refill_later()` starts the next.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import subprocess
import sys
import threading
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows: pipes keep their size
    fcntl = None  # type: ignore[assignment]

from workstation.documents.frames import Frame, FrameError, read_frame, write_frame
from workstation.errors import StorageError
from workstation.os_errors import os_error_text

PIPE_BYTES = 1024 * 1024  # Linux's default pipe-max-size for unprivileged processes
TIMEOUT = "timeout"  # no answer within the time limit
GONE = "gone"  # the process died (crashed, killed, out of memory)
BROKEN = "broken"  # it answered outside the protocol


class WorkerFailure(Exception):
    """The worker could not answer; `why` is TIMEOUT, GONE or BROKEN. It has been killed."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class WorkerProcess:
    """A running render worker and the thread that reads its replies."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "workstation.documents.render_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as exc:
            raise StorageError(f"无法启动文档显示进程：{os_error_text(exc)}") from exc
        _widen_pipe(self.process.stdout)
        self._replies: queue.Queue[Frame | Exception | None] = queue.Queue()
        threading.Thread(
            target=_pump, args=(self.process.stdout, self._replies), daemon=True, name="render"
        ).start()

    @property
    def alive(self) -> bool:
        """True while the process runs."""
        return self.process.poll() is None

    def ask(self, request: dict[str, Any], timeout_s: float) -> Frame:
        """Send `request` and wait for its reply; WorkerFailure (the worker killed) if none
        comes within `timeout_s`, the worker dies, or the reply breaks the protocol."""
        stdin = self.process.stdin
        assert stdin is not None
        try:
            write_frame(stdin, request)
        except (OSError, ValueError):  # its input is closed: it died or was killed
            self._fail(GONE)
        try:
            reply = self._replies.get(timeout=timeout_s)
        except queue.Empty:
            self._fail(TIMEOUT)
        if reply is None:
            self._fail(GONE)
        if isinstance(reply, Exception):
            self._fail(BROKEN)
        assert reply is not None
        assert not isinstance(reply, Exception)
        return reply

    def _fail(self, why: str) -> Any:
        self.kill()
        raise WorkerFailure(why)

    def kill(self) -> None:
        """Stop the process now and reap it (no zombie is left)."""
        with contextlib.suppress(OSError):  # already gone
            self.process.kill()
        self.process.wait()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # a write cut short by the kill
                self.process.stdin.close()


def _widen_pipe(stream: IO[bytes] | None) -> None:
    """Let a page's pixels pass the pipe in a few large reads: each read wants the GIL back
    while the UI thread holds it, so 64 KiB reads made a 4 MB page wait ~70 handoffs."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if stream is None or setpipe is None:
        return
    with contextlib.suppress(OSError):  # above the system's pipe-max-size: keep the default
        fcntl.fcntl(stream.fileno(), setpipe, PIPE_BYTES)


def _pump(stream: IO[bytes] | None, replies: queue.Queue[Frame | Exception | None]) -> None:
    """Hand each reply frame to the waiting caller; None when the worker's output ends."""
    if stream is None:
        return
    try:
        while True:
            frame = read_frame(stream)
            replies.put(frame)
            if frame is None:
                return
    except (FrameError, OSError, ValueError) as exc:
        replies.put(exc)
    finally:
        stream.close()


SPARES = 2  # a reviewer clicking through documents finds one ready even while the other starts
_spares: list[WorkerProcess] = []
_spare_lock = threading.Lock()


def take_worker() -> WorkerProcess:
    """A fresh worker for one document: the oldest live spare, else a new one. The next
    spare is started by `refill_later()` once this one has drawn its first page: starting
    Python and PyMuPDF beside that page would slow it down."""
    with _spare_lock:
        while _spares:
            worker = _spares.pop(0)
            if worker.alive:
                return worker
            worker.kill()  # died while idle: reap it
    return WorkerProcess()


def warm_up() -> None:
    """Start spare workers until SPARES are ready (call off the UI thread)."""
    with _spare_lock:
        for worker in [w for w in _spares if not w.alive]:
            worker.kill()  # reap it
            _spares.remove(worker)
        while len(_spares) < SPARES:
            _spares.append(WorkerProcess())


def refill_later() -> None:
    """Start the next spare on a thread of its own (the caller returns at once)."""
    threading.Thread(target=warm_up, daemon=True, name="render-spare").start()


@atexit.register
def _stop_spares() -> None:
    with _spare_lock:
        spares = list(_spares)
        _spares.clear()
    for worker in spares:
        worker.kill()
