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


def test_a_finished_task_lets_go_of_its_job_and_its_callbacks(qtbot: Any) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QObject

    from workstation.ui import workers

    class Payload:  # stands for what a job's or a callback's closure holds: a case's data
        pass

    receiver = QObject()  # a long-lived receiver: a window, a workspace
    held: list[weakref.ref[Payload]] = []
    ended: list[object] = []
    tasks = []
    for _ in range(20):
        in_job, in_callback = Payload(), Payload()
        held += [weakref.ref(in_job), weakref.ref(in_callback)]
        tasks.append(
            workers.run_task(
                lambda _progress, _cancel, kept=in_job: kept is not None,
                on_finished=lambda result, kept=in_callback: ended.append((result, kept)),
                context=receiver,
            )
        )
        del in_job, in_callback
    qtbot.waitUntil(lambda: len(ended) == 20)
    ended.clear()
    gc.collect()
    assert [ref for ref in held if ref() is not None] == []
    assert not any(task in workers._running for task in tasks)
    assert receiver.children() == []  # nothing per task hangs on the receiver


def test_a_receiver_deleted_while_its_task_reports_gets_nothing_more_and_nothing_crashes(
    qtbot: Any,
) -> None:
    """A workspace closed while its waveform is still being read: the pool thread goes on
    emitting progress while the UI thread deletes the receiver. Emitting on an object
    another thread deletes crashed the process; now the callbacks stop and the task ends."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from workstation.ui import workers

    for _ in range(20):
        receiver = QObject()
        stop = threading.Event()
        calls: list[str] = []
        gone = threading.Event()  # the receiver was deleted

        def job(progress: Any, _cancel: threading.Event, stop: threading.Event = stop) -> str:
            while not stop.is_set():
                progress(0.5, "读取波形")
            for _ in range(200):  # and after the receiver is gone
                progress(1.0, "读取波形")
            return "done"

        def heard(*_args: Any, calls: list[str] = calls, gone: threading.Event = gone) -> None:
            calls.append("deleted" if gone.is_set() else "alive")

        task = workers.run_task(
            job, on_progress=heard, on_finished=heard, on_failed=heard, context=receiver
        )
        qtbot.waitUntil(lambda calls=calls: bool(calls))
        receiver.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gone.set()
        stop.set()
        assert task.done.wait(30)
        qtbot.waitUntil(lambda task=task: task not in workers._running)
        QCoreApplication.processEvents()
        assert "deleted" not in calls
