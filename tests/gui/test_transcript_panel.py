"""The transcript panel: following playback, click to seek, search (Chinese too)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from wheel_input import turn_wheel

from workstation.recordings.transcripts import Cue, Transcript, parse_transcript
from workstation.ui.recordings.transcript_model import START_ROLE
from workstation.ui.recordings.transcript_panel import TranscriptPanel

pytestmark = pytest.mark.gui

LINES = 3_000  # a long hearing: 3 s a line for two and a half hours
SAYINGS = ("请出示执法证件。", "当事人对罚款金额有异议。", "Please sign the RECORD here.", "好的。")


def hearing() -> Transcript:
    """3,000 lines, 3 s apart (2.5 s long); every fourth mentions 罚款."""
    cues = tuple(
        Cue(
            i * 3_000,
            i * 3_000 + 2_500,
            f"{SAYINGS[i % 4]}（第{i}句）",
            "刘建国" if i % 2 else None,
        )
        for i in range(LINES)
    )
    return Transcript("hearing.vtt", cues)


class Window(QWidget):
    """The panel beside another widget that has the keyboard focus."""

    def __init__(self) -> None:
        super().__init__()
        self.other = QLineEdit(self)
        self.panel = TranscriptPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.other)
        layout.addWidget(self.panel)


@pytest.fixture
def window(qtbot: Any) -> Window:
    shown = Window()
    qtbot.addWidget(shown)
    shown.resize(380, 520)
    shown.show()
    qtbot.waitExposed(shown)
    shown.panel.resume_delay_ms = 300
    return shown


@pytest.fixture
def panel(window: Window) -> TranscriptPanel:
    window.panel.set_transcript(hearing(), "听证室录音设备 T01")
    return window.panel


def shown_fully(panel: TranscriptPanel, row: int) -> bool:
    view = panel.list_view
    rect = view.visualRect(panel.model.index(row, 0))
    return rect.isValid() and view.viewport().rect().contains(rect)


def background(panel: TranscriptPanel, row: int) -> str | None:
    brush = panel.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def scroll_by_hand(panel: TranscriptPanel, notches: int = -3) -> None:
    viewport = panel.list_view.viewport()
    turn_wheel(viewport, QPointF(viewport.rect().center()), notches)


def type_chinese(box: QLineEdit, text: str) -> None:
    """What an input method does when the reviewer picks the characters: commit them."""
    box.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(box, event)


def test_lines_read_time_speaker_and_text(panel: TranscriptPanel) -> None:
    assert panel.model.rowCount() == LINES
    assert panel.title.text() == "听证室录音设备 T01 · hearing.vtt"
    assert panel.model.index(0, 0).data() == "00:00:00  请出示执法证件。（第0句）"
    assert (
        panel.model.index(1201, 0).data()
        == "01:00:03  刘建国：当事人对罚款金额有异议。（第1201句）"
    )
    assert panel.model.index(1201, 0).data(START_ROLE) == 3_603_000


def test_the_current_line_follows_playback_without_taking_the_focus(
    window: Window, panel: TranscriptPanel, qtbot: Any
) -> None:
    window.activateWindow()
    window.other.setFocus()
    qtbot.waitUntil(window.other.hasFocus)
    panel.set_position(2_000 * 3_000 + 1_000)  # inside line 2000
    assert panel.current_row() == 2_000
    qtbot.waitUntil(lambda: shown_fully(panel, 2_000))
    assert background(panel, 2_000) == "#cfe6fb"
    assert panel.model.index(2_000, 0).data(Qt.ItemDataRole.FontRole).bold()
    panel.set_position(2_001 * 3_000 + 100)
    qtbot.waitUntil(lambda: shown_fully(panel, 2_001))
    assert background(panel, 2_000) is None
    assert background(panel, 2_001) == "#cfe6fb"
    panel.set_position(2_001 * 3_000 + 2_700)  # the pause between two lines: none is current
    assert panel.current_row() is None
    assert background(panel, 2_001) is None
    assert window.other.hasFocus()


def test_scrolling_by_hand_pauses_following_for_a_few_seconds(
    panel: TranscriptPanel, qtbot: Any
) -> None:
    panel.set_position(1_000 * 3_000)
    qtbot.waitUntil(lambda: shown_fully(panel, 1_000))
    scroll_by_hand(panel)
    assert not panel.is_following()
    assert not panel.follow_button.isChecked()
    panel.set_position(1_030 * 3_000)  # playback goes on: the list stays where they put it
    assert panel.current_row() == 1_030
    assert not shown_fully(panel, 1_030)
    qtbot.waitUntil(panel.is_following, timeout=3_000)  # resume_delay_ms later
    qtbot.waitUntil(lambda: shown_fully(panel, 1_030))


def test_the_follow_button_resumes_at_once_and_off_stays_off(
    panel: TranscriptPanel, qtbot: Any
) -> None:
    panel.resume_delay_ms = 60_000
    panel.set_position(500 * 3_000)
    qtbot.waitUntil(lambda: shown_fully(panel, 500))
    scroll_by_hand(panel)
    panel.set_position(560 * 3_000)
    assert not shown_fully(panel, 560)
    qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)
    assert panel.is_following()
    qtbot.waitUntil(lambda: shown_fully(panel, 560))
    qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)  # the reviewer turns it off
    assert not panel.is_following()
    scroll_by_hand(panel)
    panel.set_position(900 * 3_000)
    qtbot.wait(400)
    assert not panel.is_following()
    assert not shown_fully(panel, 900)


def test_a_click_or_enter_on_a_line_seeks_to_it(panel: TranscriptPanel, qtbot: Any) -> None:
    panel.set_position(10 * 3_000)
    centre = panel.list_view.viewport().rect().center()
    qtbot.waitUntil(lambda: panel.list_view.indexAt(centre).isValid())  # laid out
    scroll_by_hand(panel, -2)
    assert not panel.is_following()
    row = panel.list_view.indexAt(centre).row()
    assert row > 10
    rect = panel.list_view.visualRect(panel.model.index(row, 0))
    with qtbot.waitSignal(panel.seek_requested) as sought:
        qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sought.args == [row * 3_000]
    assert panel.is_following()  # they chose where to be: follow from there
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.seek_requested) as sought:
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Return)
    assert sought.args == [(row + 1) * 3_000]


def test_search_finds_chinese_and_any_case_and_steps_through_the_hits(
    panel: TranscriptPanel, qtbot: Any
) -> None:
    panel.set_position(1_001 * 3_000)
    type_chinese(panel.search_box, "罚款")
    hits = [i for i in range(LINES) if i % 4 == 1]
    assert panel.matches() == hits
    # The first hit from where playback is, shown and counted.
    assert panel.current_match() == 1_001
    assert panel.count_label.text() == "251/750"
    assert not panel.is_following()
    qtbot.waitUntil(lambda: shown_fully(panel, 1_001))
    assert background(panel, 1_001) == "#ffc24d"
    assert background(panel, 1_005) == "#fff1a8"
    assert background(panel, 1_002) is None
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.current_match() == 1_005
    qtbot.waitUntil(lambda: shown_fully(panel, 1_005))
    assert background(panel, 1_005) == "#ffc24d"
    assert background(panel, 1_001) == "#cfe6fb"  # a match, and playing now
    assert background(panel, 997) == "#fff1a8"
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert panel.current_match() == 997
    assert panel.search("record") == LINES // 4  # "RECORD" in any case
    assert panel.search("ＲＥＣＯＲＤ") == LINES // 4  # typed full-width
    assert panel.search("刘建国：") == 0  # the speaker is searched, not the printed colon
    assert panel.count_label.text() == "无匹配"
    assert panel.search("刘建国") == LINES // 2


def test_clearing_the_search_goes_back_to_following(panel: TranscriptPanel, qtbot: Any) -> None:
    panel.set_position(40 * 3_000)
    panel.search("请出示")
    assert not panel.is_following()
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert panel.search_box.text() == ""
    assert panel.count_label.text() == ""
    assert panel.is_following()
    assert background(panel, 40) == "#cfe6fb"
    assert all(background(panel, row) in (None, "#cfe6fb") for row in range(0, 200))


def test_a_parsed_webvtt_file_is_searched_as_it_reads(window: Window, qtbot: Any) -> None:
    data = (
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v 刘建国>请出示执法证件</v>\n\n"
        "00:04.000 --> 00:06.500\n<v 王晓萌>现场检查开始，<b>记录</b>在案\n"
    ).encode()
    panel = window.panel
    panel.set_transcript(parse_transcript(data, "a01.vtt"), "执法记录仪 A01")
    assert [panel.model.index(r, 0).data() for r in range(2)] == [
        "00:00:01  刘建国：请出示执法证件",
        "00:00:04  王晓萌：现场检查开始，记录在案",
    ]
    assert panel.search("记录在案") == 1
    assert panel.search("王晓萌") == 1
    with qtbot.waitSignal(panel.seek_requested) as sought:
        rect = panel.list_view.visualRect(panel.model.index(1, 0))
        qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sought.args == [4_000]


def test_without_a_transcript_a_placeholder_says_so(window: Window) -> None:
    panel = window.panel
    assert panel.pages.currentWidget() is panel.placeholder
    assert panel.placeholder.text() == "无转写文本"
    panel.set_transcript(hearing(), "听证室录音设备 T01")
    assert panel.pages.currentWidget() is panel.list_view
    assert panel.search("好的") == LINES // 4
    panel.set_transcript(None, "执法记录仪 A02")
    assert panel.pages.currentWidget() is panel.placeholder
    assert panel.placeholder.text() == "执法记录仪 A02没有转写文本"
    assert panel.model.rowCount() == 0
    assert not panel.search_box.isEnabled()
    assert (panel.search_box.text(), panel.count_label.text(), panel.matches()) == ("", "", [])
    panel.set_position(5_000)  # harmless
    panel.set_transcript(Transcript("empty.srt", ()), "执法记录仪 A02")
    assert panel.placeholder.text() == "转写文本 empty.srt 中没有字幕行"


def test_the_playing_line_is_painted_highlighted(panel: TranscriptPanel, qtbot: Any) -> None:
    panel.set_position(300 * 3_000)
    qtbot.waitUntil(lambda: shown_fully(panel, 300))
    rect = panel.list_view.visualRect(panel.model.index(300, 0))

    def painted() -> QColor:
        picture = panel.list_view.viewport().grab().toImage()
        return picture.pixelColor(rect.right() - 3, rect.center().y())

    qtbot.waitUntil(lambda: painted() == QColor("#cfe6fb"))  # once laid out (in batches)
