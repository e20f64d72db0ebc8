"""Photos and scans: upright (EXIF orientation applied when decoded), zoom, TIFF pages."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QResizeEvent, QTransform
from PySide6.QtWidgets import QScrollArea, QWidget

from workstation.ui.viewer.pdf_view import MAX_ZOOM, MIN_ZOOM


class ImageCanvas(QWidget):
    """Draws one image scaled and turned; sized to what it draws."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.zoom = 1.0
        self.rotation = 0

    def drawn_size(self) -> tuple[float, float]:
        """Width and height of the image as drawn."""
        width, height = self.image.width() * self.zoom, self.image.height() * self.zoom
        return (height, width) if self.rotation % 180 else (width, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the image, smooth-scaled, turned by the view's rotation."""
        if self.image.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        width, height = self.drawn_size()
        turn = QTransform().translate(width / 2, height / 2).rotate(self.rotation)
        painter.setTransform(turn)
        w, h = self.image.width() * self.zoom, self.image.height() * self.zoom
        painter.drawImage(QRectF(-w / 2, -h / 2, w, h), self.image)
        painter.end()


class ImageView(QScrollArea):
    """One image (or one page of a multi-page TIFF) at a time."""

    current_page_changed = Signal(int)  # 0-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = ImageCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.frames: list[QImage] = []
        self.fit: str | None = "page"
        self._page = 0

    def set_frames(self, frames: list[QImage]) -> None:
        """Show these pages, from the first, fitted to the view."""
        self.frames = frames
        self._page = 0
        self.canvas.rotation = 0
        self.fit = "page"
        self._show()

    @property
    def page_count(self) -> int:
        """Pages (frames) of the image."""
        return len(self.frames)

    @property
    def current_page(self) -> int:
        """The 0-based page shown."""
        return self._page

    @property
    def zoom(self) -> float:
        """Drawn pixels per image pixel."""
        return self.canvas.zoom

    def go_to_page(self, page: int) -> None:
        """Show page `page` (0-based) of a multi-page image."""
        if self.frames and 0 <= page < len(self.frames) and page != self._page:
            self._page = page
            self._show()
            self.current_page_changed.emit(page)

    def zoom_by(self, factor: float) -> None:
        """Zoom in or out; leaves the fit mode."""
        self.fit = None
        self._set_zoom(self.canvas.zoom * factor)

    def fit_width(self) -> None:
        """Scale the image to the width of the view."""
        self.fit = "width"
        self._show()

    def fit_page(self) -> None:
        """Scale the whole image into the view."""
        self.fit = "page"
        self._show()

    def rotate(self, degrees: int = 90) -> None:
        """Turn the image clockwise in the view only."""
        self.canvas.rotation = (self.canvas.rotation + degrees) % 360
        self._show()

    def _show(self) -> None:
        if not self.frames:
            self.canvas.image = QImage()
            self.canvas.resize(0, 0)
            return
        self.canvas.image = self.frames[self._page]
        zoom = self.canvas.zoom
        if self.fit:
            self.canvas.zoom = 1.0
            width, height = self.canvas.drawn_size()
            room = self.viewport().size()
            zoom = (room.width() - 4) / max(width, 1)
            if self.fit == "page":
                zoom = min(zoom, (room.height() - 4) / max(height, 1))
        self._set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        self.canvas.zoom = max(MIN_ZOOM / 4, min(MAX_ZOOM, zoom))
        width, height = self.canvas.drawn_size()
        self.canvas.resize(max(1, round(width)), max(1, round(height)))
        self.canvas.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the fit mode's zoom on resize."""
        super().resizeEvent(event)
        if self.fit:
            self._show()
