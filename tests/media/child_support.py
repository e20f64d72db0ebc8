"""Shared by the media tests' child scripts (run as programs, beside this file)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop


def spin(condition: Callable[[], object], seconds: float) -> bool:
    """Run the event loop until `condition()` holds or `seconds` pass; whether it holds."""
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return bool(condition())
