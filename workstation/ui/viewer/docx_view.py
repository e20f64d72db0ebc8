"""A DOCX read without LibreOffice: its text, tables and pictures, with a note saying so."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from workstation.documents.docx_html import DocxRendering

MAX_IMAGE_WIDTH = 800  # pictures wider than this are shown scaled to it


def decode_images(rendering: DocxRendering) -> dict[str, QImage]:
    """The rendering's pictures as images (call it off the UI thread: decoding takes time)."""
    images: dict[str, QImage] = {}
    for name, blob in rendering.images.items():
        image = QImage.fromData(blob)
        if not image.isNull():
            if image.width() > MAX_IMAGE_WIDTH:
                image = image.scaledToWidth(MAX_IMAGE_WIDTH)
            images[name] = image
    return images


class DocxView(QWidget):
    """The readable rendering of a DOCX in a text browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5a4500; background: #fff4ce; padding: 4px;")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addWidget(self.browser, 1)

    def show_rendering(self, html: str, images: dict[str, QImage], note: str) -> None:
        """Show the document's HTML with its (already decoded) pictures, under `note`."""
        document = QTextDocument(self.browser)
        for name, image in images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        document.setHtml(html)
        self.browser.setDocument(document)
        self.note.setText(note)

    def text(self) -> str:
        """The plain text shown."""
        return self.browser.toPlainText()
