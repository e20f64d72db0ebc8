"""run_task: long work off the UI thread, results and progress back on it."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from workstation.errors import CancelledError, StorageError

pytestmark = pytest.mark.gui


def _collect(qtbot: Any, job: Any, cancel_after_start: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QThread

    from workstation.ui.workers import run_task

    seen: dict[str, Any] = {"progress": [], "threads": set()}
    ui_thread = QThread.currentThread()

    def note(key: str) -> Any:
        def slot(*args: Any) -> None:
            seen["threads"].add(QThread.currentThread() is ui_thread)
            if key == "progress":
                seen["progress"].append(args)
            else:
                seen[key] = args[0] if args else True

        return slot

    task = run_task(
        job,
        on_progress=note("progress"),
        on_finished=note("finished"),
        on_failed=note("failed"),
        on_cancelled=note("cancelled"),
    )
    if cancel_after_start:
        task.cancel()
    qtbot.waitUntil(lambda: any(k in seen for k in ("finished", "failed", "cancelled")))
    return seen


def test_the_job_runs_off_the_ui_thread_and_reports_back_on_it(qtbot: Any) -> None:
    main = threading.current_thread()

    def job(progress: Any, cancel: threading.Event) -> str:
        progress(0.5, "半")
        return "off" if threading.current_thread() is not main else "on"

    seen = _collect(qtbot, job)
    assert seen["finished"] == "off"
    assert seen["progress"] == [(0.5, "半")]
    assert seen["threads"] == {True}  # every callback ran on the UI thread


def test_a_failure_arrives_as_the_exception(qtbot: Any) -> None:
    def job(progress: Any, cancel: threading.Event) -> None:
        raise StorageError("磁盘已满")

    seen = _collect(qtbot, job)
    assert isinstance(seen["failed"], StorageError)
    assert seen["failed"].message == "磁盘已满"


def test_cancelling_ends_with_cancelled_not_failed(qtbot: Any) -> None:
    def job(progress: Any, cancel: threading.Event) -> None:
        assert cancel.wait(5), "cancel never arrived"
        raise CancelledError("已取消")

    seen = _collect(qtbot, job, cancel_after_start=True)
    assert seen.get("cancelled") is True
    assert "failed" not in seen


def test_a_finished_task_lets_go_of_its_job_and_its_receiver_lets_go_of_it(qtbot: Any) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from workstation.ui.workers import TaskSignals, run_task

    class Payload:  # stands for what a job's closure holds: a case's data, a file's bytes
        pass

    receiver = QObject()  # a long-lived receiver: a window, a workspace
    payloads = []
    ended: list[object] = []
    for _ in range(20):
        payload = Payload()
        payloads.append(weakref.ref(payload))
        run_task(
            lambda _progress, _cancel, held=payload: held is not None,
            on_finished=ended.append,
            context=receiver,
        )
        del payload
    qtbot.waitUntil(lambda: len(ended) == 20)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert receiver.findChildren(TaskSignals) == []
    assert [ref for ref in payloads if ref() is not None] == []
