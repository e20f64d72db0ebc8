"""Runs long domain work off the UI thread and reports back through typed Qt signals.

Domain functions that take time accept `progress(fraction, message)` and a cancellation
`threading.Event`; `run_task` runs one on the shared QThreadPool. Signals are emitted from
the pool thread and delivered queued to receivers living on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workstation.progress import Progress

log = logging.getLogger(__name__)

Job = Callable[[Progress, threading.Event], Any]


class TaskSignals(QObject):
    """What a running task tells the UI; exactly one of finished/failed/cancelled ends it."""

    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()


class Task(QRunnable):
    """One job on the pool; `cancel()` asks the job to stop at its next check."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the handle outlives run(); Python owns it
        self._job: Job | None = job
        self.cancel_event = threading.Event()
        self.signals = TaskSignals()
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
                self._emit(self.signals.cancelled.emit)
            else:
                if not _is_expected(exc):
                    log.exception("background task failed")
                self._emit(self.signals.failed.emit, exc)
        else:
            if self.cancel_event.is_set() and result is None:
                self._emit(self.signals.cancelled.emit)
            else:
                self._emit(self.signals.finished.emit, result)
        finally:
            self._job = None  # what the job's closure holds is not kept with the handle
            self.done.set()

    def _progress(self, fraction: float, message: str) -> None:
        self._emit(self.signals.progressed.emit, float(fraction), message)

    def _emit(self, emit: Callable[..., None], *args: Any) -> None:
        try:
            emit(*args)
        except RuntimeError:  # the receiver (and our signals object) was deleted meanwhile
            log.debug("task result dropped: its receiver is gone")
            _running.discard(self)  # no end signal will arrive to let go of it


def _is_cancellation(exc: BaseException) -> bool:
    from workstation.errors import CancelledError

    return isinstance(exc, CancelledError)


def _is_expected(exc: BaseException) -> bool:
    from workstation.errors import WorkstationError

    return isinstance(exc, WorkstationError)


_running: set[Task] = set()  # keep Python references until each task ends


def _ended(task: Task) -> None:
    """The task's end was delivered (its own slots ran first): nothing holds it now. Its
    signals object, a child of the receiver, goes too — with it the slots' closures, which
    a long-lived receiver (a window) would otherwise keep for every task it ever ran."""
    _running.discard(task)
    task.signals.deleteLater()


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
    """Start `job(progress, cancel)` on the pool; callbacks run on `context`'s thread."""
    task = Task(job)
    signals = task.signals
    if context is not None:
        # Parenting to the receiver makes delivery stop when the receiver goes away.
        signals.setParent(context)
    for signal, slot in (
        (signals.progressed, on_progress),
        (signals.finished, on_finished),
        (signals.failed, on_failed),
        (signals.cancelled, on_cancelled),
    ):
        if slot is not None:
            signal.connect(slot)
    for end in (signals.finished, signals.failed, signals.cancelled):
        end.connect(lambda *_: _ended(task))
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task
