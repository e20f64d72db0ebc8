"""Draws the frame a player handed over, or says why there is none (无录像, an error)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class VideoView(QWidget):
    """The picture, scaled to fit with its aspect kept, on black; or a centred message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """A 16:9 picture of a useful size."""
        return QSize(480, 270)

    def show_frame(self, image: QImage) -> None:
        """Show a frame (it replaces any message)."""
        self._image, self._message = image, ""
        self.update()

    def show_message(self, text: str) -> None:
        """Drop the frame and show a message instead (never a stale picture)."""
        self._image, self._message = None, text
        self.update()

    def image(self) -> QImage | None:
        """The frame on screen, if any."""
        return self._image

    def message(self) -> str:
        """The message on screen, if any."""
        return self._message

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Black background, the picture fitted in the middle or the message."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
        elif self._message:
            painter.setPen(QColor("#d0d0d0"))
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
        painter.end()
