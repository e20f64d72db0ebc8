"""Starts the desktop: translation, crash handler, login, recovery notice, main window.

The data folder comes as an `app.Opening`: the login and the main window show at once,
while the services (about a second of imports) load on another thread. If they are there
by the time the login is done, the main window is built with them; otherwise it shows the
newest cases read straight from the database and completes them when the services arrive.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from workstation.app import Opening
from workstation.errors import WorkstationError
from workstation.logsetup import enable_fault_log
from workstation.ui.error_dialog import show_error
from workstation.ui.i18n import install_translations
from workstation.ui.shell.crash_handler import CrashHandler, install_crash_handler
from workstation.ui.shell.main_window import MainWindow
from workstation.ui.workers import Progress, run_task

if TYPE_CHECKING:
    from workstation.review.due_summary import DueSummary
    from workstation.services import Workstation
    from workstation.session_marker import RecoveryReport, SessionMarker

log = logging.getLogger(__name__)

APP_NAME = "法制审核工作站"
ORGANISATION = "legal-review-workstation"
EXIT_FAILED = 1
SHUTDOWN_CEILING_MS = 60_000  # background edits and reads still running at exit


class RunningSession:
    """This session's crash marker, there once the data folder is open; `close()` on a clean
    exit tells the next start that nothing needs recovering. `failure` is what stopped the
    services from loading, if something did (the window is closed then)."""

    def __init__(self) -> None:
        self.marker: SessionMarker | None = None
        self.failure: BaseException | None = None
        self._lock = threading.Lock()
        self._closed = False

    def adopt(self, marker: SessionMarker | None) -> None:
        """Keep the marker written once the database is open (on a worker thread); if the
        session already ended meanwhile, remove it at once."""
        with self._lock:
            if not self._closed:
                self.marker = marker
                return
        if marker is not None:
            marker.close()

    def close(self) -> None:
        """Remove the marker (a clean exit)."""
        with self._lock:
            self._closed = True
            marker, self.marker = self.marker, None
        if marker is not None:
            marker.close()


def application() -> QApplication:
    """The one QApplication, named so QSettings (layout, geometry) has a stable home."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    return app


def prepare_application(workstation: Workstation | Opening) -> tuple[QApplication, CrashHandler]:
    """The application with its fault log, translation and crash handler installed."""
    app = application()
    enable_fault_log(workstation.paths.log_dir)  # native crashes (Qt, libVLC) leave a stack too
    install_translations(app)
    return app, install_crash_handler(workstation.paths.log_file)


def open_main_window(
    workstation: Workstation | Opening, login: str
) -> tuple[MainWindow, RunningSession]:
    """After the login: show the window, mark the session, say what a crash left.

    From an Opening whose services are still loading, the window shows first and the rest
    follows on a worker thread; if they fail to load, the error is shown, kept as the
    session's `failure`, and the window closes.
    """
    window = MainWindow(workstation, login)
    window.show()
    session = RunningSession()
    if window.workstation is not None:
        marker, reports = _begin_session(window.workstation, login)
        session.adopt(marker)
        _say_what_was_recovered(reports, login, window)
        ready = window.workstation
        run_task(  # two list queries: the office's server may be slow, the window is not
            lambda _progress, _cancel: _due(ready, login),
            on_finished=lambda due: _say_what_is_due(due, window),
            context=window,
        )
        freeze_start_up_objects()
        return window, session
    assert isinstance(workstation, Opening)
    opening = workstation

    def finish(_progress: Progress, _cancel: threading.Event) -> tuple[Any, ...]:
        ws = opening.finish()
        marker, reports = _begin_session(ws, login)
        session.adopt(marker)
        return ws, reports, _due(ws, login)

    def finished(result: tuple[Any, ...]) -> None:
        ws, reports, due = result
        window.attach(ws)
        _say_what_was_recovered(reports, login, window)
        _say_what_is_due(due, window)
        freeze_start_up_objects()

    def failed(exc: BaseException) -> None:
        log.error("the data folder %s could not be opened: %s", opening.paths.data_dir, exc)
        session.failure = exc
        show_error(window, exc)
        window.close()  # the last window: the event loop ends

    # Started once the first rows are painted: until then the imports would compete with
    # the window for the interpreter.
    after_first_paint(
        window.case_list.table,
        lambda: run_task(finish, on_finished=finished, on_failed=failed, context=window),
    )
    return window, session


def freeze_start_up_objects() -> None:
    """Move start-up's long-lived objects (modules, classes, the services: ~200,000) out of
    the garbage collector's reach: a full collection scanning them blocked the UI thread for
    100–150 ms once the reviewer started working."""
    gc.freeze()


class _FirstPaint(QObject):
    """Calls back once, after `widget` first painted (or `FALLBACK_MS` later, if it never does)."""

    FALLBACK_MS = 1000

    def __init__(self, widget: QAbstractScrollArea, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], object] | None = callback
        self._watched = widget.viewport()
        self._watched.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._call)  # after this paint has finished
        return False

    def _call(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._watched.removeEventFilter(self)
            callback()


def after_first_paint(widget: QAbstractScrollArea, callback: Callable[[], object]) -> None:
    """Run `callback` on the UI thread once `widget`'s contents have first been painted."""
    _FirstPaint(widget, callback)


def _begin_session(
    ws: Workstation, login: str
) -> tuple[SessionMarker | None, list[RecoveryReport]]:
    from workstation.session_marker import begin_session

    return begin_session(ws.paths.data_dir, ws.db, login, ws.clock)


def _say_what_was_recovered(reports: list[RecoveryReport], login: str, window: MainWindow) -> None:
    from workstation.ui.shell.recovery_notice import show_recovery_notice

    show_recovery_notice(reports, login, window)


def _due(ws: Workstation, login: str) -> tuple[DueSummary, str] | None:
    """What is due for `login`, and their name; None if it cannot be told (said in the log:
    the notice is a courtesy, never a reason not to open)."""
    try:
        return ws.due_for(login), ws.display_name(login)
    except WorkstationError as exc:
        log.warning("could not list what is due for %s: %s", login, exc.message)
        return None


def _say_what_is_due(due: tuple[DueSummary, str] | None, window: MainWindow) -> None:
    from workstation.ui.shell.due_notice import show_due_notice

    if due is not None:
        show_due_notice(due[0], due[1], window)


def launch(workstation: Workstation | Opening, last_login: str = "") -> int:
    """Log in, show the main window and run the event loop until it closes."""
    from workstation.ui.shell.login_dialog import ask_login

    app, crash_handler = prepare_application(workstation)
    try:
        if isinstance(workstation, Opening):
            workstation.start()  # the services load while the person logs in
        login = ask_login(workstation, last_login=last_login)
        if login is None:
            return 0
        _window, session = open_main_window(workstation, login)
        try:
            code = int(app.exec())
            return EXIT_FAILED if session.failure is not None else code
        finally:
            # Edits queued just before the window closed land before the data is closed.
            QThreadPool.globalInstance().waitForDone(SHUTDOWN_CEILING_MS)
            session.close()  # a clean exit: the next start has nothing to recover
    finally:
        crash_handler.uninstall()
