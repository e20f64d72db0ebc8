"""Terminal output helpers for the CLI: a progress bar and tables that align Chinese text."""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from typing import Any, TextIO


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Columns aligned by display width, two spaces apart."""
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self._last = 0.0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.enabled and self._last:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

    def update(self, fraction: float, message: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        filled = int(self.WIDTH * max(0.0, min(fraction, 1.0)))
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        text = message if display_width(message) <= 50 else message[:24] + "…"
        self.stream.write(f"\r\x1b[2K{bar} {fraction * 100:5.1f}% {text}")
        self.stream.flush()


def print_json(data: Any) -> None:
    """What a --json option prints: the data, indented, Chinese as it is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
