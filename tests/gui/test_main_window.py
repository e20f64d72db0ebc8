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
    assert model.index(0, 0).data(model.ReferenceRole) == "C2"  # newest first
    assert cells[0][:2] == ["薛市监罚〔2026〕13号", "无证经营案"]
    assert (cells[1][3], cells[1][5]) == ("行政处罚", "待审核")
    assert window.case_list.empty_hint.isHidden()


def test_main_window_says_when_there_is_nothing(qtbot: Any, ws: Any) -> None:
    from workstation.ui.main_window import MainWindow

    window = MainWindow(ws, "t")
    qtbot.addWidget(window)
    window.show()
    assert window.case_table.model().rowCount() == 0
    assert window.case_list.empty_hint.isVisible()
