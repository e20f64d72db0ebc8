"""What long work takes to report progress and to be cancelled: the one type and the one
check every import, export, verification, conversion and waveform uses."""

from __future__ import annotations

import threading
from collections.abc import Callable

from workstation.errors import CancelledError

# progress(fraction 0–1, what is being done now, in Chinese)
Progress = Callable[[float, str], None]
Cancel = threading.Event


def stop_if_cancelled(cancel: Cancel | None, message: str = "已取消") -> None:
    """Raise CancelledError with `message` (what was, or was not, kept) once cancel is set."""
    if cancel is not None and cancel.is_set():
        raise CancelledError(message)
