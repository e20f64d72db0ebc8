"""A resubmitted case (version 2) in the desktop (issue 21): the case list and the navigator
say which version it is (第 N 版), and the opinion its first version was returned with
(第 1 稿: outcome, reasons, signer, date) is in the navigator and opens in the viewer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, require_libreoffice
from PySide6.QtCore import Qt
from resubmitted_case import RETURN_REASONS, returned_and_resubmitted
from review_desk import PASSPHRASE, REVIEWER, Office

from workstation.security import signing

pytestmark = pytest.mark.gui

SLOW = 60_000  # the filed DOCX goes through LibreOffice on a shared machine


@pytest.fixture(scope="module")
def keypair() -> tuple[bytes, bytes]:
    return signing.generate_keypair(PASSPHRASE)


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock, keypair: tuple[bytes, bytes]) -> Iterator[Office]:
    office = Office(tmp_path / "data", clock)
    returned_and_resubmitted(office, tmp_path, keypair)
    yield office
    office.close()


@pytest.fixture
def window(qtbot: Any, office: Office) -> Any:
    from workstation.ui.shell.main_window import MainWindow

    main = MainWindow(office.ws, REVIEWER.login)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    return main


def _open(qtbot: Any, window: Any) -> Any:
    workspace = window.open_case("C1")
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.contents is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not workspace.loading, timeout=30_000)
    return workspace


def _branch(navigator: Any, title: str) -> Any:
    for index in range(navigator.topLevelItemCount()):
        item = navigator.topLevelItem(index)
        if item.text(0).startswith(title):
            return item
    raise AssertionError(f"no branch {title}")


def test_the_case_list_shows_the_version(qtbot: Any, window: Any) -> None:
    from workstation.ui.case_list.case_list_model import COLUMNS

    model = window.case_table.model()
    state, version = COLUMNS.index("state"), COLUMNS.index("version")
    assert (model.index(0, state).data(), model.index(0, version).data()) == ("待审核", "第 2 版")


def test_the_navigator_names_the_version_and_lists_the_earlier_opinion(
    qtbot: Any, window: Any
) -> None:
    workspace = _open(qtbot, window)
    navigator = workspace.navigator
    assert not navigator.isHeaderHidden()
    assert navigator.headerItem().text(0) == "案卷第 2 版"
    assert "2026-03-15 09:00 送审" in navigator.headerItem().toolTip(0)
    earlier = _branch(navigator, "此前的审核意见")
    assert earlier.text(0) == "此前的审核意见（1）"
    assert navigator.indexOfTopLevelItem(earlier) == 0  # before the documents: read it first
    opinion = earlier.child(0)
    assert opinion.text(0) == "第 1 稿 · 退回补正"
    assert [opinion.child(i).text(0) for i in range(opinion.childCount())] == [
        f"理由：{RETURN_REASONS}",
        "钱法制 2026-03-13 签发",
    ]
    tip = opinion.toolTip(0)
    assert "审核意见书第 1 稿，审核的是案卷第 1 版" in tip
    assert f"理由：{RETURN_REASONS}" in tip
    assert "签发：钱法制，2026-03-13 10:00" in tip


def test_activating_the_earlier_opinion_shows_the_filed_document(qtbot: Any, window: Any) -> None:
    require_libreoffice()
    workspace = _open(qtbot, window)
    navigator = workspace.navigator
    opinion = _branch(navigator, "此前的审核意见").child(0)
    navigator.scrollToItem(opinion)
    qtbot.mouseClick(
        navigator.viewport(),
        Qt.MouseButton.LeftButton,
        pos=navigator.visualItemRect(opinion).center(),
    )
    assert workspace.current_document == "opinion:1"
    assert workspace.centre.currentWidget() is workspace.documents_holder
    assert navigator.currentItem() is opinion
    viewer = workspace.viewer
    assert viewer.title.endswith("（第 1 稿）")
    assert viewer.title.startswith("法审〔2026〕")
    qtbot.waitUntil(lambda: viewer.page_count >= 1, timeout=SLOW)
    # The case's own documents still open as before.
    workspace.open_document("d1")
    assert workspace.current_document is None  # d1's file was never in the bundle
    assert navigator.currentItem().text(0).startswith("现场检查笔录")
