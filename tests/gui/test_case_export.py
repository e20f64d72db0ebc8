"""文件 → 导出案卷包 / 导出审核档案 (issue #13): the case on screen exported from the desktop by
those who may, through the services the CLI uses; greyed out with the reason for others."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from PySide6.QtWidgets import QMessageBox
from review_desk import HEAD, REVIEWER, Office

from workstation.ui.shell import case_export
from workstation.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Any:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


def _window_on_case(qtbot: Any, office: Office, login: str, ref: str) -> MainWindow:
    window = MainWindow(office.ws, login)
    qtbot.addWidget(window)
    window.show()
    workspace = window.open_case(ref)
    assert workspace is not None
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    return window


def test_a_head_exports_the_bundle_and_the_review_dossier(
    qtbot: Any, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = office.bring(tmp_path / "bundle")
    office.act(ref, "accept", REVIEWER)
    office.ws.review.set_comment(ref, "facts", "事实清楚", REVIEWER.login)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(case_export, "save_file", lambda *_a: tmp_path / "out.zip")
    monkeypatch.setattr(case_export, "open_folder", lambda *_a: tmp_path)
    window = _window_on_case(qtbot, office, HEAD.login, ref)
    export = window.case_export
    assert export.bundle_action.isEnabled()
    assert export.dossier_action.isEnabled()
    assert window.quit_action in export.bundle_action.associatedObjects()[-1].actions()

    export.bundle_action.trigger()
    qtbot.waitUntil(lambda: len(said) == 1, timeout=30_000)
    assert said[0] == f"已导出案卷包：{tmp_path / 'out.zip'}"
    with zipfile.ZipFile(tmp_path / "out.zip") as bundle:
        assert "case.json" in bundle.namelist()

    export.dossier_action.trigger()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=30_000)
    folder = tmp_path / "薛市监罚〔2026〕12号 审核档案"
    assert said[1].startswith(f"已导出审核档案：{folder}（")
    report = office.ws.verify_dossier(folder)
    assert report.intact
    assert "事实清楚" in (folder / "审核要点.txt").read_text(encoding="utf-8")


def test_a_reviewer_sees_the_dossier_refused_with_the_reason(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    ref = office.bring(tmp_path / "bundle")
    window = _window_on_case(qtbot, office, REVIEWER.login, ref)
    export = window.case_export
    assert export.bundle_action.isEnabled()  # a reviewer may export the bundle as received
    assert not export.dossier_action.isEnabled()  # the dossier carries the audit trail
    assert REVIEWER.name in export.dossier_action.toolTip()
    window.show_case_list()
    assert not export.bundle_action.isEnabled()  # no case on screen
