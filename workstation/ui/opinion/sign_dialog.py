"""SignDialog: the division head confirms what is signed and gives the key's passphrase.

What the dialog shows and whether signing is allowed come from `OpinionService.sign_request`;
signing itself is `OpinionService.sign`, run off the UI thread (opening the sealed key is
deliberately slow). Whatever the service refuses — the wrong role, the workflow, no key
registered, a wrong passphrase — is shown in the dialog in the service's own words, and
nothing changes. After repeated wrong passphrases the service pauses the signer's next
attempt (security/throttle.py, as the login does); the dialog counts the pause down
("签名口令多次输入错误，请 N 秒后再试") with the Sign button off.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import WorkstationError
from workstation.opinion.editing import UNFILLED, SignRequest
from workstation.opinion.service import passphrase_wait
from workstation.security.throttle import Delayed
from workstation.services import Workstation
from workstation.ui.error_dialog import show_error
from workstation.ui.pause_countdown import PauseCountdown
from workstation.ui.workers import run_task

log = logging.getLogger(__name__)


class SignDialog(QDialog):
    """Sign the opinion of one case as division head, with the signing key's passphrase."""

    signed = Signal()  # the opinion is signed and the case moved to its outcome
    loaded = Signal()  # what is to be signed (or why not) is on screen

    def __init__(
        self, workstation: Workstation, reference: str, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._reference, self._login = workstation, reference, login
        self.request: SignRequest | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Sign the opinion"))
        self.setMinimumWidth(480)

        waiting = self.tr("Loading…")
        self.case_label = QLabel(waiting)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.outcome_label = QLabel()
        self.number_label = QLabel()
        # What the reviewer found, point by point: the head signs knowing the review.
        self.points_label = QLabel()
        self.points_label.setObjectName("sign_points")
        self.points_label.setWordWrap(True)
        self.findings_label = QLabel()
        self.findings_label.setObjectName("sign_findings")
        self.key_label = QLabel()
        for label in (self.case_label, self.number_label, self.key_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase of your signing key"))
        self.passphrase.setEnabled(False)
        self.passphrase.textChanged.connect(self._update_button)
        self.passphrase.returnPressed.connect(self.sign)
        form = QFormLayout()
        form.addRow(self.tr("Case number:"), self.case_label)
        form.addRow(self.tr("Case:"), self.title_label)
        form.addRow(self.tr("Outcome:"), self.outcome_label)
        form.addRow(self.tr("Document number:"), self.number_label)
        form.addRow(self.tr("Checklist:"), self.points_label)
        form.addRow(self.tr("Open findings:"), self.findings_label)
        form.addRow(self.tr("Signing key:"), self.key_label)
        form.addRow(self.tr("Passphrase:"), self.passphrase)

        explanation = QLabel(
            self.tr(
                "Signing files the opinion into the case record with your digital signature and "
                "moves the case to the outcome above. A signed opinion cannot be changed."
            )
        )
        explanation.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.wait_label = QLabel()  # the pause after repeated wrong passphrases, counted down
        self.wait_label.setWordWrap(True)
        self.wait_label.hide()
        self._pause = PauseCountdown(
            self.wait_label,
            lambda: self._ws.opinions.passphrase_pause(self._login),
            passphrase_wait,
            self,
        )
        self._pause.waiting_changed.connect(self._update_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button: QPushButton = self.buttons.addButton(
            self.tr("Sign"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sign_button.setEnabled(False)
        self.sign_button.clicked.connect(self.sign)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.message)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.buttons)
        self._load()

    # --- public API ------------------------------------------------------------------------

    def sign(self) -> None:
        """Sign with the passphrase typed (off the UI thread); the result shows in the dialog."""
        passphrase = self.passphrase.text()
        if self.busy or not self.sign_button.isEnabled() or not passphrase or self._pause.check():
            return
        ws, reference, login = self._ws, self._reference, self._login
        self._set_busy(True)
        self._show_message(self.tr("Signing…"), error=False)
        run_task(
            lambda _progress, _cancel: ws.opinions.sign(reference, login, passphrase),
            on_finished=self._signed,
            on_failed=self._failed,
            context=self,
        )

    def refused(self) -> str | None:
        """The service's reason why this user may not sign now; None when they may."""
        return self.request.refusal if self.request else None

    # --- steps -----------------------------------------------------------------------------

    def _load(self) -> None:
        ws, reference, login = self._ws, self._reference, self._login
        run_task(
            lambda _progress, _cancel: ws.opinions.sign_request(reference, login),
            on_finished=self._loaded,
            on_failed=self._load_failed,
            context=self,
        )

    def _loaded(self, request: SignRequest) -> None:
        self.request = request
        self.case_label.setText(request.case_number)
        self.title_label.setText(request.case_title)
        none = self.tr("(none)")
        self.outcome_label.setText(request.outcome or none)
        self.number_label.setText(request.number or none)
        self._show_review(request)
        self.key_label.setText(
            request.key_fingerprint[:16] + "…" if request.key_fingerprint else none
        )
        if request.refusal:
            self._show_message(request.refusal)
        else:
            self.passphrase.setEnabled(True)
            self.passphrase.setFocus()
        self._pause.check()  # an earlier dialog's wrong passphrases may still pause
        self._update_button()  # what is to be signed is known now
        self.loaded.emit()

    def _show_review(self, request: SignRequest) -> None:
        """Each point's verdict; anything unfinished in red (issuing refuses it now, but an
        opinion issued by an earlier release may still be waiting for a signature)."""
        unfilled = [name for name, verdict in request.points if verdict == UNFILLED]
        self.points_label.setText(
            "；".join(f"{name}：{verdict}" for name, verdict in request.points)
        )
        self.points_label.setStyleSheet("color: #b00020;" if unfilled else "")
        self.findings_label.setText(str(request.pending_findings))
        self.findings_label.setStyleSheet("color: #b00020;" if request.pending_findings else "")

    def _load_failed(self, exc: BaseException) -> None:
        self.case_label.setText(self._reference)
        self._show_message(self._error_message(exc))
        self.loaded.emit()

    def _signed(self, _opinion: Any) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.signed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.passphrase.clear()  # a wrong passphrase is typed again, not corrected
        if isinstance(exc, Delayed):  # the countdown below says it
            self.message.hide()
        else:
            self._show_message(self._error_message(exc))
        self.passphrase.setFocus()
        self._pause.check()

    # --- helpers ---------------------------------------------------------------------------

    def _error_message(self, exc: BaseException) -> str:
        if isinstance(exc, WorkstationError):
            return exc.message
        show_error(self, exc)  # a bug: logged with its traceback and shown in full
        return self.tr("Not signed.")

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)
        self.message.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.passphrase.setEnabled(not busy and self.refused() is None)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self._update_button()

    def _update_button(self) -> None:
        ready = self.request is not None and self.refused() is None
        self.sign_button.setEnabled(
            ready and not self.busy and not self._pause.waiting and bool(self.passphrase.text())
        )

    # While signing runs, the dialog stays: the outcome must be seen, not lost.
    def reject(self) -> None:
        """Close without signing (not while a signature is being made)."""
        if not self.busy:
            self._pause.stop()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.busy and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
