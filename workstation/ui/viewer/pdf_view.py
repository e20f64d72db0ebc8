"""The continuous page view of a PDF: only the pages in sight are drawn and rendered.

One scroll area paints every page itself (no widget per page), from images rendered off
the UI thread; search hits, the text selection and a cited rectangle are drawn over them.
Dragging on a page reports the rectangle in unrotated PDF points (`area_dragged`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from workstation.documents.geometry import Rect, rect_from_view, rect_to_view
from workstation.documents.pages import PageInfo
from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.ui.viewer.page_cache import PageRenderer, RenderKey, render_key
from workstation.ui.viewer.page_layout import GAP, PageLayout

log = logging.getLogger(__name__)

MIN_ZOOM, MAX_ZOOM = 0.1, 8.0  # logical pixels per point
ZOOM_STEP = 1.25
LOOK_AHEAD = (1, 2)  # pages rendered before / after the visible ones
_HIT = QColor(255, 210, 0, 110)
_CURRENT_HIT = QColor(255, 120, 0, 150)
_SELECTION = QColor(40, 110, 230, 80)
_CITATION = QColor(220, 40, 40)


class PdfView(QAbstractScrollArea):
    """Pages of one PDF, scrolled continuously; zoom, fit, rotate and overlays."""

    current_page_changed = Signal(int)  # 0-based
    page_displayed = Signal(int)  # 0-based: its rendered image was painted
    area_dragged = Signal(int, object)  # 0-based page, Rect in unrotated points
    zoom_changed = Signal(float)
    selection_cleared = Signal()  # a click on the pages dropped the text selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = PageRenderer(parent=self)
        self.renderer.rendered.connect(self._on_rendered)
        self.renderer.render_failed.connect(lambda *_: self.viewport().update())
        self._pages: list[PageInfo] = []
        self.zoom = 1.0
        self.rotation = 0
        self.fit: str | None = "width"  # width | page | None (a chosen zoom)
        self.layout_ = PageLayout([], 1.0, 0, 0)
        self._current = 0
        self._displayed: set[RenderKey] = set()
        self.hits: dict[int, list[Rect]] = {}
        self.current_hit: tuple[int, Rect] | None = None
        self.selection: tuple[int, list[Rect]] | None = None
        self.citation: tuple[int, Rect | None] | None = None
        self._drag: tuple[int, QPointF, QPointF] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(False)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.viewport().update())

    # --- document --------------------------------------------------------------------

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Show this document from its first page (None: show nothing)."""
        self.renderer.set_document(document)
        self._pages = list(document.pages) if document is not None else []
        self.hits, self.current_hit, self.selection, self.citation = {}, None, None, None
        self._displayed.clear()
        self._current = 0
        self.rotation = 0
        self._relayout(keep_position=False)
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    @property
    def page_count(self) -> int:
        """Pages of the document shown."""
        return len(self._pages)

    @property
    def current_page(self) -> int:
        """The 0-based page in view (the one at the upper part of the viewport)."""
        return self._current

    # --- zoom, rotation, navigation ----------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        """Show pages at `zoom` logical pixels per point; leaves the fit modes."""
        self.fit = None
        self._apply_zoom(zoom)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out from the current zoom."""
        self.set_zoom(self.zoom * factor)

    def fit_width(self) -> None:
        """Zoom so the current page fills the width of the view (kept on resize)."""
        self.fit = "width"
        self._apply_zoom(self._fit_zoom())

    def fit_page(self) -> None:
        """Zoom so the whole current page is in view (kept on resize)."""
        self.fit = "page"
        self._apply_zoom(self._fit_zoom())

    def rotate(self, degrees: int = 90) -> None:
        """Turn every page clockwise in the view only; the file is never changed."""
        self.rotation = (self.rotation + degrees) % 360
        if self.fit:
            self.zoom = self._fit_zoom()
        self._relayout()

    def go_to_page(self, page: int, y_offset: float = 0.0) -> None:
        """Scroll so page `page` (0-based) starts at the top, or `y_offset` pixels into it."""
        if not self._pages:
            return
        page = max(0, min(page, len(self._pages) - 1))
        box = self.layout_.boxes[page]
        self.verticalScrollBar().setValue(round(box.y - GAP + y_offset))
        self._set_current(page)

    def reveal(self, page: int, rect: Rect) -> None:
        """Scroll so `rect` (unrotated points) on `page` is in view, centred when possible."""
        x0, y0, x1, y1 = self._to_strip(page, rect)
        self.verticalScrollBar().setValue(round((y0 + y1) / 2 - self.viewport().height() / 2))
        self.horizontalScrollBar().setValue(round((x0 + x1) / 2 - self.viewport().width() / 2))
        self._set_current(page)

    # --- overlays ----------------------------------------------------------------------

    def set_hits(self, hits: dict[int, list[Rect]], current: tuple[int, Rect] | None) -> None:
        """Search hits to highlight (by 0-based page) and the one that is current."""
        self.hits, self.current_hit = hits, current
        self.viewport().update()

    def set_selection(self, page: int, boxes: list[Rect]) -> None:
        """Highlight selected words (unrotated points) on `page`; empty list clears it."""
        self.selection = (page, boxes) if boxes else None
        self.viewport().update()

    def show_citation(self, page: int, rect: Rect | None) -> None:
        """Go to a cited page (0-based) and outline the cited rectangle if there is one."""
        self.citation = (page, rect)
        if rect is None:
            self.go_to_page(page)
        else:
            self.reveal(page, rect)
        self.viewport().update()

    # --- layout and painting -------------------------------------------------------------

    def _fit_zoom(self) -> float:
        if not self._pages:
            return self.zoom
        page = self._current
        unit = PageLayout(self._pages[page : page + 1], 1.0, self.rotation, 0).page_size(0)
        width = max(50, self.viewport().width() - 2 * GAP) / unit[0]
        if self.fit == "page":
            return min(width, max(50, self.viewport().height() - 2 * GAP) / unit[1])
        return width

    def _apply_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if abs(zoom - self.zoom) < 1e-6:
            return
        self.zoom = zoom
        self._relayout()
        self.zoom_changed.emit(zoom)

    def _relayout(self, keep_position: bool = True) -> None:
        anchor = self._anchor() if keep_position and self.layout_.boxes else None
        self.layout_ = PageLayout(self._pages, self.zoom, self.rotation, self.viewport().width())
        viewport = self.viewport()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(0, round(self.layout_.height - viewport.height())))
        vbar.setPageStep(viewport.height())
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, round(self.layout_.width - viewport.width())))
        hbar.setPageStep(viewport.width())
        hbar.setSingleStep(40)
        if anchor is not None:
            page, fraction = anchor
            box = self.layout_.boxes[page]
            vbar.setValue(round(box.y + fraction * box.height))
        viewport.update()

    def _anchor(self) -> tuple[int, float]:
        top = self.verticalScrollBar().value()
        page = min(self.layout_.page_at_y(top), len(self._pages) - 1)
        box = self.layout_.boxes[page]
        return page, (top - box.y) / box.height if box.height else 0.0

    def _scale(self) -> float:
        return self.zoom * self.devicePixelRatioF()

    def _wanted(self) -> list[RenderKey]:
        top = self.verticalScrollBar().value()
        shown = self.layout_.visible(top, top + self.viewport().height())
        if not shown:
            return []
        before, after = LOOK_AHEAD
        pages = list(shown) + [
            p
            for p in [
                *range(shown.stop, shown.stop + after),
                *range(shown.start - before, shown.start),
            ]
            if 0 <= p < len(self._pages)
        ]
        scale = self._scale()
        return [render_key(p, scale, self.rotation) for p in pages]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the visible pages, then ask for the ones not rendered yet."""
        if not self._pages:
            return
        self.renderer.device_ratio = self.devicePixelRatioF()
        wanted = self._wanted()
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().dark())
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        failed = self.renderer.failed_pages()
        top = -dy
        for page in self.layout_.visible(top, top + self.viewport().height()):
            box = self.layout_.boxes[page]
            target = QRectF(box.x + dx, box.y + dy, box.width, box.height)
            painter.fillRect(target, Qt.GlobalColor.white)
            key = render_key(page, self._scale(), self.rotation)
            image = self.renderer.cache.get(key)
            if image is not None:
                painter.drawImage(target, image)
                if key not in self._displayed:
                    self._displayed.add(key)
                    self.page_displayed.emit(page)
            else:
                fallback = self.renderer.cache.any_for_page(page)
                if fallback is not None and self._same_turn(fallback, target):
                    painter.drawImage(target, fallback)
                elif page in failed:
                    painter.drawText(
                        target, Qt.AlignmentFlag.AlignCenter, self.tr("Page cannot be shown")
                    )
            self._paint_overlays(painter, page, QPointF(box.x + dx, box.y + dy))
        self._paint_drag(painter, dx, dy)
        painter.end()
        if not self._displayed:
            # Nothing of this document is on screen yet: its first page alone, so that no
            # other render (MuPDF keeps the GIL while it draws) holds up painting it.
            wanted = wanted[:1]
        for key in wanted:
            self.renderer.request(key)
        self.renderer.retain(wanted)

    @staticmethod
    def _same_turn(image: QImage, target: QRectF) -> bool:
        """True if an image at another zoom has the target's orientation (not sideways)."""
        return (image.width() >= image.height()) == (target.width() >= target.height())

    def _paint_overlays(self, painter: QPainter, page: int, origin: QPointF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for rect in self.hits.get(page, ()):
            current = self.current_hit is not None and self.current_hit == (page, rect)
            painter.fillRect(self._view_rect(page, rect, origin), _CURRENT_HIT if current else _HIT)
        if self.selection is not None and self.selection[0] == page:
            for rect in self.selection[1]:
                painter.fillRect(self._view_rect(page, rect, origin), _SELECTION)
        if self.citation is not None and self.citation[0] == page and self.citation[1]:
            area = self._view_rect(page, self.citation[1], origin)
            painter.fillRect(area, QColor(220, 40, 40, 40))
            painter.setPen(QPen(_CITATION, 2))
            painter.drawRect(area)

    def _paint_drag(self, painter: QPainter, dx: float, dy: float) -> None:
        if self._drag is None:
            return
        _, start, end = self._drag
        painter.setPen(QPen(QColor(40, 110, 230), 1, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(40, 110, 230, 40))
        painter.drawRect(QRectF(start, end).normalized().translated(dx, dy))

    def _view_rect(self, page: int, rect: Rect, origin: QPointF) -> QRectF:
        info = self._pages[page]
        x0, y0, x1, y1 = rect_to_view(
            rect, (info.width, info.height), self.layout_.turn(page), self.zoom
        )
        return QRectF(origin.x() + x0, origin.y() + y0, x1 - x0, y1 - y0)

    def _to_strip(self, page: int, rect: Rect) -> Rect:
        box = self.layout_.boxes[page]
        area = self._view_rect(page, rect, QPointF(box.x, box.y))
        return (area.left(), area.top(), area.right(), area.bottom())

    # --- events ----------------------------------------------------------------------------

    def _on_rendered(self, key: RenderKey) -> None:
        if key.scale_milli == render_key(0, self._scale(), 0).scale_milli:
            self.viewport().update()

    def _on_scrolled(self, _value: int) -> None:
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        page = self.layout_.page_at_y(top + height / 4)
        if top >= self.verticalScrollBar().maximum() > 0:
            page = len(self._pages) - 1 if self.layout_.boxes[-1].y < top + height / 2 else page
        self._set_current(page)
        self.viewport().update()

    def _set_current(self, page: int) -> None:
        if page != self._current and 0 <= page < len(self._pages):
            self._current = page
            self.current_page_changed.emit(page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the fit mode's zoom and the scroll ranges right for the new size."""
        super().resizeEvent(event)
        if self.fit and self._pages:
            self.zoom = self._fit_zoom()
        self._relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl + wheel zooms; the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Start dragging a rectangle on the page under the pointer."""
        if event.button() != Qt.MouseButton.LeftButton or not self._pages:
            return super().mousePressEvent(event)
        point = self._strip_point(event.position())
        page = self.layout_.page_at(point.x(), point.y())
        self._drag = (page, point, point) if page is not None else None
        if self.selection is not None:
            self.set_selection(0, [])
            self.selection_cleared.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Stretch the rectangle, kept inside its page."""
        if self._drag is None:
            return super().mouseMoveEvent(event)
        page, start, _ = self._drag
        box = self.layout_.boxes[page]
        point = self._strip_point(event.position())
        point.setX(max(box.x, min(point.x(), box.x + box.width)))
        point.setY(max(box.y, min(point.y(), box.y + box.height)))
        self._drag = (page, start, point)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Report the dragged rectangle in unrotated page points."""
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        self.mouseMoveEvent(event)
        page, start, end = self._drag
        self._drag = None
        self.viewport().update()
        if abs(end.x() - start.x()) < 3 or abs(end.y() - start.y()) < 3:
            return None  # a click, not a drag
        box = self.layout_.boxes[page]
        info = self._pages[page]
        pixels = (start.x() - box.x, start.y() - box.y, end.x() - box.x, end.y() - box.y)
        rect = rect_from_view(pixels, (info.width, info.height), self.layout_.turn(page), self.zoom)
        self.area_dragged.emit(page, rect)
        return None

    def _strip_point(self, position: QPointF) -> QPointF:
        return QPointF(
            position.x() + self.horizontalScrollBar().value(),
            position.y() + self.verticalScrollBar().value(),
        )
