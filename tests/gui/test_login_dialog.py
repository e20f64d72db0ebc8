"""The login dialog: wrong password, no password yet, success, first-run set-up, the delay."""

from __future__ import annotations

import getpass
from typing import Any

import pytest

from workstation.security.login import LoginThrottle
from workstation.security.users import add_user, deactivate_user

pytestmark = pytest.mark.gui

NO_DELAY = LoginThrottle(free=1000)


@pytest.fixture
def office(ws: Any) -> Any:
    """admin and li with passwords; zhao without one yet; chen deactivated."""
    people = [
        ("admin", "管理员", "administrator", "admin-pass-1"),
        ("li", "李审", "reviewer", "li-pass-123"),
        ("zhao", "赵办", "clerk", None),
        ("chen", "陈审", "reviewer", "chen-pass-1"),
    ]
    with ws.db.write("登记用户") as session:
        for login, name, role, password in people:
            add_user(
                session,
                login=login,
                display_name=name,
                roles=[role],
                by="admin",
                at=ws.clock(),
                password=password,
            )
        deactivate_user(session, login="chen", by="admin", at=ws.clock())
    return ws


def dialog_for(qtbot: Any, ws: Any, **options: Any) -> Any:
    from workstation.ui.shell.login_dialog import LoginDialog

    options.setdefault("throttle", NO_DELAY)
    dialog = LoginDialog(ws, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def try_login(qtbot: Any, dialog: Any, login: str, password: str) -> str:
    """Type, press 登录, wait for the answer; returns the message shown."""
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    dialog.login_button.click()
    # The fields are off while the password is checked, on again with the answer.
    qtbot.waitUntil(lambda: dialog.form.isEnabled() or not dialog.isVisible(), timeout=10_000)
    return str(dialog.message_label.text())


def test_a_wrong_password_says_so_and_clears_the_password(qtbot: Any, office: Any) -> None:
    dialog = dialog_for(qtbot, office)
    assert dialog.login_edit.hasFocus() or not dialog.isActiveWindow()
    assert try_login(qtbot, dialog, "li", "wrong-pass-1") == "登录名或密码不正确"
    assert dialog.isVisible()
    assert dialog.login is None
    assert dialog.password_edit.text() == ""
    assert dialog.message_label.isVisible()
    # An unknown login reads exactly the same.
    assert try_login(qtbot, dialog, "nobody", "wrong-pass-1") == "登录名或密码不正确"


def test_no_password_yet_and_deactivated_are_explained(qtbot: Any, office: Any) -> None:
    dialog = dialog_for(qtbot, office)
    assert try_login(qtbot, dialog, "zhao", "whatever-1") == (
        "用户 zhao 尚未设置密码，请系统管理员用 workstation users passwd zhao 设置"
    )
    assert "已停用，不能登录" in try_login(qtbot, dialog, "chen", "chen-pass-1")
    assert try_login(qtbot, dialog, "", "x") == "请输入登录名"


def test_the_right_password_logs_in_and_returns_the_login(qtbot: Any, office: Any) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = dialog_for(qtbot, office, last_login="li")
    assert dialog.login_edit.text() == "li"
    dialog.password_edit.setText("li-pass-123")
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        dialog.login_button.click()
    assert signal.args == ["li"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.login == "li"
    assert dialog.signed_in.roles == ("reviewer",)
    assert not dialog.isVisible()


def test_pressing_enter_in_the_password_field_logs_in(qtbot: Any, office: Any) -> None:
    from PySide6.QtCore import Qt

    dialog = dialog_for(qtbot, office)
    qtbot.keyClicks(dialog.login_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "admin-pass-1")
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.login == "admin"


def test_before_anyone_is_registered_the_reviewer_continues_unregistered(
    qtbot: Any, ws: Any
) -> None:
    dialog = dialog_for(qtbot, ws)
    assert dialog.setup_mode
    assert dialog.form.isHidden()
    assert dialog.login_button.isHidden()
    assert dialog.command_label.text().startswith("workstation users add")
    with qtbot.waitSignal(dialog.logged_in) as signal:
        dialog.continue_button.click()
    assert signal.args == [getpass.getuser()]
    assert dialog.login == getpass.getuser()


class Stopwatch:
    """A monotonic clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_after_repeated_failures_the_dialog_counts_the_pause_down(qtbot: Any, office: Any) -> None:
    from PySide6.QtCore import Qt

    stopwatch = Stopwatch()
    dialog = dialog_for(qtbot, office, throttle=LoginThrottle(free=2, base=15, clock=stopwatch))
    assert try_login(qtbot, dialog, "li", "wrong-pass-1") == "登录名或密码不正确"
    assert dialog.wait_label.isHidden()  # the first failure is free
    assert dialog.login_button.isEnabled()

    assert try_login(qtbot, dialog, "nobody", "wrong-pass-2") == "登录名或密码不正确"
    assert dialog.wait_label.isVisible()
    assert dialog.wait_label.text() == "多次登录失败，请 15 秒后再试"
    assert not dialog.login_button.isEnabled()
    # The dialog stays usable meanwhile: the right password can be typed, Enter does nothing.
    qtbot.keyClicks(dialog.password_edit, "li-pass-123")
    assert dialog.password_edit.text() == "li-pass-123"
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.form.isEnabled()  # no check started
    assert dialog.message_label.text() == "登录名或密码不正确"

    stopwatch.now += 5.5
    qtbot.waitUntil(
        lambda: dialog.wait_label.text() == "多次登录失败，请 10 秒后再试", timeout=5_000
    )
    assert not dialog.login_button.isEnabled()
    stopwatch.now += 9.5
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=5_000)
    assert dialog.wait_label.isHidden()
    dialog.login_edit.setText("li")
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000):
        dialog.login_button.click()
    assert dialog.login == "li"


def test_quitting_during_the_pause_closes_at_once(qtbot: Any, office: Any) -> None:
    throttle = LoginThrottle(free=1, base=20)
    throttle.failed()
    dialog = dialog_for(qtbot, office, throttle=throttle)
    assert dialog.wait_label.text() == "多次登录失败，请 20 秒后再试"
    assert not dialog.login_button.isEnabled()
    dialog.quit_button.click()
    assert not dialog.isVisible()
    assert dialog.login is None


def test_a_password_the_administrator_set_is_replaced_before_anything_else(
    qtbot: Any, office: Any
) -> None:
    from workstation.security.users import set_password

    with office.db.write("重设密码") as session:
        set_password(session, login="li", password="reset-pass-1", by="admin", at=office.clock())
    dialog = dialog_for(qtbot, office)
    try_login(qtbot, dialog, "li", "reset-pass-1")
    # Logged in, but no further: the dialog asks for a password of li's own.
    assert dialog.isVisible()
    assert dialog.login is None
    assert dialog.form.isHidden()
    assert dialog.login_button.isHidden()
    assert dialog.change_form.isVisible()
    assert dialog.change_button.isVisible()
    assert "系统管理员" in dialog.intro.text()

    def save(new: str, repeated: str) -> str:
        dialog.new_password_edit.setText(new)
        dialog.repeat_edit.setText(repeated)
        dialog.change_button.click()
        qtbot.waitUntil(
            lambda: dialog.change_form.isEnabled() or not dialog.isVisible(), timeout=10_000
        )
        return str(dialog.message_label.text())

    assert save("li-own-pass-1", "li-own-pass-2") == "两次输入的新密码不一致，请重新输入。"
    assert dialog.new_password_edit.text() == dialog.repeat_edit.text() == ""
    assert (
        save("reset-pass-1", "reset-pass-1") == "新密码不能与系统管理员设置的密码相同，密码未修改"
    )
    assert dialog.login is None
    with qtbot.waitSignal(dialog.logged_in, timeout=10_000) as signal:
        save("li-own-pass-1", "li-own-pass-1")
    assert signal.args == ["li"]
    assert (dialog.login, dialog.signed_in.password_change_due) == ("li", False)
    assert not office.log_in("li", "li-own-pass-1").password_change_due
