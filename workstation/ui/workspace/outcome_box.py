"""OutcomeBox: the checklist's outcome (approve, return or reject) with its reasons.

Saved as every other field is: choosing an outcome asks for a save at once, typed reasons
after a short pause, when the box loses focus and when it is hidden (`save_requested`). The
owner stores it and calls `saved()` (or `refused()`, after which the box shows what is
stored again): between two reads the box never shows more than one pause of unsaved typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workstation.review.checklist import Checklist
from workstation.review.workflow_rules import OUTCOMES


class OutcomeBox(QGroupBox):
    """The outcome chosen and its reasons, saved as they change."""

    save_requested = Signal(str, str)  # outcome code, reasons (stripped)

    SAVE_DELAY_MS = 600

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Outcome"))
        self._filling = False  # the box itself is setting the controls
        self._dirty = False  # the user changed outcome or reasons since the last save
        self._editable = False
        self._stored: tuple[str | None, str] = (None, "")
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
        self.outcomes.idClicked.connect(self._chosen)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("outcome_reasons")
        self.reasons.setPlaceholderText(
            self.tr("Reasons (required to return or reject; saved as you type)")
        )
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMaximumHeight(90)
        self.reasons.textChanged.connect(self._typed)
        self.seen: int | None = None
        self.reasons.installEventFilter(self)
        self.outcome_state = QLabel()
        self.outcome_state.setObjectName("outcome_state")
        self.outcome_state.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        layout = QVBoxLayout(self)
        layout.addLayout(outcome_row)
        layout.addWidget(self.reasons)
        layout.addWidget(self.outcome_state)
        self.set_editable(False)

    # --- public API ----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the box holds a change not saved yet."""
        return self._dirty

    def shown(self) -> tuple[str | None, str]:
        """The outcome code (None: none chosen) and reasons the user sees now."""
        number = self.outcomes.checkedId()
        code = list(OUTCOMES)[number] if number >= 0 else None
        return code, self.reasons.toPlainText().strip()

    def focus_order(self) -> list[QWidget]:
        """The controls Tab stops at, in order."""
        return [*self.outcome_buttons.values(), self.reasons]

    def show_checklist(self, checklist: Checklist) -> None:
        """Show the stored outcome; a change not saved yet stays until it is."""
        self._stored = (checklist.outcome, checklist.reasons)
        self._say_stored()
        if self._dirty:
            return
        self.seen = checklist.outcome_seen  # the change shown: what a save says it saw
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

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for button in self.outcome_buttons.values():
            button.setEnabled(editable)
        self.reasons.setReadOnly(not editable)

    def take_change(self) -> tuple[str, str] | None:
        """The change to save now (outcome code, reasons), if there is one; the owner then
        answers `saved()` or `refused()`."""
        self._timer.stop()
        code, reasons = self.shown()
        if not self._dirty or not self._editable or code is None:
            return None
        return code, reasons

    def flush(self) -> None:
        """Ask for the change to be saved now (`save_requested`), if there is one."""
        change = self.take_change()
        if change is not None:
            self.save_requested.emit(*change)

    def saved(self) -> None:
        """The change asked for is stored: later reads set the controls again."""
        self._dirty = False
        self._say_stored()

    def refused(self) -> None:
        """The change was refused: the next read puts back what is stored."""
        self._dirty = False
        self._timer.stop()

    # --- events --------------------------------------------------------------------------

    def _chosen(self, _number: int) -> None:
        if self._filling:
            return
        self._dirty = True
        self.flush()  # a choice is saved at once, like a verdict

    def _typed(self) -> None:
        if self._filling or not self._editable:
            return
        self._dirty = True
        if self.outcomes.checkedId() < 0:
            self.outcome_state.setText(self.tr("Choose an outcome to save the reasons"))
            return
        self.outcome_state.setText(self.tr("Not saved yet…"))
        self._timer.start()

    def _say_stored(self) -> None:
        outcome, _reasons = self._stored
        stored = OUTCOMES.get(outcome or "")
        self.outcome_state.setText(
            self.tr("Saved: {0}").format(stored) if stored else self.tr("No outcome yet")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.reasons and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.flush()  # closing the case keeps what was typed
        super().hideEvent(event)
