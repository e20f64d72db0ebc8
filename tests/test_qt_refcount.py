"""Guards the PySide6 pin: 6.12.0 on Python 3.11 drops a reference to None on every void Qt
call and the interpreter aborts (`none_dealloc`). A fixed version leaves the count alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer
app = QCoreApplication([])
obj, timer = QObject(), QTimer()
before = sys.getrefcount(None)
for i in range(5000):
    obj.setObjectName("x")       # void
    timer.setInterval(i)         # void
    obj.blockSignals(False)
after = sys.getrefcount(None)
print(before, after)
"""


def test_void_qt_calls_do_not_leak_none_references() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    before, after = (int(n) for n in done.stdout.split())
    # A leak of one reference per call would lower the count by ~10,000.
    assert after >= before - 100, (before, after)
