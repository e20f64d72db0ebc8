"""EditQueue: a panel's saves run off the UI thread, one after another, in the order made.

A save waits on the database (a busy lock, a slow disk, another PC writing); on the UI thread
that wait is a frozen window. Each panel queues its edits here instead: one pool task at a
time takes them in order, so a verdict typed after a comment is never stored before it.
Each edit's answer (stored, or refused with the service's reason) comes back on the UI
thread. `drain()` is for the few places that must know the edits are stored before going on
(issuing an opinion, closing the case): it waits for the queue, then delivers the answers.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from workstation.errors import WorkstationError
from workstation.progress import Progress
from workstation.ui.workers import run_task

log = logging.getLogger(__name__)

DRAIN_CEILING_S = 60.0  # a locked database answers within its own busy timeout, well before


@dataclass
class _Edit:
    call: Callable[[], object]
    on_saved: Callable[[object], None] | None
    on_refused: Callable[[Exception], None] | None


@dataclass
class _Answer:
    edit: _Edit
    result: object
    refusal: Exception | None


class EditQueue(QObject):
    """Edits of one panel, saved in order by one background task at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: deque[_Edit] = deque()  # queued, not yet saved
        self._answers: deque[_Answer] = deque()  # saved or refused, not yet delivered
        self._running = False
        self._idle = threading.Event()
        self._idle.set()
        self._unanswered = 0  # edits whose answer the UI thread has not had yet
        self._refusals = 0  # refusals answered since the last drain

    @property
    def busy(self) -> bool:
        """Whether an edit is waiting, being saved, or its answer not yet delivered."""
        return self._unanswered > 0

    def submit(
        self,
        call: Callable[[], object],
        on_saved: Callable[[object], None] | None = None,
        on_refused: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue `call` (a service edit); `on_saved(result)` or `on_refused(error)` follows."""
        self._unanswered += 1
        with self._lock:
            self._waiting.append(_Edit(call, on_saved, on_refused))
            if self._running:
                return
            self._running = True
            self._idle.clear()
        deliver = lambda *_args: self._deliver()  # noqa: E731 - one slot for every signal
        run_task(
            self._save_all,
            on_progress=deliver,
            on_finished=deliver,
            on_failed=deliver,
            context=self,
        )

    def drain(self, ceiling_s: float = DRAIN_CEILING_S) -> bool:
        """Wait until every queued edit is stored or refused and deliver their answers now;
        False when one was refused (its `on_refused` has run) or the wait ran out."""
        finished = self._idle.wait(ceiling_s)
        self._deliver()
        refused, self._refusals = self._refusals, 0
        return finished and refused == 0 and not self.busy

    # --- the background side -----------------------------------------------------------

    def _save_all(self, progress: Progress, _cancel: threading.Event) -> None:
        """On the pool: save the queued edits in order until none is left. Each answer is
        left for the UI thread, and `progress` wakes it to deliver."""
        while True:
            with self._lock:
                if not self._waiting:
                    self._running = False
                    self._idle.set()
                    return
                edit = self._waiting.popleft()
            result: Any = None
            refusal: Exception | None = None
            try:
                result = edit.call()
            except WorkstationError as exc:
                refusal = exc
            except Exception as exc:  # a defect: logged, shown, and the queue goes on
                log.exception("an edit failed")
                refusal = exc
            self._answers.append(_Answer(edit, result, refusal))
            progress(0.0, "")

    # --- the UI side -------------------------------------------------------------------

    def _deliver(self) -> None:
        """Hand each answer that came back to its edit's callback, in order."""
        while self._answers:
            answer = self._answers.popleft()
            self._unanswered -= 1
            edit = answer.edit
            if answer.refusal is not None:
                self._refusals += 1
                if edit.on_refused is not None:
                    edit.on_refused(answer.refusal)
            elif edit.on_saved is not None:
                edit.on_saved(answer.result)
