"""The checklist dock and the findings panel, driven through their widgets; what they store
is read back through the services."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from modal_dialogs import DialogAnswer
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from review_desk import HEAD, OFFICER, RECORD, REVIEWER, Office

from workstation.review.checklist import CitationSpec
from workstation.rules.findings import SECTIONS
from workstation.ui.workspace.checklist_model import CITATION_ROLE
from workstation.ui.workspace.checklist_panel import ChecklistPanel
from workstation.ui.workspace.cite_dialog import CiteDialog
from workstation.ui.workspace.findings_panel import FindingsPanel
from workstation.ui.workspace.reason_dialog import ReasonDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


@pytest.fixture
def ref(office: Office, tmp_path: Path) -> str:
    """The minimal case (with its inspection record d1), accepted by the reviewer."""
    ref = office.bring(tmp_path / "bundle", documents=[RECORD])
    office.act(ref, "accept", REVIEWER)
    return ref


def _panel(qtbot: Any, office: Office, ref: str, login: str = REVIEWER.login) -> ChecklistPanel:
    panel = ChecklistPanel(office.ws, ref, login)
    qtbot.addWidget(panel)
    panel.resize(460, 760)
    panel.show()
    qtbot.waitUntil(lambda: panel.checklist is not None and not panel.loading)
    return panel


def _findings(qtbot: Any, office: Office, ref: str) -> FindingsPanel:
    panel = FindingsPanel(office.ws, ref, REVIEWER.login)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.findings()) and not panel.loading)
    return panel


def type_chinese(widget: QWidget, text: str) -> None:
    """What an input method sends when the reviewer commits Chinese text (QTest types only
    Latin-1 key events)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _stored(office: Office, ref: str) -> Any:
    return office.ws.review.checklist(ref, REVIEWER.login)


def _settled(qtbot: Any, panel: Any) -> None:
    qtbot.waitUntil(lambda: not panel.loading)


def test_setting_all_eleven_verdicts_through_the_panel(
    qtbot: Any, office: Office, ref: str
) -> None:
    panel = _panel(qtbot, office, ref)
    assert "0/11" in panel.progress_label.text()
    assert not panel.banner.locked  # the banner says the review may be edited
    assert panel.banner.text() == "可以填写审核意见：每项修改即时保存"
    verdicts = ["ok"] * 9 + ["issue", "n/a"]
    for (section, _), verdict in zip(SECTIONS, verdicts, strict=True):
        panel.select_section(section)
        assert panel.current_section() == section
        qtbot.mouseClick(panel.verdict_buttons[verdict], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "11/11" in panel.progress_label.text())
    stored = _stored(office, ref)
    assert stored.done == 11
    assert [s.verdict for s in stored.sections] == verdicts
    # The tree shows each verdict in the office's words.
    model = panel.model
    assert model.index(9, 1).data() == "存在问题"
    assert model.index(0, 1).data() == "无问题"

    panel.select_section("referral")
    qtbot.mouseClick(panel.clear_verdict, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "10/11" in panel.progress_label.text())
    assert _stored(office, ref).sections[-1].verdict is None


def test_a_comment_is_saved_as_typed_and_when_leaving_the_section(
    qtbot: Any, office: Office, ref: str
) -> None:
    panel = _panel(qtbot, office, ref)
    panel.select_section("facts")
    with qtbot.waitSignal(panel.changed, timeout=3000):
        type_chinese(panel.comment, "违法事实清楚")  # saved after a short pause
    assert _stored(office, ref).sections[3].comment == "违法事实清楚"

    type_chinese(panel.comment, "，证据确凿")
    panel.select_section("evidence")  # leaving the section saves at once (off the UI thread)
    qtbot.waitUntil(lambda: _stored(office, ref).sections[3].comment == "违法事实清楚，证据确凿")
    _settled(qtbot, panel)
    assert panel.comment.toPlainText() == ""  # the evidence section has no comment
    panel.select_section("facts")
    assert panel.comment.toPlainText() == "违法事实清楚，证据确凿"
    assert panel.model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole) == "违法事实清楚，证据确凿"


def test_a_comment_on_what_a_colleague_changed_meanwhile_is_refused_and_reloaded(
    qtbot: Any, office: Office, ref: str
) -> None:
    """The head edits the section on another PC while the reviewer's panel shows it: the
    reviewer's comment is refused, naming the head, and the panel shows the head's text."""
    panel = _panel(qtbot, office, ref)
    panel.select_section("facts")
    seen = _stored(office, ref).sections[3].seen
    office.ws.review.set_comment(ref, "facts", "负责人：请补充询问笔录", HEAD.login, seen=seen)
    messages: list[str] = []
    answer = DialogAnswer(
        lambda box: (messages.append(box.text()), box.accept()), wanted=QMessageBox
    )
    type_chinese(panel.comment, "审核人：事实清楚")
    panel.select_section("evidence")  # leaving the section saves at once
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    answer.check()
    assert f"已由{HEAD.name}（{HEAD.login}）于" in messages[0]
    assert "你的修改未保存" in messages[0]
    assert _stored(office, ref).sections[3].comment == "负责人：请补充询问笔录"
    _settled(qtbot, panel)
    panel.select_section("facts")
    assert panel.comment.toPlainText() == "负责人：请补充询问笔录"


def test_a_reload_while_typing_does_not_make_the_typed_comment_win(
    qtbot: Any, office: Office, ref: str
) -> None:
    """The panel reloads (another PC's change arrived) while the reviewer types: the typed
    text stays, and its save still counts as made on what was on screen before."""
    panel = _panel(qtbot, office, ref)
    panel.select_section("facts")
    type_chinese(panel.comment, "审核人正在输入")
    seen = _stored(office, ref).sections[3].seen
    office.ws.review.set_comment(ref, "facts", "负责人：请补充", HEAD.login, seen=seen)
    panel.refresh()
    _settled(qtbot, panel)
    assert panel.comment.toPlainText() == "审核人正在输入"
    messages: list[str] = []
    answer = DialogAnswer(
        lambda box: (messages.append(box.text()), box.accept()), wanted=QMessageBox
    )
    panel.save_comment()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    answer.check()
    assert f"已由{HEAD.name}" in messages[0]
    assert _stored(office, ref).sections[3].comment == "负责人：请补充"


def test_a_citation_shows_under_its_section_and_double_click_opens_it(
    qtbot: Any, office: Office, ref: str
) -> None:
    spec = CitationSpec("document", "d1", page=2, rect=(72.0, 100.0, 300.0, 160.0), note="检查时间")
    office.ws.review.add_citation(ref, "evidence", spec, REVIEWER.login)
    panel = _panel(qtbot, office, ref)
    section = panel.model.section_index("evidence")
    assert panel.model.rowCount(section) == 1
    row = panel.model.index(0, 0, section)
    assert row.data() == "《现场检查笔录》第2页：检查时间"
    assert panel.tree.isExpanded(section)

    panel.tree.scrollTo(row)
    centre = panel.tree.visualRect(row).center()
    with qtbot.waitSignal(panel.citation_activated) as opened:
        # A real double-click: press and release, then the double-click event.
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [spec]
    assert row.data(CITATION_ROLE) == spec

    panel.tree.setCurrentIndex(row)
    assert panel.remove_citation.isEnabled()
    qtbot.mouseClick(panel.remove_citation, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored(office, ref).sections[4].citations == [])
    qtbot.waitUntil(lambda: panel.model.rowCount(panel.model.section_index("evidence")) == 0)


def test_citing_a_marked_region_asks_for_the_section_and_note(
    qtbot: Any, office: Office, ref: str
) -> None:
    panel = _panel(qtbot, office, ref)
    panel.select_section("procedure")

    def choose(dialog: CiteDialog) -> None:
        assert dialog.section.currentData() == "procedure"  # the section in the editor
        assert dialog.note.text() == "检查 时间为 10时"  # the quoted text, on one line
        dialog.section.setCurrentIndex(dialog.section.findData("facts"))
        dialog.note.setText("检查时间与笔录不符")
        dialog.ok_button.click()

    answer = DialogAnswer(choose, wanted=CiteDialog)
    spec = CitationSpec("document", "d1", page=3, rect=(10.0, 10.0, 50.0, 40.0))
    citation = panel.cite(spec, "检查\n时间为 10时")
    answer.check()
    assert citation is not None
    stored = _stored(office, ref).sections[3]
    assert [c.id for c in stored.citations] == [citation]
    assert stored.cited == ["《现场检查笔录》第3页：检查时间与笔录不符"]
    assert panel.current_section() == "facts"


def test_approving_with_an_open_error_shows_why_in_chinese(
    qtbot: Any, office: Office, ref: str
) -> None:
    panel = _panel(qtbot, office, ref)
    messages: list[str] = []
    answer = DialogAnswer(
        lambda box: (messages.append(box.text()), box.accept()), wanted=QMessageBox
    )
    # Choosing is saving: the refusal comes back and the box goes back to what is stored.
    qtbot.mouseClick(panel.outcome_buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    answer.check()
    assert "错误级别的发现" in messages[0]
    assert messages[0].endswith("不能同意")
    assert _stored(office, ref).outcome is None
    qtbot.waitUntil(lambda: not panel.outcome_buttons["approve"].isChecked(), timeout=10_000)

    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.outcome_buttons["reject"], Qt.MouseButton.LeftButton)
    assert (_stored(office, ref).outcome, _stored(office, ref).reasons) == ("reject", "")
    panel.reasons.setFocus()
    panel.reasons.insertPlainText("主要证据不足")  # typed (QTest types ASCII only)
    # Saved as typed, after a short pause, without any button.
    qtbot.waitUntil(lambda: _stored(office, ref).reasons == "主要证据不足", timeout=10_000)
    assert _stored(office, ref).outcome == "reject"
    qtbot.waitUntil(lambda: "不同意" in panel.outcome_state.text(), timeout=10_000)


def test_the_checklist_is_read_only_for_someone_who_may_not_edit_it(
    qtbot: Any, office: Office, ref: str
) -> None:
    panel = _panel(qtbot, office, ref, OFFICER.login)  # an officer of the case: recused
    assert panel.banner.isVisible()
    assert panel.banner.locked
    assert "依法应当回避" in panel.banner.text()
    assert not panel.verdict_buttons["ok"].isEnabled()
    assert panel.comment.isReadOnly()
    assert not panel.outcome_buttons["approve"].isEnabled()
    assert panel.reasons.isReadOnly()


def test_accepting_a_narrow_checklist_does_not_move_its_rows(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    """The read-only reason wraps in a narrow dock; the editable hint after 受理 is shorter,
    and the banner keeps the room it had, so the row under the mouse stays put."""
    ref = office.bring(tmp_path / "bundle", documents=[RECORD])  # submitted, not accepted
    panel = _panel(qtbot, office, ref)
    narrow = panel.minimumSizeHint().width()
    panel.resize(narrow, 760)
    qtbot.waitUntil(lambda: panel.banner.width() < narrow)
    assert panel.banner.locked
    assert "受理" in panel.banner.text()
    assert panel.banner.height() > panel.banner.fontMetrics().height() * 2  # wrapped
    row = panel.model.section_index("evidence")

    def row_top() -> int:
        return panel.tree.viewport().mapTo(panel, panel.tree.visualRect(row).topLeft()).y()

    before = row_top()
    office.act(ref, "accept", REVIEWER)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.banner.locked and not panel.loading)
    QApplication.processEvents()  # the layout the new text asks for
    assert panel.verdict_buttons["ok"].isEnabled()
    assert row_top() == before


def test_dismissing_a_finding_asks_for_the_reason(qtbot: Any, office: Office, ref: str) -> None:
    panel = _findings(qtbot, office, ref)
    time_04 = next(f for f in panel.findings() if f.finding.rule == "TIME-04")
    assert panel.select(time_04.fingerprint)
    assert panel.dismiss_button.isEnabled()

    def give_reason(dialog: ReasonDialog) -> None:
        assert not dialog.ok_button.isEnabled()  # a dismissal needs its reason
        dialog.text_edit.setPlainText("送审时间已由承办单位书面说明")
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    answer = DialogAnswer(give_reason, wanted=ReasonDialog)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    answer.check()
    decided = next(
        f for s in _stored(office, ref).sections for f in s.findings if f.finding.rule == "TIME-04"
    )
    assert (decided.decision, decided.reason) == ("dismissed", "送审时间已由承办单位书面说明")
    assert not decided.open_error
    _settled(qtbot, panel)
    item = panel.tree.currentItem()
    assert item is not None
    assert item.text(0) == "TIME-04"
    assert "送审时间已由承办单位书面说明" in item.text(3)
    assert item.font(2).strikeOut()
    assert "送审时间已由承办单位书面说明" in panel.decision.text()


def test_accepting_a_finding_and_following_its_refs(qtbot: Any, office: Office, ref: str) -> None:
    panel = _findings(qtbot, office, ref)
    ref_01 = next(f for f in panel.findings() if f.finding.rule == "REF-01")
    assert ref_01.finding.refs == ("e1",)
    panel.select(ref_01.fingerprint)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    decided = next(
        f for s in _stored(office, ref).sections for f in s.findings if f.finding.rule == "REF-01"
    )
    assert decided.decision == "accepted"
    _settled(qtbot, panel)

    panel.select(ref_01.fingerprint)
    assert panel.refs.count() == 1
    link = panel.refs.item(0)
    assert link is not None
    centre = panel.refs.visualItemRect(link).center()
    with qtbot.waitSignal(panel.ref_activated) as followed:
        qtbot.mouseClick(panel.refs.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert followed.args == ["event:e1"]

    proc_10 = next(f for f in panel.findings() if f.finding.rule == "PROC-10")
    panel.select(proc_10.fingerprint)  # refs e1 (an event) and r1 (no such recording)
    texts = [panel.refs.item(i).text() for i in range(panel.refs.count())]  # type: ignore[union-attr]
    assert texts[1] == "r1"
    dangling = panel.refs.item(1)
    assert dangling is not None
    with qtbot.assertNotEmitted(panel.ref_activated):
        qtbot.mouseClick(
            panel.refs.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.refs.visualItemRect(dangling).center(),
        )


def test_a_verdict_waits_for_a_locked_database_without_freezing_the_window(
    qtbot: Any, office: Office, ref: str
) -> None:
    """Another program holds the database: the save waits off the UI thread (the window
    keeps answering) and lands once the lock goes."""
    panel = _panel(qtbot, office, ref)
    panel.select_section("subject")
    other = sqlite3.connect(office.ws.paths.database_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.mouseClick(panel.verdict_buttons["ok"], Qt.MouseButton.LeftButton)
        assert panel.saving  # the click came back before the save could happen
        ticks: list[int] = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=4_000)  # within the busy timeout
        timer.stop()
        assert panel.saving
        assert panel.verdict_buttons["ok"].isChecked()  # what the reviewer did stays shown
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not panel.saving and "1/11" in panel.progress_label.text())
    assert _stored(office, ref).sections[0].verdict == "ok"
