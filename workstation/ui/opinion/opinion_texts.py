"""OpinionTextsForm: one text box per free-text part of the opinion (opening, closing), in
the body face of the printed opinion, with where each part is printed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from workstation.opinion.editing import TEXT_LABELS, TEXT_PLACES

# The GB/T 9704 body face, so the wording looks as it will print.
BODY_FONTS = ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"]
READ_ONLY_STYLE = 'QPlainTextEdit[readOnly="true"] { background: palette(window); }'


class OpinionTextsForm(QWidget):
    """The opinion's free-text parts as text boxes; `typed` when the user changes one."""

    typed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QPlainTextEdit] = {}
        body_font = QFont()
        body_font.setFamilies(BODY_FONTS)
        body_font.setPointSize(13)
        for key, label in TEXT_LABELS.items():
            heading = QLabel(f"<b>{label}</b>　<span style='color:#666'>{TEXT_PLACES[key]}</span>")
            edit = QPlainTextEdit()
            edit.setFont(body_font)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(self.tr("Optional. Several paragraphs: one per line."))
            edit.setStyleSheet(READ_ONLY_STYLE)
            edit.textChanged.connect(self._changed)
            heading.setBuddy(edit)
            layout.addWidget(heading)
            layout.addWidget(edit, 1)
            self.edits[key] = edit
        origin = QLabel(
            self.tr(
                "The other parts of the opinion — the case, the proposed decision, each "
                "section's verdict, comment, findings and citations, the outcome and its "
                "reasons — come from the checklist: change them there."
            )
        )
        origin.setWordWrap(True)
        origin.setStyleSheet("color: #555;")
        layout.addWidget(origin)
        self.set_read_only(True)  # until the opinion is loaded and may be edited

    def texts(self) -> dict[str, str]:
        """Every part as it is on screen."""
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def show_texts(self, texts: dict[str, str], keep: set[str]) -> None:
        """Show stored `texts`, except the parts in `keep` (typing not saved yet); no `typed`."""
        self._quiet = True
        try:
            for key, edit in self.edits.items():
                stored = texts.get(key, "")
                if key not in keep and edit.toPlainText() != stored:
                    edit.setPlainText(stored)
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock every part, and look it (the style sheet keys on the property)."""
        for edit in self.edits.values():
            if edit.isReadOnly() != read_only:
                edit.setReadOnly(read_only)
                edit.style().unpolish(edit)
                edit.style().polish(edit)

    def _changed(self) -> None:
        if not self._quiet:
            self.typed.emit()
