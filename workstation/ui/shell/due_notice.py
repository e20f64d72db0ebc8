"""At login: the cases assigned to the user that are overdue or due soon (not blocking)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.review.due_summary import DueSummary


class DueNotice(QMessageBox):
    """`DueSummary`'s sentence (Chinese, from the domain), each case on a line below."""

    def __init__(self, summary: DueSummary, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due_notice")
        self.setIcon(QMessageBox.Icon.Warning if summary.overdue else QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Deadlines"))
        self.setText(summary.message(name) + "\n\n" + "\n".join(summary.lines()))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


def show_due_notice(
    summary: DueSummary | None, name: str, parent: QWidget | None = None
) -> DueNotice | None:
    """Open the notice (window-modal, not blocking) when something is due; else None."""
    if summary is None or not summary.any:
        return None
    notice = DueNotice(summary, name, parent)
    notice.open()
    return notice
