"""Unhandled exceptions: logged with their traceback, then shown in the crash dialog.

`sys.excepthook` catches what escapes a slot or event handler on the UI thread (PySide
reports it there and carries on); `threading.excepthook` catches what escapes a Python
thread. Either way the traceback goes to the rotating log at once, from the thread it
happened in, and the dialog is shown on the UI thread through a queued signal: a worker
thread never touches a widget. The application keeps running; the dialog offers to quit.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from workstation import crash_report
from workstation.logsetup import current_log_file

if TYPE_CHECKING:  # the dialog is built on the first crash, not on every start-up
    from workstation.ui.shell.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashHandler(QObject):
    """Owns the two hooks and the crash dialog; create it on the UI thread after the
    QApplication, then `install()`; `uninstall()` puts the previous hooks back.

    Attributes: `dialog` (the CrashDialog on screen, else None), `crashes` (how many
    errors were reported).
    """

    _reported = Signal(str, str)  # summary, details — always delivered on the UI thread

    def __init__(
        self,
        log_file: Path | None = None,
        parent_widget: Callable[[], QWidget | None] | None = None,
    ) -> None:
        super().__init__()
        self._log_file = log_file
        self._parent_widget = parent_widget or QApplication.activeWindow
        self.dialog: CrashDialog | None = None
        self.crashes = 0
        self._previous_sys: Callable[..., Any] | None = None
        self._previous_thread: Callable[..., Any] | None = None
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Route unhandled exceptions of every thread here."""
        if self._previous_sys is not None:
            return
        self._previous_sys, sys.excepthook = sys.excepthook, self._sys_hook
        self._previous_thread, threading.excepthook = threading.excepthook, self._thread_hook

    def uninstall(self) -> None:
        """Put back the hooks that were there before `install()`."""
        if self._previous_sys is None:
            return
        sys.excepthook = self._previous_sys
        threading.excepthook = self._previous_thread or threading.__excepthook__
        self._previous_sys = self._previous_thread = None

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        where: str,
    ) -> None:
        """Log an unhandled exception and have the dialog show it (from any thread)."""
        self.crashes += 1
        log.critical("unhandled exception in %s", where, exc_info=(exc_type, exc, tb))
        if QCoreApplication.instance() is None:
            return  # no UI to show it in; it is in the log
        self._reported.emit(
            crash_report.summary_line(exc_type, exc),
            f"[{where}]\n" + crash_report.format_exception(exc_type, exc, tb),
        )

    def _sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous_sys is not None:
            self._previous_sys(exc_type, exc, tb)  # Ctrl+C in the terminal stays Ctrl+C
            return
        self.report(exc_type, exc, tb, f"thread {threading.current_thread().name}")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # a thread that asked to end, as the standard hook does
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        try:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add_error(summary, details)  # one dialog, not a cascade
                return
            from workstation.ui.shell.crash_dialog import CrashDialog

            log_file = self._log_file or current_log_file()
            self.dialog = CrashDialog(summary, details, log_file, self._parent_widget())
            self.dialog.quit_requested.connect(_quit)
            self.dialog.finished.connect(self._forget)
            self.dialog.open()
        except Exception:  # the dialog itself failing must not loop back into the hook
            log.exception("could not show the crash dialog")

    def _forget(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


def _quit() -> None:
    log.info("quit chosen in the crash dialog")
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()


def install_crash_handler(log_file: Path | None = None) -> CrashHandler:
    """Create and install the handler; keep the returned object alive for the session."""
    handler = CrashHandler(log_file)
    handler.install()
    return handler
