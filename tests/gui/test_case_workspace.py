"""The case workspace inside the main window: docks, layout, tabs, navigation, help."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui

REVIEWER = "zhaomin"


@pytest.fixture
def window(qtbot: Any, ws: Any, demo_root: Path, tmp_path: Path) -> Any:
    from workstation.demo.accounts import add_demo_accounts
    from workstation.ui.shell.main_window import MainWindow

    add_demo_accounts(ws)
    bundle = tmp_path / "food"
    shutil.copytree(next(demo_root.glob("demo-01-*")), bundle)
    ws.import_bundle(bundle, actor="sunli")
    main = MainWindow(ws, REVIEWER)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    return main


def _open(qtbot: Any, window: Any) -> Any:
    workspace = window.open_case("C1")
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.contents is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)  # every panel has its data
    return workspace


def test_docks_carry_the_case_number_and_float_only_with_their_tab(qtbot: Any, window: Any) -> None:
    workspace = _open(qtbot, window)
    number = workspace.contents.number
    assert all(number in dock.windowTitle() for dock in workspace.docks)
    dock = workspace.checklist_dock
    dock.setFloating(True)
    assert dock.isVisible()
    window.show_case_list()  # another tab: the case's floating dock must not stay on screen
    qtbot.waitUntil(lambda: not dock.isVisible())
    window.tabs.setCurrentWidget(workspace)
    qtbot.waitUntil(dock.isVisible)


def test_a_closed_panel_comes_back_from_the_view_menu_and_the_default_layout(
    qtbot: Any, window: Any
) -> None:
    workspace = _open(qtbot, window)
    workspace.findings_dock.close()
    window._fill_panels_menu()
    toggles = {a.text(): a for a in window.panels_menu.actions()}
    assert set(toggles) == {d.windowTitle() for d in workspace.docks}
    toggles[workspace.findings_dock.windowTitle()].trigger()
    assert workspace.findings_dock.isVisible()
    workspace.navigator_dock.close()
    workspace.checklist_dock.setFloating(True)
    window.default_layout_action.trigger()
    assert all(d.isVisible() and not d.isFloating() for d in workspace.docks)


def test_the_layout_is_remembered_for_the_next_case_opened(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    workspace = _open(qtbot, window)
    workspace.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, workspace.findings_dock)
    assert workspace.dockWidgetArea(workspace.findings_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.close_tab(window.tabs.indexOf(workspace))
    assert "C1" not in window.workspaces
    again = _open(qtbot, window)
    assert again is not workspace
    assert again.dockWidgetArea(again.findings_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def _recordings_shown(qtbot: Any, workspace: Any) -> Any:
    """Bring the recordings dock forward; the dock once its panel is built and laid out."""
    from workstation.ui.workspace.media_dock import MIN_ROOM

    dock = workspace.media.dock
    dock.raise_()
    qtbot.waitUntil(lambda: workspace.media.is_built, timeout=30_000)
    qtbot.waitUntil(lambda: dock.height() >= MIN_ROOM, timeout=10_000)  # room for the grid
    return dock


def test_the_recordings_dock_leaves_the_documents_half_the_height(qtbot: Any, window: Any) -> None:
    workspace = _open(qtbot, window)
    dock = _recordings_shown(qtbot, workspace)  # laid out with the centre in the same pass
    assert workspace.centre.height() >= dock.height()


@pytest.mark.parametrize("front", ["recordings", "findings"])
def test_a_layout_saved_with_a_tall_bottom_dock_gives_the_next_case_its_documents_back(
    qtbot: Any, window: Any, front: str
) -> None:
    """A layout saved in a larger window (or by a build that gave the recordings 60 %):
    the next case opened restores it, and the documents get their half back."""
    from PySide6.QtCore import Qt

    from workstation.ui.workspace.media_dock import MIN_ROOM

    workspace = _open(qtbot, window)
    dock = _recordings_shown(qtbot, workspace)
    workspace.resizeDocks([dock], [700], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: workspace.centre.height() < 250)  # the documents squeezed
    if front == "findings":
        workspace.findings_dock.raise_()
    window.close_tab(window.tabs.indexOf(workspace))  # the layout is saved as it is
    again = _open(qtbot, window)
    shown = again.media.dock if front == "recordings" else again.findings_dock
    qtbot.waitUntil(lambda: again.centre.height() >= shown.height(), timeout=10_000)
    assert shown.height() >= MIN_ROOM  # the dock keeps the rest, not a strip
    assert (front == "recordings") == again.media.on_screen


def test_finding_refs_and_events_open_what_they_name(qtbot: Any, window: Any) -> None:
    workspace = _open(qtbot, window)
    event = next(e for e in workspace.contents.events if e.documents)
    workspace.go_to_ref(f"event:{event.key}")
    assert workspace.current_document == event.documents[0]
    assert (
        workspace.navigator.currentItem()
        .text(0)
        .startswith(workspace.contents.document(event.documents[0]).label)
    )
    workspace.go_to_ref("document:d01")
    assert workspace.current_document == "d01"
    qtbot.waitUntil(lambda: workspace.viewer.page_count == 1, timeout=30_000)


def test_help_lists_the_shortcuts_of_every_area(qtbot: Any, window: Any) -> None:
    dialog = window.show_shortcuts()
    listed = dialog.listed()
    rows = dict((description, keys) for keys, description in listed)
    assert rows["导入案卷包"] == "Ctrl+I"
    assert rows["显示审核意见书"] == "Ctrl+2"
    assert "立即保存意见书文字" in rows
    assert rows["播放或暂停"] == "Space"  # the recordings dock's player
    assert rows["标记书签终点并保存"] == "O"
    # The review itself, from the keyboard.
    assert rows["受理审核"] == "Ctrl+Shift+R"
    assert rows["审核结论：同意"] == "Alt+4"
    assert rows["审核结论：退回补正"] == "Alt+5"
    assert rows["审核结论：不同意"] == "Alt+6"
    assert rows["出具审核意见（先保存已输入的内容，再请您确认）"] == "Ctrl+Shift+O"
    assert rows["光标移到文书页面"] == "Alt+D"
    assert rows["光标移到审核要点列表"] == "Alt+C"
    assert len(rows) >= 30
    # No key does two things where it works: F5 is the window's refresh, listed again for
    # the open case; Ctrl+G (go to a page, a time) and Ctrl+F (search the case list, the
    # document) each act in the part that has the focus.
    keys = [key for key, _description in listed]
    assert {key for key in keys if keys.count(key) > 1} <= {"F5", "Ctrl+G", "Ctrl+F"}
    dialog.close()


def _press(qtbot: Any, key: Any, modifiers: Any) -> None:
    """A key pressed where the reviewer is (the workspace's keys work while focus is in it)."""
    from PySide6.QtWidgets import QApplication

    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifiers)


def test_accepting_choosing_the_outcome_and_issuing_from_the_keyboard(
    qtbot: Any, window: Any, ws: Any
) -> None:
    from checklist_steps import finish_checklist
    from modal_dialogs import DialogAnswer
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    alt = Qt.KeyboardModifier.AltModifier
    workspace = _open(qtbot, window)
    assert workspace.navigator.hasFocus()  # a case opened takes the keyboard
    panel, status = workspace.checklist, workspace.statusBar()

    def state() -> str:
        return ws.workflow.state("C1", REVIEWER)

    def outcome() -> str | None:
        return ws.review.checklist("C1", REVIEWER).outcome

    # Not accepted yet: an outcome or issuing does nothing, and the status bar says why.
    _press(qtbot, Qt.Key.Key_4, alt)
    assert status.currentMessage() == panel.checklist.locked
    _press(qtbot, Qt.Key.Key_O, ctrl_shift)
    qtbot.waitUntil(lambda: status.currentMessage().startswith("出具审核意见："), timeout=30_000)
    assert (state(), outcome()) == ("submitted", None)

    _press(qtbot, Qt.Key.Key_R, ctrl_shift)  # 受理审核
    qtbot.waitUntil(lambda: state() == "under_review", timeout=30_000)
    finish_checklist(ws, "C1", REVIEWER)
    workspace.refresh()
    qtbot.waitUntil(lambda: panel.outcome_buttons["approve"].isEnabled(), timeout=30_000)

    panel.reasons.setFocus()  # anywhere in the workspace
    _press(qtbot, Qt.Key.Key_6, alt)  # 不同意: saved at once, as a click saves it
    qtbot.waitUntil(lambda: outcome() == "reject", timeout=10_000)
    assert panel.outcome_buttons["reject"].isChecked()
    _press(qtbot, Qt.Key.Key_4, alt)  # 同意 instead
    qtbot.waitUntil(lambda: outcome() == "approve", timeout=10_000)
    assert panel.outcome_buttons["approve"].isChecked()

    texts: list[str] = []

    def confirm(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    confirmation = DialogAnswer(confirm, wanted=QMessageBox)
    with qtbot.waitSignal(workspace.actions_bar.changed, timeout=30_000):
        _press(qtbot, Qt.Key.Key_O, ctrl_shift)  # 出具审核意见, right after the choice
    confirmation.check()
    assert "审核结论：同意" in texts[0]
    assert state() == "opinion_issued"


def test_the_keys_work_in_a_floating_checklist_too(qtbot: Any, window: Any, ws: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    workspace = _open(qtbot, window)
    dock = workspace.checklist_dock
    dock.setFloating(True)  # on a second monitor: a window of its own
    dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dock)
    workspace.checklist.tree.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, Qt.Key.Key_R, ctrl_shift)
    qtbot.waitUntil(lambda: ws.workflow.state("C1", REVIEWER) == "under_review", timeout=30_000)


def test_tab_goes_from_the_case_file_to_the_pages_then_the_checklist_and_the_actions(
    qtbot: Any, window: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    workspace = _open(qtbot, window)
    workspace.checklist.tree.setFocus()
    _press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # no document yet
    assert workspace.statusBar().currentMessage() == "尚未打开文书：请在案卷中选择"
    assert workspace.navigator.hasFocus()
    assert workspace.open_document("d01")
    viewer, panel, actions = workspace.viewer, workspace.checklist, workspace.actions_bar
    qtbot.waitUntil(lambda: viewer.shown_kind == "pdf", timeout=30_000)
    pages = viewer.pdf_pane.view
    workspace.navigator.setFocus()

    def ring() -> str:  # the colour of the page view's frame, halfway down its left edge
        return pages.grab().toImage().pixelColor(0, pages.height() // 2).name()

    highlight = pages.palette().highlight().color().name()
    assert ring() != highlight
    qtbot.keyClick(workspace.navigator, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pages
    assert ring() == highlight  # it shows that it has the focus

    stops = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
        if stops[-1] is actions.buttons["accept"]:
            break
    # Not accepted yet: the verdicts and outcomes are greyed out, and Tab passes them by.
    assert stops == [panel.tree, panel.comment, panel.reasons, actions.buttons["accept"]]

    _press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert panel.tree.hasFocus()
    _press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert pages.hasFocus()


def test_accepting_does_not_move_the_checklist_rows(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    workspace = _open(qtbot, window)
    panel = workspace.checklist
    assert panel.banner.locked
    row = panel.model.section_index("evidence")

    def row_top() -> int:  # where the row is in the workspace, i.e. under the mouse
        return panel.tree.viewport().mapTo(workspace, panel.tree.visualRect(row).topLeft()).y()

    before = row_top()
    qtbot.mouseClick(workspace.actions_bar.buttons["accept"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.banner.locked and not workspace.loading, timeout=30_000)
    QApplication.processEvents()  # the layout the banner's new text asks for
    assert panel.verdict_buttons["ok"].isEnabled()
    assert row_top() == before


def test_verdicts_and_sections_from_the_keyboard(qtbot: Any, window: Any, ws: Any) -> None:
    from PySide6.QtCore import Qt

    workspace = _open(qtbot, window)
    workspace.actions_bar.trigger("accept")
    qtbot.waitUntil(lambda: ws.review.checklist("C1", REVIEWER).state == "under_review")
    workspace.refresh()
    panel = workspace.checklist
    qtbot.waitUntil(lambda: panel.verdict_buttons["ok"].isEnabled(), timeout=30_000)
    panel.select_section("subject")
    qtbot.keyClick(workspace, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(workspace, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert panel.current_section() == "qualification"
    qtbot.keyClick(workspace, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)

    def stored() -> dict[str, Any]:
        return {s.section: s.verdict for s in ws.review.checklist("C1", REVIEWER).sections}

    qtbot.waitUntil(lambda: stored()["qualification"] == "ok", timeout=30_000)
    assert stored()["subject"] == "issue"


def test_text_boxes_pass_a_dropped_bundle_on_to_the_window(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    workspace = _open(qtbot, window)
    workspace.centre.setCurrentWidget(workspace.opinion_holder)  # builds the opinion editor
    boxes = [
        *workspace.findChildren(QTextEdit),
        *workspace.findChildren(QPlainTextEdit),
        *workspace.findChildren(QLineEdit),
        *window.case_list.findChildren(QLineEdit),
    ]
    assert len(boxes) > 4
    assert workspace.opinion.text_edits
    assert not any(box.acceptDrops() for box in boxes)  # the window imports what is dropped
    assert window.acceptDrops()


def test_the_tab_shows_at_once_and_its_parts_fill_in_over_later_turns(
    qtbot: Any, window: Any
) -> None:
    from workstation.ui.workspace.checklist_panel import ChecklistPanel
    from workstation.ui.workspace.findings_panel import FindingsPanel

    workspace = window.open_case("C1")
    assert window.tabs.currentWidget() is workspace
    assert len(workspace.docks) == 4  # navigator, checklist, findings, recordings
    assert not workspace.findChildren(FindingsPanel)  # built in a later turn
    assert workspace.loading
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    assert workspace.findChildren(FindingsPanel) == [workspace.findings]
    assert workspace.findings.findings()  # the demo case has findings, shown from one read
    assert workspace.checklist.checklist is not None
    assert workspace.actions_bar.options is not None

    again = window.open_case("C1")  # the same tab, nothing built twice
    assert again is workspace
    window.close_tab(window.tabs.indexOf(workspace))
    fresh = window.open_case("C1")
    assert isinstance(fresh.checklist, ChecklistPanel)  # asked for early: built there and then
    assert fresh.findChildren(ChecklistPanel) == [fresh.checklist]
    qtbot.waitUntil(lambda: not fresh.loading, timeout=30_000)
    assert fresh.checklist.checklist is not None


def test_a_region_cited_before_the_checklist_is_read_is_filed_once_it_is(
    qtbot: Any, window: Any, ws: Any
) -> None:
    from modal_dialogs import DialogAnswer

    ws.workflow.act("C1", "accept", REVIEWER)  # under review: the checklist takes citations
    workspace = window.open_case("C1")
    early: list[bool] = []

    def cite_now() -> None:  # the contents are on screen; the checklist is read after them
        early.append(workspace.checklist.checklist is None)
        assert workspace.open_document("d03")
        workspace.cite_region(1, (72.0, 100.0, 300.0, 160.0), "当事人")

    workspace.contents_loaded.connect(cite_now)

    def choose_facts(cite: Any) -> None:
        cite.section.setCurrentIndex(cite.section.findData("facts"))
        cite.note.setText("先于核查清单读取完成时标注")
        cite.accept()

    answer = DialogAnswer(choose_facts)
    with qtbot.waitSignal(workspace.checklist.changed, timeout=30_000):
        pass
    answer.check()
    assert early == [True]
    facts = next(s for s in ws.review.checklist("C1", REVIEWER).sections if s.section == "facts")
    assert [(c.target, c.page) for c in facts.citations] == [("d03", 1)]


def test_a_delivery_finding_opens_the_delivery_and_its_receipt(
    qtbot: Any, window: Any, ws: Any, demo_root: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "wires"
    shutil.copytree(next(demo_root.glob("demo-05-*")), bundle)
    ref = ws.import_bundle(bundle, actor="sunli").short_id
    (finding,) = [f for f in ws.check(ref).findings if f.rule == "DELIV-02"]
    workspace = window.open_case(ref)
    assert workspace is not None
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    delivery = finding.refs[0]
    workspace.go_to_ref(f"event:{delivery}")
    # The 送达回证 the relative signed, not the notice that was delivered.
    opened = workspace.contents.document(workspace.current_document)
    assert (opened.label, workspace.current_document) == ("送达回证", "d16")
    assert workspace.navigator.currentItem() is not None
    event = next(e for e in workspace.contents.events if e.key == delivery)
    assert "签收人" in event.label
    assert "同住成年家属" in event.label
