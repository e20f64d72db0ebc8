"""EditQueue: edits saved off the UI thread, in the order made, answers on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from workstation.errors import WorkstationError
from workstation.ui.edit_queue import EditQueue

pytestmark = pytest.mark.gui


@pytest.fixture
def edits(qtbot: Any) -> Iterator[EditQueue]:
    queue = EditQueue()
    yield queue
    queue.drain()
    queue.deleteLater()


def test_edits_are_stored_in_the_order_made_while_the_ui_thread_runs(
    qtbot: Any, edits: EditQueue
) -> None:
    gate = threading.Event()
    stored: list[str] = []
    answered: list[str] = []
    on_ui_thread: list[bool] = []

    def edit(name: str) -> Any:
        def call() -> str:
            if name == "first":
                assert gate.wait(60), "the test never opened the gate"
            stored.append(name)
            return name

        return call

    def answer(result: object) -> None:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        answered.append(str(result))

    for name in ("first", "second", "third"):
        edits.submit(edit(name), on_saved=answer)
    assert edits.busy
    # The first save is held back; the UI thread keeps answering timers meanwhile.
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=30_000)
    timer.stop()
    assert stored == []
    assert answered == []
    gate.set()
    qtbot.waitUntil(lambda: len(answered) == 3, timeout=30_000)
    assert stored == ["first", "second", "third"]
    assert answered == ["first", "second", "third"]
    assert on_ui_thread == [True, True, True]
    assert not edits.busy


def test_a_refusal_is_answered_and_drain_says_so(qtbot: Any, edits: EditQueue) -> None:
    refusals: list[str] = []
    stored: list[str] = []

    def refused() -> None:
        raise WorkstationError("已签发，不能修改")

    edits.submit(refused, on_refused=lambda exc: refusals.append(str(exc)))
    edits.submit(lambda: stored.append("later"))  # later edits still go through
    assert edits.drain() is False  # waits, then delivers the answers at once
    assert refusals == ["已签发，不能修改"]
    assert stored == ["later"]
    assert not edits.busy
    edits.submit(lambda: stored.append("again"))
    assert edits.drain() is True  # a drain reports refusals since the previous one only
    assert stored == ["later", "again"]


def test_a_defect_in_an_edit_is_reported_and_the_queue_goes_on(
    qtbot: Any, edits: EditQueue, caplog: pytest.LogCaptureFixture
) -> None:
    failures: list[Exception] = []
    stored: list[str] = []
    edits.submit(lambda: 1 / 0, on_refused=failures.append)
    edits.submit(lambda: stored.append("next"), on_saved=lambda _r: stored.append("answered"))
    assert edits.drain() is False
    assert isinstance(failures[0], ZeroDivisionError)
    assert stored == ["next", "answered"]
    assert "an edit failed" in caplog.text
