"""startup: a fresh process to the interactive main window on the demo cases vs a bare window.

Both sides are measured as a parent sees them: from starting a new Python process to the
child reporting its window exposed and the event queue drained. The project side takes the
desktop's own start-up path (workstation/ui/launcher.py): logging, the data folder (database
upgrade check, audit anchor, recovery of interrupted imports), fault log, translation, crash
handler, session marker and the main window with the case list filled. Only the login dialog
is left out: a person types there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

USER = "bench_reviewer"

_READY = """
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
def ready(app, window):
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    print("ready", flush=True)
"""

BARE = (
    _READY
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
ready(app, QMainWindow())
"""
)

PROJECT = (
    _READY
    + """
import sys
from workstation.app import open_workstation
from workstation.logsetup import configure_logging
from workstation.paths import resolve_paths
from workstation.ui.launcher import open_main_window, prepare_application
configure_logging(resolve_paths(sys.argv[1]).log_file)
ws = open_workstation(sys.argv[1])
app, crash_handler = prepare_application(ws)
window, marker = open_main_window(ws, sys.argv[2])
ready(app, window)
assert window.case_list.table.model().rowCount() > 0, "no demo cases shown"
ws.close()
"""
)


def _time_child(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        _out, err = child.communicate(timeout=60)
    if line.strip() != "ready" or child.returncode != 0:
        raise BenchmarkError(f"start-up child failed: {err.strip()[-800:]}")
    return elapsed


@benchmark(
    "startup",
    unit="ms",
    goal=0.4,
    higher_is_better=False,
    summary="new process to the interactive main window on the demo cases vs a new process "
    "showing a bare PySide6 QMainWindow (goal: at most 2.5×)",
)
@contextmanager
def startup_time(options: Options) -> Iterator[Trial]:
    """A demo data folder with one reviewer, prepared once."""
    from workstation.cli import main as cli

    data = options.workdir / "data"
    for argv in (
        [
            "--data-dir",
            str(data),
            "users",
            "add",
            "bench_admin",
            "--name",
            "管理员",
            "--role",
            "administrator",
        ],
        [
            "--data-dir",
            str(data),
            "--user",
            "bench_admin",
            "users",
            "add",
            USER,
            "--name",
            "审核员",
            "--role",
            "reviewer",
        ],
        ["--data-dir", str(data), "--user", "bench_admin", "demo"],
    ):
        if cli(argv) != 0:
            raise BenchmarkError(f"preparing the demo data failed: workstation {' '.join(argv)}")
    _time_child(PROJECT, str(data), USER)  # untimed: byte-compiles and warms the file cache
    _time_child(BARE)
    yield Trial(
        reference=lambda: _time_child(BARE), project=lambda: _time_child(PROJECT, str(data), USER)
    )
