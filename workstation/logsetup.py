"""Logging to a rotating file in the log folder; nothing of it goes to the terminal."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


def configure_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to `log_file` (5 × 2 MiB); returns the file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_workstation", False):
            root.removeHandler(handler)
            handler.close()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2 * 1024**2, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._workstation = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per start is noise
    return log_file
