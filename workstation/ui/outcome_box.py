"""OutcomeBox: the checklist's outcome (approve, return or reject) with its reasons.

The box only shows and collects; saving is asked for through `save_requested`, and the
owner calls `saved()` once the service has stored it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workstation.review.checklist import Checklist
from workstation.review.workflow import OUTCOMES


class OutcomeBox(QGroupBox):
    """The outcome chosen and its reasons; edits made here survive re-reads until saved."""

    save_requested = Signal(str, str)  # outcome code, reasons (stripped)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Outcome"))
        self._filling = False  # the box itself is setting the controls
        self._dirty = False  # the user changed outcome or reasons since the last save
        self._editable = False
        self.outcomes = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for number, (code, label) in enumerate(OUTCOMES.items()):
            button = QRadioButton(label)
            button.setObjectName(f"outcome_{code}")
            self.outcomes.addButton(button, number)
            self.outcome_buttons[code] = button
            outcome_row.addWidget(button)
        outcome_row.addStretch(1)
        self.outcomes.idClicked.connect(self._touched)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("outcome_reasons")
        self.reasons.setPlaceholderText(self.tr("Reasons (required to return or reject)"))
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMaximumHeight(90)
        self.reasons.textChanged.connect(self._touched)
        self.save_outcome = QPushButton(self.tr("Save outcome"))
        self.save_outcome.setObjectName("save_outcome")
        self.save_outcome.clicked.connect(self._save)
        self.outcome_state = QLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.outcome_state, 1)
        save_row.addWidget(self.save_outcome)
        layout = QVBoxLayout(self)
        layout.addLayout(outcome_row)
        layout.addWidget(self.reasons)
        layout.addLayout(save_row)
        self.set_editable(False)

    def show_checklist(self, checklist: Checklist) -> None:
        """Show the stored outcome; the controls keep what the user changed and not saved."""
        stored = OUTCOMES.get(checklist.outcome or "")
        self.outcome_state.setText(
            self.tr("On record: {0}").format(stored) if stored else self.tr("No outcome yet")
        )
        if self._dirty:
            return
        self._filling = True
        try:
            self.outcomes.setExclusive(False)
            for code, button in self.outcome_buttons.items():
                button.setChecked(checklist.outcome == code)
            self.outcomes.setExclusive(True)
            if self.reasons.toPlainText() != checklist.reasons:
                self.reasons.setPlainText(checklist.reasons)
        finally:
            self._filling = False
        self._update_save_button()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for button in self.outcome_buttons.values():
            button.setEnabled(editable)
        self.reasons.setReadOnly(not editable)
        self._update_save_button()

    def saved(self) -> None:
        """The outcome asked for is stored: later re-reads may set the controls again."""
        self._dirty = False

    def _touched(self, *_: object) -> None:
        if not self._filling:
            self._dirty = True
        self._update_save_button()

    def _update_save_button(self) -> None:
        # Nothing to save until approve, return or reject is chosen.
        self.save_outcome.setEnabled(self._editable and self.outcomes.checkedId() >= 0)

    def _save(self) -> None:
        number = self.outcomes.checkedId()
        if number >= 0:
            self.save_requested.emit(list(OUTCOMES)[number], self.reasons.toPlainText().strip())
