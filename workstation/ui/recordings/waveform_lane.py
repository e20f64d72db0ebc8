"""The sound of a recording as a strip of peaks under the picture; a click seeks there."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class WaveformLane(QWidget):
    """Peaks (0–1) spread over the recording's duration, with a playhead."""

    seek_requested = Signal(int)  # media ms
    wanted_changed = Signal(bool)  # whether the lane is to show (its peaks are worth reading)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._peaks: list[float] = []
        self._duration = -1
        self._position = 0
        self._wanted = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Sound; click to go there"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """A thin strip."""
        return QSize(300, 36)

    def set_peaks(self, peaks: list[float]) -> None:
        """The peaks to draw (empty: the recording has no sound)."""
        self._peaks = list(peaks)
        self._show_if_due()
        self.update()

    @property
    def wanted(self) -> bool:
        """Whether the lane may show at all."""
        return self._wanted

    def set_wanted(self, wanted: bool) -> None:
        """Whether the lane may show at all (a grid shows only the heard recording's)."""
        if wanted != self._wanted:
            self._wanted = wanted
            self.wanted_changed.emit(wanted)
        self._show_if_due()

    def _show_if_due(self) -> None:
        self.setVisible(self._wanted and (bool(self._peaks) or self._duration > 0))

    def set_duration(self, ms: int) -> None:
        """The recording's length, which the lane's width stands for."""
        self._duration = ms
        self.update()

    def set_position(self, ms: int) -> None:
        """Move the playhead."""
        self._position = ms
        self.update()

    def time_at(self, x: int) -> int | None:
        """The media time under a horizontal position, None while the length is unknown."""
        if self._duration <= 0 or self.width() <= 0:
            return None
        return round(min(max(x, 0), self.width()) * self._duration / self.width())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A left click asks to seek to that moment."""
        ms = self.time_at(round(event.position().x()))
        if ms is not None and event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(ms)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Bars of the peaks around the middle line, and the playhead in red."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202428"))
        middle, width = self.height() / 2, self.width()
        if self._peaks and width > 0:
            painter.setPen(QColor("#5fb3d9"))
            count = len(self._peaks)
            for x in range(width):
                first = x * count // width
                last = max(first + 1, (x + 1) * count // width)
                peak = max(self._peaks[first:last])
                half = peak * (middle - 1)
                painter.drawLine(x, round(middle - half), x, round(middle + half))
        if self._duration > 0:
            x = round(self._position * width / self._duration)
            painter.setPen(QColor("#e04040"))
            painter.drawLine(x, 0, x, self.height())
        painter.end()
