"""Importing from the desktop: drop a bundle on the window or pick it; progress, cancel, problems."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, row_counts
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, ws: Any) -> Any:
    from workstation.ui.shell.main_window import MainWindow

    main = MainWindow(ws, "t")  # before the first user: the set-up mode imports for anyone
    qtbot.addWidget(main)
    main.show()
    return main


def _drop(window: Any, paths: list[Path]) -> tuple[bool, bool]:
    """Drag `paths` over the window and drop them; (enter accepted, drop accepted)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        QPointF(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_bundle_folder_imports_it_and_lists_the_problems(
    qtbot: Any, window: Any, make_bundle: Any
) -> None:
    case = minimal_case()
    case["case"]["documents"] = [
        {"id": "d1", "path": "docs/缺失.pdf", "kind": "evidence", "title": "缺失的材料"}
    ]
    bundle = make_bundle(case)
    dialogs: list[Any] = []
    window.import_bundle = lambda location, real=window.import_bundle: (
        dialogs.append(real(location)) or dialogs[-1]
    )
    assert _drop(window, [bundle]) == (True, True)
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.outcome is not None
    assert dialog.outcome.outcome == "imported"
    assert dialog.close_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    assert dialog.problems.isVisible()
    rows = [dialog.problems.topLevelItem(i) for i in range(dialog.problems.topLevelItemCount())]
    assert any(r.text(1) == "docs/缺失.pdf" for r in rows)
    qtbot.waitUntil(lambda: window.case_table.model().rowCount() == 1)


def _notice(qtbot: Any, window: Any) -> str:
    """The text of the notice the window shows after a refused drop."""
    from PySide6.QtWidgets import QMessageBox

    def shown() -> list[Any]:
        return [b for b in window.findChildren(QMessageBox, "drop_notice") if b.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    notice = shown()[0]
    assert notice.windowTitle() == "无法导入"
    text = str(notice.text())
    notice.close()
    return text


def _no_import_started(window: Any) -> bool:
    from workstation.ui.shell.import_dialog import ImportDialog

    return window.findChild(ImportDialog) is None


def test_a_dropped_file_that_is_not_a_bundle_is_explained(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    text = tmp_path / "笔录.txt"
    text.write_text("不是案卷包", encoding="utf-8")
    assert _drop(window, [text]) == (True, True)
    assert _notice(qtbot, window) == (
        "笔录.txt 不是案卷包：请拖入案卷包 ZIP 文件（.zip）或含有 case.json 的案卷包文件夹。"
    )
    assert _drop(window, [text, tmp_path]) == (True, True)
    assert _notice(qtbot, window) == "一次只能拖入一个案卷包（刚才拖入了 2 项）。"
    assert _no_import_started(window)


def test_a_dropped_folder_without_case_json_is_explained(
    qtbot: Any, window: Any, tmp_path: Path, make_bundle: Any
) -> None:
    empty = tmp_path / "扫描件"
    empty.mkdir()
    (empty / "a.pdf").write_bytes(b"%PDF-1.4")
    _drop(window, [empty])
    assert _notice(qtbot, window) == (
        "文件夹 扫描件 不是案卷包：案卷包文件夹的第一层必须有 case.json。"
    )
    # Unpacking a bundle ZIP often leaves the bundle folder inside a folder of the same name.
    outer = tmp_path / "薛市监罚12号"
    outer.mkdir()
    make_bundle(name="薛市监罚12号/案卷")
    _drop(window, [outer])
    assert _notice(qtbot, window) == (
        "文件夹 薛市监罚12号 不是案卷包：其中没有 case.json，但它里面的文件夹 案卷 有。"
        "请改为拖入文件夹 案卷。"
    )
    assert _no_import_started(window)


def _import_dropped(qtbot: Any, window: Any, bundle: Path) -> Any:
    """Drop `bundle`; the import dialog once it has ended."""
    from workstation.ui.shell.import_dialog import ImportDialog

    assert _drop(window, [bundle]) == (True, True)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.ended, timeout=60_000)
    return dialog


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PDF, not a ZIP\n", "内容不是 ZIP 格式，只是扩展名为 .zip"),
        (b"", "文件是空的，0 字节"),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),
            "文件不完整，结尾的 ZIP 目录缺失，可能没有下载或复制完",
        ),
    ],
)
def test_a_broken_zip_is_refused_in_chinese_naming_it(
    qtbot: Any, window: Any, tmp_path: Path, content: bytes, reason: str
) -> None:
    bundle = tmp_path / "案卷包.zip"
    bundle.write_bytes(content)
    dialog = _import_dropped(qtbot, window, bundle)
    assert dialog.outcome is None
    assert dialog.summary.text() == (
        f"导入失败：{bundle} 不是有效的 ZIP 文件（{reason}），已拒绝导入"
    )


def test_the_notice_about_a_version_under_review_shows_whole(
    qtbot: Any, ws: Any, make_bundle: Any
) -> None:
    from workstation.security.users import add_user
    from workstation.ui.shell.main_window import MainWindow

    with ws.db.write("登记用户") as session:
        for login, name, role in (
            ("admin", "管理员", "administrator"),
            ("zhou", "周承办", "clerk"),
            ("wang", "王审核", "reviewer"),
        ):
            add_user(
                session, login=login, display_name=name, roles=[role], by="admin", at=ws.clock()
            )
    # A long case number: the outcome's first line wraps as well.
    number = "薛城区市场监督管理局薛市监罚〔2026〕第000012号（食品安全专项整治行动中查处）"
    ws.import_bundle(make_bundle(minimal_case(number=number)), actor="zhou")
    ws.workflow.act("C1", "accept", "wang")
    window = MainWindow(ws, "zhou")
    qtbot.addWidget(window)
    window.show()

    dialog = _import_dropped(
        qtbot, window, make_bundle(minimal_case(number=number, title="补正后的案卷"))
    )
    assert dialog.outcome is not None
    assert dialog.outcome.version == 2
    summary = dialog.summary
    assert "注意：本案正在审核第 1 版" in summary.text()
    assert summary.text().endswith("请与法制审核机构联系")
    # Every wrapped line is on screen: the label is as tall as its text needs at its width.
    qtbot.waitUntil(lambda: summary.height() >= summary.heightForWidth(summary.width()))
    assert summary.visibleRegion().boundingRect().height() >= summary.heightForWidth(
        summary.width()
    )


def test_cancelling_an_import_keeps_nothing(
    qtbot: Any, window: Any, ws: Any, make_bundle: Any
) -> None:
    bundle = make_bundle()
    before = row_counts(ws)
    started, release = threading.Event(), threading.Event()
    real = ws.import_bundle

    def held(location: Path, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress")

        def report(fraction: float, message: str) -> None:
            progress(fraction, message)
            started.set()
            release.wait(10)  # the dialog's cancel arrives while the import is under way

        return real(location, progress=report, **kwargs)

    ws.import_bundle = held
    dialog = window.import_bundle(bundle)
    qtbot.waitUntil(started.is_set, timeout=30_000)
    dialog.reject()  # Esc: cancels first instead of closing on a running import
    assert dialog.isVisible()
    assert not dialog.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.outcome is None
    assert dialog.close_button.isEnabled()
    counts = row_counts(ws)
    assert counts["cases"] == before["cases"] == 0
    assert counts["evidence_files"] == before["evidence_files"]
    assert window.case_table.model().rowCount() == 0
