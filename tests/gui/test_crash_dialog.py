"""Unhandled exceptions: logged to the rotating file and shown in the crash dialog, from the
UI thread and from worker threads; copy details and save report."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import workstation

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The workstation's rotating log, in a temporary log folder."""
    from workstation.logsetup import configure_logging

    root = logging.getLogger()
    level = root.level
    target = configure_logging(tmp_path / "logs" / "workstation.log")
    assert target is not None
    logging.getLogger("before").info("a line logged before the error")
    yield target
    for handler in list(root.handlers):
        if getattr(handler, "_workstation", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Crash dialogs the handler opens: recorded and shown (offscreen), never blocking."""
    from workstation.ui.shell.crash_dialog import CrashDialog

    opened: list[Any] = []

    def record(self: Any) -> None:
        opened.append(self)
        self.show()

    monkeypatch.setattr(CrashDialog, "open", record)
    return opened


@pytest.fixture
def handler(log_file: Path, qapp: Any) -> Iterator[Any]:
    from workstation.ui.shell.crash_handler import CrashHandler

    installed = CrashHandler(log_file)
    hooks = (sys.excepthook, threading.excepthook)
    installed.install()
    assert sys.excepthook != hooks[0]
    assert threading.excepthook != hooks[1]
    yield installed
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == hooks
    if installed.dialog is not None:
        installed.dialog.close()


def logged(log_file: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_file.read_text(encoding="utf-8")


def test_an_exception_in_a_timer_callback_is_logged_and_shown(
    qtbot: Any, handler: Any, shown: list[Any], log_file: Path
) -> None:
    from PySide6.QtCore import QTimer

    def render_page() -> None:
        raise RuntimeError("第 3 页渲染失败")

    QTimer.singleShot(0, render_page)
    qtbot.waitUntil(lambda: len(shown) == 1)
    dialog = shown[0]
    assert dialog.summary_label.text() == "RuntimeError: 第 3 页渲染失败"
    details = dialog.details_box.toPlainText()
    assert "Traceback" in details
    assert "render_page" in details
    assert "thread MainThread" in details
    text = logged(log_file)
    assert "CRITICAL workstation.ui.shell.crash_handler" in text
    assert "in render_page" in text
    assert "RuntimeError: 第 3 页渲染失败" in text
    # The application carries on: the event loop still runs timers.
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: ticked == [True])


def test_an_exception_in_a_thread_is_logged_and_shown_on_the_ui_thread(
    qtbot: Any, qapp: Any, handler: Any, shown: list[Any], log_file: Path
) -> None:
    def convert() -> None:
        raise ValueError("转换失败")

    worker = threading.Thread(target=convert, name="converter-1")
    worker.start()
    worker.join()
    assert "ValueError: 转换失败" in logged(log_file)  # logged at once, from the thread
    qtbot.waitUntil(lambda: len(shown) == 1)
    dialog = shown[0]
    assert dialog.thread() is qapp.thread()
    assert dialog.summary_label.text() == "ValueError: 转换失败"
    assert "[thread converter-1]" in dialog.details_box.toPlainText()
    assert " converter-1]: unhandled exception in thread converter-1" in logged(log_file)


def test_errors_while_the_dialog_is_open_join_it(
    qtbot: Any, handler: Any, shown: list[Any]
) -> None:
    for number in (1, 2, 3):
        threading.Thread(target=_raiser(f"第 {number} 个错误"), name=f"t{number}").start()
        qtbot.waitUntil(lambda n=number: handler.crashes == n)
    qtbot.waitUntil(lambda: bool(shown) and "第 3 个错误" in shown[0].details_box.toPlainText())
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.summary_label.text() == "OSError: 第 1 个错误"
    assert dialog.more_label.isVisible()
    assert "2" in dialog.more_label.text()


def _raiser(message: str) -> Any:
    def run() -> None:
        raise OSError(message)

    return run


def test_ctrl_c_goes_to_the_previous_hook(handler: Any) -> None:
    seen: list[type[BaseException]] = []
    previous, handler._previous_sys = handler._previous_sys, lambda t, e, tb: seen.append(t)
    try:
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        handler._previous_sys = previous
    assert seen == [KeyboardInterrupt]
    assert handler.crashes == 0


def _dialog(qtbot: Any, log_file: Path) -> Any:
    from workstation.ui.shell.crash_dialog import CrashDialog

    try:
        raise KeyError("case 17")
    except KeyError as exc:
        from workstation.crash_report import format_exception, summary_line

        details = format_exception(type(exc), exc, exc.__traceback__)
        summary = summary_line(type(exc), exc)
    logging.getLogger("workstation.test").error("最近的一行日志")
    dialog = CrashDialog(summary, details, log_file)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_copy_details_puts_them_on_the_clipboard(qtbot: Any, log_file: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    dialog = _dialog(qtbot, log_file)
    assert dialog.summary_label.text() == "KeyError: 'case 17'"
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "KeyError: 'case 17'" in copied
    assert "Traceback" in copied
    assert f"工作站版本：{workstation.__version__}" in copied
    assert "操作系统：" in copied
    assert "PySide6：" in copied


def test_save_report_writes_version_platform_traceback_and_log(
    qtbot: Any, log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    dialog = _dialog(qtbot, log_file)
    target = tmp_path / "报告" / "crash.txt"
    target.parent.mkdir()
    asked: list[str] = []

    def choose(parent: Any, caption: str, where: str, filters: str) -> tuple[str, str]:
        asked.append(where)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.save_button.click()
    assert asked
    assert asked[0].endswith(".txt")
    report = target.read_text(encoding="utf-8-sig")
    assert report.startswith("法制审核工作站 错误报告\n")
    assert f"工作站版本：{workstation.__version__}" in report
    assert f"Python：{sys.version.split()[0]}" in report
    assert "KeyError: 'case 17'" in report
    assert "Traceback" in report
    assert "a line logged before the error" in report
    assert "最近的一行日志" in report
    # Cancelling the file dialog writes nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert dialog.save_report() is None


def test_quit_asks_the_application_to_quit(qtbot: Any, log_file: Path) -> None:
    dialog = _dialog(qtbot, log_file)
    with qtbot.waitSignal(dialog.quit_requested):
        dialog.quit_button.click()
    assert not dialog.isVisible()


def test_the_log_tail_skips_a_cut_first_line_and_keeps_the_last_lines(tmp_path: Path) -> None:
    from workstation import crash_report

    log = tmp_path / "big.log"
    log.write_text("".join(f"第 {i} 行\n" for i in range(40_000)), encoding="utf-8")
    tail = crash_report.recent_log_lines(log, limit=3)
    assert tail == ["第 39997 行", "第 39998 行", "第 39999 行"]
    assert crash_report.recent_log_lines(tmp_path / "missing.log") == []


def test_install_crash_handler_reports_into_the_configured_log(
    qtbot: Any, log_file: Path, shown: list[Any]
) -> None:
    from workstation.ui.shell.crash_handler import install_crash_handler

    installed = install_crash_handler()
    try:
        threading.Thread(target=_raiser("磁盘已满"), name="saver").start()
        qtbot.waitUntil(lambda: len(shown) == 1)
        assert "OSError: 磁盘已满" in shown[0].report_text()
        assert "OSError: 磁盘已满" in logged(log_file)
        assert str(log_file) in shown[0].report_text()
    finally:
        installed.uninstall()
        shown[0].close()
