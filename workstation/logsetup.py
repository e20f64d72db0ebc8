"""Logging to a rotating file in the log folder; nothing of it goes to the terminal.

`configure_logging` is called first thing at every start (CLI and desktop). The desktop also
calls `enable_fault_log`: a crash inside native code (Qt, PyMuPDF, libVLC) kills the process
before any Python handler runs, and faulthandler still writes the Python stacks to a file.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
from pathlib import Path
from typing import IO

from workstation.durable import keep_private, make_private_dirs, private_opener
from workstation.redact import redact

log = logging.getLogger(__name__)

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
        make_private_dirs(log_file.parent)
        tightened = keep_private(log_file.parent)
        handler = _PrivateRotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(_MaskingFormatter(_FORMAT))
    handler._workstation = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per start is noise
    _state["log_file"] = log_file
    if tightened:
        log.warning("the log folder %s was open to other accounts; now private", log_file.parent)
    return log_file


class _MaskingFormatter(logging.Formatter):
    """Masks ID and mobile numbers in the whole line, tracebacks included: an exception's
    message may quote a party's field, and logs are mailed to IT."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are 0600: records name users, cases and parties. Each file the rotation
    starts is created so; one left readable by an older version is tightened on opening."""

    def _open(self) -> io.TextIOWrapper:
        stream = open(  # noqa: SIM115 - the handler owns and closes it
            self.baseFilename,
            "a",  # what RotatingFileHandler asks for whenever it rotates
            encoding=self.encoding,
            errors=self.errors,
            opener=private_opener,
        )
        keep_private(Path(self.baseFilename))
        return stream


def current_log_file() -> Path | None:
    """The file `configure_logging` set up last, if any (for error reports)."""
    return _state["log_file"]


def enable_fault_log(log_dir: Path) -> Path | None:
    """Have faulthandler append native-crash stacks to `log_dir/faults.log`."""
    target = log_dir / FAULT_LOG
    try:
        make_private_dirs(log_dir)
        handle = open(target, "a", encoding="utf-8", opener=private_opener)  # noqa: SIM115
        keep_private(target)
    except OSError:
        return None
    faulthandler.enable(handle, all_threads=True)
    for old in _fault_file:
        old.close()  # only now: faulthandler no longer writes to it
    _fault_file[:] = [handle]
    return target
