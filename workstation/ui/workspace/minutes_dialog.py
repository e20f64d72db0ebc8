"""MinutesDialog: the record of the agency heads' collective discussion (集体讨论)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from workstation.review.workflow_rules import OUTCOMES
from workstation.review.workflow_service import Minutes

# Names may be separated the way people type them: 、，, ; or spaces.
_SEPARATORS = re.compile(r"[、，,；;\s]+")


class MinutesDialog(QDialog):
    """Date, attendees, decision, the outcome it comes to, and whether the opinion was adopted."""

    def __init__(self, held_on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record the collective discussion"))
        self.setObjectName("minutes_dialog")
        self.held_on = QDateEdit(QDate(held_on.year, held_on.month, held_on.day))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.attendees = QLineEdit()
        self.attendees.setPlaceholderText(self.tr("Names, separated by 、 or commas"))
        self.decision = QPlainTextEdit()
        self.decision.setTabChangesFocus(True)
        self.outcome = QComboBox()
        for code, label in OUTCOMES.items():
            self.outcome.addItem(label, code)
        # No outcome until one is chosen: the decision is the heads', not a default's.
        self.outcome.setPlaceholderText(self.tr("Choose…"))
        self.outcome.setCurrentIndex(-1)
        self.adopted = QCheckBox(self.tr("The review opinion was adopted"))
        self.adopted.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Held on"), self.held_on)
        form.addRow(self.tr("Attendees"), self.attendees)
        form.addRow(self.tr("Decision"), self.decision)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow("", self.adopted)
        form.addRow(buttons)
        self.attendees.textChanged.connect(self._update)
        self.decision.textChanged.connect(self._update)
        self.outcome.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(460, 320)

    def minutes(self) -> Minutes:
        """What was entered, as the workflow records it (outcome '' until one is chosen)."""
        held = self.held_on.date()
        return Minutes(
            held_on=date(held.year(), held.month(), held.day()),
            attendees=[n for n in _SEPARATORS.split(self.attendees.text()) if n],
            decision=self.decision.toPlainText().strip(),
            outcome=str(self.outcome.currentData() or ""),
            opinion_adopted=self.adopted.isChecked(),
        )

    def _update(self) -> None:
        minutes = self.minutes()
        self.ok_button.setEnabled(bool(minutes.attendees and minutes.decision and minutes.outcome))

    @staticmethod
    def ask(parent: QWidget | None, held_on: date) -> Minutes | None:
        """The minutes entered, or None when the user cancelled."""
        dialog = MinutesDialog(held_on, parent)
        try:
            return dialog.minutes() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
