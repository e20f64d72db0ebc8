"""Shared by the PDF viewer benchmarks: the corpus book, a Qt app, waiting for a painted page."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from benchmarks.registry import BenchmarkError

BOOK = "pdf_pdfjs_freeculture_352p.pdf"
ROOT = Path(__file__).resolve().parent.parent
VIEWER_SIZE = (1000, 800)


def corpus_book() -> Path:
    """The 352-page PDF of the shared corpus ($WORKSTATION_SHARED, else ../shared)."""
    shared = Path(os.environ.get("WORKSTATION_SHARED", ROOT.parent / "shared"))
    book = shared / "corpus" / BOOK
    if not book.is_file():
        raise BenchmarkError(f"the corpus PDF {book} is missing: set WORKSTATION_SHARED")
    return book


def qt_app() -> Any:
    """The QApplication (offscreen unless QT_QPA_PLATFORM says otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def shown_viewer() -> Any:
    """A DocumentViewer, shown and exposed, with no document."""
    from PySide6.QtTest import QTest

    from workstation.ui.viewer import DocumentViewer

    app = qt_app()
    viewer = DocumentViewer()
    viewer.resize(*VIEWER_SIZE)
    viewer.show()
    QTest.qWaitForWindowExposed(viewer)
    app.processEvents()
    return viewer


def wait_until(predicate: Any, what: str, timeout_s: float = 60) -> None:
    """Run the event loop until `predicate()` holds; BenchmarkError after the timeout.

    The loop sleeps between events, as the desktop's does; a 1 ms timer wakes it to look
    again. (`processEvents(flags, ms)` ignores WaitForMoreEvents and spun a whole core,
    which a render worker process then had to share.)
    """
    from PySide6.QtCore import QEventLoop, QTimer

    app = qt_app()
    deadline = time.perf_counter() + timeout_s
    wake = QTimer()
    wake.start(1)
    try:
        while not predicate():
            if time.perf_counter() > deadline:
                raise BenchmarkError(f"timed out waiting for {what}")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()


def painted(viewer: Any, page: int) -> bool:
    """True once the rendered image of 0-based `page` has been painted at the current zoom."""
    view = viewer.pdf_pane.view
    scale = view.zoom * view.devicePixelRatioF()
    return any(key.page == page and abs(key.scale - scale) < 1e-3 for key in view._displayed)
