"""Printing a PDF — the opinion, or a page range of a case document — through Qt's print support.

Every page is drawn by the render worker process, as the viewer draws it (evidence PDFs are
untrusted: MuPDF never runs in this process for them, and the opinion takes the same road, so
there is one printing path), at 300 dpi, and placed on the printer's page (A4 by default)
scaled to fit its printable area, aspect ratio kept. A page image alone would leave a
"print to PDF" copy without text, so when the printer writes a PDF each word the worker
reads off the page is drawn over its image in a transparent pen: invisible, but found by
search and copy. (Only for PDF output: a paper printer's driver might ink a transparent
pen, and paper needs no text layer.) The whole job runs on the worker pool, a page at a time.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from workstation.documents.geometry import rect_to_view, rotated_size
from workstation.documents.print_font import text_layer_font
from workstation.documents.problems import ENCRYPTED, DocumentError
from workstation.documents.remote_pdf import RemotePdfDocument, open_remote_pdf
from workstation.errors import CancelledError, WorkstationError
from workstation.ui.error_dialog import show_error
from workstation.ui.workers import Task, run_task

PRINT_DPI = 300
MAX_SIDE_PX = 6000  # a poster-sized page is drawn coarser rather than as a giant image
MAX_WORDS = 5000  # per page in the text layer: one worker request each
OPINION_NAME = "审核意见书"

PdfSource = Path | bytes
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class PrintRequest:
    """What to print: a PDF, its name (dialog title, messages), its pages, the page on screen."""

    source: PdfSource
    name: str
    page_count: int
    current_page: int | None = None  # 0-based; None: no "current page" choice


def a4_printer() -> QPrinter:
    """A printer set to A4 portrait, at its best resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


# --- printing (any thread) ------------------------------------------------------------------


def print_pdf(
    source: PdfSource,
    printer: QPrinter,
    pages: range | None = None,
    *,
    name: str = "",
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> int:
    """Print `pages` (0-based; None: all) of the PDF on `printer`; the number printed.

    Blocks for the whole job: call it on the worker pool (print_document/print_opinion do).
    """
    family = text_layer_family()
    with _pdf_file(source) as path:
        document = open_remote_pdf(path, name or path.name)
        try:
            if document.needs_password:
                raise DocumentError(
                    f"《{document.name}》有密码保护，无法打印。",
                    problem=ENCRYPTED,
                    path=path,
                )
            wanted = _checked(pages, document.page_count, document.name)
            text_layer = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
            painter = QPainter()
            if not painter.begin(printer):
                raise WorkstationError(
                    f"无法开始打印《{document.name}》：打印机不可用或输出文件无法写入。"
                )
            try:
                for done, index in enumerate(wanted):
                    if cancel is not None and cancel.is_set():
                        raise CancelledError("已取消打印")
                    if done:
                        printer.newPage()
                    _print_page(painter, printer, document, index, family if text_layer else None)
                    if progress is not None:
                        progress((done + 1) / len(wanted), "")
            except BaseException:
                printer.abort()  # a spooler drops the job; no half document on paper
                raise
            finally:
                painter.end()
        finally:
            document.close()
    return len(wanted)


def print_to_pdf(
    out_path: Path,
    source: PdfSource,
    pages: range | None = None,
    *,
    name: str = "",
    cancel: threading.Event | None = None,
) -> int:
    """Print to a PDF file on A4, as Qt's "print to file" does; the number of pages printed.
    A print that fails or is cancelled leaves no file behind."""
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_path))
    try:
        return print_pdf(source, printer, pages, name=name, cancel=cancel)
    except BaseException:
        with contextlib.suppress(OSError):  # the print's own error is the one to report
            out_path.unlink(missing_ok=True)
        raise


def _checked(pages: range | None, count: int, name: str) -> range:
    if pages is None:
        pages = range(count)
    if not pages or pages.step != 1 or pages.start < 0 or pages.stop > count:
        raise WorkstationError(
            f"《{name}》共 {count} 页，无法打印第 {pages.start + 1}–{pages.stop} 页。"
        )
    return pages


def _print_page(
    painter: QPainter,
    printer: QPrinter,
    document: RemotePdfDocument,
    index: int,
    text_family: str | None,
) -> None:
    info = document.pages[index]
    width, height = rotated_size(info.width, info.height, info.rotation)
    # The painter's origin is the printable area's corner; fit the page inside it, centred.
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    room_w, room_h = float(area.width()), float(area.height())
    painter.save()
    if (width > height) != (room_w > room_h):
        # A landscape page on portrait paper (or the reverse) is turned a quarter to fill
        # the sheet, as readers print by default, rather than shrunk to half its size.
        painter.translate(room_w, 0)
        painter.rotate(90)
        room_w, room_h = room_h, room_w
    scale = min(room_w / width, room_h / height)  # device pixels per point
    target = QRectF(
        (room_w - width * scale) / 2,
        (room_h - height * scale) / 2,
        width * scale,
        height * scale,
    )
    zoom = min(PRINT_DPI / 72, scale, MAX_SIDE_PX / max(width, height))
    page = document.render(index, zoom)
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    painter.drawImage(target, image)
    if text_family is not None:
        _draw_text_layer(painter, document, index, target.topLeft(), scale, text_family)
    painter.restore()


def _draw_text_layer(
    painter: QPainter,
    document: RemotePdfDocument,
    index: int,
    origin: QPointF,
    scale: float,
    family: str,
) -> None:
    """Each word of the page, stretched over its box on the image, in a transparent pen."""
    info = document.pages[index]
    size = (info.width, info.height)
    _, words = document.text_in_rect(index, (0.0, 0.0, info.width, info.height))
    font = QFont(family)
    font.setPixelSize(100)
    metrics = QFontMetricsF(font)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0, 0))
    for word in words[:MAX_WORDS]:
        text = " ".join(document.text_in_rect(index, word)[0].split())
        advance = metrics.horizontalAdvance(text)
        if not text or advance <= 0:
            continue
        x0, y0, x1, y1 = rect_to_view(word, size, info.rotation, scale)
        if x1 <= x0 or y1 <= y0:
            continue
        painter.save()
        painter.translate(origin.x() + x0, origin.y() + y0)
        painter.scale((x1 - x0) / advance, (y1 - y0) / metrics.height())
        painter.drawText(QPointF(0, metrics.ascent()), text)
        painter.restore()
    painter.restore()


@cache
def text_layer_family() -> str:
    """The text layer's font family, registered once (call first on the UI thread)."""
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(text_layer_font()))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise WorkstationError("无法载入打印用的中文字体。")
    return families[0]


@contextlib.contextmanager
def _pdf_file(source: PdfSource) -> Iterator[Path]:
    """The PDF as a file the render worker can open (bytes go to a private temporary file)."""
    if isinstance(source, Path):
        yield source
        return
    handle, name = tempfile.mkstemp(prefix="print-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(source)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


# --- the dialog (UI thread) -----------------------------------------------------------------


def ask_printer(parent: QWidget | None, request: PrintRequest) -> tuple[QPrinter, range] | None:
    """The native print dialog for `request`; the printer and pages chosen, or None."""
    printer = a4_printer()
    printer.setDocName(request.name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("Printing", "Print “{0}”").format(request.name)
    )
    options = (
        QAbstractPrintDialog.PrintDialogOption.PrintToFile
        | QAbstractPrintDialog.PrintDialogOption.PrintPageRange
        | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
    )
    if request.current_page is not None:
        options |= QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
    dialog.setOptions(options)
    dialog.setMinMax(1, max(1, request.page_count))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer, chosen_pages(printer, request)


def chosen_pages(printer: QPrinter, request: PrintRequest) -> range:
    """The 0-based pages the dialog's choice names (all, current page, or from–to)."""
    count = request.page_count
    choice = printer.printRange()
    if choice == QPrinter.PrintRange.CurrentPage and request.current_page is not None:
        return range(request.current_page, request.current_page + 1)
    if choice == QPrinter.PrintRange.PageRange:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return range(first - 1, max(first - 1, last))
    return range(count)


def start_print(
    parent: QWidget | None,
    request: PrintRequest,
    on_done: Callable[[int], None] | None = None,
) -> Task | None:
    """Ask for a printer and pages, then print on the worker pool; the task, or None when the
    user cancelled the dialog. Failures are shown in a message box over `parent`."""
    text_layer_family()  # the font registered here, on the UI thread
    chosen = ask_printer(parent, request)
    if chosen is None:
        return None
    printer, pages = chosen
    source, name = request.source, request.name

    def job(progress: Progress, cancel: threading.Event) -> int:
        return print_pdf(source, printer, pages, name=name, cancel=cancel, progress=progress)

    def failed(exc: BaseException) -> None:
        show_error(parent, exc, QCoreApplication.translate("Printing", "Printing failed"))

    return run_task(job, on_finished=on_done, on_failed=failed, context=parent)


def print_opinion(
    parent: QWidget | None,
    pdf: PdfSource,
    *,
    name: str = OPINION_NAME,
    on_done: Callable[[int], None] | None = None,
) -> Task | None:
    """Print the opinion's PDF (as the preview/export lays it out): all pages or a range."""
    return start_print(parent, PrintRequest(pdf, name, page_count(pdf, name)), on_done)


def print_document(
    parent: QWidget | None,
    pdf: PdfSource,
    current_page: int,
    *,
    name: str = "",
    pages: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> Task | None:
    """Print a case document's PDF: all pages, the page on screen (0-based), or a range.
    `pages`: its page count when the viewer knows it (else it is read first)."""
    name = name or (pdf.name if isinstance(pdf, Path) else "")
    count = pages if pages is not None else page_count(pdf, name)
    return start_print(parent, PrintRequest(pdf, name, count, current_page), on_done)


def page_count(source: PdfSource, name: str) -> int:
    """The PDF's page count, read by a render worker (a few milliseconds with a warm one)."""
    with _pdf_file(source) as path:
        document = open_remote_pdf(path, name or path.name)
        try:
            return document.page_count
        finally:
            document.close()
