"""CueListModel: a transcript's cues as list rows — "00:01:02  刘建国：text" — marked as the
line playing now, a search match, or the match being shown.

The rows are held by Qt (a QStandardItemModel filled once per transcript) so that laying out
and painting thousands of wrapped lines never calls back into Python; only the few rows
whose marks change are touched afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from workstation.media.timecode import format_clock
from workstation.recordings.transcripts import Cue

START_ROLE = Qt.ItemDataRole.UserRole + 1  # the cue's start, media ms

_PLAYING = QBrush(QColor("#cfe6fb"))
_MATCH = QBrush(QColor("#fff1a8"))
_SHOWN_MATCH = QBrush(QColor("#ffc24d"))
_INK = QBrush(QColor("#111111"))  # dark text on the light marks, whatever the theme
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def cue_text(cue: Cue) -> str:
    """00:01:02  刘建国：text (the speaker only when the file names one)."""
    start = format_clock(cue.start_ms, millis=False)
    return f"{start}  {cue.speaker}：{cue.text}" if cue.speaker else f"{start}  {cue.text}"


class CueListModel(QStandardItemModel):
    """One row per cue; the line playing is bold on blue, matches on yellow."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: int | None = None
        self._matches: set[int] = set()
        self._shown_match: int | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_cues(self, cues: Sequence[Cue]) -> None:
        """Show `cues`, with no marks."""
        self._current, self._matches, self._shown_match = None, set(), None
        rows = []
        for cue in cues:
            item = QStandardItem(cue_text(cue))
            item.setData(cue.start_ms, START_ROLE)
            item.setFlags(_FLAGS)
            rows.append(item)
        self.clear()
        if rows:
            self.invisibleRootItem().appendRows(rows)  # one insertion for the view, not one a row

    def set_current(self, row: int | None) -> None:
        """Mark the line playing now (None: between lines)."""
        old, self._current = self._current, row
        self._restyle([old, row])

    def set_matches(self, rows: Iterable[int]) -> None:
        """Mark the lines a search found."""
        old, self._matches = self._matches, set(rows)
        self._restyle(old ^ self._matches)

    def set_current_match(self, row: int | None) -> None:
        """Mark the found line being shown."""
        old, self._shown_match = self._shown_match, row
        self._restyle([old, row])

    def _restyle(self, rows: Iterable[int | None]) -> None:
        for row in rows:
            item = self.item(row) if row is not None else None
            if item is None:
                continue
            if row == self._shown_match:
                brush: QBrush | None = _SHOWN_MATCH
            elif row == self._current:
                brush = _PLAYING
            elif row in self._matches:
                brush = _MATCH
            else:
                brush = None
            item.setData(brush, Qt.ItemDataRole.BackgroundRole)
            item.setData(_INK if brush is not None else None, Qt.ItemDataRole.ForegroundRole)
            item.setData(self._bold if row == self._current else None, Qt.ItemDataRole.FontRole)
