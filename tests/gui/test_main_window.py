"""The minimal main window lists the imported cases (offscreen)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import minimal_case

pytestmark = pytest.mark.gui


def test_main_window_lists_imported_cases(qtbot: Any, ws: Any, make_bundle: Any) -> None:
    from workstation.ui.main_window import MainWindow

    ws.import_bundle(make_bundle(), actor="t")
    ws.import_bundle(
        make_bundle(
            minimal_case(
                number="薛市监罚〔2026〕13号",
                title="无证经营案",
                submitted_at="2026-03-11T09:00:00+08:00",
            )
        ),
        actor="t",
    )
    window = MainWindow(ws, "t")
    qtbot.addWidget(window)
    window.show()
    model = window.case_table.model()
    assert model.rowCount() == 2
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert cells[0][:3] == ["C2", "薛市监罚〔2026〕13号", "无证经营案"]  # newest first
    assert cells[1][4:7] == ["行政处罚", "1", "待审核"]
    assert window.empty_hint.isHidden()


def test_main_window_says_when_there_is_nothing(qtbot: Any, ws: Any) -> None:
    from workstation.ui.main_window import MainWindow

    window = MainWindow(ws, "t")
    qtbot.addWidget(window)
    window.show()
    assert window.case_table.model().rowCount() == 0
    assert window.empty_hint.isVisible()
