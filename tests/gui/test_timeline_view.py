"""The case timeline widget: lanes, red PROC-10 events, click to seek, zoom, pan, flags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, demo_morning, demo_office_folder, seizure_case
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QImage
from timeline_values import REFUSED, cst, sample_timeline
from wheel_input import turn_wheel

from workstation.recordings.timeline import CaseTimeline
from workstation.security.users import add_user
from workstation.ui.recordings.timeline_view import TimelineView

pytestmark = pytest.mark.gui

WIDTH = 900


@pytest.fixture
def view(qtbot: Any) -> TimelineView:
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.set_timeline(sample_timeline())
    widget.resize(WIDTH, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def image(view: TimelineView) -> QImage:
    return view.grab().toImage()


def is_red(colour: QColor) -> bool:
    return colour.red() > 200 and colour.green() < 90 and colour.blue() < 90


def ms_per_px(view: TimelineView) -> float:
    start, end = view.visible_range()
    return (end - start) / timedelta(milliseconds=1) / (view.width() - view.x_of(start))


def lane_y(view: TimelineView, device: str) -> int:
    return view.lane_rect(device).center().y()


def event_y(view: TimelineView) -> int:
    return view.event_row().center().y()


def wheel(view: TimelineView, x: float, notches: int, ctrl: bool) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    turn_wheel(view, QPointF(x, lane_y(view, "执法记录仪 A02")), notches, modifiers)


def test_the_whole_case_shows_one_lane_per_device(view: TimelineView) -> None:
    timeline = view.timeline()
    assert timeline is not None
    start, end = view.visible_range()
    assert start < cst("2026-03-02 10:14:50")
    assert cst("2026-03-02 10:16:30") < end
    lanes = [view.lane_rect(d) for d in ("执法记录仪 A01", "执法记录仪 A02", "听证室录音设备 T01")]
    assert [r.top() for r in lanes] == sorted(r.top() for r in lanes)
    assert all(r.bottom() < view.height() for r in lanes)
    # Both A01 recordings sit on the A01 lane, in their own colour; between them nothing.
    picture = image(view)
    y = lane_y(view, "执法记录仪 A01")
    for key in ("r1", "r3"):
        span = timeline.recording(key)
        assert span is not None
        middle = span.start + (span.end - span.start) / 2
        assert picture.pixelColor(round(view.x_of(middle)), y) == QColor("#5fb3d9")
    gap = round(view.x_of(cst("2026-03-02 10:15:28")))
    assert picture.pixelColor(gap, y) != QColor("#5fb3d9")


def test_a_click_seeks_to_the_instant_under_the_mouse(view: TimelineView, qtbot: Any) -> None:
    target = cst("2026-03-02 10:15:10.400")
    x = round(view.x_of(target))
    with qtbot.waitSignal(view.seek_requested) as sought:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=QPoint(x, lane_y(view, "执法记录仪 A02"))
        )
    moment = sought.args[0]
    assert isinstance(moment, datetime)
    assert moment.utcoffset() == timedelta(0)
    assert abs(moment - target) <= timedelta(milliseconds=ms_per_px(view))
    # Empty space seeks too (here: below the events, in the hearing lane before its bar).
    x = round(view.x_of(cst("2026-03-02 10:15:30")))
    with qtbot.waitSignal(view.seek_requested) as sought:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=QPoint(x, lane_y(view, "听证室录音设备 T01"))
        )
    assert abs(sought.args[0] - cst("2026-03-02 10:15:30")) <= timedelta(
        milliseconds=ms_per_px(view)
    )


def test_ctrl_wheel_zooms_around_the_mouse_and_the_wheel_pans(view: TimelineView) -> None:
    x = 600.0
    under = view.time_at(x)
    start, end = view.visible_range()
    wheel(view, x, 3, ctrl=True)
    closer_start, closer_end = view.visible_range()
    assert (closer_end - closer_start) < (end - start) * 0.6
    assert abs(view.time_at(x) - under) < timedelta(milliseconds=1)
    wheel(view, x, -3, ctrl=True)
    assert abs(view.time_at(x) - under) < timedelta(milliseconds=1)
    assert abs((view.visible_range()[1] - view.visible_range()[0]) - (end - start)) < timedelta(
        milliseconds=5
    )
    before = view.visible_range()[0]
    wheel(view, x, -1, ctrl=False)  # scrolling down moves on in time
    assert view.visible_range()[0] > before


def test_plus_and_minus_zoom_around_the_mouse_and_0_fits(view: TimelineView, qtbot: Any) -> None:
    x = 420
    QCursor.setPos(view.mapToGlobal(QPoint(x, lane_y(view, "执法记录仪 A01"))))
    under = view.time_at(x)
    span = view.visible_range()[1] - view.visible_range()[0]
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.visible_range()[1] - view.visible_range()[0] < span / 2
    assert abs(view.time_at(x) - under) < timedelta(milliseconds=1)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert abs(view.time_at(x) - under) < timedelta(milliseconds=1)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert abs(view.visible_range()[1] - view.visible_range()[0] - span) < timedelta(milliseconds=2)


def test_dragging_pans_without_seeking(view: TimelineView, qtbot: Any) -> None:
    view.show_range(cst("2026-03-02 10:15:00"), cst("2026-03-02 10:15:20"))
    per_px = ms_per_px(view)
    start = view.visible_range()[0]
    y = lane_y(view, "执法记录仪 A02")
    seeks: list[object] = []
    view.seek_requested.connect(seeks.append)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(500, y))
    qtbot.mouseMove(view, QPoint(400, y))
    qtbot.mouseMove(view, QPoint(300, y))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(300, y))
    moved = view.visible_range()[0] - start
    assert abs(moved - timedelta(milliseconds=200 * per_px)) < timedelta(milliseconds=per_px)
    assert seeks == []


def test_an_event_no_recording_covers_is_red_with_its_reason(view: TimelineView) -> None:
    timeline = view.timeline()
    assert timeline is not None
    events = {e.key: e for e in timeline.events}
    picture = image(view)
    seizure = round(view.x_of(events["e3"].at))
    assert is_red(picture.pixelColor(seizure, event_y(view)))
    # The covered inspection and the unrecorded filing (no recording needed) are not red.
    for key in ("e1", "e2"):
        assert not is_red(picture.pixelColor(round(view.x_of(events[key].at)), event_y(view)))
    tip = view.tooltip_at(QPoint(seizure, event_y(view)))
    assert tip.splitlines() == ["查封扣押", "时间：2026-03-02 10:16:30", "备注：现场查封冷库"] + [
        "无录音录像覆盖"
    ]
    inspection = view.tooltip_at(QPoint(round(view.x_of(events["e2"].at)), event_y(view)))
    assert "无录音录像覆盖" not in inspection
    assert "有录音录像覆盖" in inspection


def test_clicking_an_event_names_it_and_seeks_to_it(view: TimelineView, qtbot: Any) -> None:
    at = cst("2026-03-02 10:15:05")
    x = round(view.x_of(at)) + 2  # a near miss still hits the tick
    with (
        qtbot.waitSignal(view.event_clicked) as clicked,
        qtbot.waitSignal(view.seek_requested) as sought,
    ):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, event_y(view)))
    assert clicked.args == ["e2"]
    assert sought.args == [at]


def test_a_bookmark_flag_is_drawn_on_its_recording_and_a_click_names_it(
    view: TimelineView, qtbot: Any
) -> None:
    view.show_range(cst("2026-03-02 10:15:00"), cst("2026-03-02 10:15:20"))
    flag_x = round(view.x_of(cst("2026-03-02 10:15:03"))) + 3
    top = view.lane_rect("执法记录仪 A01").top()
    assert image(view).pixelColor(flag_x, top + 5) == QColor("#f0b429")
    seeks: list[object] = []
    view.seek_requested.connect(seeks.append)
    with qtbot.waitSignal(view.bookmark_clicked) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(flag_x, top + 5))
    assert clicked.args == [7]
    assert seeks == []
    tip = view.tooltip_at(QPoint(flag_x, top + 5))
    assert tip.splitlines() == [
        "执法记录仪 A01 00:00:03–00:00:08：当事人拒绝签字",
        "添加人：李审核",
    ]


def test_a_recording_that_cannot_play_is_grey_and_hatched_and_says_why(view: TimelineView) -> None:
    t01 = cst("2026-03-02 10:16:10")
    y = lane_y(view, "听证室录音设备 T01")
    xs = range(round(view.x_of(t01)) + 2, round(view.x_of(t01 + timedelta(seconds=10))) - 2)
    picture = image(view)
    colours = {picture.pixelColor(x, y).name() for x in xs}
    assert colours == {"#3a3f45", "#8a9096"}  # the hatching: grey lines on dark grey
    tip = view.tooltip_at(QPoint(xs[5], y)).splitlines()
    assert tip[0] == "听证室录音设备 T01"
    assert "执法人员：刘建国" in tip
    assert "录制时段：2026-03-02 10:16:10 – 10:16:20（00:00:10）" in tip
    assert f"无法播放：{REFUSED}" in tip


def test_the_playhead_moves_and_the_view_follows_it_out_of_sight(view: TimelineView) -> None:
    view.show_range(cst("2026-03-02 10:15:00"), cst("2026-03-02 10:15:20"))
    view.set_instant(cst("2026-03-02 10:15:06"))
    x = round(view.x_of(cst("2026-03-02 10:15:06")))
    assert image(view).pixelColor(x, lane_y(view, "听证室录音设备 T01")) == QColor("#ffffff")
    span = view.visible_range()[1] - view.visible_range()[0]
    view.set_instant(cst("2026-03-02 10:15:45"))  # playing on past the right edge
    start, end = view.visible_range()
    assert start < cst("2026-03-02 10:15:45") < end
    assert end - start == span  # same zoom
    # Panned away by the reviewer, the playhead is left where it is.
    view.show_range(cst("2026-03-02 10:14:45"), cst("2026-03-02 10:14:55"))
    shown = view.visible_range()
    view.set_instant(cst("2026-03-02 10:15:46"))
    assert view.visible_range() == shown


def test_reading_the_same_version_again_keeps_the_zoom(view: TimelineView) -> None:
    view.show_range(cst("2026-03-02 10:15:00"), cst("2026-03-02 10:15:20"))
    shown = view.visible_range()
    view.set_timeline(sample_timeline())  # e.g. after a clock correction
    assert view.visible_range() == shown
    view.set_timeline(sample_timeline("C2@v1"))  # another case: fitted
    assert view.visible_range()[0] < cst("2026-03-02 10:14:50")


def test_a_case_with_nothing_to_show_says_so_and_ignores_clicks(qtbot: Any) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_timeline(CaseTimeline("C9@v1", "薛市监罚〔2026〕99号", (), ()))
    view.resize(WIDTH, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    seeks: list[object] = []
    view.seek_requested.connect(seeks.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 30))
    assert seeks == []
    assert view.tooltip_at(QPoint(500, 30)) == ""
    picture = image(view)
    text = [picture.pixelColor(x, view.height() // 2) for x in range(view.width())]
    assert QColor("#202428") in text
    assert any(c != QColor("#202428") for c in text)  # the message is written


# -- the same on a case from the store: red exactly where PROC-10 reports --------------------

REVIEWER, CLERK = "li", "zhao"
STAFF = (
    ("admin", "管理员", "administrator"),
    (REVIEWER, "李审核", "reviewer"),
    (CLERK, "赵承办", "clerk"),
)


@pytest.fixture
def clock() -> FixedClock:
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return demo_office_folder(tmp_path)


def test_on_a_stored_case_the_proc10_finding_is_the_red_event(
    ws: Any, qtbot: Any, make_bundle: Any, corpus_dir: Path
) -> None:
    with ws.db.write("登记用户") as session:
        for login, name, role in STAFF:
            add_user(
                session, login=login, display_name=name, roles=[role], by="admin", at=ws.clock()
            )
    wav = corpus_dir / "audio_mutagen_pcm_id3v23.wav"
    bundle = make_bundle(seizure_case(at="2026-03-01T10:00:04+08:00"), {"media/a.wav": wav})
    reference = ws.import_bundle(bundle, actor=CLERK).short_id
    ws.workflow.act(reference, "accept", REVIEWER)
    timeline = ws.recordings.timeline(reference, REVIEWER)
    proc10 = {f.refs[0] for f in ws.check(reference).findings if f.rule == "PROC-10"}
    assert proc10 == {"e1"}
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_timeline(timeline)
    view.resize(WIDTH, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    [event] = timeline.events
    x = round(view.x_of(event.at))
    assert is_red(image(view).pixelColor(x, event_y(view)))
    assert view.tooltip_at(QPoint(x, event_y(view))).endswith("无录音录像覆盖")
    [span] = timeline.recordings
    assert span.start == datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    assert image(view).pixelColor(
        round(view.x_of(span.start + timedelta(seconds=1))), lane_y(view, "执法记录仪 B07")
    ) == QColor("#7cc47c")  # audio
