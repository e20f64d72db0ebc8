"""The case list view: lazy pages, filters and search, sorting by header, deadline colours,
opening a case, refreshing in place (offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from case_list_rows import add_cases, open_office, set_case, staff_ids
from helpers import PROJECT_ROOT, FixedClock
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from workstation.services import Workstation

pytestmark = pytest.mark.gui

XUECHENG = "cn-xuecheng-2017"  # 5 calendar days, due soon 1 day before
NINGXIA = "cn-ningxia-zjt-2022"  # 7 working days, due soon 2 days before
NOW = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)  # Thursday 09:30 in Beijing

Opener = Callable[..., Workstation]


@pytest.fixture
def open_ws(tmp_path: Path) -> Iterator[Opener]:
    opened: list[Workstation] = []

    def make(pack: str | None = XUECHENG, now: datetime = NOW) -> Workstation:
        ws = open_office(tmp_path / f"office{len(opened)}", pack, FixedClock(now))
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


def make_view(qtbot: Any, ws: Workstation, login: str = "wang") -> Any:
    from workstation.ui.case_list.case_list_view import CaseListView

    view = CaseListView(ws, login)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def column(view: Any, name: str) -> list[Any]:
    from workstation.ui.case_list.case_list_model import COLUMNS

    model = view.table.model()
    return [model.index(r, COLUMNS.index(name)).data() for r in range(model.rowCount())]


def click_header(qtbot: Any, view: Any, name: str) -> None:
    from workstation.ui.case_list.case_list_model import COLUMNS

    header = view.table.horizontalHeader()
    section = COLUMNS.index(name)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_rows_are_fetched_a_page_at_a_time(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    add_cases(ws.db, 260, now=NOW)
    view = make_view(qtbot, ws)
    model = view.table.model()
    assert model.total == 260
    assert model.rowCount() == model.PAGE < 260  # not everything at first
    assert "260" in view.count_label.text()
    assert model.canFetchMore()
    view.table.scrollToBottom()  # the view asks for the next page at the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.PAGE)
    model.fetchMore()
    assert model.rowCount() == 260
    assert not model.canFetchMore()
    references = [model.index(r, 0).data(model.ReferenceRole) for r in range(260)]
    assert len(set(references)) == 260


def test_filters_and_search_change_the_rows(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    people = staff_ids(ws)
    add_cases(ws.db, 150, now=NOW, reviewer_ids=[people["wang"], people["zhao"]])
    view = make_view(qtbot, ws)
    model = view.table.model()
    everything = model.total

    view.state_filter.setCurrentIndex(view.state_filter.findText("审核中"))
    assert 0 < model.total < everything
    assert set(column(view, "state")) == {"审核中"}

    view.mine_filter.setChecked(True)
    assert model.total > 0
    assert set(column(view, "reviewer")) == {"王审核"}

    view.mine_filter.setChecked(False)
    view.state_filter.setCurrentIndex(0)
    view.type_filter.setCurrentIndex(view.type_filter.findText("行政强制"))
    assert set(column(view, "action_type")) == {"行政强制"}
    view.type_filter.setCurrentIndex(0)
    assert model.total == everything

    view.search_box.insert("焚烧")  # applied once the typing pauses
    qtbot.waitUntil(lambda: model.total < everything)
    titles = column(view, "title")
    assert titles
    assert all("焚烧" in t for t in titles)
    assert str(model.total) in view.count_label.text()

    view.search_box.setText("没有这样的案件")
    qtbot.waitUntil(lambda: model.total == 0)
    assert view.empty_hint.isVisible()
    assert view.empty_hint.text().splitlines() == ["无匹配案件", "请修改搜索词或筛选条件。"]
    # Where the rows would be, not in a line under the table that is easily missed.
    viewport = view.table.viewport()
    assert view.empty_hint.parentWidget() is viewport
    assert viewport.rect().contains(view.empty_hint.geometry().center())
    assert abs(view.empty_hint.geometry().center().y() - viewport.rect().center().y()) < 20
    view.search_box.clear()
    qtbot.waitUntil(lambda: model.total == everything)
    assert view.empty_hint.isHidden()


def test_the_due_filter_keeps_overdue_or_due_soon_cases(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws(NINGXIA)
    add_cases(ws.db, 120, now=NOW, pending_days=15)
    view = make_view(qtbot, ws)
    model = view.table.model()
    view.due_filter.setCurrentIndex(view.due_filter.findData("overdue"))
    overdue = {model.index(r, 0).data(model.DueStatusRole) for r in range(model.rowCount())}
    assert overdue == {"overdue"}
    view.due_filter.setCurrentIndex(view.due_filter.findData("due_soon"))
    soon = {model.index(r, 0).data(model.DueStatusRole) for r in range(model.rowCount())}
    assert soon == {"due_soon"}


def test_clicking_a_header_sorts_in_sql(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    add_cases(ws.db, 230, now=NOW)
    view = make_view(qtbot, ws)
    model = view.table.model()
    newest = [model.index(r, 0).data(model.ReferenceRole) for r in range(model.rowCount())]
    assert newest[0] == "C230"  # no column sorted: newest first

    click_header(qtbot, view, "number")
    assert (model.query().sort, model.query().descending) == ("number", False)
    numbers = column(view, "number")
    assert numbers == sorted(numbers)
    assert model.rowCount() == model.PAGE  # sorted in SQL: the first page of all 230
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > model.PAGE)
    model.fetchMore()
    numbers = column(view, "number")
    assert len(numbers) == 230
    assert numbers == sorted(numbers)

    click_header(qtbot, view, "number")
    assert model.query().descending
    numbers = column(view, "number")
    assert numbers == sorted(numbers, reverse=True)

    click_header(qtbot, view, "major")  # the engine's answer: not sortable in SQL
    assert model.query().sort == "number"
    assert view.table.horizontalHeader().sortIndicatorSection() == 0


def test_deadline_colours_text_and_tooltip(qtbot: Any, open_ws: Opener) -> None:
    from workstation.ui.case_list.case_list_model import (
        COLUMNS,
        DUE_SOON_BACKGROUND,
        OVERDUE_BACKGROUND,
        OVERDUE_FOREGROUND,
    )

    ws = open_ws(XUECHENG)  # today 2026-03-12
    soon, late, fine, done = add_cases(ws.db, 4, now=NOW, states=[("under_review", 1)])
    set_case(ws, soon, submitted_at=datetime(2026, 3, 7, 1, 0, tzinfo=UTC))  # due 03-12
    set_case(ws, late, submitted_at=datetime(2026, 3, 3, 1, 0, tzinfo=UTC))  # due 03-09
    set_case(ws, fine, submitted_at=datetime(2026, 3, 11, 1, 0, tzinfo=UTC))  # due 03-16
    set_case(ws, done, state="approved")
    view = make_view(qtbot, ws)
    model = view.table.model()

    def cell(case_id: int, role: Qt.ItemDataRole) -> Any:
        row = model.row_of(f"C{case_id}")
        assert row is not None
        return model.index(row, COLUMNS.index("deadline")).data(role)

    display, background = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole
    assert cell(soon, display) == "今日到期"
    assert QColor(cell(soon, background).color()) == DUE_SOON_BACKGROUND
    assert cell(soon, Qt.ItemDataRole.ToolTipRole) == "2026-03-12 到期"
    assert cell(late, display) == "逾期 3 日"
    assert QColor(cell(late, background).color()) == OVERDUE_BACKGROUND
    assert QColor(cell(late, Qt.ItemDataRole.ForegroundRole).color()) == OVERDUE_FOREGROUND
    assert cell(fine, display) == "剩 4 日"
    assert cell(fine, background) is None
    assert cell(done, display) == ""
    assert cell(done, background) is None


def test_days_left_are_working_days_under_a_working_day_pack(qtbot: Any, open_ws: Opener) -> None:
    from workstation.ui.case_list.case_list_model import COLUMNS

    ws = open_ws(NINGXIA)
    [case_id] = add_cases(ws.db, 1, now=NOW, states=[("under_review", 1)])
    set_case(ws, case_id, submitted_at=datetime(2026, 3, 6, 1, 0, tzinfo=UTC))  # due 03-17
    view = make_view(qtbot, ws)
    model = view.table.model()
    deadline = model.index(0, COLUMNS.index("deadline"))
    assert deadline.data() == "剩 3 个工作日"
    assert deadline.data(Qt.ItemDataRole.BackgroundRole) is None
    set_case(ws, case_id, submitted_at=datetime(2026, 3, 4, 1, 0, tzinfo=UTC))  # due 03-13
    view.refresh()
    deadline = model.index(0, COLUMNS.index("deadline"))
    assert deadline.data() == "剩 1 个工作日"
    assert deadline.data(model.DueStatusRole) == "due_soon"


def test_double_click_or_enter_opens_the_case(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    ids = add_cases(ws.db, 5, now=NOW)
    view = make_view(qtbot, ws)
    table = view.table
    rect = table.visualRect(table.model().index(1, 1))
    with qtbot.waitSignal(view.case_opened) as opened:
        # A real double-click starts with a press: the view opens the row pressed first.
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [f"C{ids[-2]}"]
    assert view.current_reference() == f"C{ids[-2]}"
    assert ws.resolve(opened.args[0]).case_id == ids[-2]  # a reference services accept
    table.selectRow(3)
    with qtbot.waitSignal(view.case_opened) as opened:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [f"C{ids[-4]}"]


def test_refresh_keeps_the_selection_and_shows_new_cases(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    add_cases(ws.db, 150, now=NOW)
    view = make_view(qtbot, ws)
    model = view.table.model()
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 150)
    view.table.selectRow(120)
    chosen = view.current_reference()
    add_cases(ws.db, 3, now=NOW, seed=1)
    with qtbot.waitSignal(model.total_changed) as changed:
        view.refresh()
    assert changed.args == [153]
    assert "153" in view.count_label.text()
    assert model.rowCount() >= 150
    assert view.current_reference() == chosen
    assert model.index(0, 0).data(model.ReferenceRole) == "C153"


def test_a_trainee_sees_exercises_and_a_stranger_the_reason(qtbot: Any, open_ws: Opener) -> None:
    ws = open_ws()
    add_cases(ws.db, 40, now=NOW, exercise_every=5)
    trainee = make_view(qtbot, ws, "feng")
    assert trainee.table.model().total == 8
    assert all(t.endswith("（练习）") for t in column(trainee, "title"))
    stranger = make_view(qtbot, ws, "stranger")
    assert stranger.table.model().rowCount() == 0
    assert "stranger" in stranger.empty_hint.text()
    assert stranger.empty_hint.isVisible()
    stranger.set_login("wang")
    assert stranger.table.model().total == 40
    assert stranger.empty_hint.isHidden()


def test_an_empty_store_says_how_to_start(qtbot: Any, open_ws: Opener) -> None:
    view = make_view(qtbot, open_ws())
    assert view.table.model().rowCount() == 0
    assert view.empty_hint.isVisible()
    assert "文件→导入" in view.empty_hint.text()


def test_every_string_of_the_case_list_has_a_chinese_translation() -> None:
    import xml.etree.ElementTree as ET

    ts = PROJECT_ROOT / "resources" / "i18n" / "case_list.zh_CN.ts"
    messages = ET.parse(ts).getroot().iter("message")
    unfinished = []
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") == "unfinished" or not all(forms):
            unfinished.append(message.findtext("source"))
    assert unfinished == []


def test_rows_read_at_start_up_are_completed_in_place(qtbot: Any, open_ws: Opener) -> None:
    """At start-up the view shows the newest cases before the services are there; once
    attached it fills in deadlines and "major" without losing the reviewer's place."""
    from workstation.review.quick_read import first_cases
    from workstation.ui.case_list.case_list_view import CaseListView

    ws = open_ws(XUECHENG)
    add_cases(ws.db, 150, now=NOW, states=[("under_review", 1)])  # each has a deadline
    view = CaseListView(None, "wang", first=first_cases(ws.paths.database_file, "wang", 100))
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    model = view.table.model()
    assert (model.rowCount(), model.total) == (100, 150)
    assert "150" in view.count_label.text()
    assert model.provisional
    assert model.loading
    assert set(column(view, "deadline")) == set(column(view, "major")) == {""}
    assert not model.canFetchMore()  # no listing yet to page through
    assert not view.search_box.isEnabled()
    assert not view.table.horizontalHeader().sectionsClickable()
    view.table.selectRow(42)
    chosen = view.current_reference()

    with qtbot.waitSignal(model.completed, timeout=20_000):
        view.attach(ws)
    assert not model.provisional
    assert not model.loading
    assert view.current_reference() == chosen
    assert all(column(view, "deadline"))
    assert set(column(view, "major")) <= {"是", "否"}
    assert set(column(view, "version")) == {"第 1 版"}
    assert model.canFetchMore()
    assert view.search_box.isEnabled()
    assert view.table.horizontalHeader().sectionsClickable()


def test_a_list_with_nothing_read_yet_says_it_is_loading(qtbot: Any, open_ws: Opener) -> None:
    from workstation.ui.case_list.case_list_view import CaseListView

    ws = open_ws()
    add_cases(ws.db, 3, now=NOW)
    view = CaseListView(None, "wang")
    qtbot.addWidget(view)
    view.show()
    assert view.empty_hint.isVisible()
    assert view.empty_hint.text() == "正在读取案件…"
    view.refresh()  # F5 before the services are there: nothing to do yet
    with qtbot.waitSignal(view.model.completed, timeout=20_000):
        view.attach(ws)
    assert view.model.rowCount() == 3
    assert view.empty_hint.isHidden()


def test_a_cut_cell_shows_its_whole_text_as_a_tooltip(qtbot: Any, open_ws: Opener) -> None:
    """The state column has room for its longest state; any cell the user narrows, or a long
    title or party, shows its whole text on hover."""
    from workstation.ui.case_list.case_list_model import COLUMNS

    ws = open_ws()
    people = staff_ids(ws)
    [case_id] = add_cases(
        ws.db, 1, now=NOW, states=[("opinion_issued", 1)], reviewer_ids=[people["wang"]]
    )
    view = make_view(qtbot, ws)
    model = view.table.model()
    state = COLUMNS.index("state")
    assert model.index(0, state).data() == "已出具意见，待签发"
    needed = view.table.fontMetrics().horizontalAdvance("已出具意见，待签发")
    assert view.table.columnWidth(state) > needed
    view.table.setColumnWidth(state, 30)  # narrowed by the user: the text is cut
    tooltip = Qt.ItemDataRole.ToolTipRole
    for name in ("version", "title", "party", "action_type", "state", "reviewer"):
        cell = model.index(0, COLUMNS.index(name))
        assert cell.data(tooltip) == cell.data(), name
    number = model.index(0, COLUMNS.index("number"))
    assert number.data(tooltip).splitlines() == [number.data(), f"案件 C{case_id}"]


def test_the_version_column_shows_the_case_version(
    qtbot: Any, open_ws: Opener, make_bundle: Callable[..., Path]
) -> None:
    """A resubmitted case (version 2) says so; one whose newer version is not under review
    says which version is."""
    from helpers import minimal_case

    from workstation.ui.case_list.case_list_model import COLUMNS

    ws = open_ws()
    import_case = ws.import_bundle(make_bundle(minimal_case(number="甲1号")), actor="admin")
    ws.import_bundle(make_bundle(minimal_case(number="乙2号")), actor="admin")
    ws.workflow.act(import_case.short_id, "accept", "wang")
    ws.import_bundle(
        make_bundle(minimal_case(number="甲1号", title="销售过期食品案（补正）")), actor="admin"
    )
    view = make_view(qtbot, ws)
    model = view.table.model()
    versions = dict(zip(column(view, "number"), column(view, "version"), strict=True))
    assert versions == {"甲1号": "第 2 版（审核第 1 版）", "乙2号": "第 1 版"}
    assert model.headerData(COLUMNS.index("version"), Qt.Orientation.Horizontal) == "版本"
    click_header(qtbot, view, "version")
    assert model.query().sort == "version"
