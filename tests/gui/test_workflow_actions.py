"""The workflow actions bar, driven through its buttons and dialogs; the case's state and
records are read back through the services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from modal_dialogs import DialogAnswer
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from review_desk import AGENCY_HEAD, CLERK, HEAD, PASSPHRASE, REVIEWER, Office, Person
from sqlalchemy import select

from workstation.security import signing
from workstation.store.review_models import DiscussionMinutes
from workstation.ui.workspace.minutes_dialog import MinutesDialog
from workstation.ui.workspace.reason_dialog import ReasonDialog
from workstation.ui.workspace.workflow_actions import WorkflowActions

pytestmark = pytest.mark.gui


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


@pytest.fixture
def ref(office: Office, tmp_path: Path) -> str:
    return office.bring(tmp_path / "bundle")


def _bar(qtbot: Any, office: Office, ref: str, person: Person) -> WorkflowActions:
    bar = WorkflowActions(office.ws, ref, person.login)
    qtbot.addWidget(bar)
    bar.resize(440, 120)
    bar.show()
    qtbot.waitUntil(lambda: bar.options is not None and not bar.busy)
    return bar


def _state(office: Office, ref: str) -> str:
    return office.ws.workflow.state(ref, AGENCY_HEAD.login)


def test_a_reviewer_sees_review_actions_but_not_sign(qtbot: Any, office: Office, ref: str) -> None:
    bar = _bar(qtbot, office, ref, REVIEWER)
    shown = bar.visible_actions()
    assert {"accept", "issue_opinion", "request_extension", "refer"} <= set(shown)
    assert "sign" not in shown
    assert "approve_extension" not in shown  # a division head decides extensions
    assert "request_re_review" not in shown  # the handling unit's step
    assert bar.buttons["accept"].isEnabled()

    with qtbot.waitSignal(bar.changed):
        qtbot.mouseClick(bar.buttons["accept"], Qt.MouseButton.LeftButton)
    assert _state(office, ref) == "under_review"
    qtbot.waitUntil(lambda: not bar.busy and not bar.buttons["accept"].isEnabled())
    assert "审核中" in bar.state_label.text()


def test_a_division_head_sees_sign(qtbot: Any, office: Office, ref: str) -> None:
    office.issued(ref)
    bar = _bar(qtbot, office, ref, HEAD)
    assert "sign" in bar.visible_actions()
    assert {"approve_extension", "deny_extension", "record_minutes"} <= set(bar.visible_actions())
    assert bar.buttons["sign"].isEnabled()
    with qtbot.waitSignal(bar.sign_requested):
        qtbot.mouseClick(bar.buttons["sign"], Qt.MouseButton.LeftButton)
    assert _state(office, ref) == "opinion_issued"  # the sign dialog signs, not the bar


def test_a_disabled_action_says_why(qtbot: Any, office: Office, ref: str) -> None:
    office.act(ref, "accept", REVIEWER)
    bar = _bar(qtbot, office, ref, REVIEWER)
    issue = bar.buttons["issue_opinion"]
    assert issue.isVisible()
    assert not issue.isEnabled()
    assert issue.toolTip() == "尚未填写审核结论（同意、退回补正或不同意）"
    accept = bar.buttons["accept"]
    assert not accept.isEnabled()
    assert accept.toolTip().startswith("案件当前状态为“审核中”，不能受理审核")


def test_issuing_the_opinion_moves_the_case_on(qtbot: Any, office: Office, ref: str) -> None:
    office.act(ref, "accept", REVIEWER)
    office.ws.review.set_outcome(ref, "reject", "主要证据不足", REVIEWER.login)
    bar = _bar(qtbot, office, ref, REVIEWER)
    assert not bar.buttons["issue_opinion"].isEnabled()
    assert "项审核要点未填写结论" in bar.buttons["issue_opinion"].toolTip()
    office.finish(ref)
    bar.refresh()
    qtbot.waitUntil(lambda: not bar.busy and bar.buttons["issue_opinion"].isEnabled())

    cancel = DialogAnswer(lambda box: box.reject(), wanted=QMessageBox)
    qtbot.mouseClick(bar.buttons["issue_opinion"], Qt.MouseButton.LeftButton)
    cancel.check()
    assert _state(office, ref) == "under_review"  # cancelled: nothing happened

    confirm = DialogAnswer(
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(), wanted=QMessageBox
    )
    with qtbot.waitSignal(bar.changed):
        qtbot.mouseClick(bar.buttons["issue_opinion"], Qt.MouseButton.LeftButton)
    confirm.check()
    assert _state(office, ref) == "opinion_issued"
    qtbot.waitUntil(lambda: not bar.busy and "已出具意见" in bar.state_label.text())
    assert not bar.buttons["issue_opinion"].isEnabled()


def test_an_extension_request_asks_for_the_written_reason(
    qtbot: Any, office: Office, ref: str
) -> None:
    office.act(ref, "accept", REVIEWER)
    bar = _bar(qtbot, office, ref, REVIEWER)

    def reason(dialog: ReasonDialog) -> None:
        assert not dialog.ok_button.isEnabled()
        dialog.text_edit.setPlainText("案情复杂，需调取补充证据")
        dialog.ok_button.click()

    answer = DialogAnswer(reason, wanted=ReasonDialog)
    with qtbot.waitSignal(bar.changed):
        qtbot.mouseClick(bar.buttons["request_extension"], Qt.MouseButton.LeftButton)
    answer.check()
    last = office.ws.workflow.history(ref, AGENCY_HEAD.login)[-1]
    assert (last.action, last.details["reason"]) == (
        "request_extension",
        "案情复杂，需调取补充证据",
    )
    qtbot.waitUntil(lambda: not bar.busy and not bar.buttons["request_extension"].isEnabled())
    assert bar.buttons["request_extension"].toolTip() == "已有待批准的延期申请"


def test_the_minutes_dialog_records_the_discussion(qtbot: Any, office: Office, ref: str) -> None:
    private, public = signing.generate_keypair(PASSPHRASE)
    office.give_key(HEAD, (private, public))
    office.issued(ref)
    office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    office.act(ref, "request_re_review", CLERK, "不服审核意见")
    office.act(ref, "refer", REVIEWER, "复审后仍有争议")
    assert _state(office, ref) == "collective_discussion"
    bar = _bar(qtbot, office, ref, AGENCY_HEAD)
    assert bar.visible_actions() == ["record_minutes"]

    def record(dialog: MinutesDialog) -> None:
        dialog.attendees.setText("孙机关、钱法制，郑法制")
        dialog.decision.setPlainText("经集体讨论，维持不同意的审核意见")
        assert not dialog.ok_button.isEnabled()  # the outcome is chosen, never defaulted
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("reject"))
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    answer = DialogAnswer(record, wanted=MinutesDialog)
    with qtbot.waitSignal(bar.changed):
        qtbot.mouseClick(bar.buttons["record_minutes"], Qt.MouseButton.LeftButton)
    answer.check()
    assert _state(office, ref) == "rejected"
    with office.ws.db.session() as session:
        minutes = session.scalars(select(DiscussionMinutes)).one()
        assert minutes.attendees == ["孙机关", "钱法制", "郑法制"]
        assert minutes.decision == "经集体讨论，维持不同意的审核意见"
        assert (minutes.outcome, minutes.opinion_adopted) == ("reject", True)
        assert minutes.held_on.isoformat() == "2026-03-12"  # the office's today by default
