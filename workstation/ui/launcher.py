"""Starts the desktop: translation, crash handler, login, recovery notice, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from workstation.logsetup import enable_fault_log
from workstation.services import Workstation
from workstation.session_marker import SessionMarker, begin_session
from workstation.ui.crash_handler import CrashHandler, install_crash_handler
from workstation.ui.i18n import install_translations
from workstation.ui.login_dialog import ask_login
from workstation.ui.main_window import MainWindow
from workstation.ui.recovery_notice import show_recovery_notice

log = logging.getLogger(__name__)

APP_NAME = "法制审核工作站"
ORGANISATION = "legal-review-workstation"


def application() -> QApplication:
    """The one QApplication, named so QSettings (layout, geometry) has a stable home."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    return app


def prepare_application(workstation: Workstation) -> tuple[QApplication, CrashHandler]:
    """The application with its fault log, translation and crash handler installed."""
    app = application()
    enable_fault_log(workstation.paths.log_dir)  # native crashes (Qt, libVLC) leave a stack too
    install_translations(app)
    return app, install_crash_handler(workstation.paths.log_file)


def open_main_window(
    workstation: Workstation, login: str
) -> tuple[MainWindow, SessionMarker | None]:
    """After the login: mark the session, show the window, say what a crash left."""
    marker, reports = begin_session(
        workstation.paths.data_dir, workstation.db, login, workstation.clock
    )
    window = MainWindow(workstation, login)
    window.show()
    show_recovery_notice(reports, login, window)
    return window, marker


def launch(workstation: Workstation, last_login: str = "") -> int:
    """Log in, show the main window and run the event loop until it closes."""
    app, crash_handler = prepare_application(workstation)
    try:
        login = ask_login(workstation, last_login=last_login)
        if login is None:
            return 0
        _window, marker = open_main_window(workstation, login)
        try:
            return int(app.exec())
        finally:
            if marker is not None:
                marker.close()  # a clean exit: the next start has nothing to recover
    finally:
        crash_handler.uninstall()
