"""Shared by the media tests: barcode clips made once per run, and reading what is shown."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QImage

from workstation.demo.barcode_clip import read_number


def shown_number(image: QImage) -> int | None:
    """The frame number burnt into a shown picture (None: not a readable barcode)."""
    return read_number(lambda x, y: image.pixelColor(x, y).value(), image.width(), image.height())


@dataclass
class FrameLog:
    """Every frame a player showed: its barcode number and the time the engine gave."""

    numbers: list[int | None] = field(default_factory=list)
    times: list[int] = field(default_factory=list)
    sizes: list[tuple[int, int]] = field(default_factory=list)

    def record(self, image: QImage, ms: int) -> None:
        self.numbers.append(shown_number(image))
        self.times.append(ms)
        self.sizes.append((image.width(), image.height()))

    def clear(self) -> None:
        self.numbers.clear()
        self.times.clear()
        self.sizes.clear()

    @property
    def last(self) -> int | None:
        return self.numbers[-1] if self.numbers else None


def spin_until(condition, timeout_s: float) -> bool:  # noqa: ANN001 - a test helper
    """Run the event loop until `condition()` holds; False when the time ran out."""
    end = time.monotonic() + timeout_s
    app = QCoreApplication.instance()
    assert app is not None
    while not condition():
        if time.monotonic() > end:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def settle(seconds: float) -> None:
    """Let the event loop run for a while (a player may still deliver a later frame)."""
    spin_until(lambda: False, seconds)


def on_screen(qtbot, widget, width: int, height: int) -> None:  # noqa: ANN001 - a test helper
    """Show `widget` at `width`×`height`, closed after the test, and wait until it is exposed."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
