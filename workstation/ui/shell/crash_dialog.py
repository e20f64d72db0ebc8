"""The dialog shown after an unexpected error: what happened, details, copy and save.

The PCs are offline, so there is no "send report": the reviewer copies the details or saves
a report file (version, platform, traceback, the end of the log) for the administrator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workstation import crash_report
from workstation.ui.error_dialog import show_error
from workstation.ui.file_dialogs import save_file

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Shows one unexpected error (and any that follow while it is open).

    Signals: `quit_requested` when the reviewer chooses to close the workstation.
    Methods: `add_error(summary, details)`, `details_text()`, `report_text()`,
    `copy_details()`, `save_report(path=None)`.
    """

    quit_requested = Signal()

    def __init__(
        self,
        summary: str,
        details: str,
        log_file: Path | None,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self._log_file = log_file
        self._errors: list[tuple[str, str]] = []
        self._occurred = now().astimezone()
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumWidth(560)

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32)
        )
        headline = QLabel(self.tr("The workstation ran into an unexpected error."))
        headline.setStyleSheet("font-weight: bold")
        reassurance = QLabel(
            self.tr(
                "Work already saved is safe: every edit is stored as it is made. You can "
                "carry on; if the error comes back, save a report and give it to your "
                "administrator."
            )
        )
        reassurance.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_label = QLabel()
        self.details_box = QPlainTextEdit()
        self.details_box.setReadOnly(True)
        self.details_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_box.setMinimumHeight(180)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.save_button = QPushButton(self.tr("Save report…"))
        self.quit_button = QPushButton(self.tr("Quit workstation"))
        self.continue_button = QPushButton(self.tr("Continue"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.save_button.clicked.connect(lambda: self.save_report())
        self.quit_button.clicked.connect(self._quit)
        self.continue_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        for widget in (icon, headline, reassurance, self.summary_label, self.more_label):
            layout.addWidget(widget)
        layout.addWidget(self.details_box, 1)
        layout.addWidget(buttons)
        self.add_error(summary, details)

    def add_error(self, summary: str, details: str) -> None:
        """Record another error (one that happened while this dialog was open)."""
        self._errors.append((summary, details))
        self.summary_label.setText(self._errors[0][0])
        extra = len(self._errors) - 1
        self.more_label.setText(
            self.tr("%n more error(s) happened after this one; they are in the details.", "", extra)
        )
        self.more_label.setVisible(extra > 0)
        self.details_box.setPlainText("\n".join(d.rstrip() + "\n" for _, d in self._errors))

    def details_text(self) -> str:
        """Header and traceback(s): what "Copy details" puts on the clipboard."""
        body = "\n".join(d.rstrip() + "\n" for _, d in self._errors)
        return crash_report.header(self._occurred, _qt_versions()) + "\n" + body

    def report_text(self) -> str:
        """The full report: details plus the end of the log."""
        body = "\n".join(d.rstrip() + "\n" for _, d in self._errors)
        return crash_report.build_report(body, self._log_file, self._occurred, _qt_versions())

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))

    def save_report(self, path: Path | None = None) -> Path | None:
        """Write the report to `path`, or to a file the reviewer chooses; returns where."""
        if path is None:
            stamp = self._occurred.strftime("%Y%m%d-%H%M%S")
            path = save_file(
                self,
                self.tr("Save error report"),
                f"workstation-error-{stamp}.txt",
                self.tr("Text files (*.txt)"),
                "error-report",
            )
            if path is None:
                return None
        try:
            # BOM: Notepad on older Windows reads the Chinese right only with it.
            path.write_text(self.report_text(), encoding="utf-8-sig")
        except OSError as exc:
            show_error(self, exc, self.tr("Could not save the report"))
            return None
        log.info("error report saved to %s", path)
        self.save_button.setText(self.tr("Report saved"))
        return path

    def _quit(self) -> None:
        self.quit_requested.emit()
        self.reject()


def _qt_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": pyside_version}
