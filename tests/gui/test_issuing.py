"""What the reviewer sees is what is issued (issue 21), performed in the real window on the
demo office: the issue button refuses an unfinished review, an outcome changed and not yet
saved is issued as shown (never the old one), closing the tab keeps the reasons typed, the
draft export carries no number and a 草稿 mark, and a clerk cannot take the draft away."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from checklist_steps import finish_checklist
from modal_dialogs import DialogAnswer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from workstation.opinion.draft_mark import HEADER_MARK
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.gui

REVIEWER, HEAD, CLERK = "zhaomin", "chenjian", "sunli"
SLOW = 60_000


@pytest.fixture
def office(ws: Any, demo_root: Path, tmp_path: Path) -> Any:
    """The demo office with the food case imported by the clerk and accepted for review."""
    from workstation.demo.accounts import add_demo_accounts

    add_demo_accounts(ws)
    bundle = tmp_path / "food"
    shutil.copytree(next(demo_root.glob("demo-01-*")), bundle)
    ws.import_bundle(bundle, actor=CLERK)
    ws.workflow.act("C1", "accept", REVIEWER)
    return ws


def open_workspace(qtbot: Any, ws: Any, login: str) -> tuple[Any, Any]:
    from workstation.ui.shell.main_window import MainWindow

    window = MainWindow(ws, login)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    workspace = window.open_case("C1")
    assert workspace is not None
    qtbot.waitUntil(lambda: not workspace.loading, timeout=SLOW)
    return window, workspace


def stored(ws: Any) -> tuple[str | None, str]:
    checklist = ws.review.checklist("C1", REVIEWER)
    return checklist.outcome, checklist.reasons


def issue_confirmed(qtbot: Any, workspace: Any) -> list[str]:
    """Click 出具审核意见, confirm, wait for the case to move; the confirmation's text."""
    actions = workspace.actions_bar
    texts: list[str] = []

    def confirm(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    answer = DialogAnswer(confirm, wanted=QMessageBox)
    with qtbot.waitSignal(actions.changed, timeout=SLOW):
        qtbot.mouseClick(actions.buttons["issue_opinion"], Qt.MouseButton.LeftButton)
    answer.check()
    return texts


def test_nothing_reviewed_cannot_be_issued_and_the_button_says_why(qtbot: Any, office: Any) -> None:
    office.review.set_outcome("C1", "approve", "", REVIEWER)
    _window, workspace = open_workspace(qtbot, office, REVIEWER)
    issue = workspace.actions_bar.buttons["issue_opinion"]
    assert "0/11" in workspace.checklist.progress_label.text()
    assert not issue.isEnabled()
    assert issue.toolTip().startswith("尚有 11 项审核要点未填写结论")
    workspace.actions_bar.trigger("issue_opinion")  # the shortcut path: refused the same way
    assert office.workflow.state("C1", REVIEWER) == "under_review"


def test_an_outcome_changed_and_not_waited_for_is_issued_as_shown(qtbot: Any, office: Any) -> None:
    finish_checklist(office, "C1", REVIEWER)
    office.review.set_outcome("C1", "return", "旧的理由", REVIEWER)
    _window, workspace = open_workspace(qtbot, office, REVIEWER)
    panel = workspace.checklist
    qtbot.waitUntil(lambda: panel.outcome_buttons["return"].isChecked(), timeout=SLOW)

    qtbot.mouseClick(panel.outcome_buttons["reject"], Qt.MouseButton.LeftButton)
    panel.reasons.selectAll()
    panel.reasons.insertPlainText("主要证据不足，不同意作出处罚决定。")  # typed, no pause
    assert stored(office)[1] == "旧的理由"  # not saved yet: the pause has not passed
    workspace.actions_bar.refresh()
    qtbot.waitUntil(
        lambda: workspace.actions_bar.buttons["issue_opinion"].isEnabled(), timeout=SLOW
    )

    [confirmation] = issue_confirmed(qtbot, workspace)
    assert "审核结论：不同意" in confirmation
    assert "主要证据不足，不同意作出处罚决定。" in confirmation
    assert office.workflow.state("C1", REVIEWER) == "opinion_issued"
    assert stored(office) == ("reject", "主要证据不足，不同意作出处罚决定。")
    with office.db.session() as session:
        [opinion] = session.scalars(select(Opinion)).all()
        assert opinion.outcome == "reject"
    qtbot.waitUntil(lambda: panel.reasons.isReadOnly(), timeout=SLOW)
    assert panel.outcome_buttons["reject"].isChecked()


def test_closing_the_tab_right_after_typing_keeps_the_reasons(qtbot: Any, office: Any) -> None:
    office.review.set_outcome("C1", "return", "旧的理由", REVIEWER)
    window, workspace = open_workspace(qtbot, office, REVIEWER)
    panel = workspace.checklist
    qtbot.waitUntil(lambda: panel.outcome_buttons["return"].isChecked(), timeout=SLOW)
    panel.reasons.setFocus()
    panel.reasons.selectAll()
    panel.reasons.insertPlainText("请补充抽样检验报告原件。")
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert "C1" not in window.workspaces
    assert stored(office) == ("return", "请补充抽样检验报告原件。")


def test_the_draft_export_has_no_number_and_is_marked_draft(
    qtbot: Any, office: Any, tmp_path: Path
) -> None:
    finish_checklist(office, "C1", REVIEWER)
    office.review.set_outcome("C1", "return", "请补正。", REVIEWER)
    _window, workspace = open_workspace(qtbot, office, REVIEWER)
    editor = workspace.opinion
    qtbot.waitUntil(lambda: editor.view is not None, timeout=SLOW)
    assert "（文号待定）" in editor.state_label.text()
    out = tmp_path / "意见书.docx"
    with qtbot.waitSignal(editor.exported, timeout=SLOW):
        editor.export_to(out)
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert document.paragraphs[2].text == "（文号待定）"
    assert HEADER_MARK in "".join(p.text for p in document.sections[0].header.paragraphs)
    editor.preview.stop()


def test_a_clerk_sees_the_issued_draft_but_cannot_export_it(qtbot: Any, office: Any) -> None:
    finish_checklist(office, "C1", REVIEWER)
    office.review.set_outcome("C1", "return", "请补正。", REVIEWER)
    office.workflow.act("C1", "issue_opinion", REVIEWER)
    _window, workspace = open_workspace(qtbot, office, CLERK)
    editor = workspace.opinion
    qtbot.waitUntil(lambda: editor.view is not None, timeout=SLOW)
    for action in (editor.export_docx_action, editor.export_pdf_action):
        assert not action.isEnabled()
        assert action.toolTip().startswith("意见书尚未签发，草稿只能由起草人员导出")
    editor.preview.stop()
