"""Runs long domain work off the UI thread and reports back on it.

Domain functions that take time accept `progress(fraction, message)` and a cancellation
`threading.Event`; `run_task` runs one on the shared QThreadPool. What a task reports goes
through one mailbox that lives as long as the application: the pool thread leaves the
message and wakes the UI thread, which hands it to the task's callbacks — unless the task's
`context` has been deleted meanwhile. No pool thread ever emits on an object the UI thread
may delete (that crashes the process: a workspace closed while its waveform is still read).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workstation.progress import Progress

log = logging.getLogger(__name__)

Job = Callable[[Progress, threading.Event], Any]

ENDS = ("finished", "failed", "cancelled")  # exactly one of these ends every task


class Task(QRunnable):
    """One job on the pool; `cancel()` asks the job to stop at its next check."""

    def __init__(
        self, job: Job, callbacks: dict[str, Callable[..., None]], context: QObject | None
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the handle outlives run(); Python owns it
        self._job: Job | None = job
        self._callbacks = callbacks  # "progressed", "finished", "failed", "cancelled"
        self._context = context
        self.cancel_event = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop; it ends with `cancelled` (or `finished` if it was done)."""
        self.cancel_event.set()

    def run(self) -> None:
        job = self._job
        assert job is not None, "a task runs once"
        try:
            result = job(self._progress, self.cancel_event)
        except BaseException as exc:  # reported to the UI, which decides what to show
            if self.cancel_event.is_set() and _is_cancellation(exc):
                _mailbox().post(self, "cancelled")
            else:
                if not _is_expected(exc):
                    log.exception("background task failed")
                _mailbox().post(self, "failed", exc)
        else:
            if self.cancel_event.is_set() and result is None:
                _mailbox().post(self, "cancelled")
            else:
                _mailbox().post(self, "finished", result)
        finally:
            self._job = None  # what the job's closure holds is not kept with the handle
            self.done.set()

    def _progress(self, fraction: float, message: str) -> None:
        _mailbox().post(self, "progressed", float(fraction), message)

    def deliver(self, name: str, args: tuple[Any, ...]) -> None:
        """On the UI thread: call the callback for `name`, if the receiver is still there.
        At the end the task lets go of its callbacks (and what their closures hold)."""
        callback = self._callbacks.get(name)
        if name in ENDS:
            _running.discard(self)
            self._callbacks = {}
        context = self._context
        if context is not None and not shiboken6.isValid(context):
            self._callbacks, self._context = {}, None
            return
        if callback is not None:
            callback(*args)
        if name in ENDS:
            self._context = None


class _Mailbox(QObject):
    """Where pool threads leave what their tasks report, for the UI thread to hand out in
    the order it was left."""

    _arrived = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._messages: deque[tuple[Task, str, tuple[Any, ...]]] = deque()
        self._arrived.connect(self._deliver)  # queued: the mailbox lives on the UI thread

    def post(self, task: Task, name: str, *args: Any) -> None:
        self._messages.append((task, name, args))
        try:
            self._arrived.emit()
        except RuntimeError:  # the interpreter is exiting and took the mailbox: nobody listens
            log.debug("a task reported after the application's end")

    def _deliver(self) -> None:
        while self._messages:
            task, name, args = self._messages.popleft()
            task.deliver(name, args)


_the_mailbox: _Mailbox | None = None


def _mailbox() -> _Mailbox:
    global _the_mailbox
    if _the_mailbox is None:  # made by the first run_task, on the UI thread
        _the_mailbox = _Mailbox()
    return _the_mailbox


def _is_cancellation(exc: BaseException) -> bool:
    from workstation.errors import CancelledError

    return isinstance(exc, CancelledError)


def _is_expected(exc: BaseException) -> bool:
    from workstation.errors import WorkstationError

    return isinstance(exc, WorkstationError)


_running: set[Task] = set()  # keep Python references until each task's end is delivered


def run_task(
    job: Job,
    *,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    context: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start `job(progress, cancel)` on the pool; callbacks run on the UI thread, and not at
    all once `context` (when given) is deleted."""
    callbacks = {
        name: slot
        for name, slot in (
            ("progressed", on_progress),
            ("finished", on_finished),
            ("failed", on_failed),
            ("cancelled", on_cancelled),
        )
        if slot is not None
    }
    _mailbox()  # before the pool thread needs it
    task = Task(job, callbacks, context)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
