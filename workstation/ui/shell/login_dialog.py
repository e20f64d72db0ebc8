"""The login at start-up: login name and password, checked off the UI thread.

After repeated failures the throttle (security/login.py) pauses the next attempt; the
dialog counts the pause down ("多次登录失败，请 N 秒后再试") with the Log in button disabled,
and stays responsive meanwhile: the fields can be typed in, Quit quits.

Before anyone is registered (a fresh installation, the demo) there is nobody to log in as:
the dialog says how the administrator registers the first user and lets the reviewer go on
under the computer's login, with what the first-run set-up allows (import, view).

Someone whose password an administrator set (`SignedIn.password_change_due`) goes no
further than the dialog: it asks them for a new password of their own, twice, and accepts
once it is saved.
"""

from __future__ import annotations

import getpass
import logging
import threading
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
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
from workstation.security.login import LoginDelayed, LoginThrottle, SignedIn, wait_message
from workstation.ui.error_dialog import show_error
from workstation.ui.pause_countdown import PauseCountdown
from workstation.ui.workers import Progress, Task, run_task

log = logging.getLogger(__name__)


class Accounts(Protocol):
    """What the dialog asks of the workstation. A `Workstation` answers, and so does an
    `app.Opening` whose services are still loading, so the dialog shows at once."""

    def users_registered(self) -> bool:
        """Whether anyone is registered (else: first-run set-up mode)."""
        ...

    def log_in(self, login: str, password: str) -> SignedIn:
        """Check a login and password; called off the UI thread."""
        ...

    def change_password(self, login: str, current: str, new: str) -> SignedIn:
        """`login` choosing their own password; called off the UI thread."""
        ...


class LoginDialog(QDialog):
    """Asks for a login and password; `login` holds who logged in once it is accepted.

    Signals: `logged_in(str)` with the login, just before the dialog accepts.
    Attributes after acceptance: `login` (str), `signed_in` (SignedIn, or None in
    first-run set-up mode).
    """

    logged_in = Signal(str)

    def __init__(
        self,
        workstation: Accounts,
        parent: QWidget | None = None,
        *,
        last_login: str = "",
        throttle: LoginThrottle | None = None,
    ) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._throttle = throttle or LoginThrottle()
        self._task: Task | None = None
        self._current = ""  # the password an administrator set, until a new one is saved
        self.login: str | None = None
        self.signed_in: SignedIn | None = None
        self.setup_mode = not workstation.users_registered()
        self.setWindowTitle(self.tr("Log in — Legal Review Workstation"))

        self.setMinimumWidth(420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.command_label = QLabel(
            self.tr("workstation users add LOGIN --name NAME --role administrator --password-stdin")
        )
        self.command_label.setWordWrap(True)
        self.command_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.command_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.command_label.hide()
        self.login_edit = QLineEdit(last_login)
        self.login_edit.setMaxLength(100)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.wait_label = QLabel()  # the pause after repeated failures, counted down
        self.wait_label.setWordWrap(True)
        self.wait_label.hide()
        self._pause = PauseCountdown(self.wait_label, self._throttle.remaining, wait_message, self)
        self._pause.waiting_changed.connect(self._pause_changed)

        form = QFormLayout()
        form.addRow(self.tr("&Login name:"), self.login_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.form = QWidget()
        self.form.setLayout(form)
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        change = QFormLayout()
        change.addRow(self.tr("&New password:"), self.new_password_edit)
        change.addRow(self.tr("&Repeat it:"), self.repeat_edit)
        self.change_form = QWidget()
        self.change_form.setLayout(change)
        self.change_form.hide()

        buttons = QDialogButtonBox()
        self.login_button = QPushButton(self.tr("Log in"))
        self.change_button = QPushButton(self.tr("Save the new password"))
        self.change_button.hide()
        self.continue_button = QPushButton(self.tr("Continue without logging in"))
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.clicked.connect(self.attempt)
        self.change_button.clicked.connect(self.change_password)
        self.continue_button.clicked.connect(self._continue_unregistered)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.command_label)
        layout.addWidget(self.form)
        layout.addWidget(self.change_form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.wait_label)
        layout.addWidget(buttons)

        if self.setup_mode:
            self.intro.setText(
                self.tr(
                    "No user is registered yet. Until the administrator registers the first "
                    "one, the workstation can only import and show cases. To register an "
                    "administrator, run in a terminal:"
                )
            )
            self.command_label.show()
            self.form.hide()
            self.login_button.hide()
            self.continue_button.setDefault(True)
        else:
            self.intro.setText(self.tr("Log in with the login name and password you were given."))
            self.continue_button.hide()
            self.login_button.setDefault(True)
            (self.password_edit if last_login else self.login_edit).setFocus()
            self._pause.check()  # a throttle shared with an earlier dialog may still pause

    def attempt(self) -> None:
        """Check what was typed; the dialog accepts on success, else says why."""
        if self._task is not None or self._pause.check():
            return
        login, password = self.login_edit.text(), self.password_edit.text()
        workstation, throttle = self._workstation, self._throttle

        def check(_progress: Progress, _cancel: threading.Event) -> SignedIn:
            return throttle.check(lambda: workstation.log_in(login, password))

        self._current = password
        self._busy(True)
        self._task = run_task(
            check, on_finished=self._succeeded, on_failed=self._failed, context=self
        )

    def reject(self) -> None:
        """Quit (Esc, the Quit button, closing the window): a check in flight is dropped."""
        if self._task is not None:
            self._task.cancel()  # its answer, arriving later, is dropped
            self._task = None
        self._pause.stop()
        super().reject()

    def change_password(self) -> None:
        """Save the new password typed twice; the dialog accepts once it is saved."""
        if self._task is not None or self.signed_in is None:
            return
        new, repeated = self.new_password_edit.text(), self.repeat_edit.text()
        if new != repeated:
            self._say(self.tr("The two new passwords differ; type them again."), error=True)
            self._clear_new_password()
            return
        workstation, login, current = self._workstation, self.signed_in.login, self._current

        def save(_progress: Progress, _cancel: threading.Event) -> SignedIn:
            return workstation.change_password(login, current, new)

        self._busy(True)
        self._task = run_task(
            save, on_finished=self._succeeded, on_failed=self._failed, context=self
        )

    def _succeeded(self, signed_in: SignedIn) -> None:
        if self._task is None:  # the person quit meanwhile
            return
        self._task = None
        self.signed_in = signed_in
        if signed_in.password_change_due:
            self._ask_for_a_new_password()
            return
        self._current = ""
        self.login = signed_in.login
        self.logged_in.emit(signed_in.login)
        self.accept()

    def _ask_for_a_new_password(self) -> None:
        """Logged in with a password an administrator set: nothing else until a new one."""
        self._busy(False)
        self.message_label.hide()
        self.form.hide()
        self.login_button.hide()
        self.intro.setText(
            self.tr(
                "Your password was set by the administrator. Choose a new password that only "
                "you know before you go on (at least 8 characters)."
            )
        )
        self.change_form.show()
        self.change_button.show()
        self.change_button.setDefault(True)
        self.new_password_edit.setFocus()

    def _clear_new_password(self) -> None:
        self.new_password_edit.clear()
        self.repeat_edit.clear()
        self.new_password_edit.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if self._task is None:  # the person quit meanwhile
            return
        self._task = None
        self._busy(False)
        if not isinstance(exc, WorkstationError):
            show_error(self, exc)
            return
        if isinstance(exc, LoginDelayed):  # the countdown below says it
            self.message_label.hide()
        else:
            self._say(exc.message, error=True)
        if self.change_form.isVisible():  # the new password was refused: type it again
            self._clear_new_password()
            return
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._pause.check()

    def _busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.change_form.setEnabled(not busy)
        self.login_button.setEnabled(not busy)
        self.change_button.setEnabled(not busy)
        if busy:
            self._say(self.tr("Checking…"), error=False)

    def _pause_changed(self, waiting: bool) -> None:
        """The Log in button is off while the pause lasts."""
        self.login_button.setEnabled(not waiting and self._task is None)

    def _say(self, text: str, *, error: bool) -> None:
        self.message_label.setStyleSheet("color: #b00020" if error else "")
        self.message_label.setText(text)
        self.message_label.show()

    def _continue_unregistered(self) -> None:
        self.login = getpass.getuser()
        log.info("no user registered: continuing as %s (first-run set-up)", self.login)
        self.logged_in.emit(self.login)
        self.accept()


def ask_login(
    workstation: Accounts, parent: QWidget | None = None, last_login: str = ""
) -> str | None:
    """Show the login dialog; the login on success, None if the reviewer quit."""
    dialog = LoginDialog(workstation, parent, last_login=last_login)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.login if accepted else None
