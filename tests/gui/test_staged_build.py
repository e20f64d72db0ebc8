"""Opening a window in stages: parts one per turn, reads one at a time, boxes that keep a small
change inside a dock from laying out (and repainting) the whole window."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_parts_are_built_one_per_turn_in_order_and_at_once_when_asked_for(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel, QWidget

    from workstation.ui.workspace.part_box import PartBox
    from workstation.ui.workspace.staged_build import StagedBuild

    window = QWidget()
    qtbot.addWidget(window)
    box = PartBox(parent=window)
    built: list[str] = []

    def part(name: str) -> Any:
        def build() -> QLabel:
            built.append(name)
            return QLabel(name)

        return build

    parts = StagedBuild(window)
    for name in ("a", "b", "c"):
        parts.add(name, box, part(name))
    parts.start()
    assert built == []  # nothing in the turn that set it up
    label = parts.get("c")  # asked for early: built now, still placed after a and b
    assert built == ["c"]
    assert label.text() == "c"
    with qtbot.waitSignal(parts.finished):
        pass
    assert built == ["c", "a", "b"]
    assert parts.done
    column = [box.column.itemAt(i).widget().text() for i in range(box.column.count())]
    assert column == ["a", "b", "c"]


def test_reads_start_one_at_a_time_each_after_the_one_before(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from workstation.ui.workspace.staged_build import ReadQueue

    owner = QWidget()
    qtbot.addWidget(owner)
    queue = ReadQueue(owner)
    started: list[str] = []
    queue.start([lambda: started.append("contents"), lambda: started.append("checklist")])
    assert started == ["contents"]
    assert queue.waiting
    qtbot.wait(3 * ReadQueue.GAP_MS)
    assert started == ["contents"]  # nothing more until the first one is done
    queue.next()
    qtbot.waitUntil(lambda: started == ["contents", "checklist"])
    assert not queue.waiting


def test_a_change_inside_a_dock_stays_there_unless_it_no_longer_fits(qtbot: Any) -> None:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTextEdit

    from workstation.ui.workspace.part_box import PartBox

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QTextEdit())
    label = QLabel("短")
    dock = QDockWidget("dock", window)
    dock.setWidget(PartBox(label))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    window.resizeDocks([dock], [300], Qt.Orientation.Horizontal)
    qtbot.wait(50)

    class LayoutRequests(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    requests = LayoutRequests()
    window.installEventFilter(requests)
    label.setText("稍长一点的文字")  # fits in the dock as it is
    qtbot.wait(50)
    assert requests.count == 0  # the window did not lay itself out again
    assert label.width() >= label.sizeHint().width()

    label.setMinimumWidth(dock.width() + 150)  # no longer fits: the window makes room
    qtbot.waitUntil(lambda: dock.width() >= label.minimumWidth())
    assert requests.count > 0
