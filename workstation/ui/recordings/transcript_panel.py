"""A recording's transcript beside the player: the current line follows playback, a click
seeks there, and a search box finds lines (Chinese included).

Following never fights the reviewer: when they scroll the list themselves it pauses and the
跟随 (Follow) button pops up; it resumes a few seconds after their last scroll, or at once
when they press the button or click a line. Browsing search results stops it until then.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.recordings.transcripts import Transcript
from workstation.ui.recordings.transcript_model import START_ROLE, CueListModel

RESUME_MS = 4_000  # following resumes this long after the reviewer's last scroll
_REVEAL_TRIES = 20  # while the list is still being laid out, try again (every 100 ms)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TranscriptPanel(QWidget):
    """The cues of one transcript, following the player, searchable, click to seek."""

    seek_requested = Signal(int)  # media ms: the start of the line the reviewer chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._device = ""
        self._current: int | None = None
        self._hits: list[int] = []
        self._hit = -1  # the position in `_hits` of the hit shown
        self._reveal_row: int | None = None  # the line being brought into view
        self._reveal_tries = 0
        self._search_stopped = False  # following stopped to browse search results
        self.resume_delay_ms = RESUME_MS
        self.model = CueListModel(self)
        self.title = QLabel(self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search the transcript"))
        self.search_box.setClearButtonEnabled(True)
        self.previous_button = self._button(self.tr("▲"), self.tr("Previous match (Shift+Enter)"))
        self.next_button = self._button(self.tr("▼"), self.tr("Next match (Enter)"))
        self.count_label = QLabel(self)
        self.follow_button = self._button(
            self.tr("Follow"), self.tr("Keep the current line in view")
        )
        self.follow_button.setCheckable(True)
        self.follow_button.setChecked(True)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(1)
        self.list_view.setUniformItemSizes(False)
        # Laid out in batches from the event loop: thousands of wrapped lines never hold
        # the UI thread for long.
        self.list_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.list_view.setBatchSize(200)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.list_view)
        self._resume = QTimer(self, singleShot=True)
        self._resume.timeout.connect(lambda: self._follow(True))
        self._reveal_timer = QTimer(self, singleShot=True, interval=100)
        self._reveal_timer.timeout.connect(self._try_reveal)
        self._connect()
        self._layout()
        self.set_transcript(None, "")

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def _connect(self) -> None:
        self.search_box.textChanged.connect(self._search)
        self.search_box.installEventFilter(self)
        self.previous_button.clicked.connect(lambda: self.show_match(-1))
        self.next_button.clicked.connect(lambda: self.show_match(1))
        self.follow_button.toggled.connect(self._follow)  # the reviewer's own choice
        self.list_view.clicked.connect(self._line_chosen)
        self.list_view.installEventFilter(self)
        # Scrollbar actions are the reviewer's (wheel, drag, page clicks); scrollTo is ours.
        self.list_view.verticalScrollBar().actionTriggered.connect(self._scrolled_by_hand)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search_box, 1)
        for widget in (
            self.previous_button,
            self.next_button,
            self.count_label,
            self.follow_button,
        ):
            bar.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.title)
        column.addLayout(bar)
        column.addWidget(self.pages, 1)

    # -- what the outside asks -----------------------------------------------------------

    def set_transcript(self, transcript: Transcript | None, device: str) -> None:
        """Show `transcript` of the recording from `device` (None: it has none)."""
        self._transcript, self._device = transcript, device
        self._current, self._hits, self._hit = None, [], -1
        self.model.set_cues(transcript.cues if transcript is not None else ())
        if transcript is None:
            self.title.setText(device)
            text = self.tr("{0} has no transcript").format(device) if device else ""
            self._placeholder(text or self.tr("No transcript"))
        elif not transcript.cues:
            self.title.setText(self.tr("{0} · {1}").format(device, transcript.name))
            self._placeholder(self.tr("The transcript {0} has no lines").format(transcript.name))
        else:
            self.title.setText(self.tr("{0} · {1}").format(device, transcript.name))
            self.pages.setCurrentWidget(self.list_view)
        has_lines = bool(transcript and transcript.cues)
        for widget in (self.search_box, self.previous_button, self.next_button):
            widget.setEnabled(has_lines)
        if not has_lines:
            self.search_box.blockSignals(True)  # searched below, once
            self.search_box.clear()
            self.search_box.blockSignals(False)
        self._search(self.search_box.text())  # the same words in the new transcript
        self._follow(True)

    def transcript(self) -> Transcript | None:
        """The transcript shown."""
        return self._transcript

    def set_position(self, media_ms: int) -> None:
        """Playback reached `media_ms`: highlight its line and, when following, keep it in
        view (the focus stays where it is)."""
        if self._transcript is None:
            return
        index = self._transcript.index_at(media_ms)
        if index != self._current:
            self._current = index
            self.model.set_current(index)
        if index is not None and self.is_following():
            self._reveal(index)

    def current_row(self) -> int | None:
        """The line playing now, if any."""
        return self._current

    def is_following(self) -> bool:
        """Whether the list keeps the current line in view."""
        return self.follow_button.isChecked()

    def search(self, text: str) -> int:
        """Search for `text` as if typed in the box; the number of lines found."""
        self.search_box.setText(text)
        return len(self._hits)

    def matches(self) -> list[int]:
        """The lines the search found."""
        return list(self._hits)

    def current_match(self) -> int | None:
        """The found line shown now."""
        return self._hits[self._hit] if 0 <= self._hit < len(self._hits) else None

    def show_match(self, step: int) -> None:
        """Show the next (`step` 1) or previous (-1) found line, wrapping around."""
        if not self._hits:
            return
        self._hit = (self._hit + step) % len(self._hits)
        self._show_hit()

    # -- following -----------------------------------------------------------------------

    def _follow(self, on: bool) -> None:
        """Follow playback (showing the current line now) or not; off stays off until the
        button, a line clicked, or the end of a pause after a scroll turns it on."""
        self._resume.stop()
        self._reveal_timer.stop()
        self._search_stopped = False
        self.follow_button.blockSignals(True)
        self.follow_button.setChecked(on)
        self.follow_button.blockSignals(False)
        if on and self._current is not None:
            self._reveal(self._current)

    def _scrolled_by_hand(self, _action: int = 0) -> None:
        if _action == QAbstractSlider.SliderAction.SliderNoAction.value:
            return
        self._reveal_timer.stop()  # theirs now: no late jump to where we were heading
        if self.is_following() or self._resume.isActive():
            self._follow(False)
            self._resume.start(self.resume_delay_ms)

    def _reveal(self, row: int) -> None:
        """Scroll `row` into view (centred), unless it is already in view."""
        if row != self._reveal_row or not self._reveal_timer.isActive():
            self._reveal_row, self._reveal_tries = row, _REVEAL_TRIES
            self._try_reveal()

    def _try_reveal(self) -> None:
        """One go at it; again shortly while the list is still laid out in batches and the
        row has no place yet."""
        if self._reveal_row is None:
            return
        index = self.model.index(self._reveal_row, 0)
        if self._fully_visible(index):
            return
        self.list_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if not self._fully_visible(index) and self._reveal_tries > 0:
            self._reveal_tries -= 1
            self._reveal_timer.start()

    def _fully_visible(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        rect = self.list_view.visualRect(index)
        return rect.isValid() and self.list_view.viewport().rect().contains(rect)

    # -- choosing a line, searching -------------------------------------------------------

    def _line_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.seek_requested.emit(int(index.data(START_ROLE)))
            self._follow(True)

    def _search(self, text: str) -> None:
        self._hits = self._transcript.search(text) if self._transcript is not None else []
        self.model.set_matches(self._hits)
        self._hit = -1
        if self._hits:
            # The first line found from where playback is, as a reader would look onward.
            here = self._current or 0
            self._hit = next((n for n, row in enumerate(self._hits) if row >= here), 0)
            self._show_hit()
        else:
            self.model.set_current_match(None)
            if not text.strip() and self._search_stopped:
                self._follow(True)  # the search cleared: back to the playback
        self._count(text)

    def _show_hit(self) -> None:
        row = self._hits[self._hit]
        self._follow(False)  # reading results: following would take the view away
        self._search_stopped = True
        self.model.set_current_match(row)
        self._reveal(row)
        self._count(self.search_box.text())

    def _count(self, text: str) -> None:
        if not text.strip() or self._transcript is None:
            self.count_label.setText("")
        elif not self._hits:
            self.count_label.setText(self.tr("No matches"))
        else:
            self.count_label.setText(self.tr("{0} of {1}").format(self._hit + 1, len(self._hits)))

    def _placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.pages.setCurrentWidget(self.placeholder)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter on a line seeks there; keys that move through the list pause following;
        in the search box Enter finds the next line, Shift+Enter the previous, Esc clears."""
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if watched is self.search_box:
            if key in _ENTER_KEYS:
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.show_match(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        elif watched is self.list_view:
            if key in _ENTER_KEYS:
                self._line_chosen(self.list_view.currentIndex())
                return True
            if key in _NAVIGATION_KEYS:
                self._scrolled_by_hand(QAbstractSlider.SliderAction.SliderMove.value)
        return False


_NAVIGATION_KEYS = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)
