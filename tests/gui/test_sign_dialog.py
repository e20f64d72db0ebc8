"""The sign dialog after repeated wrong passphrases: the pause counted down in Chinese, the
Sign button off meanwhile, in this dialog and in one opened again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from review_desk import HEAD, PASSPHRASE, Office

from workstation.opinion.service import passphrase_throttles
from workstation.security import signing

pytestmark = pytest.mark.gui

WRONG = "不是这个口令口令"
PAUSE = "签名口令多次输入错误，请 {} 秒后再试"


class Stopwatch:
    """A monotonic clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    office.give_key(HEAD, signing.generate_keypair(PASSPHRASE))
    yield office
    office.close()


def open_dialog(qtbot: Any, office: Office, ref: str) -> Any:
    from workstation.ui.opinion.sign_dialog import SignDialog

    dialog = SignDialog(office.ws, ref, HEAD.login)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def try_sign(qtbot: Any, dialog: Any, passphrase: str) -> None:
    dialog.passphrase.setText(passphrase)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_wrong_passphrases_pause_the_sign_button_with_a_countdown(
    qtbot: Any, office: Office, tmp_path: Path
) -> None:
    stopwatch = Stopwatch()
    office.ws.opinions.passphrase_throttles = passphrase_throttles(clock=stopwatch)
    ref = office.bring(tmp_path / "bundle")
    office.issued(ref)
    dialog = open_dialog(qtbot, office, ref)

    for _ in range(3):
        try_sign(qtbot, dialog, WRONG)
        assert dialog.message.text().startswith("口令不正确，无法解开签名私钥")
    assert dialog.wait_label.isVisible()
    assert dialog.wait_label.text() == PAUSE.format(1)
    # The right passphrase typed meanwhile does not turn the button on.
    dialog.passphrase.setText(PASSPHRASE)
    assert not dialog.sign_button.isEnabled()
    dialog.reject()

    # A dialog opened again during the pause shows it at once.
    stopwatch.now += 0.5
    again = open_dialog(qtbot, office, ref)
    assert again.wait_label.text() == PAUSE.format(1)
    again.passphrase.setText(PASSPHRASE)
    assert not again.sign_button.isEnabled()

    stopwatch.now += 0.5
    qtbot.waitUntil(again.sign_button.isEnabled, timeout=5_000)
    assert again.wait_label.isHidden()
    with qtbot.waitSignal(again.signed, timeout=10_000):
        again.sign_button.click()
    assert office.ws.workflow.state(ref, HEAD.login) == "rejected"
