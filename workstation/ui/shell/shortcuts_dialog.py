"""ShortcutsDialog: 帮助→快捷键, every shortcut the window offers, grouped by where it works."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ShortcutList = list[tuple[str, str]]  # (key sequence in native text, what it does)


def action_shortcuts(actions: list[QAction]) -> ShortcutList:
    """The (keys, description) pairs of the actions that have a shortcut."""
    pairs = []
    for action in actions:
        keys = action.shortcuts()
        if keys:
            text = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            pairs.append((text, _plain(action.text())))
    return pairs


def _plain(menu_text: str) -> str:
    """A menu text without its mnemonic ("导入案卷包(&I)…" → "导入案卷包")."""
    return re.sub(r"\(&\w\)", "", menu_text).replace("&", "").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    """A read-only table of shortcuts; `groups` maps a group title to its pairs."""

    def __init__(self, groups: dict[str, ShortcutList], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for title, pairs in groups.items():
            group = QTreeWidgetItem(self.table, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for keys, description in pairs:
                QTreeWidgetItem(group, [keys, description])
            group.setExpanded(True)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def listed(self) -> list[tuple[str, str]]:
        """Every (keys, description) row shown, for tests and screenshots."""
        rows = []
        for i in range(self.table.topLevelItemCount()):
            group = self.table.topLevelItem(i)
            assert group is not None
            for j in range(group.childCount()):
                row = group.child(j)
                assert row is not None
                rows.append((row.text(0), row.text(1)))
        return rows
