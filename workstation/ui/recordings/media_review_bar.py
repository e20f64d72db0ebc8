"""What a reviewer does with a recording: mark a range, cite it, correct a clock, snapshot it.

Every action is one service call (ws.recordings / ws.review): the service checks the rules,
stores and audits; this bar only collects the input and shows the bookmarks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import WorkstationError
from workstation.media.timecode import format_clock
from workstation.recordings.timeline import CaseTimeline
from workstation.services import Workstation
from workstation.ui.edit_queue import EditQueue
from workstation.ui.error_dialog import show_error
from workstation.ui.workspace.cite_dialog import CiteDialog

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
NUDGES_MS = (-100, 100)
MARK_SHORTCUTS = (  # (keys, slot name, what it does)
    ("I", "mark_in", QT_TRANSLATE_NOOP("MediaReviewBar", "Mark the start of a bookmark")),
    ("O", "mark_out", QT_TRANSLATE_NOOP("MediaReviewBar", "Mark its end and save it")),
)


class MediaReviewBar(QWidget):
    """Mark in/out, bookmarks (cite, jump), clock nudges and snapshots for the heard recording."""

    changed = Signal()  # the review changed: reload the timeline, refresh the checklist
    bookmark_chosen = Signal(str, int)  # recording key, media ms: show it

    def __init__(
        self, ws: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = ws, reference, login
        self._edits = EditQueue(self)
        self._timeline: CaseTimeline | None = None
        self._key = ""
        self._position = 0
        self._image: QImage | None = None
        self._mark_in: int | None = None
        self.mark_label = QLabel(self.tr("No range marked"), self)
        self.mark_in_button = self._button(self.tr("Mark in (I)"), self.mark_in)
        self.mark_out_button = self._button(self.tr("Mark out (O)"), self.mark_out)
        self.cite_button = self._button(self.tr("Cite bookmark…"), self.cite_selected)
        self.snapshot_button = self._button(self.tr("Snapshot to opinion"), self.snapshot)
        self.align_button = self._button(self.tr("Align mark…"), self.align_mark)
        self.align_button.setToolTip(
            self.tr(
                "Mark a moment in the recording heard now, then hear another recording, "
                "find the same moment and press again: its clock is set to match"
            )
        )
        self._align_from: tuple[str, int] | None = None
        self.nudge_buttons = [
            self._button(self.tr("Clock −1 frame"), lambda: self.nudge_frames(-1)),
            self._button(self.tr("Clock +1 frame"), lambda: self.nudge_frames(1)),
        ] + [
            self._button(self.tr("Clock {0:+d} ms").format(ms), lambda ms=ms: self.nudge(ms))
            for ms in NUDGES_MS
        ]
        self.bookmarks = QListWidget(self)
        self.bookmarks.setObjectName("media_bookmarks")
        self.bookmarks.itemActivated.connect(self._bookmark_activated)
        self.bookmarks.itemClicked.connect(self._bookmark_activated)
        slots = {"mark_in": self.mark_in, "mark_out": self.mark_out}
        for keys, slot, _text in MARK_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(keys), parent or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slots[slot])
        self._layout()

    @staticmethod
    def shortcuts() -> list[tuple[str, str]]:
        """(keys, description) of the marking keys in the UI language, for 帮助→快捷键."""
        return [
            (keys, QCoreApplication.translate("MediaReviewBar", str(text)))
            for keys, _slot, text in MARK_SHORTCUTS
        ]

    def set_timeline(self, timeline: CaseTimeline) -> None:
        """Show the case's bookmarks (the timeline carries them)."""
        self._timeline = timeline
        self.bookmarks.clear()
        for mark in timeline.bookmarks:
            item = QListWidgetItem(mark.text, self.bookmarks)
            item.setData(ID_ROLE, mark.id)
            item.setToolTip(mark.text)

    def set_position(self, key: str, media_ms: int, image: QImage | None) -> None:
        """What the heard recording shows now: where a mark or a snapshot applies."""
        self._key, self._position, self._image = key, media_ms, image

    # -- actions --------------------------------------------------------------------------

    def mark_in(self) -> None:
        """The range starts at the frame shown."""
        self._mark_in = self._position
        self.mark_label.setText(self.tr("In {0}").format(format_clock(self._position)))

    def mark_out(self) -> None:
        """The range ends here: ask for a note and store the bookmark."""
        if self._mark_in is None or not self._key:
            self.mark_label.setText(self.tr("Mark the start first (I)"))
            return
        start, end = sorted((self._mark_in, self._position))
        note, accepted = QInputDialog.getText(
            self,
            self.tr("Bookmark"),
            self.tr("{0}–{1}: what it shows").format(format_clock(start), format_clock(end)),
        )
        if not accepted:
            return
        self._mark_in = None
        self._call(
            self._ws.recordings.add_bookmark,
            self._key,
            start,
            end,
            note.strip(),
            then=lambda: self.mark_label.setText(self.tr("Bookmark saved")),
        )

    def cite_selected(self) -> None:
        """Attach the selected bookmark to a checklist section."""
        item = self.bookmarks.currentItem()
        if item is None:
            self.mark_label.setText(self.tr("Choose a bookmark to cite"))
            return
        try:
            checklist = self._ws.review.checklist(self._reference, self._login)
        except WorkstationError as exc:
            show_error(self, exc)
            return
        answer = CiteDialog.ask(self, checklist, item.text())
        if answer is not None:
            section, _note = answer  # the bookmark's own note goes with the citation
            self._call(self._ws.recordings.cite_bookmark, int(item.data(ID_ROLE)), section)

    def nudge(self, delta_ms: int) -> None:
        """Move the heard recording's clock correction."""
        if self._key:
            self._call(self._ws.recordings.nudge_correction, self._key, delta_ms)

    def nudge_frames(self, frames: int) -> None:
        """Move the heard recording's clock by whole frames of its video."""
        span = self._timeline.recording(self._key) if self._timeline and self._key else None
        frame_ms = 1000 / span.fps if span is not None and span.fps else 40
        self.nudge(round(frames * frame_ms))

    def align_mark(self) -> None:
        """First press: this moment of the heard recording. Second press, on another
        recording at the same real moment: correct that recording's clock to match."""
        if not self._key:
            return
        if self._align_from is None or self._align_from[0] == self._key:
            self._align_from = (self._key, self._position)
            self.mark_label.setText(
                self.tr("Alignment mark at {0}; now hear the other recording").format(
                    format_clock(self._position)
                )
            )
            return
        anchor_key, anchor_ms = self._align_from
        self._align_from = None
        self._call(
            self._ws.recordings.align_recordings,
            anchor_key,
            anchor_ms,
            self._key,
            self._position,
            then=lambda: self.mark_label.setText(self.tr("Clocks aligned")),
        )

    def snapshot(self) -> None:
        """File the frame on screen as a figure of the opinion, with its time and device."""
        if self._image is None or self._image.isNull() or not self._key:
            self.mark_label.setText(self.tr("No picture to take"))
            return
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide wants str
        buffer.close()
        self._call(
            self._ws.recordings.add_figure,
            self._key,
            self._position,
            data.data(),
            then=lambda: self.mark_label.setText(self.tr("Snapshot added to the opinion")),
        )

    # -- plumbing -------------------------------------------------------------------------

    def _call(self, method, *args, then: Callable[[], None] | None = None) -> None:  # noqa: ANN001, ANN002
        """Queue one service edit with the reference and login (off the UI thread, in
        order); when stored, `then()` and `changed`; refusals go to the dialog."""
        reference, login = self._reference, self._login

        def stored(_result: object) -> None:
            if then is not None:
                then()
            self.changed.emit()

        self._edits.submit(
            lambda: method(reference, *args, login=login),
            on_saved=stored,
            on_refused=lambda exc: show_error(self, exc),
        )

    def _bookmark_activated(self, item: QListWidgetItem) -> None:
        if self._timeline is None:
            return
        mark = next((m for m in self._timeline.bookmarks if m.id == item.data(ID_ROLE)), None)
        if mark is not None:
            self.bookmark_chosen.emit(mark.recording_key, mark.start_ms)

    def _button(self, text: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.mark_in_button, 0, 0)
        grid.addWidget(self.mark_out_button, 0, 1)
        for index, button in enumerate(self.nudge_buttons):
            grid.addWidget(button, 1 + index // 2, index % 2)
        grid.addWidget(self.snapshot_button, 3, 0)
        grid.addWidget(self.align_button, 3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mark_label)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Bookmarks"), self))
        layout.addWidget(self.bookmarks, 1)
        layout.addWidget(self.cite_button)
