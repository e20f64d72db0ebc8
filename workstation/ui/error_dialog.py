"""The one place that turns a failed service call into a message box."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.errors import WorkstationError
from workstation.os_errors import os_error_text

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """What the user reads: the service's Chinese message, or a generic line for a bug."""
    if isinstance(exc, WorkstationError):
        return exc.message
    if isinstance(exc, OSError):
        name = f"{exc.filename}：" if exc.filename else ""
        return QCoreApplication.translate("errors", "File error: {0}").format(
            f"{name}{os_error_text(exc)}"
        )
    return QCoreApplication.translate("errors", "Internal error: {0}").format(
        f"{type(exc).__name__}: {exc}"
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show `exc` to the user; unexpected errors are logged with their traceback too."""
    if not isinstance(exc, WorkstationError):
        log.error("unexpected error", exc_info=exc)
    QMessageBox.warning(
        parent,
        title or QCoreApplication.translate("errors", "Cannot do that"),
        error_text(exc),
    )
