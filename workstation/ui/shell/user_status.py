"""The status bar's note of who is signed in: the person's name and roles, not the login."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from workstation.security.login import SignedIn


class UserStatus(QLabel):
    """ "已登录：赵敏（审核人员）", the login name in the tooltip; only the login while nobody is
    registered (first-run set-up) or the services are still loading."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_status")
        self.show_user(login, None)

    def show_user(self, login: str, who: SignedIn | None) -> None:
        """Show `who`, or just `login` when there is no registered user to name."""
        if who is None:
            self.setText(self.tr("Signed in: {0}").format(login))
            self.setToolTip("")
            return
        self.setText(self.tr("Signed in: {0} ({1})").format(who.display_name, who.role_names))
        self.setToolTip(self.tr("Login name: {0}").format(who.login))
