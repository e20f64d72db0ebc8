"""The first start of an office PC (issue #12): no password in the keyring yet, so the desktop
asks for it once, keeps it in the keyring, and opens the office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from modal_dialogs import DialogAnswer
from office_setup import Office
from PySide6.QtWidgets import QInputDialog

from workstation.app import begin_opening
from workstation.cli import _begin_desktop
from workstation.errors import DatabasePasswordError
from workstation.office.credentials import SERVICE
from workstation.store import migrate
from workstation.store.db import Database

pytestmark = pytest.mark.gui


@pytest.fixture
def new_pc(shared_office: Office, tmp_path: Path, memory_keyring: Any) -> Path:
    db = Database(shared_office.url)
    try:
        migrate.upgrade(db, tmp_path / "backups")
    finally:
        db.dispose()
    pc = shared_office.pc(tmp_path / "pc")
    memory_keyring.entries.clear()  # a PC that has never been told the password
    return pc


def test_the_first_start_asks_for_the_password_and_keeps_it(
    qtbot: Any, new_pc: Path, memory_keyring: Any
) -> None:
    from pg_server import PASSWORD

    asked: list[str] = []

    def type_password(dialog: QInputDialog) -> None:
        asked.append(dialog.labelText())
        dialog.setTextValue(PASSWORD)
        dialog.accept()

    answer = DialogAnswer(type_password, wanted=QInputDialog)
    opening = _begin_desktop(argparse.Namespace(data_dir=str(new_pc), db=None), begin_opening)
    try:
        answer.check()
        assert "本机没有办公室数据库的密码" in asked[0]
        assert "请输入办公室数据库的密码（保存在本机的系统密钥环中）" in asked[0]
        assert opening.finish().db.engine_name == "postgresql"
    finally:
        opening.close()
    assert PASSWORD in {
        v for (service, _user), v in memory_keyring.entries.items() if service == SERVICE
    }
    assert PASSWORD not in (new_pc / "settings.toml").read_text(encoding="utf-8")


def test_cancelling_the_question_says_why_the_office_did_not_open(qtbot: Any, new_pc: Path) -> None:
    answer = DialogAnswer(lambda dialog: dialog.reject(), wanted=QInputDialog)
    with pytest.raises(DatabasePasswordError, match="本机没有办公室数据库的密码"):
        _begin_desktop(argparse.Namespace(data_dir=str(new_pc), db=None), begin_opening)
    answer.check()
