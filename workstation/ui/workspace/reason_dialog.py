"""ReasonDialog: asks for a written reason (dismissing a finding, a re-review request, …)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """A prompt and a text box; OK stays disabled while a required reason is blank."""

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        required: bool = True,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reason_dialog")
        self._required = required
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("Required") if required else self.tr("Optional"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok_button = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text_edit)
        layout.addWidget(buttons)
        self.text_edit.textChanged.connect(self._update)
        self._update()
        self.resize(420, 220)

    @property
    def reason(self) -> str:
        """The reason as typed, without surrounding blanks."""
        return self.text_edit.toPlainText().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason) or not self._required)

    @staticmethod
    def ask(
        parent: QWidget | None, title: str, prompt: str, *, required: bool = True, text: str = ""
    ) -> str | None:
        """The reason given, or None when the user cancelled."""
        dialog = ReasonDialog(title, prompt, required=required, text=text, parent=parent)
        try:
            return dialog.reason if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
