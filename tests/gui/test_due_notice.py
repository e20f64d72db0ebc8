"""The notice at login: what is overdue or due soon among the user's cases (issue #12)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from workstation.review.case_rows import CaseListRow
from workstation.review.due_summary import DueSummary

pytestmark = pytest.mark.gui


def row(case_id: int, due: date, status: str, days_left: int) -> CaseListRow:
    return CaseListRow(
        case_id=case_id, number=f"薛市监罚〔2026〕{case_id}号", title="露天焚烧垃圾案",
        party="张三", action_type="penalty", major=True, review_state="under_review",
        reviewer="王审核", submitted_at=datetime(2026, 3, 1), exercise=False, due_on=due,
        due_status=status, days_left=days_left,
    )  # fmt: skip


def test_the_notice_lists_overdue_then_due_soon(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.ui.shell.due_notice import DueNotice, show_due_notice

    opened: list[Any] = []
    monkeypatch.setattr(DueNotice, "open", lambda self: opened.append(self))
    summary = DueSummary(
        overdue=[row(3, date(2026, 3, 10), "overdue", -2)],
        due_soon=[row(5, date(2026, 3, 13), "due_soon", 1)],
    )
    notice = show_due_notice(summary, "王审核")
    assert notice is not None
    qtbot.addWidget(notice)
    assert opened == [notice]
    assert notice.windowTitle() == "审核期限提醒"
    assert notice.text().splitlines() == [
        "王审核，分配给您审核的案件中，1 件已超过审核期限，1 件即将到期：",
        "",
        "C3　薛市监罚〔2026〕3号　露天焚烧垃圾案　应于 2026-03-10 前完成，已超期 2 天",
        "C5　薛市监罚〔2026〕5号　露天焚烧垃圾案　应于 2026-03-13 前完成，还剩 1 天",
    ]


def test_nothing_is_shown_when_nothing_is_due(qtbot: Any) -> None:
    from workstation.ui.shell.due_notice import show_due_notice

    assert show_due_notice(DueSummary([], []), "王审核") is None
    assert show_due_notice(None, "王审核") is None
