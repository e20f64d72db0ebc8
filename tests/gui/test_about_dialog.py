"""Help → About names the office root's fingerprint (issue #17: shown in the desktop, as the
CLI's `office-root show` prints it), the database and the evidence folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from office_roots import OFFICE, office_root
from review_desk import HEAD, Office

from workstation.ui.shell.about_dialog import AboutDialog
from workstation.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Any:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


def _opened_about(qtbot: Any, window: MainWindow) -> AboutDialog:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None, timeout=20_000)
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    return dialog


def test_about_shows_the_office_root_fingerprint(qtbot: Any, office: Office) -> None:
    window = MainWindow(office.ws, HEAD.login)
    qtbot.addWidget(window)
    dialog = _opened_about(qtbot, window)
    assert "尚未建立办公室根密钥" in dialog.text.text()
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None)

    fingerprint = office_root(office.ws)
    text = _opened_about(qtbot, window).text.text()
    assert f"{OFFICE}\n指纹：{fingerprint}" in text
    assert str(office.data_dir) in text
    assert office.ws.db.shown_url in text
