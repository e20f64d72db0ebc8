"""OpinionPreview: the opinion as it will print, kept up to date while the reviewer types.

With LibreOffice (found by workstation/documents/libreoffice.py) the draft is converted to PDF and its
pages are shown as images; without it, or when the conversion fails, a rich-text rendering
of the same DOCX paragraphs (workstation/opinion/preview.py) with a note saying so. All the
work — reading the case, rendering the DOCX, LibreOffice, rasterising pages — runs on the
worker pool, one preview at a time: requests are debounced, and those made while a preview
is being made are folded into the next one, so the newest request supersedes older ones.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import weakref
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workstation.documents.remote_pdf import open_remote_pdf
from workstation.errors import CancelledError, ConfigError, StorageError
from workstation.opinion.preview import Paragraph, docx_paragraphs, opinion_html
from workstation.services import Workstation
from workstation.ui.error_dialog import error_text
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)

PAGE_ZOOM = 1.25  # 595 pt A4 width → about 740 px: legible beside the editor


@dataclass(frozen=True)
class PdfPages:
    """A preview laid out by LibreOffice: the PDF and its pages as images."""

    path: Path
    pages: list[QImage]
    ratio: float  # device pixels per logical pixel the pages were drawn for


@dataclass(frozen=True)
class TextLayout:
    """A preview without LibreOffice: the paragraphs, and why the PDF path was not taken."""

    paragraphs: list[Paragraph]
    conversion_error: str | None  # LibreOffice is there but failed; None: it is absent


class OpinionPreview(QWidget):
    """The live preview of one case's opinion; `request()` asks for a fresh one."""

    rendered = Signal()  # a new preview is on screen
    failed = Signal(str)  # the preview could not be made; the message is shown too

    DEBOUNCE_MS = 500

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = workstation, reference, login
        self.mode: str | None = None  # "pdf" or "text" once something is shown
        self.pdf_path: Path | None = None
        self.page_images: list[QImage] = []
        self._texts: dict[str, str] | None = None
        self._requested = 0  # requests made
        self._shown = 0  # the newest request whose preview is on screen (or failed)
        self._tasks: list[Task] = []  # the preview being made (at most one)
        scratch = tempfile.TemporaryDirectory(prefix="opinion-preview-", ignore_cleanup_errors=True)
        self._scratch = Path(scratch.name)
        weakref.finalize(self, scratch.cleanup)
        # A preview still converting when the widget goes away is stopped, not left running.
        self.destroyed.connect(partial(_cancel_all, self._tasks))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QWidget()
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        self._page_labels: list[QLabel] = []
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.pages)
        self.page_area.setWidgetResizable(True)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(36)
        # Lines as long as the printed page's: 28 characters of 16 pt (GB/T 9704).
        self.browser.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.browser.setLineWrapColumnOrWidth(round(28 * 16 * self.logicalDpiX() / 72))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page_area)
        self.stack.addWidget(self.browser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

    # --- public API ------------------------------------------------------------------------

    def request(self, texts: dict[str, str] | None = None) -> None:
        """Show the opinion with these (possibly unsaved) free-text parts, shortly."""
        self._texts = dict(texts) if texts else None
        self._requested += 1
        self._timer.start()
        self.status.setText(self.tr("Updating the preview…"))

    def stop(self) -> None:
        """Drop what is asked for and cancel the preview being made (e.g. before closing)."""
        self._requested += 1
        self._shown = self._requested  # anything still under way is out of date
        self._timer.stop()
        _cancel_all(self._tasks)

    def busy(self) -> bool:
        """Whether a preview is waiting or being made."""
        return self._timer.isActive() or bool(self._tasks) or self._shown < self._requested

    # --- work ------------------------------------------------------------------------------

    # One preview is made at a time, for the newest request; requests made meanwhile are
    # folded into the next one. While the reviewer types, the preview so follows every
    # couple of seconds (a conversion's time) instead of restarting LibreOffice per pause.
    def _start(self) -> None:
        if self._tasks or self._shown >= self._requested:
            return  # `_finished` starts the next one
        generation = self._requested
        ws, reference, login, texts = self._ws, self._reference, self._login, self._texts
        out = self._scratch / f"preview-{generation}.pdf"
        ratio = self.devicePixelRatioF()

        def job(_progress: Any, cancel: threading.Event) -> PdfPages | TextLayout:
            return _make_preview(ws, reference, login, texts, out, ratio, cancel)

        task = run_task(
            job,
            on_finished=lambda result: self._finished(generation, result),
            on_failed=lambda exc: self._finished(generation, exc),
            on_cancelled=lambda: self._finished(generation, None),
            context=self,
        )
        self._tasks.append(task)

    def _finished(
        self, generation: int, result: PdfPages | TextLayout | BaseException | None
    ) -> None:
        self._tasks.clear()
        if generation > self._shown:
            self._shown = generation
            if isinstance(result, BaseException):
                self._failed(result)
            elif result is not None:
                self._show(result)
        if not self._timer.isActive():
            self._start()  # what was asked for meanwhile

    def _show(self, result: PdfPages | TextLayout) -> None:
        if isinstance(result, PdfPages):
            self._show_pages(result)
        else:
            self._show_text(result)
        self.rendered.emit()

    def _show_pages(self, result: PdfPages) -> None:
        old = self.pdf_path
        self.mode, self.pdf_path, self.page_images = "pdf", result.path, result.pages
        if old is not None and old != result.path:
            old.unlink(missing_ok=True)
        while len(self._page_labels) < len(result.pages):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._pages_layout.addWidget(label)
            self._page_labels.append(label)
        for index, label in enumerate(self._page_labels):
            if index < len(result.pages):
                label.setAccessibleName(self.tr("Page {0}").format(index + 1))
                label.show()
            else:
                label.hide()
        self._ratio = result.ratio
        self._fit_pages()
        self.stack.setCurrentWidget(self.page_area)
        self.status.setText(
            self.tr("Print preview (LibreOffice), %n page(s)", "", len(result.pages))
        )

    def _fit_pages(self) -> None:
        """Scale the page images to the pane's width: a whole page line is always in view."""
        if not self.page_images:
            return
        ratio = getattr(self, "_ratio", 1.0)
        room = max(200, self.page_area.viewport().width() - 24) * ratio
        for label, image in zip(self._page_labels, self.page_images, strict=False):
            fitted = (
                image
                if image.width() <= room
                else image.scaledToWidth(int(room), Qt.TransformationMode.SmoothTransformation)
            )
            pixmap = QPixmap.fromImage(fitted)
            pixmap.setDevicePixelRatio(ratio)  # sharp on high-DPI screens
            label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.mode == "pdf":
            self._fit_pages()

    def _show_text(self, result: TextLayout) -> None:
        if result.conversion_error:
            note = self.tr(
                "LibreOffice could not lay out the document ({0}). This preview shows its text "
                "and headings; page breaks may differ from the printed opinion."
            ).format(result.conversion_error)
        else:
            note = self.tr(
                "LibreOffice is not installed on this computer: this preview shows the text and "
                "headings of the opinion, but the exact page layout needs LibreOffice."
            )
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(opinion_html(result.paragraphs, note))
        self.browser.verticalScrollBar().setValue(scroll)  # keep the reader's place
        self.mode = "text"
        self.stack.setCurrentWidget(self.browser)
        self.status.setText(self.tr("Text preview (without LibreOffice)"))

    def _failed(self, exc: BaseException) -> None:
        message = error_text(exc)
        self.status.setText(self.tr("No preview: {0}").format(message))
        self.failed.emit(message)


def _cancel_all(tasks: list[Task], *_: Any) -> None:
    for task in tasks:
        task.cancel()


def _make_preview(
    ws: Workstation,
    reference: str,
    login: str,
    texts: dict[str, str] | None,
    out: Path,
    ratio: float,
    cancel: threading.Event,
) -> PdfPages | TextLayout:
    """On the worker pool: the PDF pages, or the text layout when LibreOffice is absent or
    fails on this document."""
    conversion_error = None
    if ws.opinions.pdf_problem() is None:
        try:
            path = ws.opinions.preview(reference, login, out, texts, cancel=cancel)
        except ConfigError:
            pass  # LibreOffice went away meanwhile: the text layout says so
        except StorageError as exc:
            conversion_error = exc.message
        else:
            return PdfPages(path, _rasterise(path, PAGE_ZOOM * ratio, cancel), ratio)
    paragraphs = docx_paragraphs(ws.opinions.document(reference, login, texts))
    return TextLayout(paragraphs, conversion_error)


def _rasterise(path: Path, zoom: float, cancel: threading.Event) -> list[QImage]:
    """Every page of the PDF as an image (QImage, unlike QPixmap, may be made off the UI
    thread). Drawn in a render worker process, as evidence is: MuPDF keeps the GIL while it
    draws, which in this process would stall the window for every page."""
    images = []
    document = open_remote_pdf(path, "审核意见书预览")
    try:
        for index in range(document.page_count):
            if cancel.is_set():
                raise CancelledError("已取消预览")
            page = document.render(index, zoom)
            image = QImage(
                page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888
            )
            images.append(image.copy())  # own the pixels: `page` goes away
    finally:
        document.close()
    return images
