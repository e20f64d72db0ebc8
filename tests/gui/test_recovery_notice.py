"""The notice after a crash: the domain's Chinese summary, each saved edit in the details."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from workstation.session_marker import RecoveredEdit, RecoveryReport

pytestmark = pytest.mark.gui


def report() -> RecoveryReport:
    edits = tuple(
        RecoveredEdit(
            at=datetime(2026, 3, 12, 1, 40 + i, tzinfo=UTC),
            action=action,
            label=label,
            case_number="薛市监罚〔2026〕12号",
            section=section,
        )
        for i, (action, label, section) in enumerate(
            [
                ("review.comment", "核查意见", "subject"),
                ("review.citation_add", "新增引用", "evidence"),
                ("review.comment", "核查意见", "facts"),
            ]
        )
    )
    return RecoveryReport("li", 4242, datetime(2026, 3, 12, 1, 30, tzinfo=UTC), edits)


def test_the_notice_says_what_was_recovered(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from workstation.ui.shell.recovery_notice import RecoveryNotice, show_recovery_notice

    opened: list[Any] = []
    monkeypatch.setattr(RecoveryNotice, "open", lambda self: opened.append(self))
    notice = show_recovery_notice([report()], "li")
    assert notice is not None
    qtbot.addWidget(notice)
    assert opened == [notice]
    assert notice.text() == (
        "上次工作站未正常关闭。已保存的 3 项修改均已恢复：核查意见 2 项、新增引用 1 项。"
        "最后一项：薛市监罚〔2026〕12号 核查意见（事实），于 2026-03-12 09:42。"
    )
    assert notice.detailedText().splitlines() == [
        "2026-03-12 09:40 薛市监罚〔2026〕12号 核查意见（执法主体）",
        "2026-03-12 09:41 薛市监罚〔2026〕12号 新增引用（证据）",
        "2026-03-12 09:42 薛市监罚〔2026〕12号 核查意见（事实）",
    ]


def test_nothing_is_shown_after_a_clean_exit(qtbot: Any) -> None:
    from workstation.ui.shell.recovery_notice import show_recovery_notice

    assert show_recovery_notice([], "li") is None
