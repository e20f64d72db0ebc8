"""The first start of an office PC: the database password, asked for once and kept in the
OS keyring (never in settings.toml)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from workstation.errors import WorkstationError
from workstation.paths import AppPaths
from workstation.settings import load_settings

log = logging.getLogger(__name__)


def ask_office_password(paths: AppPaths, problem: str, parent: QWidget | None = None) -> bool:
    """Ask for the office database's password (saying `problem`, the server's refusal in
    Chinese) and keep it in the keyring; False when cancelled or when this PC names no
    office in its settings (a --db URL carries its own)."""
    from workstation.office.credentials import remember_password
    from workstation.ui.shell.launcher import application

    settings = load_settings(paths.settings_file)
    if settings.office is None:
        return False
    application()
    title = QCoreApplication.translate("OfficePassword", "Office database password")
    label = QCoreApplication.translate(
        "OfficePassword", "Enter the office database's password (kept in this computer's keyring)"
    )
    password, accepted = QInputDialog.getText(
        parent, title, f"{problem}\n\n{label}", QLineEdit.EchoMode.Password
    )
    if not accepted or not password:
        return False
    try:
        remember_password(
            settings.office.database_url,
            password,
            paths.data_dir,
            allow_plaintext_keyring=settings.allow_plaintext_keyring,
        )
    except WorkstationError as exc:
        log.warning("the office password could not be kept: %s", exc.message)
        from workstation.ui.error_dialog import show_error

        show_error(parent, exc)
        return False
    return True
