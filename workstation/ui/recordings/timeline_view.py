"""The case timeline: one lane per recording device with its recordings' spans and bookmarks,
the procedure events above them — in red those the rule pack needs recorded and no recording
covers (PROC-10's findings) — and the playhead. Zoom, pan, click to seek.

The maths (instant ↔ x, ticks, hit testing) is workstation/media/timeline_scale.py and the
painting timeline_paint.py; this module holds the state and answers the mouse and keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QCursor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workstation.media.timecode import format_clock
from workstation.media.timeline_scale import MINUTE, TimeWindow, fit_window, nearest, to_datetime
from workstation.recordings.placement import epoch_ms
from workstation.recordings.timeline import (
    BookmarkView,
    CaseTimeline,
    RecordingSpan,
    TimelineEvent,
)
from workstation.timefmt import office_time
from workstation.ui.recordings.timeline_paint import (
    AXIS_H,
    BACKGROUND,
    DIM_TEXT,
    EVENT_H,
    FLAG_W,
    LANE_H,
    Lane,
    Scene,
    bar_extent,
    lane_top,
    lanes_of,
    paint_scene,
)

HIT_PX = 5  # how near a click must land to an event tick or a bookmark flag
DRAG_PX = 4  # a press that moves further than this is a pan, not a click
ZOOM_STEP = 0.8  # one wheel notch or key press shows 80 % (or 125 %) of the time
MIN_MS_PER_PX = 1.0  # the closest zoom: a millisecond per pixel


@dataclass(frozen=True)
class _Hit:
    """What lies under a point: an event, a bookmark, a recording's bar, or nothing."""

    event: TimelineEvent | None = None
    bookmark: BookmarkView | None = None
    span: RecordingSpan | None = None


class TimelineView(QWidget):
    """Recordings per device, procedure events and bookmarks on the case's wall clock."""

    seek_requested = Signal(object)  # a UTC-aware datetime: show that instant
    event_clicked = Signal(str)  # a procedure event's key (the view also seeks to it)
    bookmark_clicked = Signal(int)  # a bookmark's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: CaseTimeline | None = None
        self._lanes: list[Lane] = []
        self._label_w = 120
        self._window = TimeWindow(0, MINUTE, 1)
        self._instant: int | None = None  # epoch ms of the playhead
        self._press: QPointF | None = None
        self._press_window = self._window
        self._dragging = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Case timeline"))

    # -- what the outside asks -----------------------------------------------------------

    def set_timeline(self, timeline: CaseTimeline) -> None:
        """Show `timeline`; the view fits it unless it is the same case version read again
        (after a correction or a new bookmark), which keeps the reviewer's zoom."""
        again = self._timeline is not None and self._timeline.reference == timeline.reference
        self._timeline = timeline
        self._lanes = lanes_of(timeline)
        metrics = self.fontMetrics()
        widest = max(
            [metrics.horizontalAdvance(self.tr("Procedure events"))]
            + [
                metrics.horizontalAdvance(text)
                for lane in self._lanes
                for text in (lane.device, lane.activity_text)
            ]
        )
        self._label_w = min(max(widest + 16, 100), 220)
        self._window = self._window.resized(self._strip_width())
        if not again:
            self.fit()
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def timeline(self) -> CaseTimeline | None:
        """The timeline shown."""
        return self._timeline

    def set_instant(self, moment: datetime) -> None:
        """Move the playhead to `moment`. While it was in view, the view follows it."""
        ms = epoch_ms(moment)
        was_visible = self._instant is not None and self._in_view(self._instant)
        self._instant = ms
        if was_visible and self._press is None and not self._in_view(ms):
            self._set_window(
                TimeWindow(ms - self._window.span_ms / 2, self._window.span_ms, self._strip_width())
            )
        self.update()

    def instant(self) -> datetime | None:
        """Where the playhead stands."""
        return None if self._instant is None else to_datetime(self._instant)

    def fit(self) -> None:
        """Show the whole timeline: every recording and event."""
        extent = self._timeline.extent if self._timeline is not None else None
        if extent is not None:
            lo, hi = (epoch_ms(m) for m in extent)
            self._window = fit_window(lo, hi, self._strip_width())
            self.update()

    def show_range(self, start: datetime, end: datetime) -> None:
        """Show from `start` to `end` across the strip (e.g. one recording)."""
        self._set_window(fit_window(epoch_ms(start), epoch_ms(end), self._strip_width(), 0.05))

    def visible_range(self) -> tuple[datetime, datetime]:
        """The instants at the strip's left and right edges."""
        return to_datetime(self._window.start_ms), to_datetime(self._window.end_ms)

    def zoom(self, factor: float, x: float | None = None) -> None:
        """Show `factor` times the time (< 1 zooms in), keeping the instant at widget x `x`
        (default: the mouse, else the playhead, else the middle) where it is."""
        anchor = self._anchor() if x is None else x - self._label_w
        extent = self._timeline.extent if self._timeline is not None else None
        spread = epoch_ms(extent[1]) - epoch_ms(extent[0]) if extent else 0
        max_span = max(3 * spread, 10 * MINUTE)
        min_span = MIN_MS_PER_PX * self._strip_width()
        self._set_window(self._window.zoomed(factor, anchor, min_span, max_span))

    def time_at(self, x: float) -> datetime:
        """The instant at widget x."""
        return to_datetime(self._window.ms_at(x - self._label_w))

    def x_of(self, moment: datetime) -> float:
        """The widget x of an instant (may lie outside the strip)."""
        return self._label_w + self._window.x_of(epoch_ms(moment))

    def lane_rect(self, device: str) -> QRect:
        """Where a device's lane is drawn (an empty rect for an unknown device)."""
        for row, lane in enumerate(self._lanes):
            if lane.device == device:
                return QRect(0, lane_top(row), self.width(), LANE_H)
        return QRect()

    def event_row(self) -> QRect:
        """Where the procedure events are drawn."""
        return QRect(0, AXIS_H, self.width(), EVENT_H)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip for what lies under `pos` ("" for nothing)."""
        hit = self._hit(QPointF(pos))
        if hit.event is not None:
            return self._event_tip(hit.event)
        if hit.bookmark is not None:
            mark = hit.bookmark
            return "\n".join([mark.text, self.tr("Added by {0}").format(mark.created_by)])
        if hit.span is not None:
            return self._span_tip(hit.span)
        return ""

    # -- geometry ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Tall enough for every lane."""
        return QSize(640, AXIS_H + EVENT_H + LANE_H * max(len(self._lanes), 1) + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Every lane shows; the width may shrink."""
        return QSize(self._label_w + 120, self.sizeHint().height())

    def _strip_width(self) -> int:
        return max(self.width() - self._label_w, 1)

    def _in_view(self, ms: float) -> bool:
        return self._window.start_ms <= ms <= self._window.end_ms

    def _set_window(self, window: TimeWindow) -> None:
        extent = self._timeline.extent if self._timeline is not None else None
        if extent is not None:
            window = window.clamped(epoch_ms(extent[0]), epoch_ms(extent[1]))
        self._window = window
        self.update()

    def _anchor(self) -> float:
        """Strip x to zoom around: the mouse, else the playhead in view, else the middle."""
        mouse = self.mapFromGlobal(QCursor.pos())
        if self.rect().contains(mouse) and mouse.x() >= self._label_w:
            return mouse.x() - self._label_w
        if self._instant is not None and self._in_view(self._instant):
            return self._window.x_of(self._instant)
        return self._strip_width() / 2

    def _hit(self, pos: QPointF) -> _Hit:
        if self._timeline is None or pos.x() < self._label_w:
            return _Hit()
        x = pos.x() - self._label_w
        if AXIS_H <= pos.y() < AXIS_H + EVENT_H:
            events = self._timeline.events
            index = nearest([self._window.x_of(epoch_ms(e.at)) for e in events], x, HIT_PX)
            return _Hit(event=events[index]) if index is not None else _Hit()
        row = int((pos.y() - AXIS_H - EVENT_H) // LANE_H)
        if not 0 <= row < len(self._lanes) or pos.y() < AXIS_H + EVENT_H:
            return _Hit()
        lane = self._lanes[row]
        marks = [m for m in lane.bookmarks if m.start is not None]
        flags = [
            self._window.x_of(epoch_ms(m.start)) + FLAG_W / 2 for m in marks if m.start is not None
        ]
        index = nearest(flags, x, HIT_PX + 1)
        if index is not None:
            return _Hit(bookmark=marks[index])
        for span in reversed(lane.spans):
            left, right = bar_extent(self._window, span)
            if left - 1 <= x <= right + 1:
                return _Hit(span=span)
        return _Hit()

    # -- tooltips ------------------------------------------------------------------------

    def _event_tip(self, event: TimelineEvent) -> str:
        lines = [event.label, self.tr("Time: {0}").format(_clock_text(event.at))]
        if event.note:
            lines.append(self.tr("Note: {0}").format(event.note))
        if event.missing_recording:
            lines.append(self.tr("No recording covers this event"))
        elif event.needs_recording:
            lines.append(self.tr("Covered by a recording"))
        return "\n".join(lines)

    def _span_tip(self, span: RecordingSpan) -> str:
        operator = span.operator_name or span.operator or self.tr("not named")
        start, end = office_time(span.start), office_time(span.end)
        until = _clock_text(span.end) if start.date() != end.date() else f"{end:%H:%M:%S}"
        lines = [
            span.device,
            self.tr("Operator: {0}").format(operator),
            self.tr("Recorded: {0} – {1} ({2})").format(
                _clock_text(span.start), until, format_clock(span.duration_ms, millis=False)
            ),
        ]
        if span.activity_label:
            lines.insert(1, self.tr("Activity: {0}").format(span.activity_label))
        if span.problem:
            problem = (
                self.tr("Cannot be played: {0}") if not span.playable else self.tr("Note: {0}")
            )
            lines.append(problem.format(span.problem))
        return "\n".join(lines)

    # -- input ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Tooltips name what lies under the mouse."""
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A left press starts a click or a drag."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._press, self._press_window, self._dragging = event.position(), self._window, False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        """Dragging pans; hovering shows what a click would do."""
        if self._press is not None:
            dx = event.position().x() - self._press.x()
            if self._dragging or abs(dx) > DRAG_PX:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._set_window(self._press_window.panned(dx))
            return
        hit = self._hit(event.position())
        pointing = hit.event is not None or hit.bookmark is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if pointing else Qt.CursorShape.ArrowCursor
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A release without a drag is a click: on an event, a bookmark or a time."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        clicked = not self._dragging
        self._press, self._dragging = None, False
        self.setCursor(Qt.CursorShape.ArrowCursor)
        shown = self._timeline is not None and self._timeline.extent is not None
        if clicked and shown and event.position().x() >= self._label_w:
            self._click(event.position())

    def _click(self, pos: QPointF) -> None:
        hit = self._hit(pos)
        if hit.bookmark is not None:
            self.bookmark_clicked.emit(hit.bookmark.id)
        elif hit.event is not None:
            self.event_clicked.emit(hit.event.key)
            self.seek_requested.emit(hit.event.at)
        else:
            self.seek_requested.emit(self.time_at(pos.x()))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl+wheel zooms around the mouse; the wheel alone pans."""
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                self.zoom(ZOOM_STEP ** (delta.y() / 120), event.position().x())
        else:
            pixels = event.pixelDelta()
            step = pixels.x() or pixels.y() or (delta.x() or delta.y()) / 2
            self._set_window(self._window.panned(step))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """+ and − zoom (around the mouse), 0 fits the whole case."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """A wider strip shows the same stretch of time in more detail."""
        self._window = self._window.resized(self._strip_width())
        super().resizeEvent(event)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """The scene (timeline_paint.py), or a line saying the case has nothing to show."""
        painter = QPainter(self)
        if self._timeline is None:
            painter.fillRect(self.rect(), BACKGROUND)  # not read yet: nothing to say
        elif self._timeline.extent is None:
            painter.fillRect(self.rect(), BACKGROUND)
            painter.setPen(DIM_TEXT)
            text = self.tr("This case has no recordings or procedure events")
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
        else:
            scene = Scene(
                window=self._window,
                label_w=self._label_w,
                height=self.height(),
                lanes=self._lanes,
                events=self._timeline.events,
                instant=self._instant,
                events_title=self.tr("Procedure events"),
            )
            paint_scene(painter, scene)
        painter.end()


def _clock_text(moment: datetime) -> str:
    """2026-03-02 10:15:05 in office time, with the ms when there are any."""
    local = office_time(moment)
    text = local.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{local.microsecond // 1000:03d}" if local.microsecond else text
