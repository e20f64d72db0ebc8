"""The player widget on real media: keys, controls, the waveform and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from media_support import settle, shown_number, spin_until
from PySide6.QtCore import QPoint, Qt

from workstation.media.qt_player import QtPlayer
from workstation.media.vlc_player import VlcPlayer
from workstation.ui.recordings.player_widget import PlayerWidget

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workstation.demo.barcode_clip import write_clip

    path = tmp_path_factory.mktemp("player") / "clip.mp4"
    write_clip(path, seconds=8)
    return path


@pytest.fixture
def widget(qtbot) -> Iterator[PlayerWidget]:  # noqa: ANN001
    player = PlayerWidget()
    qtbot.addWidget(player)
    player.resize(480, 360)
    player.show()
    qtbot.waitExposed(player)
    yield player
    player.close_file()


def _shown(widget: PlayerWidget) -> int | None:
    image = widget.view.image()
    return None if image is None else shown_number(image)


def _wait_frame(widget: PlayerWidget, number: int) -> bool:
    return spin_until(lambda: _shown(widget) == number, 5)


def test_opens_on_the_first_frame_with_qt_and_the_keys_work(widget, qtbot, clip) -> None:  # noqa: ANN001
    widget.open_file(clip)
    assert _wait_frame(widget, 0)
    assert isinstance(widget.player, QtPlayer)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # +5 s
    assert _wait_frame(widget, 125)
    qtbot.keyClick(widget, Qt.Key.Key_Period)
    assert _wait_frame(widget, 126)
    qtbot.keyClick(widget, Qt.Key.Key_Comma)
    qtbot.keyClick(widget, Qt.Key.Key_Comma)
    assert _wait_frame(widget, 124)
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert _wait_frame(widget, 0)
    qtbot.keyClick(widget, Qt.Key.Key_BracketRight)
    assert widget.player.rate() == 1.25
    assert widget.transport.rate_label.text() == "1.25×"
    qtbot.keyClick(widget, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(widget, Qt.Key.Key_BracketLeft)
    assert widget.player.rate() == 0.75
    assert "00:00:00.000" in widget.transport.time_label.text()


def test_space_plays_and_pauses(widget, qtbot, clip) -> None:  # noqa: ANN001
    widget.open_file(clip)
    assert _wait_frame(widget, 0)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert spin_until(lambda: (_shown(widget) or 0) > 10, 5)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert spin_until(lambda: not widget.player.is_playing(), 5)
    settle(0.2)
    stopped = _shown(widget)
    settle(0.3)
    assert _shown(widget) == stopped


def test_go_to_a_typed_time(widget, clip, monkeypatch) -> None:  # noqa: ANN001
    widget.open_file(clip)
    assert _wait_frame(widget, 0)
    monkeypatch.setattr(
        "workstation.ui.recordings.transport_bar.QInputDialog.getText",
        lambda *args, **kwargs: ("00:00:06.520", True),
    )
    widget.transport.ask_time()
    assert _wait_frame(widget, 163)


def test_the_waveform_lane_fills_and_a_click_seeks(widget, qtbot, clip) -> None:  # noqa: ANN001
    widget.open_file(clip)
    assert _wait_frame(widget, 0)
    assert spin_until(lambda: bool(widget.lane._peaks), 10)
    assert spin_until(lambda: widget.lane.time_at(0) == 0, 5)
    x = widget.lane.width() // 2
    qtbot.mouseClick(
        widget.lane, Qt.MouseButton.LeftButton, pos=QPoint(x, widget.lane.height() // 2)
    )
    expected = widget.lane.time_at(x)
    assert expected is not None
    assert _wait_frame(widget, expected // 40)


def test_a_file_no_engine_can_play_says_so_by_name(widget, tmp_path) -> None:  # noqa: ANN001
    junk = tmp_path / "A05.mp4"
    junk.write_bytes(b"\x00\x01garbage" * 500)
    widget.open_file(junk)
    assert spin_until(lambda: "A05.mp4" in widget.view.message(), 15)
    assert widget.view.image() is None
    assert not widget.transport.play_button.isEnabled()


def test_the_office_can_choose_libvlc(qtbot, clip) -> None:  # noqa: ANN001
    widget = PlayerWidget(engine="vlc")
    qtbot.addWidget(widget)
    widget.open_file(clip)
    assert spin_until(lambda: _shown(widget) is not None, 10)
    assert isinstance(widget.player, VlcPlayer)
    widget.close_file()
