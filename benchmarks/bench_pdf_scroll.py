"""pdf_scroll: RSS after scrolling the 352-page corpus PDF end to end vs after showing page 1.

Each measurement is a fresh child process (so no run inherits another's heap): it shows the
viewer, opens the book and waits for page 1 to be painted; the reference child reports its
RSS there. The project child then scrolls one screen at a time to the end, waiting at each
step until every page in sight is painted, and reports its RSS at the end. The goal bounds
the increase (project − reference): the page cache is bounded, so memory must not follow
the number of pages seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.child_process import child_number
from benchmarks.registry import Options, Trial, benchmark
from benchmarks.viewer_support import corpus_book

CHILD = """
import sys
from pathlib import Path
from benchmarks.viewer_support import painted, qt_app, shown_viewer, wait_until

from benchmarks.child_process import rss_mb
book, cache, scroll = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "scroll"
viewer = shown_viewer()
viewer.open_document(book, title="Free Culture", cache_dir=cache)
wait_until(lambda: viewer.shown_kind == "pdf" and painted(viewer, 0), "page 1")
view = viewer.pdf_pane.view
bar = view.verticalScrollBar()
if scroll:
    while True:
        top = bar.value()
        shown = view.layout_.visible(top, top + view.viewport().height())
        wait_until(lambda: all(painted(viewer, p) for p in shown), f"pages {list(shown)}")
        if top >= bar.maximum():
            break
        bar.setValue(min(bar.maximum(), top + bar.pageStep()))
    assert viewer.current_page == viewer.page_count, viewer.current_page
wait_until(lambda: view.renderer.pending == 0, "renders to settle")
qt_app().processEvents()
print(f"{rss_mb():.3f}", flush=True)
"""


def _child_rss(options: Options, mode: str) -> float:
    return child_number(
        CHILD, str(corpus_book()), str(options.workdir), mode, label=f"pdf_scroll ({mode})"
    )


@benchmark(
    "pdf_scroll",
    unit="MB",
    goal=100,
    higher_is_better=False,
    goal_kind="increase",
    summary="RSS of a process that scrolled the 352-page corpus PDF end to end vs one that "
    "showed page 1 (goal: it grows by at most 100 MB)",
)
@contextmanager
def pdf_scroll(options: Options) -> Iterator[Trial]:
    """Children run the viewer; nothing to prepare but the corpus book."""
    corpus_book()
    yield Trial(
        reference=lambda: _child_rss(options, "page1"),
        project=lambda: _child_rss(options, "scroll"),
    )
