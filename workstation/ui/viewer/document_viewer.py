"""The document viewer at the centre of the case workspace: PDF, DOCX, images.

Public API for the workspace:
- `open_document(path, title=…, kind=…, damage=…, probe_failure=…, cache_dir=…)` shows a
  file (never writing next to it; not one whose import probe timed out or crashed);
  `close_document()`; `show_citation(page, rect)` goes to a cited page and outlines the
  rectangle; `page_count`, `current_page` (1-based);
  `DocumentViewer.shortcuts()` lists (shortcut, description) for 帮助→快捷键.
- Signals: `citation_requested(page, rect, text)` (1-based page, rectangle in unrotated PDF
  points), `page_changed(page)`, `document_loaded(pages)`, `failed(message)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QStackedWidget, QVBoxLayout, QWidget

from workstation.documents.geometry import Rect
from workstation.documents.remote_pdf import RemotePdfDocument
from workstation.documents.worker_process import warm_up
from workstation.ui.printing import print_document
from workstation.ui.viewer.actions import make_actions, shortcut_list
from workstation.ui.viewer.banner import Banner
from workstation.ui.viewer.busy_page import BusyPage
from workstation.ui.viewer.docx_view import DocxView
from workstation.ui.viewer.failure_text import failure_text, refusal_text
from workstation.ui.viewer.focus_ring import show_focus
from workstation.ui.viewer.image_view import ImageView
from workstation.ui.viewer.opening import CONVERTING, Opened, open_job
from workstation.ui.viewer.password_prompt import PasswordPrompt
from workstation.ui.viewer.pdf_pane import PdfPane
from workstation.ui.viewer.pdf_view import ZOOM_STEP
from workstation.ui.viewer.toolbar import ViewerToolbar
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)


class DocumentViewer(QWidget):
    """Shows one document at a time; asks the outside to cite areas of it."""

    citation_requested = Signal(int, object, str)  # 1-based page, (x0, y0, x1, y1), text
    page_changed = Signal(int)  # 1-based
    document_loaded = Signal(int)  # pages
    failed = Signal(str)  # what the user was told

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.shown_kind = ""  # pdf | docx_html | image | "" (nothing)
        self._generation = 0
        self._task: Task | None = None
        self._pdf: RemotePdfDocument | None = None
        self._pending_citation: tuple[int, Rect | None] | None = None
        self._damage: str | None = None
        self.actions_ = make_actions(self, self._handlers())
        self.toolbar = ViewerToolbar(self.actions_, self._go_to, self)
        self.page_field = self.toolbar.page_field
        self.page_total = self.toolbar.page_total
        self.zoom_label = self.toolbar.zoom_label
        self.banner = Banner(self)
        self.stack = QStackedWidget(self)
        self.message = QLabel(self.tr("No document is open."), self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.busy = BusyPage(self)
        self.busy_label, self.busy_bar = self.busy.label, self.busy.bar
        self.password_prompt = PasswordPrompt(self)
        self.pdf_pane = PdfPane(self)
        self.docx_view = DocxView(self)
        self.image_view = ImageView(self)
        for page in (self.message, self.busy, self.password_prompt, self.pdf_pane):
            self.stack.addWidget(page)
        self.stack.addWidget(self.docx_view)
        self.stack.addWidget(self.image_view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.password_prompt.submitted.connect(self._try_password)
        self.pdf_pane.citation_requested.connect(self.citation_requested)
        self.pdf_pane.selection_changed.connect(self._update_actions)
        self.pdf_pane.view.current_page_changed.connect(self._on_page)
        self.pdf_pane.view.zoom_changed.connect(self._show_zoom)
        self.image_view.current_page_changed.connect(self._on_page)
        view = self.pdf_pane.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for name in ("copy", "cite_selection", "cite_area"):
            view.addAction(self.actions_[name])
        for page_view in self.page_views():
            show_focus(page_view)
        self._update_actions()
        run_task(lambda _p, _c: warm_up())  # the first PDF opens in a ready render worker

    # --- public API ----------------------------------------------------------------------

    @staticmethod
    def shortcuts() -> list[tuple[str, str]]:
        """(shortcut, description) of the viewer's keyboard actions, for 帮助→快捷键."""
        return shortcut_list()

    def page_views(self) -> list[QAbstractScrollArea]:
        """The views that show a document's pages, one per kind; only the one of the
        document shown is on screen (Tab skips the others)."""
        return [self.pdf_pane.view, self.image_view, self.docx_view.browser]

    def focus_page(self) -> bool:
        """Put the keyboard focus on the pages shown; False when no document is shown."""
        views = dict(zip(("pdf", "image", "docx_html"), self.page_views(), strict=True))
        view = views.get(self.shown_kind)
        if view is None:
            return False
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def open_document(
        self,
        path: Path,
        *,
        title: str,
        kind: str | None = None,
        damage: str | None = None,
        probe_failure: str | None = None,
        cache_dir: Path,
    ) -> None:
        """Show the file at `path` (read only); conversions are cached under `cache_dir`.

        A file whose import probe timed out or crashed (`probe_failure`) is not opened."""
        self.close_document()
        self.title = title
        self._damage = damage
        if probe_failure:
            self._show_failure(refusal_text(title, probe_failure))
            return
        self.busy.opening(title)
        self.stack.setCurrentWidget(self.busy)
        generation = self._generation
        self._task = run_task(
            open_job(Path(path), title, kind, Path(cache_dir)),
            on_finished=lambda opened: self._on_opened(generation, opened),
            on_failed=lambda exc: self._on_open_failed(generation, exc),
            on_progress=lambda _f, stage: self._on_open_progress(generation, stage),
            on_cancelled=lambda: None,
            context=self,
        )

    def close_document(self) -> None:
        """Stop showing the document and release it."""
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._release_pdf()
        self.image_view.set_frames([])
        self.shown_kind, self.title = "", ""
        self._pending_citation = None
        self.banner.show_lines([])
        self.message.setText(self.tr("No document is open."))
        self.stack.setCurrentWidget(self.message)
        self._update_actions()

    def show_citation(self, page: int, rect: Rect | None) -> None:
        """Go to `page` (1-based) and outline `rect` (unrotated PDF points) if given."""
        if self.shown_kind == "pdf" and self._pdf is not None and self._pdf.pages:
            index = max(0, min(page - 1, self._pdf.page_count - 1))
            area = (rect[0], rect[1], rect[2], rect[3]) if rect else None
            self.pdf_pane.view.show_citation(index, area)
        elif self.shown_kind == "image":
            self.image_view.go_to_page(page - 1)
        else:
            self._pending_citation = (page, rect)  # applied once the document is shown

    @property
    def page_count(self) -> int:
        """Pages of the document shown (0 when none)."""
        if self.shown_kind == "pdf" and self._pdf is not None:
            return self._pdf.page_count
        if self.shown_kind == "image":
            return self.image_view.page_count
        return 1 if self.shown_kind == "docx_html" else 0

    @property
    def current_page(self) -> int:
        """The 1-based page in view (0 when nothing is shown)."""
        if self.shown_kind == "pdf":
            return self.pdf_pane.view.current_page + 1
        if self.shown_kind == "image":
            return self.image_view.current_page + 1
        return 1 if self.shown_kind == "docx_html" else 0

    # --- opening -------------------------------------------------------------------------

    def _on_open_progress(self, generation: int, stage: str) -> None:
        if generation == self._generation and stage == CONVERTING:
            self.busy.converting(self.title)

    def _on_opened(self, generation: int, opened: Opened) -> None:
        if generation != self._generation:
            if opened.pdf is not None:
                _close_later(opened.pdf)
            return
        self._task = None
        lines = self._damage_lines()
        if opened.kind == "pdf" and opened.pdf is not None:
            self._pdf = opened.pdf
            if opened.pdf.needs_password:
                self.banner.show_lines(lines)
                self.password_prompt.ask(self.title)
                self.stack.setCurrentWidget(self.password_prompt)
                return
            self._show_pdf(lines)
        elif opened.kind == "docx_html":
            if opened.conversion_error:
                note = self.tr(
                    "LibreOffice could not convert this Word document ({0}). It is shown as "
                    "text, tables and pictures; the layout is approximate."
                ).format(opened.conversion_error)
            else:
                note = self.tr(
                    "LibreOffice is not installed, so this Word document is shown as text, "
                    "tables and pictures; the layout is approximate."
                )
            self.docx_view.show_rendering(opened.html, opened.images, note)
            self._shown("docx_html", self.docx_view, lines)
        else:
            self.image_view.set_frames(opened.frames)
            self._shown("image", self.image_view, lines)

    def _damage_lines(self) -> list[str]:
        if not self._damage:
            return []
        return [self.tr("This file is marked as damaged: {0}").format(self._damage)]

    def _show_pdf(self, lines: list[str]) -> None:
        assert self._pdf is not None
        if self._pdf.repaired:
            lines.append(
                self.tr(
                    "This PDF is damaged. It was repaired for display; some content may be "
                    "missing or wrong."
                )
            )
        self.pdf_pane.set_document(self._pdf)
        self._shown("pdf", self.pdf_pane, lines)
        self._show_zoom(self.pdf_pane.view.zoom)

    def _shown(self, kind: str, page: QWidget, lines: list[str]) -> None:
        self.shown_kind = kind
        self.banner.show_lines(lines)
        self.stack.setCurrentWidget(page)
        count = self.page_count
        self.toolbar.set_page_count(count)
        self._update_actions()
        self.document_loaded.emit(count)
        if self._pending_citation is not None:
            page_number, rect = self._pending_citation
            self._pending_citation = None
            self.show_citation(page_number, rect)

    def _try_password(self, password: str) -> None:
        document, generation = self._pdf, self._generation
        if document is None:
            return
        run_task(
            lambda _p, _c: document.authenticate(password),
            on_finished=lambda ok: self._on_password(generation, ok),
            on_failed=lambda exc: self._on_open_failed(generation, exc),
            context=self,
        )

    def _on_password(self, generation: int, ok: bool) -> None:
        if generation != self._generation:
            return
        if ok:
            self._show_pdf(self._damage_lines())
        else:
            self.password_prompt.wrong_password()

    def _on_open_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._release_pdf()
        self._show_failure(failure_text(self.title, exc))

    def _show_failure(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.shown_kind = ""
        self._update_actions()
        self.failed.emit(text)

    def _release_pdf(self) -> None:
        if self._pdf is not None:
            self.pdf_pane.set_document(None)
            _close_later(self._pdf)
            self._pdf = None

    # --- actions ---------------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "next_page": lambda: self._go_to(self.current_page),
            "previous_page": lambda: self._go_to(self.current_page - 2),
            "go_to_page": lambda: self.toolbar.focus_page_field(),
            "find": lambda: self._pdf_only(lambda: self.pdf_pane.open_find()),
            "find_next": lambda: self._pdf_only(lambda: self.pdf_pane.find_step(True)),
            "find_previous": lambda: self._pdf_only(lambda: self.pdf_pane.find_step(False)),
            "zoom_in": lambda: self._active_view("zoom_by", ZOOM_STEP),
            "zoom_out": lambda: self._active_view("zoom_by", 1 / ZOOM_STEP),
            "fit_width": lambda: self._active_view("fit_width"),
            "fit_page": lambda: self._active_view("fit_page"),
            "rotate": self._rotate,
            "copy": lambda: self._pdf_only(self.pdf_pane.copy_selection),
            "print": lambda: self._pdf_only(self._print),
            "cite_area": self._toggle_cite_mode,
            "cite_selection": lambda: self._pdf_only(self.pdf_pane.cite_selection),
        }

    def _print(self) -> None:
        """The print dialog for this document (all, the page on screen, or a range)."""
        if self._pdf is not None:
            pdf = self._pdf
            print_document(
                self, pdf.path, self.current_page - 1, name=pdf.name, pages=pdf.page_count
            )

    def _pdf_only(self, call: Callable[[], object]) -> None:
        if self.shown_kind == "pdf":
            call()

    def _active_view(self, method: str, *args: float) -> None:
        target = {"pdf": self.pdf_pane.view, "image": self.image_view}.get(self.shown_kind)
        if target is not None:
            getattr(target, method)(*args)
            if self.shown_kind == "image":
                self._show_zoom(self.image_view.zoom)

    def _rotate(self) -> None:
        if self.shown_kind == "pdf":
            self.pdf_pane.rotate()
        elif self.shown_kind == "image":
            self.image_view.rotate(90)

    def _go_to(self, index: int) -> None:
        if self.shown_kind == "pdf":
            self.pdf_pane.view.go_to_page(index)
        elif self.shown_kind == "image":
            self.image_view.go_to_page(max(0, min(index, self.image_view.page_count - 1)))

    def _toggle_cite_mode(self) -> None:
        on = self.actions_["cite_area"].isChecked()
        self.pdf_pane.cite_mode = on
        cursor = Qt.CursorShape.CrossCursor if on else Qt.CursorShape.IBeamCursor
        self.pdf_pane.view.viewport().setCursor(cursor)

    def _on_page(self, index: int) -> None:
        self.toolbar.show_page(index)
        self.page_changed.emit(index + 1)

    def _show_zoom(self, zoom: float) -> None:
        # PDF zoom is pixels per point: 100 % shows a page at its printed size on a 96 dpi screen.
        percent = zoom * 75 if self.shown_kind == "pdf" else zoom * 100
        self.toolbar.show_zoom(percent)

    def _update_actions(self, *_args: object) -> None:
        paged = self.shown_kind in ("pdf", "image")
        pdf = self.shown_kind == "pdf"
        for name in ("next_page", "previous_page", "go_to_page", "zoom_in", "zoom_out"):
            self.actions_[name].setEnabled(paged)
        for name in ("fit_width", "fit_page", "rotate"):
            self.actions_[name].setEnabled(paged)
        for name in ("find", "find_next", "find_previous", "cite_area", "print"):
            self.actions_[name].setEnabled(pdf)
        self.actions_["copy"].setEnabled(pdf and bool(self.pdf_pane.selected_text))
        self.actions_["cite_selection"].setEnabled(pdf and self.pdf_pane.selected_rect is not None)
        self.page_field.setEnabled(paged)


def _close_later(document: RemotePdfDocument) -> None:
    """Close a document on a worker: a render in progress holds its lock for a moment."""
    run_task(lambda _p, _c: document.close())
