"""startup: a fresh process to the interactive main window on the demo cases vs a bare window.

Both sides are measured as a parent sees them: from starting a new Python process to the
child reporting its window exposed, the event queue drained and (project) the demo cases
in the list. The project side takes the desktop's own start-up path
(workstation/ui/shell/launcher.py): logging, the data folder (`begin_opening`: settings, database
revision check), fault log, translation, crash handler and the main window with the newest
cases. The services (database layer, audit anchor, recovery of interrupted imports, session
marker, the cases' deadlines) load on a worker thread once the window is up, as they do
while a person logs in; the child waits for them after reporting, untimed, and checks the
list then has its deadlines. Only the login dialog is left out: a person types there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.demo_office import REVIEWER, demo_office
from benchmarks.registry import BenchmarkError, Options, Trial, benchmark

USER = REVIEWER

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

PROJECT = """
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import sys
from workstation.app import begin_opening
from workstation.logsetup import configure_logging
from workstation.paths import resolve_paths
from workstation.ui.shell.launcher import open_main_window, prepare_application
configure_logging(resolve_paths(sys.argv[1]).log_file)
opening = begin_opening(sys.argv[1])
app, crash_handler = prepare_application(opening)
window, session = open_main_window(opening, sys.argv[2])
model = window.case_list.table.model()
def cases_shown():
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    return model.rowCount() > 0
assert cases_shown(), "no demo cases shown"
print("ready", flush=True)
# Untimed: the services arrive and the rows get their deadlines; then a clean exit. (An event
# loop, not QTest.qWait, which keeps the interpreter from the worker while it waits.)
from PySide6.QtCore import QEventLoop, QTimer
loop = QEventLoop()
model.completed.connect(loop.quit)
model.failed.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
if model.loading:
    loop.exec()
assert window.workstation is not None and not model.provisional, "the list never completed"
assert any(model.case_at(r).due_status for r in range(model.rowCount())), "no deadlines"
session.close()
window.close()
opening.close()
"""


def _time_child(code: str, *args: str, pycache: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # Both sides run from byte code, as an installed program does (pip compiles it): the
    # first, untimed run of each writes it here even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
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
    goal=1 / 1.5,
    higher_is_better=False,
    summary="new process to the interactive main window on the demo cases vs a new process "
    "showing a bare PySide6 QMainWindow (goal: at most 1.5×)",
)
@contextmanager
def startup_time(options: Options) -> Iterator[Trial]:
    """The demo office under the demo's rule pack as `make run` sets it up (so the completed
    list has deadlines), prepared once; its reviewer starts the desktop."""
    data = options.workdir / "data"
    demo_office(data).close()
    pycache = options.workdir / "pycache"
    _time_child(PROJECT, str(data), USER, pycache=pycache)  # untimed: byte code, file cache
    _time_child(BARE, pycache=pycache)
    yield Trial(
        reference=lambda: _time_child(BARE, pycache=pycache),
        project=lambda: _time_child(PROJECT, str(data), USER, pycache=pycache),
    )
