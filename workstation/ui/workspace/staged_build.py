"""Opening a window in stages: its parts built one per turn of the event loop (StagedBuild),
then its data read one piece at a time (ReadQueue).

Building a panel and Qt's first layout and paint of it each hold the UI thread; one part per
turn keeps every turn short, so the window answers input and paints between parts. A part
asked for before its turn is built there and then, so callers never see a missing part.
A reading thread competes with the UI thread for the Python interpreter, which makes every
Python call Qt makes while laying out and painting wait; reading one piece at a time, each
after the last one is on screen, keeps the two apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workstation.ui.workspace.part_box import PartBox


@dataclass
class _Stage:
    name: str
    holder: PartBox  # the box the part goes into
    build: Callable[[], QWidget]
    stretch: int


class StagedBuild(QObject):
    """Parts added with `add()` are built in order, one per turn, once `start()` is called."""

    part_built = Signal(QWidget)  # a part is built and in its box
    finished = Signal()  # every part is built

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stages: list[_Stage] = []
        self._parts: dict[str, QWidget] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # the next turn: input and paints queued meanwhile go first
        self._timer.timeout.connect(self._build_next)

    def add(
        self, name: str, holder: PartBox, build: Callable[[], QWidget], stretch: int = 0
    ) -> None:
        """Build `name` with `build()` in its turn and put it into `holder`'s column."""
        self._stages.append(_Stage(name, holder, build, stretch))

    def start(self) -> None:
        """Begin building, one part per turn."""
        self._timer.start()

    def stop(self) -> None:
        """Build nothing more unless asked for (the window is going away)."""
        self._timer.stop()

    @property
    def done(self) -> bool:
        """Whether every part is built."""
        return len(self._parts) == len(self._stages)

    def is_built(self, name: str) -> bool:
        """Whether part `name` exists yet."""
        return name in self._parts

    def get(self, name: str) -> QWidget:
        """Part `name`, built now if its turn has not come yet."""
        if name not in self._parts:
            self._build(next(s for s in self._stages if s.name == name))
        return self._parts[name]

    def _build_next(self) -> None:
        stage = next((s for s in self._stages if s.name not in self._parts), None)
        if stage is not None:
            self._build(stage)
        if not self.done:
            self._timer.start()

    def _build(self, stage: _Stage) -> None:
        widget = self._parts[stage.name] = stage.build()
        column = stage.holder.column
        column.insertWidget(self._place(stage, column), widget, stage.stretch)
        self.part_built.emit(widget)
        if self.done:
            self.finished.emit()

    def _place(self, stage: _Stage, layout: QVBoxLayout) -> int:
        """Where in its box a part goes: parts sharing a box keep the order they were added
        in, whichever is built first."""
        siblings = [s for s in self._stages if s.holder is stage.holder]
        mine = siblings.index(stage)
        earlier = [s.name for s in siblings[:mine] if s.name in self._parts]
        if earlier:
            return layout.indexOf(self._parts[earlier[-1]]) + 1
        later = [s.name for s in siblings[mine + 1 :] if s.name in self._parts]
        return layout.indexOf(self._parts[later[0]]) if later else -1


class ReadQueue(QObject):
    """Reads started one at a time: `next()` (when the one under way has been shown) starts
    the following one a moment later, once the window has laid out and painted its answer
    (a few passes of the event loop, which a thread reading meanwhile would slow down)."""

    GAP_MS = 40

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.GAP_MS)
        self._timer.timeout.connect(self._start_one)

    @property
    def waiting(self) -> bool:
        """Whether reads are still to be started."""
        return bool(self._reads)

    def start(self, reads: list[Callable[[], None]]) -> None:
        """Start the first of `reads` now, the others one after another."""
        self._reads = list(reads)
        self._start_one()

    def next(self) -> None:
        """The read under way is done and shown: the next one starts shortly."""
        if self._reads:
            self._timer.start()

    def stop(self) -> None:
        """Start no more reads."""
        self._reads.clear()
        self._timer.stop()

    def _start_one(self) -> None:
        if self._reads:
            self._reads.pop(0)()
