"""RecordingChoice: the case's recordings as a list to tick, at most four at once (the
grid's panes); one that cannot be played is listed greyed with the reason as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workstation.media.sync_group import MAX_PLAYERS
from workstation.recordings.timeline import CaseTimeline
from workstation.timefmt import office_time

KEY_ROLE = Qt.ItemDataRole.UserRole


class RecordingChoice(QListWidget):
    """`choice_changed` says the reviewer ticked or unticked one; what the code ticks
    (`fill`, `choose`) is not announced: the caller acts on it itself."""

    choice_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("media_recordings")
        self.itemChanged.connect(lambda _item: self.choice_changed.emit())

    def fill(self, timeline: CaseTimeline) -> None:
        """List the case's recordings, the first four playable ones ticked."""
        self.blockSignals(True)
        self.clear()
        ticked = 0
        for span in timeline.recordings:
            start, end = office_time(span.start), office_time(span.end)
            text = f"{span.device} · {span.activity_label or ''} · {start:%H:%M:%S}–{end:%H:%M:%S}"
            item = QListWidgetItem(text, self)
            item.setData(KEY_ROLE, span.key)
            if span.playable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                take = ticked < MAX_PLAYERS
                item.setCheckState(Qt.CheckState.Checked if take else Qt.CheckState.Unchecked)
                ticked += int(take)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(span.problem or self.tr("Cannot be played"))
        self.blockSignals(False)

    def chosen_keys(self) -> list[str]:
        """The recordings ticked, in list order (at most four)."""
        keys = []
        for row in range(self.count()):
            item = self.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(str(item.data(KEY_ROLE)))
        return keys[:MAX_PLAYERS]

    def choose(self, key: str) -> bool:
        """Tick `key` (unticking the last when four are ticked); False if it cannot play."""
        item = self._item(key)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        if key in self.chosen_keys():
            return True
        self.blockSignals(True)
        chosen = self.chosen_keys()
        last = self._item(chosen[-1]) if len(chosen) >= MAX_PLAYERS else None
        if last is not None:
            last.setCheckState(Qt.CheckState.Unchecked)
        item.setCheckState(Qt.CheckState.Checked)
        self.blockSignals(False)
        return True

    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        return None
