"""文件 → 校验本案 / 核验意见书签名 (issue #13): `verify` and `opinion verify` from the desktop,
in the CLI's words; a damaged file or a forged signature is said, in red."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from review_desk import REVIEWER, Office

from workstation.ui.shell.main_window import MainWindow
from workstation.ui.shell.verification import OpinionCheck

pytestmark = pytest.mark.gui


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Any:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


def _box(qtbot: Any, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "case_verification") is not None, timeout=30_000
    )
    box = window.findChild(QMessageBox, "case_verification")
    assert box is not None
    return box


def test_verify_this_case_says_intact_then_names_a_damaged_file(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    ref = office.bring(tmp_path / "bundle", documents=[])
    window = MainWindow(office.ws, REVIEWER.login)
    qtbot.addWidget(window)
    window.show()
    assert not window.verifications.case_action.isEnabled()  # no case on screen
    workspace = window.open_case(ref)
    assert workspace is not None
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    window.verifications.case_action.trigger()
    box = _box(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Information
    assert "全部完好" in box.text()
    assert "各表与审计记录一致" in box.text()
    box.close()
    box.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "case_verification") is None)

    # A stored file changed behind the program's back.
    stored = next(p for p in (office.ws.store.root).rglob("*") if p.is_file() and len(p.name) == 64)
    stored.chmod(0o600)
    stored.write_bytes(b"changed")
    window.verifications.case_action.trigger()
    box = _box(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "个有问题" in box.text()


def test_a_dropped_docx_without_a_signature_is_said_invalid(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    docx = tmp_path / "意见书.docx"
    docx.write_bytes(b"PK\x03\x04 not really signed")
    dialog = OpinionCheck(office.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(docx))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(drop)
    qtbot.waitUntil(lambda: dialog.answer.text().startswith("签名无效"), timeout=30_000)
    assert "找不到 意见书.docx 的签名" in dialog.answer.text()
    assert "fde8e8" in dialog.answer.styleSheet()  # said in red


def test_the_case_history_shows_state_deadline_chain_and_transitions(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    from workstation.ui.shell.case_history import HistoryDialog

    ref = office.bring(tmp_path / "bundle")
    office.act(ref, "accept", REVIEWER)
    window = MainWindow(office.ws, REVIEWER.login)
    qtbot.addWidget(window)
    window.show()
    assert not window.case_history.action.isEnabled()
    workspace = window.open_case(ref)
    assert workspace is not None
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    assert window.case_history.action.shortcut().toString() == "Ctrl+H"
    window.case_history.action.trigger()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=30_000)
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    shown = dialog.text.toPlainText().splitlines()
    # The same words `workstation workflow` prints.
    from workstation.review.case_record import case_record

    assert shown == case_record(office.ws.workflow, ref, REVIEWER.login).lines()
    assert shown[0] == "状态：审核中"
    assert any(line.startswith("审核期限：") for line in shown)
    assert any(f"审核：{REVIEWER.name}" in line for line in shown)
    assert any(REVIEWER.login in line and "受理" in line for line in shown)
