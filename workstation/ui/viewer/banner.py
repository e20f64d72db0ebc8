"""A warning strip above the document: repaired or damaged files, approximate layouts."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class Banner(QFrame):
    """One or more warning lines on a pale amber background; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerBanner")
        self.setStyleSheet(
            "#viewerBanner { background: #fff4ce; border: 1px solid #e0b400; }"
            " #viewerBanner QLabel { color: #5a4500; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label)
        self.hide()

    def show_lines(self, lines: list[str]) -> None:
        """Show these warnings (none: hide the banner)."""
        self.label.setText("\n".join(lines))
        self.setVisible(bool(lines))

    def text(self) -> str:
        """The warnings shown."""
        return self.label.text() if not self.isHidden() else ""
