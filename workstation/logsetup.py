"""Logging to a rotating file in the log folder; nothing of it goes to the terminal.

`configure_logging` is called first thing at every start (CLI and desktop). The desktop also
calls `enable_fault_log`: a crash inside native code (Qt, PyMuPDF, libVLC) kills the process
before any Python handler runs, and faulthandler still writes the Python stacks to a file.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import IO

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s]: %(message)s"
MAX_BYTES, BACKUPS = 2 * 1024**2, 5
FAULT_LOG = "faults.log"

_state: dict[str, Path | None] = {"log_file": None}
_fault_file: list[IO[str]] = []  # must stay open for as long as faulthandler may write


def configure_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to `log_file` (5 × 2 MiB); returns the file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_workstation", False):
            root.removeHandler(handler)
            handler.close()
    _state["log_file"] = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._workstation = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per start is noise
    _state["log_file"] = log_file
    return log_file


def current_log_file() -> Path | None:
    """The file `configure_logging` set up last, if any (for error reports)."""
    return _state["log_file"]


def enable_fault_log(log_dir: Path) -> Path | None:
    """Have faulthandler append native-crash stacks to `log_dir/faults.log`."""
    target = log_dir / FAULT_LOG
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handle = target.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(handle, all_threads=True)
    for old in _fault_file:
        old.close()  # only now: faulthandler no longer writes to it
    _fault_file[:] = [handle]
    return target
