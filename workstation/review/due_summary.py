"""What a user is told at login: the cases assigned to them that are overdue or due soon."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.review.case_rows import CaseListRow


@dataclass(frozen=True)
class DueSummary:
    """The user's overdue and due-soon cases, most urgent first."""

    overdue: list[CaseListRow]
    due_soon: list[CaseListRow]

    @property
    def any(self) -> bool:
        return bool(self.overdue or self.due_soon)

    def message(self, name: str) -> str:
        """One sentence for the notice, in Chinese."""
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} 件已超过审核期限")
        if self.due_soon:
            parts.append(f"{len(self.due_soon)} 件即将到期")
        return f"{name}，分配给您审核的案件中，{'，'.join(parts)}："

    def lines(self) -> list[str]:
        """One line per case: short id, number, title and its due date."""
        return [
            f"{row.short_id}　{row.number}　{row.title}　{_when(row)}"
            for row in [*self.overdue, *self.due_soon]
        ]


def _when(row: CaseListRow) -> str:
    due = row.due_on.isoformat() if row.due_on else "期限未定"
    if row.due_status == "overdue" and row.days_left is not None:
        return f"应于 {due} 前完成，已超期 {-row.days_left} 天"
    if row.days_left is not None:
        return f"应于 {due} 前完成，还剩 {row.days_left} 天"
    return f"应于 {due} 前完成"
