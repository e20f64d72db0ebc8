"""The strip of page thumbnails beside the pages; only the rows in sight are rendered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.ui.viewer.page_cache import PageRenderer, RenderKey, render_key

THUMB_WIDTH = 96  # logical pixels
THUMB_BUDGET = 8 * 1024 * 1024  # ~200 thumbnails
_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    """One row per page: its number, and its small image once rendered."""

    def __init__(self, renderer: PageRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.renderer.rendered.connect(self._on_rendered)
        self._document: RemotePdfDocument | None = None
        self.rotation = 0
        self._placeholder = QImage()

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Show the pages of this document."""
        self.beginResetModel()
        self._document = document
        self.rotation = 0
        self.renderer.set_document(document)
        self.endResetModel()

    def set_rotation(self, rotation: int) -> None:
        """Turn the thumbnails like the pages."""
        self.rotation = rotation % 360
        self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Number of pages."""
        return 0 if parent.isValid() or self._document is None else self._document.page_count

    def key(self, row: int, ratio: float) -> RenderKey:
        """The render key of a page's thumbnail."""
        assert self._document is not None
        info = self._document.pages[row]
        turned = (info.rotation + self.rotation) % 180
        width = info.height if turned else info.width
        return render_key(row, THUMB_WIDTH / max(width, 1.0) * ratio, self.rotation)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The page number; the thumbnail, asking for it to be rendered if needed."""
        if not index.isValid() or self._document is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            key = self.key(row, self.renderer.device_ratio)
            image = self.renderer.cache.get(key)
            if image is None:
                self.renderer.request(key)
                return QColor(Qt.GlobalColor.white)
            return image
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _on_rendered(self, key: RenderKey) -> None:
        index = self.index(key.page)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ThumbnailStrip(QListView):
    """Click a thumbnail to go to its page; follows the page in view."""

    page_clicked = Signal(int)  # 0-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = PageRenderer(THUMB_BUDGET, parent=self)
        self.thumbs = ThumbnailModel(self.renderer, self)
        self.setModel(self.thumbs)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setUniformItemSizes(True)  # no data() call per row to size the list
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        self.setGridSize(QSize(THUMB_WIDTH + 24, round(THUMB_WIDTH * 1.42) + 28))
        self.setMinimumWidth(THUMB_WIDTH + 44)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.clicked.connect(lambda index: self.page_clicked.emit(index.row()))
        self.verticalScrollBar().valueChanged.connect(self._drop_hidden)

    def set_document(self, document: RemotePdfDocument | None) -> None:
        """Show this document's pages."""
        self.renderer.device_ratio = self.devicePixelRatioF()
        self.thumbs.set_document(document)

    def follow(self, page: int) -> None:
        """Select the thumbnail of the page in view and scroll it into sight."""
        index = self.thumbs.index(page)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _drop_hidden(self) -> None:
        """Cancel thumbnails that scrolled away before they were rendered."""
        if self.thumbs.rowCount() == 0:
            return
        first = self.indexAt(self.viewport().rect().topLeft())
        last = self.indexAt(self.viewport().rect().bottomLeft())
        start = first.row() if first.isValid() else 0
        stop = last.row() if last.isValid() else self.thumbs.rowCount() - 1
        ratio = self.renderer.device_ratio
        self.renderer.retain(self.thumbs.key(r, ratio) for r in range(start, stop + 1))
