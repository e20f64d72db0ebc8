"""case_list: first paint of the case list with 50,000 cases vs with 1,000; case_list_rss: the
resident memory of a process showing the one vs the other.

**Data.** Two data folders under the office pack cn-xuecheng-2017, filled directly through
SQL by `tests/case_list_rows.py` (importing 50,000 bundles would take hours and the list
reads only these rows): per case the case row, one version with its manifest's evidence row,
one or two parties, two officers, three events; accepted cases a review row with one of five
reviewers (a fifth of those under review extended) and a transition; re-reviews and
negotiations their restart transition. States as in an office that has used the workstation
for years (60 % approved, ~23 % pending, submitted within the last 12 days; the rest over two
years). One folder holds 1,000 cases, the other 50,000 (same generator, same seed).

**case_list** (ms, goal ratio ≥ 1/1.5). The same process, both folders open, one untimed
paint of each first (imports, fonts, SQL statement caches). Timed: building
`CaseListView(ws, "wang")`, 1200 × 700, `show()`, `grab()` (paints every visible cell, which
asks the model for each one) and the events that follow — the count, the first page of 100
rows with deadlines and "major", the widths of the columns. The reference is that with 1,000
cases, the project with 50,000: ratio = reference / project.

**case_list_rss** (MB, goal: grows by ≤ 20 MB). Each measurement is a fresh child process
(no run inherits another's heap) that opens the folder, shows the list as above and prints
its resident set size (/proc/self/statm; elsewhere the peak). Reference: 1,000 cases;
project: 50,000. The goal bounds project − reference: memory follows the rows shown, not the
rows stored.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.child_process import child_number
from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

ROOT = Path(__file__).resolve().parent.parent
ROWS_MODULE = ROOT / "tests" / "case_list_rows.py"
PACK = "cn-xuecheng-2017"
NOW = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)  # every side sees the same "today"
SMALL, LARGE = 1_000, 50_000
VIEW_SIZE = (1200, 700)
LOGIN = "wang"

CHILD = """
import sys
from benchmarks.bench_case_list import NOW, paint_once, qt_app
from benchmarks.child_process import rss_mb
from workstation.app import open_workstation

ws = open_workstation(sys.argv[1], clock=lambda: NOW)
app = qt_app()
view = paint_once(ws)
print(f"{rss_mb():.3f}", flush=True)
"""


def _rows_module() -> ModuleType:
    """tests/case_list_rows.py: the generator the case list's tests use."""
    spec = importlib.util.spec_from_file_location("_case_list_rows", ROWS_MODULE)
    if spec is None or spec.loader is None:
        raise BenchmarkError(f"cannot load the case generator from {ROWS_MODULE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def qt_app() -> Any:
    """The QApplication (offscreen unless QT_QPA_PLATFORM says otherwise), Chinese UI."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from workstation.ui.i18n import install_translations

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        install_translations(app)
    return app


def paint_once(ws: Any) -> Any:
    """Build, show and paint the case list; the view (still shown)."""
    from workstation.ui.case_list.case_list_view import CaseListView

    app = qt_app()
    view = CaseListView(ws, LOGIN)
    view.resize(*VIEW_SIZE)
    view.show()
    view.grab()
    app.processEvents()
    if view.table.model().rowCount() == 0:
        raise BenchmarkError("the case list showed no rows")
    return view


def _offices(options: Options) -> dict[int, Path]:
    """Both data folders, filled once per benchmark run."""
    rows = _rows_module()
    folders = {}
    for count in (SMALL, LARGE):
        folder = options.workdir / f"cases-{count}"
        if not folder.exists():
            started = time.perf_counter()
            ws = rows.open_office(folder, PACK, lambda: NOW)
            try:
                ids = list(rows.staff_ids(ws).values())
                rows.add_cases(ws.db, count, now=NOW, reviewer_ids=ids, seed=7)
            finally:
                ws.close()
            print(
                f"  case_list: {count:,} cases written in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
                flush=True,
            )
        folders[count] = folder
    return folders


def _timed_paint(ws: Any) -> float:
    app = qt_app()
    gc.collect()
    started = time.perf_counter()
    view = paint_once(ws)
    elapsed = (time.perf_counter() - started) * 1000
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed


@benchmark(
    "case_list",
    unit="ms",
    goal=0.667,  # 1 / 1.5
    higher_is_better=False,
    summary="first paint of the case list view with 50,000 cases vs with 1,000 "
    "(goal: at most 1.5x)",
)
@contextmanager
def case_list(options: Options) -> Iterator[Trial]:
    """Both folders open in this process; one untimed paint of each first."""
    from workstation.app import open_workstation

    folders = _offices(options)
    small = open_workstation(folders[SMALL], clock=lambda: NOW)
    large = open_workstation(folders[LARGE], clock=lambda: NOW)
    try:
        _timed_paint(small)
        _timed_paint(large)
        yield Trial(reference=lambda: _timed_paint(small), project=lambda: _timed_paint(large))
    finally:
        small.close()
        large.close()


def _child_rss(folder: Path) -> float:
    return child_number(CHILD, str(folder), label="case_list_rss")


@benchmark(
    "case_list_rss",
    unit="MB",
    goal=20,
    higher_is_better=False,
    goal_kind="increase",
    summary="RSS of a process showing the case list of 50,000 cases vs of 1,000 "
    "(goal: it grows by at most 20 MB)",
)
@contextmanager
def case_list_rss(options: Options) -> Iterator[Trial]:
    """Children show the list; the folders are the ones `case_list` uses."""
    folders = _offices(options)
    yield Trial(
        reference=lambda: _child_rss(folders[SMALL]),
        project=lambda: _child_rss(folders[LARGE]),
    )
