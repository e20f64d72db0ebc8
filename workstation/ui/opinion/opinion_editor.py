"""OpinionEditor: the written opinion of one case — its free text, a live preview, export and
the head's signature.

Only the free-text parts (`OpinionView.texts`: the opening and the closing) are edited here;
everything else in the opinion comes from the checklist. Typing is saved through
`OpinionService.save_texts` shortly after the reviewer pauses (and at once with Ctrl+S),
one save at a time and in order, so an app that dies loses at most the last moment's
typing. Reading, saving, previewing, exporting and signing all run off the UI thread.

Made of OpinionTextsForm (the text boxes), OpinionPreview and OpinionExporter, with
SignDialog for the signature. Outside wiring: `refresh()` after the checklist or the case
changed; `changed` after each save; `signed` once the opinion is signed (the case changed
state); `exported(path)`. The actions (`save_action`, `export_docx_action`,
`export_pdf_action`, `sign_action`) can be put in menus; `sign_action` is hidden for users
who never sign.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workstation.labels import REVIEW_STATES
from workstation.opinion.editing import OpinionView
from workstation.review.stale_edits import StaleEditError
from workstation.services import Workstation
from workstation.timefmt import format_minute
from workstation.ui.error_dialog import error_text
from workstation.ui.opinion.opinion_export import OpinionExporter
from workstation.ui.opinion.opinion_preview import OpinionPreview
from workstation.ui.opinion.opinion_texts import OpinionTextsForm
from workstation.ui.opinion.sign_dialog import SignDialog
from workstation.ui.printing import print_opinion
from workstation.ui.workers import Task, run_task

log = logging.getLogger(__name__)


class OpinionEditor(QWidget):
    """The opinion of case `reference` as `login` may read, edit, export and sign it."""

    changed = Signal()  # the stored free text changed (after an autosave)
    signed = Signal()  # the opinion was signed here: the case moved to its outcome
    exported = Signal(str)  # a file was exported (its path)

    AUTOSAVE_MS = 800
    FIRST_READ_DELAY_MS = 40

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = workstation, reference, login
        self.view: OpinionView | None = None
        self.sign_dialog: SignDialog | None = None
        self._saved: dict[str, str] = {}  # the texts as stored
        self._texts_seen: int | None = None  # the wording change last shown whole
        self._save_task: Task | None = None
        self._after_save: list[Callable[[bool], None]] = []
        self._load_generation = 0
        self._build()
        # Read once the editor is laid out and painted (a few passes of the event loop): a
        # thread reading meanwhile would make that first paint wait for the interpreter.
        QTimer.singleShot(self.FIRST_READ_DELAY_MS, self, self.refresh)

    # --- public API ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the opinion again (the checklist or the case may have changed)."""
        self._load_generation += 1
        generation = self._load_generation
        ws, reference, login = self._ws, self._reference, self._login
        run_task(
            lambda _progress, _cancel: ws.opinions.view(reference, login),
            on_finished=lambda view: self._apply(generation, view),
            on_failed=lambda exc: self._load_failed(generation, exc),
            context=self,
        )

    def texts(self) -> dict[str, str]:
        """The free-text parts as they are on screen now."""
        return self.form.texts()

    def has_unsaved_changes(self) -> bool:
        """Whether typing is not stored yet (waiting or being saved)."""
        return self._save_task is not None or bool(self._dirty())

    def flush(self) -> None:
        """Save what is typed now instead of after the pause."""
        self._autosave.stop()
        self._save()

    def export_to(self, out: Path) -> None:
        """Export the opinion to `out` (.docx or .pdf) once the typing is saved."""
        self._when_saved(lambda ok: self._exporter.run(out) if ok else None)

    def open_sign_dialog(self) -> None:
        """Save the typing, then open the head's sign dialog (kept in `sign_dialog`)."""
        self._when_saved(lambda ok: self._show_sign_dialog() if ok else None)

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-weight: bold; font-size: 115%;")
        self.title_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_label = QLabel()
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._exporter = OpinionExporter(self._ws, self._reference, self._login, self)
        self._exporter.started.connect(
            lambda path: self._set_save_label(self.tr("Exporting {0}…").format(Path(path).name))
        )
        self._exporter.exported.connect(self._exported)
        self._exporter.failed.connect(lambda: self._set_save_label(""))
        self.save_action = self._action(self.tr("Save now"), QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.flush)
        self.export_docx_action = self._action(self.tr("Export DOCX…"))
        self.export_docx_action.triggered.connect(lambda: self._ask_export(".docx"))
        self.export_pdf_action = self._action(self.tr("Export PDF…"))
        self.export_pdf_action.triggered.connect(lambda: self._ask_export(".pdf"))
        self.print_action = self._action(self.tr("Print…"))
        self.print_action.triggered.connect(self._print)
        self.sign_action = self._action(self.tr("Sign…"))
        self.sign_action.triggered.connect(self.open_sign_dialog)
        self.sign_action.setVisible(False)  # shown to those who sign, once loaded
        bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for name, action in (
            ("export_docx", self.export_docx_action),
            ("export_pdf", self.export_pdf_action),
            ("print", self.print_action),
            ("sign", self.sign_action),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            # Unlike a tool bar, a lone tool button does not follow its action's visibility.
            action.changed.connect(partial(_follow_visibility, button, action))
            bar.addWidget(button)
            self.buttons[name] = button
            button.setVisible(action.isVisible())
        bar.addStretch(1)
        bar.addWidget(self.save_label)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet("background: #fff6d5; color: #6b5200; padding: 6px;")
        self.notice.hide()

        self.form = OpinionTextsForm()
        self.form.typed.connect(self._typed)
        self.text_edits = self.form.edits

        self.preview = OpinionPreview(self._ws, self._reference, self._login)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.state_label)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.AUTOSAVE_MS)
        self._autosave.timeout.connect(self._save)
        self._set_enabled(False)

    def _action(self, text: str, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    # --- loading ---------------------------------------------------------------------------

    def _apply(self, generation: int, view: OpinionView) -> None:
        if generation != self._load_generation:
            return
        self.view = view
        if not self._dirty():  # the wording a save says it saw is the one last shown whole
            self._texts_seen = view.texts_seen
        # Typing not saved yet stays on screen (it is saved next); a locked opinion shows
        # exactly what it says.
        self.form.show_texts(view.texts, set(self._dirty()) if view.editable else set())
        self.form.set_read_only(not view.editable)
        self._saved = dict(view.texts)
        self._show_state(view)
        self.preview.request(self.texts() if view.editable else None)
        if self._dirty() and view.editable:
            self._autosave.start()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._load_generation:
            return
        self.view = None
        self._set_enabled(False)
        self._show_notice(error_text(exc))

    def _show_state(self, view: OpinionView) -> None:
        self.title_label.setText(f"{view.case_number}　{view.case_title}")
        state = REVIEW_STATES.get(view.state, view.state)
        content = view.content
        if content is None:
            self.state_label.setText(self.tr("Case state: {0}").format(state))
        else:
            self.state_label.setText(
                self.tr("{0} · {1} · case state: {2} · {3}").format(
                    content.number, content.outcome, state, self._status(view)
                )
            )
        if view.problem:
            self._show_notice(view.problem)
        elif view.signature is not None and view.edit_refusal:
            self._show_notice(view.edit_refusal)  # says it is signed and locked
        elif view.edit_refusal:
            self._show_notice(self.tr("Read only: {0}").format(view.edit_refusal))
        else:
            self.notice.hide()
        self._set_enabled(content is not None)
        for action in (self.export_docx_action, self.export_pdf_action, self.print_action):
            action.setEnabled(content is not None and view.export_refusal is None)
            action.setToolTip(view.export_refusal or action.text().replace("&", ""))
        self.sign_action.setVisible(view.signer_role and view.signature is None)
        self.sign_action.setEnabled(view.sign_refusal is None)
        self.sign_action.setToolTip(view.sign_refusal or self.tr("Sign the opinion as head"))

    def _status(self, view: OpinionView) -> str:
        sig = view.signature
        if sig is not None:
            return self.tr("signed by {0} on {1} · key {2}").format(
                sig.signer, format_minute(sig.signed_at), sig.fingerprint[:16] + "…"
            )
        if view.revision is None:
            return self.tr("draft, not saved yet")
        return self.tr("draft, revision {0}").format(view.revision)

    def _set_enabled(self, enabled: bool) -> None:
        self.export_docx_action.setEnabled(enabled)
        self.export_pdf_action.setEnabled(enabled)
        self.print_action.setEnabled(enabled)
        self.preview.setVisible(enabled)
        if not enabled:
            self.form.set_read_only(True)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    # --- saving ----------------------------------------------------------------------------

    def _typed(self) -> None:
        self._set_save_label(self.tr("Not saved yet"))
        self._autosave.start()
        self.preview.request(self.texts())

    def _dirty(self) -> dict[str, str]:
        return {k: v for k, v in self.texts().items() if v != self._saved.get(k, "")}

    def _save(self) -> None:
        if self._save_task is not None:
            return  # one save at a time; `_saved_ok` saves what was typed meanwhile
        texts = self._dirty()
        if not texts or self.view is None or not self.view.editable:
            if not texts:
                self._set_save_label(self.tr("All changes saved") if self._saved else "")
            self._run_after_save(not texts)
            return
        ws, reference, login, seen = self._ws, self._reference, self._login, self._texts_seen
        self._set_save_label(self.tr("Saving…"))
        self._save_task = run_task(
            lambda _progress, _cancel: ws.opinions.save_texts(reference, login, texts, seen=seen),
            on_finished=lambda revision: self._saved_ok(texts, revision),
            on_failed=self._save_failed,
            context=self,
        )

    def _saved_ok(self, texts: dict[str, str], revision: int) -> None:
        self._save_task = None
        self._saved.update(texts)
        if self.view is not None and self.view.revision != revision:
            self.refresh()  # the first save gave the draft its revision and document number
        self.changed.emit()
        if self._dirty():
            self._save()  # typed while saving
        else:
            self._set_save_label(self.tr("All changes saved"))
            self._run_after_save(True)

    def _save_failed(self, exc: BaseException) -> None:
        self._save_task = None
        message = error_text(exc)
        if isinstance(exc, StaleEditError):  # a colleague's newer wording replaces ours
            self.form.show_texts(self._saved, set())
            self.refresh()
        # Inline, not a dialog: autosave retries with the next keystroke.
        self._set_save_label(self.tr("Not saved: {0}").format(message), error=True)
        self.save_label.setToolTip(message)
        self._run_after_save(False)

    def _set_save_label(self, text: str, *, error: bool = False) -> None:
        self.save_label.setStyleSheet("color: #b00020;" if error else "color: #555;")
        self.save_label.setText(text)
        if not error:
            self.save_label.setToolTip("")

    def _exported(self, path: str) -> None:
        self._set_save_label(self.tr("Exported to {0}").format(path))
        self.exported.emit(path)

    def _when_saved(self, then: Callable[[bool], None]) -> None:
        """Run `then(saved)` once nothing typed is waiting to be stored."""
        self._after_save.append(then)
        if self._save_task is None:
            self.flush()

    def _run_after_save(self, ok: bool) -> None:
        waiting, self._after_save = self._after_save, []
        for then in waiting:
            then(ok)

    # --- export and signing ----------------------------------------------------------------

    def _ask_export(self, suffix: str) -> None:
        out = self._exporter.ask(suffix, self.view.case_number if self.view else self._reference)
        if out is not None:
            self.export_to(out)

    def _print(self) -> None:
        """Print the opinion as the preview shows it (the PDF made of it). The bytes, not the
        path: a newer preview replaces the file while a print may still be reading it."""
        path = self.preview.pdf_path
        if self.preview.mode != "pdf" or path is None:
            self._set_save_label(self.tr("Printing needs the PDF preview (LibreOffice)"))
            return
        number = self.view.case_number if self.view else self._reference
        print_opinion(self, path.read_bytes(), name=f"{number} 审核意见书")

    def _show_sign_dialog(self) -> None:
        if self.sign_dialog is not None:
            self.sign_dialog.raise_()  # already open: one signature at a time
            self.sign_dialog.activateWindow()
            return
        dialog = SignDialog(self._ws, self._reference, self._login, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed.connect(self._on_signed)
        dialog.finished.connect(self._sign_dialog_closed)
        self.sign_dialog = dialog
        dialog.open()

    def _sign_dialog_closed(self) -> None:
        self.sign_dialog = None

    def _on_signed(self) -> None:
        self._autosave.stop()
        self.form.set_read_only(True)  # locked at once; the refresh shows the signature
        self.signed.emit()
        self.refresh()


def _follow_visibility(button: QToolButton, action: QAction) -> None:
    button.setVisible(action.isVisible())
