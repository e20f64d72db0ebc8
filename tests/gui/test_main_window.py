"""The minimal main window lists the imported cases (offscreen)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import minimal_case

pytestmark = pytest.mark.gui


def test_main_window_lists_imported_cases(qtbot: Any, ws: Any, make_bundle: Any) -> None:
    from workstation.ui.shell.main_window import MainWindow

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
    from workstation.ui.shell.main_window import MainWindow

    window = MainWindow(ws, "t")
    qtbot.addWidget(window)
    window.show()
    assert window.case_table.model().rowCount() == 0
    assert window.case_list.empty_hint.isVisible()


def _two_cases(ws: Any, make_bundle: Any) -> None:
    ws.import_bundle(make_bundle(), actor="t")
    ws.import_bundle(
        make_bundle(minimal_case(number="薛市监罚〔2026〕13号", title="无证经营案")), actor="t"
    )


def test_the_newest_cases_show_before_the_services_are_there(
    qtbot: Any, ws: Any, make_bundle: Any, data_dir: Any, clock: Any
) -> None:
    """Built from an Opening at start-up, the window lists the cases at once; importing
    waits, a case asked for opens as soon as the services are attached."""
    from workstation.app import begin_opening
    from workstation.ui.shell.main_window import MainWindow

    _two_cases(ws, make_bundle)
    opening = begin_opening(data_dir, clock=clock)
    assert opening.workstation is None  # a current database: nothing loaded yet
    window = MainWindow(opening, "t")
    qtbot.addWidget(window)
    window.show()
    model = window.case_table.model()
    assert model.rowCount() == 2
    assert model.provisional
    assert model.index(0, 1).data() == "无证经营案"
    assert window.workstation is None
    assert not window.import_action.isEnabled()
    assert window.statusBar().currentMessage() == "正在打开数据文件夹…"
    assert window.open_case("C1") is None
    assert window.workspaces == {}

    with qtbot.waitSignal(window.attached):
        window.attach(opening.finish())
    qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
    assert not model.provisional
    assert window.import_action.isEnabled()
    assert list(window.workspaces) == ["C1"]  # the case asked for meanwhile
    assert window.tabs.currentWidget() is window.workspaces["C1"]
    window.close()
    opening.close()


@pytest.fixture(autouse=True)
def _thaw() -> Iterator[None]:
    """The launcher freezes what start-up made; the test process must not keep that."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_start_up_loads_the_services_after_the_first_paint(
    qtbot: Any, ws: Any, make_bundle: Any, data_dir: Any, clock: Any
) -> None:
    from workstation.app import begin_opening
    from workstation.ui.shell.launcher import open_main_window

    _two_cases(ws, make_bundle)
    opening = begin_opening(data_dir, clock=clock)
    window, session = open_main_window(opening, "t")
    qtbot.addWidget(window)
    assert window.workstation is None
    qtbot.waitUntil(lambda: window.workstation is not None, timeout=20_000)
    # start-up's objects are out of the collector's reach (a full pass over them blocked the
    # UI for 100-150 ms)
    assert gc.get_freeze_count() > 0
    qtbot.waitUntil(lambda: not window.case_list.model.loading, timeout=20_000)
    assert window.workstation is opening.workstation
    assert session.marker is not None  # the crash marker, written once the database is open
    assert list((data_dir / "sessions").glob("*.json"))
    assert window.statusBar().currentMessage() == ""
    session.close()
    assert not list((data_dir / "sessions").glob("*.json"))
    window.close()
    opening.close()


def test_services_that_fail_to_load_are_reported_and_the_window_closes(
    qtbot: Any, ws: Any, make_bundle: Any, data_dir: Any, clock: Any, monkeypatch: Any
) -> None:
    from workstation import app
    from workstation.errors import StorageError
    from workstation.ui.shell import launcher

    _two_cases(ws, make_bundle)
    opening = app.begin_opening(data_dir, clock=clock)
    reported: list[BaseException] = []
    monkeypatch.setattr(launcher, "show_error", lambda _parent, exc: reported.append(exc))

    def busy() -> Any:
        raise StorageError("打开数据库失败：数据库正被其他程序占用，请稍后重试")

    monkeypatch.setattr(opening, "finish", busy)
    window, session = launcher.open_main_window(opening, "t")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(reported), timeout=20_000)
    assert "占用" in str(reported[0])
    assert session.failure is reported[0]  # launch() then ends with a failure exit status
    assert not window.isVisible()
    assert session.marker is None


def _register(ws: Any, *people: tuple[str, str, str]) -> None:
    from workstation.security.users import add_user

    with ws.db.write("登记用户") as session:
        for login, name, role in (("admin", "管理员", "administrator"), *people):
            add_user(
                session, login=login, display_name=name, roles=[role], by="admin", at=ws.clock()
            )


def test_the_status_bar_names_the_person_and_their_role(qtbot: Any, ws: Any) -> None:
    from workstation.ui.shell.main_window import MainWindow

    _register(ws, ("zhaomin", "赵敏", "reviewer"))
    window = MainWindow(ws, "zhaomin")
    qtbot.addWidget(window)
    window.show()
    assert window.user_label.text() == "当前用户：赵敏（审核人员）"
    assert window.user_label.toolTip() == "登录名：zhaomin"
    assert window.import_action.isEnabled()
    assert window.import_folder_action.isEnabled()


def test_a_trainee_finds_importing_greyed_out_with_the_reason(
    qtbot: Any, ws: Any, make_bundle: Any, data_dir: Any, clock: Any, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from workstation.app import begin_opening
    from workstation.ui.shell import main_window
    from workstation.ui.shell.import_dialog import ImportDialog

    asked: list[Any] = []
    monkeypatch.setattr(main_window, "open_file", lambda *args: asked.append(args))
    _register(ws, ("xueyuan", "学员甲", "trainee"))
    opening = begin_opening(data_dir, clock=clock)
    window = main_window.MainWindow(opening, "xueyuan")  # start-up: services still loading
    qtbot.addWidget(window)
    window.show()
    assert not window.import_action.isEnabled()
    window.attach(opening.finish())
    assert window.user_label.text() == "当前用户：学员甲（学员）"
    reason = "学员甲（学员）无权导入案卷，需要角色："
    for action in (window.import_action, window.import_folder_action):
        assert not action.isEnabled()  # still off once the services are there
        assert action.toolTip().startswith(reason)
        assert action.statusTip() == action.toolTip()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert file_menu.toolTipsVisible()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # Ctrl+I asks for no file

    # A bundle dropped on the window is not imported either; the notice says why.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(make_bundle()))])
    where, button, keys = QPointF(50, 50), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), copy, data, button, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(where, copy, data, button, keys))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "drop_notice") is not None)
    assert window.findChild(QMessageBox, "drop_notice").text().startswith(reason)
    assert window.findChild(ImportDialog) is None
    opening.close()
