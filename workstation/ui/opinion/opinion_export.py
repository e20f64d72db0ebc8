"""OpinionExporter: asks where to save the opinion and writes it there off the UI thread.

The file comes from `OpinionService.export_current`, which logs the export: the signed
revision as filed (with its .sig.json beside a DOCX), or the draft from its saved wording.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from workstation.errors import ConfigError
from workstation.services import Workstation
from workstation.ui.error_dialog import show_error
from workstation.ui.file_dialogs import EXPORT, save_file
from workstation.ui.workers import run_task

log = logging.getLogger(__name__)


class OpinionExporter(QObject):
    """Export of one case's opinion to DOCX or PDF, for the opinion editor."""

    started = Signal(str)  # the file being written
    exported = Signal(str)  # the file written
    failed = Signal()  # the error was shown

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = workstation, reference, login
        self._window = parent

    def ask(self, suffix: str, case_number: str) -> Path | None:
        """The file to export to (`suffix` .docx or .pdf), from a save dialog; None when the
        user cancels or PDF cannot be made here (the user is told why)."""
        if suffix == ".pdf":
            problem = self._ws.opinions.pdf_problem()
            if problem:
                show_error(self._window, ConfigError(problem), self.tr("Cannot export PDF"))
                return None
        suggested = self.tr("{0} opinion").format(case_number) + suffix
        kinds = self.tr("Word document (*.docx)") if suffix == ".docx" else self.tr("PDF (*.pdf)")
        out = save_file(self._window, self.tr("Export the opinion"), suggested, kinds, EXPORT)
        if out is None:
            return None
        return out if out.suffix.lower() == suffix else out.with_name(out.name + suffix)

    def run(self, out: Path) -> None:
        """Write the opinion to `out` on the worker pool; `exported` or `failed` follows."""
        ws, reference, login = self._ws, self._reference, self._login
        self.started.emit(str(out))
        run_task(
            lambda _progress, _cancel: ws.opinions.export_current(reference, login, out),
            on_finished=lambda path: self.exported.emit(str(path)),
            on_failed=self._failed,
            context=self,
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self._window, exc, self.tr("Export failed"))
        self.failed.emit()
