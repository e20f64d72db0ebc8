"""Importing from the desktop: drop a bundle on the window or pick it; progress, cancel, problems."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, row_counts
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, ws: Any) -> Any:
    from workstation.ui.main_window import MainWindow

    main = MainWindow(ws, "t")  # before the first user: the set-up mode imports for anyone
    qtbot.addWidget(main)
    main.show()
    return main


def _drop(window: Any, paths: list[Path]) -> tuple[bool, bool]:
    """Drag `paths` over the window and drop them; (enter accepted, drop accepted)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        QPointF(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_bundle_folder_imports_it_and_lists_the_problems(
    qtbot: Any, window: Any, make_bundle: Any
) -> None:
    case = minimal_case()
    case["case"]["documents"] = [
        {"id": "d1", "path": "docs/缺失.pdf", "kind": "evidence", "title": "缺失的材料"}
    ]
    bundle = make_bundle(case)
    dialogs: list[Any] = []
    window.import_bundle = lambda location, real=window.import_bundle: (
        dialogs.append(real(location)) or dialogs[-1]
    )
    assert _drop(window, [bundle]) == (True, True)
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.outcome is not None
    assert dialog.outcome.outcome == "imported"
    assert dialog.close_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    assert dialog.problems.isVisible()
    rows = [dialog.problems.topLevelItem(i) for i in range(dialog.problems.topLevelItemCount())]
    assert any(r.text(1) == "docs/缺失.pdf" for r in rows)
    qtbot.waitUntil(lambda: window.case_table.model().rowCount() == 1)


def test_only_one_folder_or_zip_is_accepted_as_a_drop(window: Any, tmp_path: Path) -> None:
    text = tmp_path / "笔录.txt"
    text.write_text("不是案卷包", encoding="utf-8")
    assert _drop(window, [text]) == (False, False)
    assert _drop(window, [tmp_path, tmp_path]) == (False, False)


def test_cancelling_an_import_keeps_nothing(
    qtbot: Any, window: Any, ws: Any, make_bundle: Any
) -> None:
    bundle = make_bundle()
    before = row_counts(ws)
    started, release = threading.Event(), threading.Event()
    real = ws.import_bundle

    def held(location: Path, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress")

        def report(fraction: float, message: str) -> None:
            progress(fraction, message)
            started.set()
            release.wait(10)  # the dialog's cancel arrives while the import is under way

        return real(location, progress=report, **kwargs)

    ws.import_bundle = held
    dialog = window.import_bundle(bundle)
    qtbot.waitUntil(started.is_set, timeout=30_000)
    dialog.reject()  # Esc: cancels first instead of closing on a running import
    assert dialog.isVisible()
    assert not dialog.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.outcome is None
    assert dialog.close_button.isEnabled()
    counts = row_counts(ws)
    assert counts["cases"] == before["cases"] == 0
    assert counts["evidence_files"] == before["evidence_files"]
    assert window.case_table.model().rowCount() == 0
