"""Painting TimelineView: its rows (time axis, procedure events, one lane per device), the
recordings' bars, bookmark flags, event ticks and the playhead, from a `Scene`.

Kept apart from the widget, which owns the state, the input and the tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from workstation.media.timeline_scale import TimeWindow, ticks, to_datetime
from workstation.recordings.placement import epoch_ms
from workstation.recordings.timeline import (
    BookmarkView,
    CaseTimeline,
    RecordingSpan,
    TimelineEvent,
)
from workstation.timefmt import office_time

AXIS_H, EVENT_H, LANE_H = 20, 26, 36  # row heights (px)
MIN_BAR_PX = 3  # a recording stays visible when the whole case is in view
FLAG_W = 9  # a bookmark's pennant

BACKGROUND, LABELS_BG, ALT_LANE = QColor("#202428"), QColor("#1a1d21"), QColor("#262b31")
GRID, AXIS_TEXT, TEXT, DIM_TEXT = (
    QColor("#353b42"),
    QColor("#aab2ba"),
    QColor("#e0e4e8"),
    QColor("#8d969f"),
)
VIDEO, AUDIO, UNPLAYABLE = QColor("#5fb3d9"), QColor("#7cc47c"), QColor("#8a9096")
EVENT, MISSING, BOOKMARK, PLAYHEAD = (
    QColor("#c8ced4"),
    QColor("#e53935"),
    QColor("#f0b429"),
    QColor("#ffffff"),
)


@dataclass
class Lane:
    """A device's row: its recordings, their activities and the bookmarks made on them."""

    device: str
    activities: list[str] = field(default_factory=list)
    spans: list[RecordingSpan] = field(default_factory=list)
    bookmarks: list[BookmarkView] = field(default_factory=list)

    @property
    def activity_text(self) -> str:
        """现场检查、抽样取证"""
        return "、".join(self.activities)


def lanes_of(timeline: CaseTimeline) -> list[Lane]:
    """One lane per device, in the order the recordings first name them."""
    lanes: dict[str, Lane] = {}
    for span in timeline.recordings:
        lane = lanes.setdefault(span.device, Lane(span.device))
        lane.spans.append(span)
        if span.activity_label and span.activity_label not in lane.activities:
            lane.activities.append(span.activity_label)
    for mark in timeline.bookmarks:
        marked = timeline.recording(mark.recording_key)
        if marked is not None:
            lanes[marked.device].bookmarks.append(mark)
    return list(lanes.values())


def lane_top(row: int) -> int:
    """The y of the top of lane `row`."""
    return AXIS_H + EVENT_H + row * LANE_H


def bar_extent(window: TimeWindow, span: RecordingSpan) -> tuple[float, float]:
    """The strip x from and to which a recording's bar is drawn (never thinner than
    MIN_BAR_PX)."""
    left = window.x_of(epoch_ms(span.start))
    right = max(window.x_of(epoch_ms(span.end)), left + MIN_BAR_PX)
    return left, right


@dataclass(frozen=True)
class Scene:
    """What to paint: the window on the strip right of a `label_w` px label column."""

    window: TimeWindow
    label_w: int
    height: int
    lanes: list[Lane]
    events: tuple[TimelineEvent, ...]
    instant: int | None  # the playhead, epoch ms
    events_title: str  # the event row's label, translated


def paint_scene(painter: QPainter, scene: Scene) -> None:
    """Lanes, the time grid, recordings, bookmarks, events, the playhead, then the labels."""
    width = scene.label_w + scene.window.width
    painter.fillRect(0, 0, width, scene.height, BACKGROUND)
    for row in range(1, len(scene.lanes), 2):
        painter.fillRect(0, lane_top(row), width, LANE_H, ALT_LANE)
    painter.save()
    painter.setClipRect(scene.label_w, 0, scene.window.width, scene.height)
    painter.translate(scene.label_w, 0)
    _paint_axis(painter, scene)
    for row, lane in enumerate(scene.lanes):
        _paint_lane(painter, scene.window, lane, lane_top(row))
    _paint_events(painter, scene)
    if scene.instant is not None:
        x = round(scene.window.x_of(scene.instant))
        painter.fillRect(x, 0, 1, scene.height, PLAYHEAD)
        painter.setBrush(PLAYHEAD)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(QPolygonF([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 6)]))
    painter.restore()
    _paint_labels(painter, scene)


def _paint_axis(painter: QPainter, scene: Scene) -> None:
    metrics = painter.fontMetrics()
    for tick in ticks(scene.window, metrics.horizontalAdvance("00:00:00.000") + 16):
        x = round(tick.x)
        painter.fillRect(x, AXIS_H - 5, 1, scene.height, GRID)
        if x + 3 + metrics.horizontalAdvance(tick.label) <= scene.window.width:  # no stubs
            painter.setPen(AXIS_TEXT)
            painter.drawText(x + 3, AXIS_H - 6, tick.label)
    painter.fillRect(0, AXIS_H - 1, scene.window.width, 1, GRID)


def _paint_lane(painter: QPainter, window: TimeWindow, lane: Lane, top: int) -> None:
    for span in lane.spans:
        left, right = bar_extent(window, span)
        bar = QRectF(left, top + 9, right - left, LANE_H - 18)
        if span.playable:
            painter.fillRect(bar, AUDIO if span.media_kind == "audio" else VIDEO)
        else:  # grey and hatched: listed in the bundle, but nothing to play
            painter.fillRect(bar, QColor("#3a3f45"))
            painter.fillRect(bar, QBrush(UNPLAYABLE, Qt.BrushStyle.BDiagPattern))
            painter.setPen(UNPLAYABLE)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar)
    for mark in lane.bookmarks:
        if mark.start is None or mark.end is None:
            continue
        left = window.x_of(epoch_ms(mark.start))
        right = max(window.x_of(epoch_ms(mark.end)), left + 1)
        painter.fillRect(QRectF(left, top + LANE_H - 8, right - left, 2), BOOKMARK)
        painter.fillRect(QRectF(left, top + 2, 1.5, LANE_H - 8), BOOKMARK)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BOOKMARK)
        flag = [QPointF(left, top + 2), QPointF(left + FLAG_W, top + 5), QPointF(left, top + 8)]
        painter.drawPolygon(QPolygonF(flag))


def _paint_events(painter: QPainter, scene: Scene) -> None:
    metrics = painter.fontMetrics()
    marks = [(round(scene.window.x_of(epoch_ms(e.at))), e) for e in scene.events]
    # Ticks, then the labels on their own background (legible where events crowd), then the
    # red ticks again on top: an event missing its recording is never hidden.
    for x, _event in marks:
        painter.fillRect(x, AXIS_H + 4, 1, EVENT_H - 8, EVENT)
    placed: list[QRectF] = []
    # Red ones first: where labels crowd, the events missing a recording keep theirs.
    for x, event in sorted(marks, key=lambda mark: not mark[1].missing_recording):
        label = QRectF(x + 4, AXIS_H, metrics.horizontalAdvance(event.label), EVENT_H)
        if label.right() > scene.window.width:  # at the right edge: written before the tick
            label.moveRight(x - 4)
        if any(label.intersects(other.adjusted(-4, 0, 4, 0)) for other in placed):
            continue
        placed.append(label)
        painter.fillRect(label.adjusted(-2, 4, 2, -4), BACKGROUND)
        painter.setPen(MISSING if event.missing_recording else EVENT)
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, event.label)
    lanes_bottom = lane_top(len(scene.lanes))
    for x, event in marks:
        if event.missing_recording:
            painter.fillRect(x - 1, AXIS_H + 2, 3, EVENT_H - 4, MISSING)
            painter.setPen(QPen(MISSING, 1, Qt.PenStyle.DashLine))
            painter.drawLine(x, AXIS_H + EVENT_H, x, lanes_bottom)


def _paint_labels(painter: QPainter, scene: Scene) -> None:
    """The label column: the date at the left edge, the row names, each lane's device."""
    painter.fillRect(0, 0, scene.label_w, scene.height, LABELS_BG)
    inner = scene.label_w - 8
    day = office_time(to_datetime(scene.window.start_ms)).strftime("%Y-%m-%d")
    painter.setPen(AXIS_TEXT)
    painter.drawText(QRect(6, 0, inner, AXIS_H), Qt.AlignmentFlag.AlignVCenter, day)
    painter.setPen(TEXT)
    row = QRect(6, AXIS_H, inner, EVENT_H)
    painter.drawText(row, Qt.AlignmentFlag.AlignVCenter, scene.events_title)
    normal = QFont(painter.font())
    small = QFont(normal)
    small.setPointSizeF(max(normal.pointSizeF() * 0.85, 6))
    for index, lane in enumerate(scene.lanes):
        top = lane_top(index)
        painter.setFont(normal)
        painter.setPen(TEXT)
        painter.drawText(6, top + 15, _elided(painter, lane.device, inner))
        painter.setFont(small)
        painter.setPen(DIM_TEXT)
        painter.drawText(6, top + LANE_H - 6, _elided(painter, lane.activity_text, inner))
    painter.setFont(normal)


def _elided(painter: QPainter, text: str, width: int) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
