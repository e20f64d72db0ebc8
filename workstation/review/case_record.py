"""A case's record as the office reads it: its state, review deadline, responsibility chain
(承办/审核/审批) and every transition — what `workstation workflow CASE` prints and the
desktop's 案件流转记录 shows, in the same words."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.review.workflow_reading import Responsibility, WorkflowReading
from workstation.review.workflow_rules import STATES, STEPS
from workstation.rules.deadlines import Deadline
from workstation.store.review_models import Transition
from workstation.timefmt import format_minute


@dataclass(frozen=True)
class CaseRecord:
    state: str
    due: Deadline
    chain: Responsibility
    history: list[Transition]

    def lines(self) -> list[str]:
        said = [f"状态：{STATES[self.state]}"]
        if self.due.due_on:
            status = {"overdue": "（已超期）", "due_soon": "（即将到期）"}.get(self.due.status, "")
            note = "（日历未覆盖，仅供参考）" if self.due.approximate else ""
            said.append(f"审核期限：{self.due.due_on.isoformat()}{status}{note}")
        chain = self.chain
        said.append(
            f"承办：{'、'.join(chain.handled)}；审核：{chain.reviewed or '—'}；"
            f"审批：{'、'.join(chain.approved) or '—'}"
        )
        said += [
            f"  {format_minute(step.at)} {step.actor} {STEPS[step.action].label} "
            f"{STATES[step.from_state]} → {STATES[step.to_state]}"
            for step in self.history
        ]
        return said


def case_record(workflow: WorkflowReading, reference: str, login: str) -> CaseRecord:
    return CaseRecord(
        state=workflow.state(reference, login),
        due=workflow.deadline(reference, login),
        chain=workflow.responsibility(reference, login),
        history=workflow.history(reference, login),
    )
