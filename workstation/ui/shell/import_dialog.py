"""ImportDialog: imports one bundle off the UI thread, with progress, cancel and the result."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.casefile.importer import ImportResult
from workstation.errors import WorkstationError
from workstation.services import Workstation
from workstation.ui.error_dialog import error_text
from workstation.ui.workers import Task, run_task

SEVERITY_COLOURS = {"error": QColor("#b3261e"), "warning": QColor("#8a5a00")}


class ImportDialog(QDialog):
    """Shows one import from start to its per-file problems; `imported` names the case."""

    imported = Signal(str)  # the case reference, e.g. C3, after a successful import

    def __init__(
        self, workstation: Workstation, login: str, location: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import case bundle"))
        self.setMinimumWidth(560)
        self._workstation, self._login, self._location = workstation, login, location
        self.task: Task | None = None
        self.ended = False  # set when the outcome is on screen, not merely when the job returned
        self.outcome: ImportResult | None = None
        self.source_label = QLabel(self.tr("Importing {0}").format(location))
        self.source_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.step_label = QLabel(self.tr("Starting…"))
        self.step_label.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTreeWidget()
        self.problems.setHeaderLabels([self.tr("Severity"), self.tr("File"), self.tr("Problem")])
        self.problems.setRootIsDecorated(False)
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setEnabled(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.source_label, self.progress, self.step_label, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Begin the import on the worker pool."""
        workstation, login, location = self._workstation, self._login, self._location

        def job(progress: Any, cancel: threading.Event) -> ImportResult:
            return workstation.import_bundle(
                location, actor=login, progress=progress, cancel=cancel
            )

        self.task = run_task(
            job,
            on_progress=self._progressed,
            on_finished=self._finished,
            on_failed=self._failed,
            on_cancelled=self._cancelled,
            context=self,
        )

    @property
    def running(self) -> bool:
        """Whether the import is still going."""
        return self.task is not None and not self.ended

    def cancel(self) -> None:
        """Ask the import to stop; it rolls back everything it wrote."""
        if self.task is not None and self.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.step_label.setText(self.tr("Cancelling… nothing will be kept."))

    def reject(self) -> None:  # Esc / window close: cancel first, never leave it running
        if self.running:
            self.cancel()
            return
        super().reject()

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.step_label.setText(message)

    def _finished(self, result: ImportResult) -> None:
        self.outcome = result
        self.progress.setValue(1000)
        if result.outcome == "unchanged":
            text = self.tr("{0} {1}: same content as version {2}, nothing changed.").format(
                result.short_id, result.number, result.version
            )
        else:
            text = self.tr("Imported {0} {1}, version {2}.").format(
                result.short_id, result.number, result.version
            )
        if result.review_note:
            text += "\n" + result.review_note
        self._end(text)
        self._show_problems(result)
        self.imported.emit(result.short_id)

    def _failed(self, exc: BaseException) -> None:
        self._end(self.tr("Import failed: {0}").format(error_text(exc)), problem=True)
        details = exc.details if isinstance(exc, WorkstationError) else []
        for line in details:  # every problem a refused bundle has, not just the first
            item = QTreeWidgetItem([self.tr("Error"), "", line])
            item.setToolTip(2, line)
            item.setForeground(0, QBrush(SEVERITY_COLOURS["error"]))
            self.problems.addTopLevelItem(item)
        if details:
            self.problems.show()

    def _cancelled(self) -> None:
        self._end(self.tr("Import cancelled. Nothing was stored."))

    def _end(self, text: str, problem: bool = False) -> None:
        self.ended = True
        self.summary.setText(text)
        if problem:
            self.summary.setStyleSheet("color: #b3261e;")
        self.step_label.hide()
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
        QTimer.singleShot(0, self, self._fit)  # once the problems, if any, are listed too

    def _fit(self) -> None:
        """Grow to show the whole outcome: a shown dialog does not ask its layout again how
        tall a word-wrapped label now needs to be, and a long notice was cut off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        screen = self.screen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_problems(self, result: ImportResult) -> None:
        if not result.findings:
            return
        labels = {"error": self.tr("Error"), "warning": self.tr("Warning")}
        for finding in result.findings:
            item = QTreeWidgetItem(
                [
                    labels.get(finding.severity, finding.severity),
                    finding.path or "",
                    finding.message,
                ]
            )
            item.setToolTip(2, finding.message)
            colour = SEVERITY_COLOURS.get(finding.severity)
            if colour is not None:
                item.setForeground(0, QBrush(colour))
            self.problems.addTopLevelItem(item)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.show()
