"""PauseCountdown: the pause after wrong passwords shown, counted down on its own, and the
dialog told only when waiting begins or ends. The time left comes from a hand-moved fake."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from workstation.security.login import wait_message

pytestmark = pytest.mark.gui


class Pause:
    """The throttle's `remaining()`, set by hand; counts how often it is asked."""

    def __init__(self) -> None:
        self.left = 0.0
        self.asked = 0

    def __call__(self) -> float:
        self.asked += 1
        return self.left


@pytest.fixture
def pause() -> Pause:
    return Pause()


@pytest.fixture
def label(qtbot: Any) -> Any:
    from PySide6.QtWidgets import QLabel

    label = QLabel("stale")
    qtbot.addWidget(label)
    return label


@pytest.fixture
def countdown(qtbot: Any, label: Any, pause: Pause) -> Iterator[Any]:
    from workstation.ui.pause_countdown import PauseCountdown

    countdown = PauseCountdown(label, pause, wait_message, label)
    yield countdown
    countdown.stop()


def flips(countdown: Any) -> list[bool]:
    seen: list[bool] = []
    countdown.waiting_changed.connect(seen.append)
    return seen


def test_without_a_pause_nothing_shows_and_nothing_ticks(
    countdown: Any, label: Any, pause: Pause
) -> None:
    seen = flips(countdown)
    assert countdown.check() is False
    assert label.isHidden()
    assert not countdown.running
    assert not countdown.waiting
    assert seen == []  # not waiting before, not waiting now: nothing to tell


def test_a_pause_is_shown_in_whole_seconds_and_counted_down_without_further_checks(
    qtbot: Any, countdown: Any, label: Any, pause: Pause
) -> None:
    seen = flips(countdown)
    pause.left = 14.2
    assert countdown.check() is True
    assert not label.isHidden()
    assert label.text() == "多次登录失败，请 15 秒后再试"  # rounded up, never 0
    assert countdown.running
    assert seen == [True]
    assert countdown.check() is True
    assert seen == [True]  # still waiting: told once

    # The countdown asks on its own as time passes; nobody calls check().
    pause.left = 9.5
    qtbot.waitUntil(lambda: label.text() == "多次登录失败，请 10 秒后再试", timeout=5_000)
    assert countdown.waiting
    assert seen == [True]

    pause.left = 0.0
    qtbot.waitUntil(lambda: not countdown.running, timeout=5_000)
    assert label.isHidden()
    assert not countdown.waiting
    assert seen == [True, False]
    asked = pause.asked
    assert countdown.check() is False
    assert pause.asked == asked + 1  # a check asks the clock again, now
    assert seen == [True, False]


def test_stopping_ends_the_ticks_and_a_later_check_starts_them_again(
    qtbot: Any, countdown: Any, label: Any, pause: Pause
) -> None:
    pause.left = 20.0
    countdown.check()
    countdown.stop()  # the dialog closed
    assert not countdown.running
    assert label.text() == "多次登录失败，请 20 秒后再试"

    pause.left = 3.0
    assert countdown.check() is True  # the dialog opened again during the pause
    assert countdown.running
    asked = pause.asked
    qtbot.waitUntil(lambda: pause.asked > asked, timeout=5_000)
    assert label.text() == "多次登录失败，请 3 秒后再试"


def test_the_flips_drive_a_button_off_and_back_on(
    qtbot: Any, countdown: Any, label: Any, pause: Pause
) -> None:
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("登录")
    qtbot.addWidget(button)
    countdown.waiting_changed.connect(lambda waiting: button.setEnabled(not waiting))
    pause.left = 1.0
    countdown.check()
    assert not button.isEnabled()
    pause.left = 0.0
    qtbot.waitUntil(button.isEnabled, timeout=5_000)
    assert label.isHidden()
