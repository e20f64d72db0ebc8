"""CiteDialog: which checklist section a new citation goes to, with the reviewer's note."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from workstation.review.checklist import VERDICTS, Checklist

NOTE_LIMIT = 80  # a quoted selection longer than this is cut; the page itself holds the rest


class CiteDialog(QDialog):
    """The eleven sections (with their verdicts) and a note, prefilled with the quoted text."""

    def __init__(
        self,
        checklist: Checklist,
        quote: str = "",
        section: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cite in the checklist"))
        self.setObjectName("cite_dialog")
        self.section = QComboBox()
        for number, view in enumerate(checklist.sections, 1):
            verdict = VERDICTS.get(view.verdict or "")
            text = f"{number}. {view.name}" + (f"（{verdict}）" if verdict else "")
            self.section.addItem(text, view.section)
        if section is not None and (row := self.section.findData(section)) >= 0:
            self.section.setCurrentIndex(row)
        self.note = QLineEdit(_short(quote))
        self.note.setPlaceholderText(self.tr("What this passage shows (optional)"))
        self.note.selectAll()  # typing replaces the quote
        self.locked = QLabel(checklist.locked or "")
        self.locked.setWordWrap(True)
        self.locked.setObjectName("cite_locked")
        self.locked.setStyleSheet("color: #8a5300;")
        self.locked.setVisible(not checklist.editable)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        ok.setEnabled(checklist.editable)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.locked)
        form.addRow(self.tr("Section"), self.section)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(buttons)
        self.resize(440, 160)

    def answer(self) -> tuple[str, str]:
        """(section id, note) as chosen."""
        return str(self.section.currentData()), self.note.text().strip()

    @staticmethod
    def ask(
        parent: QWidget | None, checklist: Checklist, quote: str = "", section: str | None = None
    ) -> tuple[str, str] | None:
        """(section id, note) for the new citation, or None when the user cancelled."""
        dialog = CiteDialog(checklist, quote, section, parent)
        try:
            return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _short(quote: str) -> str:
    """The selected text on one line, cut to NOTE_LIMIT characters."""
    text = re.sub(r"\s+", " ", quote).strip()
    return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"
