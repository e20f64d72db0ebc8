"""pdf_open: the 352-page corpus PDF to its first page on screen vs raw PyMuPDF open + render."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.registry import Options, Trial, benchmark
from benchmarks.viewer_support import corpus_book, painted, shown_viewer, wait_until


@benchmark(
    "pdf_open",
    unit="ms",
    goal=1 / 1.5,
    higher_is_better=False,
    summary="DocumentViewer.open_document of the 352-page corpus PDF until page 1 is painted "
    "vs pymupdf.open + get_pixmap of page 1 at the same zoom (goal: at most 1.5×)",
)
@contextmanager
def pdf_open(options: Options) -> Iterator[Trial]:
    """One shown viewer for every run; the zoom is the viewer's fit-width zoom."""
    import pymupdf

    book = corpus_book()
    viewer = shown_viewer()
    cache = options.workdir / "cache"

    def project() -> float:
        start = time.perf_counter()
        viewer.open_document(book, title="Free Culture", cache_dir=cache)
        wait_until(lambda: viewer.shown_kind == "pdf" and painted(viewer, 0), "page 1")
        elapsed = (time.perf_counter() - start) * 1000
        viewer.close_document()
        return elapsed

    project()  # untimed: imports, fonts, the render threads
    view = viewer.pdf_pane.view
    viewer.open_document(book, title="Free Culture", cache_dir=cache)
    wait_until(lambda: painted(viewer, 0), "page 1")
    scale = view.zoom * view.devicePixelRatioF()
    viewer.close_document()

    def reference() -> float:
        start = time.perf_counter()
        document = pymupdf.open(book)
        document[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        elapsed = (time.perf_counter() - start) * 1000
        document.close()
        return elapsed

    reference()
    try:
        yield Trial(reference=reference, project=project)
    finally:
        viewer.close()
        viewer.deleteLater()
