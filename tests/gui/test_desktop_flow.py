"""The reviewer's whole day through the desktop, offscreen, in Chinese: import a bundle through
the dialog, open the case, page and search a PDF, cite a rectangle, set every verdict,
dismiss a finding with a reason, issue, export the opinion, sign as the head — and the case
list shows the new state. Every step goes through the widgets; the store is read back
through the services."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from helpers import FixedClock, demo_morning, demo_office_folder
from modal_dialogs import DialogAnswer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from workstation.rules.findings import SECTIONS

pytestmark = pytest.mark.gui

REVIEWER, HEAD = "zhaomin", "chenjian"
SLOW = 60_000


@pytest.fixture
def clock() -> FixedClock:
    """The morning after the demo food case was submitted."""
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose office uses the demo rule pack."""
    return demo_office_folder(tmp_path)


@pytest.fixture
def office(ws: Any, qapp: Any) -> Any:
    """The demo office's users and the Chinese UI, as `make run` has them."""
    from workstation.demo.accounts import add_demo_accounts
    from workstation.ui.i18n import install_translations

    add_demo_accounts(ws)
    assert install_translations(qapp, "zh_CN")
    return ws


def _window(qtbot: Any, ws: Any, login: str) -> Any:
    from workstation.ui.shell.main_window import MainWindow

    window = MainWindow(ws, login)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def _state(ws: Any, ref: str) -> str:
    return str(ws.review.checklist(ref, REVIEWER).state)


def _row_cells(window: Any, row: int) -> list[str]:
    model = window.case_table.model()
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def _drag(qtbot: Any, widget: Any, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, pos=end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_a_review_from_import_to_signature_through_the_desktop(
    qtbot: Any, office: Any, demo_root: Path, tmp_path: Path
) -> None:
    from workstation.ui.workspace.reason_dialog import ReasonDialog

    ws = office
    bundle = tmp_path / "food"
    shutil.copytree(next(demo_root.glob("demo-01-*")), bundle)
    window = _window(qtbot, ws, REVIEWER)
    assert window.windowTitle() == "法制审核工作站"

    # 1. Import through the dialog (the same one 文件→导入 and a drop open).
    dialog = window.import_bundle(bundle)
    qtbot.waitUntil(lambda: not dialog.running, timeout=SLOW)
    assert dialog.outcome is not None
    assert "已导入 C1" in dialog.summary.text()
    assert dialog.progress.value() == 1000
    dialog.close()
    qtbot.waitUntil(lambda: window.case_table.model().rowCount() == 1)
    number = ws.resolve("C1").case.number
    assert _row_cells(window, 0)[0] == number

    # 2. Open the case by double-clicking its row.
    table = window.case_table
    centre = table.visualRect(table.model().index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: "C1" in window.workspaces)
    workspace = window.workspaces["C1"]
    assert window.tabs.currentWidget() is workspace
    actions = workspace.actions_bar
    qtbot.waitUntil(lambda: actions.options is not None and not actions.busy)
    assert "sign" not in actions.visible_actions()  # a reviewer never signs
    with qtbot.waitSignal(actions.changed, timeout=SLOW):
        actions.trigger("accept")
    assert _state(ws, "C1") == "under_review"

    # 3. Page through the proposed decision (a 2-page PDF) chosen in the navigator.
    qtbot.waitUntil(lambda: workspace.contents is not None, timeout=SLOW)  # read off the UI thread
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith(number)
    entry = workspace.contents.document("d03")
    assert entry is not None
    assert entry.pages == 2
    navigator = workspace.navigator
    item = navigator._items[("document", "d03")]
    navigator.scrollToItem(item)
    qtbot.mouseClick(
        navigator.viewport(), Qt.MouseButton.LeftButton, pos=navigator.visualItemRect(item).center()
    )
    viewer = workspace.viewer
    qtbot.waitUntil(lambda: viewer.page_count == 2, timeout=SLOW)
    viewer.actions_["next_page"].trigger()
    qtbot.waitUntil(lambda: viewer.current_page == 2)
    viewer.actions_["previous_page"].trigger()
    qtbot.waitUntil(lambda: viewer.current_page == 1)

    # 4. Search Chinese text: the hits are pymupdf's own rectangles.
    pdf = pymupdf.open(entry.file)
    word = "当事人"
    expected = sum(len(page.search_for(word)) for page in pdf)
    assert expected > 0
    viewer.actions_["find"].trigger()
    bar = viewer.pdf_pane.search_bar
    bar.field.setText(word)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    search = viewer.pdf_pane.search
    qtbot.waitUntil(lambda: not search.searching and len(search.hits) == expected, timeout=SLOW)
    bar.close_bar()

    # 5. Cite a rectangle around the first hit into section 事实 with a note.
    page0 = pdf[0]
    hit = page0.search_for(word)[0]
    target = (hit.x0 - 2, hit.y0 - 2, hit.x1 + 2, hit.y1 + 2)
    view = viewer.pdf_pane.view
    qtbot.waitUntil(lambda: bool(view.layout_.boxes))
    box, zoom = view.layout_.boxes[0], view.zoom
    ox = box.x - view.horizontalScrollBar().value()
    oy = box.y - view.verticalScrollBar().value()
    start = QPoint(round(ox + target[0] * zoom), round(oy + target[1] * zoom))
    end = QPoint(round(ox + target[2] * zoom), round(oy + target[3] * zoom))
    viewer.actions_["cite_area"].trigger()

    def choose_facts(cite: Any) -> None:
        cite.section.setCurrentIndex(cite.section.findData("facts"))
        cite.note.setText("拟处罚决定书认定的当事人")
        cite.accept()

    answer = DialogAnswer(choose_facts)
    with qtbot.waitSignal(workspace.checklist.changed, timeout=SLOW):
        _drag(qtbot, view.viewport(), start, end)
    answer.check()
    facts = next(s for s in ws.review.checklist("C1", REVIEWER).sections if s.section == "facts")
    assert len(facts.citations) == 1
    cited = facts.citations[0]
    assert (cited.target, cited.page) == ("d03", 1)
    assert word in page0.get_text("text", clip=pymupdf.Rect(cited.rect))
    assert "第1页" in facts.cited[0] or "第 1 页" in facts.cited[0]

    # 6. Set all eleven verdicts through the checklist panel.
    panel = workspace.checklist
    qtbot.waitUntil(lambda: panel.checklist is not None and not panel.loading)
    for section, _name in SECTIONS:
        panel.select_section(section)
        verdict = "issue" if section == "evidence" else "ok"
        qtbot.mouseClick(panel.verdict_buttons[verdict], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "11/11" in panel.progress_label.text(), timeout=SLOW)
    assert ws.review.checklist("C1", REVIEWER).done == 11

    # 7. Dismiss a finding, giving the reason the dialog asks for.
    findings = workspace.findings
    qtbot.waitUntil(lambda: bool(findings.findings()) and not findings.loading, timeout=SLOW)
    first = findings.findings()[0]
    assert findings.select(first.fingerprint)

    def give_reason(reason: Any) -> None:
        reason.text_edit.setPlainText("已由承办单位书面说明，予以排除")
        reason.ok_button.click()

    answer = DialogAnswer(give_reason, wanted=ReasonDialog)
    with qtbot.waitSignal(findings.changed, timeout=SLOW):
        qtbot.mouseClick(findings.dismiss_button, Qt.MouseButton.LeftButton)
    answer.check()
    stored = next(
        f
        for s in ws.review.checklist("C1", REVIEWER).sections
        for f in s.findings
        if f.fingerprint == first.fingerprint
    )
    assert (stored.decision, stored.reason) == ("dismissed", "已由承办单位书面说明，予以排除")
    # The others are accepted: issuing needs every finding decided.
    for view in findings.findings()[1:]:
        assert findings.select(view.fingerprint)
        with qtbot.waitSignal(findings.changed, timeout=SLOW):
            qtbot.mouseClick(findings.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not findings.loading, timeout=SLOW)
    assert all(f.decision for s in ws.review.checklist("C1", REVIEWER).sections for f in s.findings)

    # 8. The outcome (saved as chosen and typed), then the opinion is issued from the bar.
    with qtbot.waitSignal(panel.changed, timeout=SLOW):
        qtbot.mouseClick(panel.outcome_buttons["return"], Qt.MouseButton.LeftButton)
    assert ws.review.checklist("C1", REVIEWER).outcome == "return"
    qtbot.waitUntil(
        lambda: "必须写明理由" in actions.buttons["issue_opinion"].toolTip(), timeout=SLOW
    )
    assert not actions.buttons["issue_opinion"].isEnabled()
    panel.reasons.setFocus()
    panel.reasons.insertPlainText(
        "证据不足，请补充抽样检验报告原件。"
    )  # typed (QTest types ASCII only)
    qtbot.waitUntil(
        lambda: not actions.busy and actions.buttons["issue_opinion"].isEnabled(), timeout=SLOW
    )
    confirm = DialogAnswer(
        lambda box: box.button(QMessageBox.StandardButton.Yes).click(), wanted=QMessageBox
    )
    with qtbot.waitSignal(actions.changed, timeout=SLOW):
        qtbot.mouseClick(actions.buttons["issue_opinion"], Qt.MouseButton.LeftButton)
    confirm.check()
    assert _state(ws, "C1") == "opinion_issued"

    # 9. Generate and export the opinion from its editor.
    editor = workspace.opinion
    editor.refresh()
    out = tmp_path / "意见书.docx"
    with qtbot.waitSignal(editor.exported, timeout=SLOW):
        editor.export_to(out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert number in text
    assert "退回补正" in text
    assert "证据不足" in text

    # 10. The division head signs in their own window.
    head_window = _window(qtbot, ws, HEAD)
    head_space = head_window.open_case("C1")
    assert head_space is not None
    head_actions = head_space.actions_bar
    qtbot.waitUntil(lambda: head_actions.options is not None and not head_actions.busy)
    assert "sign" in head_actions.visible_actions()
    qtbot.waitUntil(lambda: head_actions.buttons["sign"].isEnabled(), timeout=SLOW)
    qtbot.mouseClick(head_actions.buttons["sign"], Qt.MouseButton.LeftButton)
    head_editor = head_space.opinion
    qtbot.waitUntil(
        lambda: head_editor.sign_dialog is not None and head_editor.sign_dialog.request is not None,
        timeout=SLOW,
    )
    sign = head_editor.sign_dialog
    sign.passphrase.setText("demo-2026")
    with qtbot.waitSignal(head_editor.signed, timeout=SLOW):
        qtbot.mouseClick(sign.sign_button, Qt.MouseButton.LeftButton)
    assert _state(ws, "C1") == "returned"

    # 11. The case list shows the new state as soon as it is on screen again.
    assert head_window.list_stale
    head_window.show_case_list()
    qtbot.waitUntil(lambda: _row_cells(head_window, 0)[5] == "退回补正", timeout=SLOW)
