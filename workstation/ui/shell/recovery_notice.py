"""After a crash: tells the reviewer, once, what the last session had saved."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.session_marker import RecoveryReport


class RecoveryNotice(QMessageBox):
    """The summary from `session_marker.begin_session` (Chinese, from the domain), with each
    saved edit under "Show Details…"."""

    def __init__(
        self, reports: Sequence[RecoveryReport], login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Work recovered"))
        self.setText("\n\n".join(report.message(login) for report in reports))
        lines = [line for report in reports for line in report.lines()]
        if lines:
            self.setDetailedText("\n".join(lines))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


def show_recovery_notice(
    reports: Sequence[RecoveryReport], login: str, parent: QWidget | None = None
) -> RecoveryNotice | None:
    """Open the notice (window-modal, not blocking) if a session crashed; else None."""
    if not reports:
        return None
    notice = RecoveryNotice(reports, login, parent)
    notice.open()
    return notice
