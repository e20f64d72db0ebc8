"""Starts the Qt application around a workstation."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from workstation.services import Workstation
from workstation.ui.main_window import MainWindow


def launch(workstation: Workstation, actor: str) -> int:
    """Show the main window and run the event loop until it closes."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("法制审核工作站")
    app.setOrganizationName("legal-review-workstation")
    window = MainWindow(workstation, actor)
    window.show()
    return int(app.exec())
