"""SectionEditor: the controls of one checklist point — verdict, comment, citation removal.

It only holds the controls; ChecklistPanel fills them from the stored checklist and saves
what the user does with them.
"""

from __future__ import annotations

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

from workstation.review.checklist import VERDICTS


class SectionEditor(QGroupBox):
    """The verdict buttons, the comment box and the citation button of one point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdicts = QButtonGroup(self)
        self.verdicts.setExclusive(True)
        verdict_row = QHBoxLayout()
        self.verdict_buttons: dict[str, QRadioButton] = {}
        for number, (code, label) in enumerate(VERDICTS.items()):
            button = QRadioButton(label)
            button.setObjectName(f"verdict_{code}")
            self.verdicts.addButton(button, number)
            self.verdict_buttons[code] = button
            verdict_row.addWidget(button)
        self.clear_verdict = QPushButton(self.tr("Clear"))
        self.clear_verdict.setToolTip(self.tr("Remove the verdict of this point"))
        verdict_row.addStretch(1)
        verdict_row.addWidget(self.clear_verdict)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("checklist_comment")
        self.comment.setPlaceholderText(self.tr("Comment on this point (saved as you type)"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(110)
        self.remove_citation = QPushButton(self.tr("Remove citation"))
        citation_row = QHBoxLayout()
        hint = QLabel(self.tr("Double-click a citation to open it."))
        hint.setStyleSheet("color: palette(mid);")
        citation_row.addWidget(hint, 1)
        citation_row.addWidget(self.remove_citation)
        layout = QVBoxLayout(self)
        layout.addLayout(verdict_row)
        layout.addWidget(self.comment)
        layout.addLayout(citation_row)

    def focus_order(self) -> list[QWidget]:
        """The controls Tab stops at, in order."""
        return [
            *self.verdict_buttons.values(),
            self.clear_verdict,
            self.comment,
            self.remove_citation,
        ]
