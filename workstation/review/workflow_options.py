"""Every workflow action for one case and one user: allowed now or, if not, why.

A dry run of exactly what `WorkflowService.act` (and signing) check — the user and the step's
permission (trainees on exercises only) when the unit opens, then `WorkflowService.obstacle`:
recusal, who may edit, one's own extension request, signing a review one edited
(review_hands.py), and `workflow.refusal` on the case's situation — in one read transaction,
without the write lock and storing nothing. The desktop shows each action with it: hidden
when the user's roles never allow it or the office's pack has no such step, disabled with the
reason when not now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.review.workflow_rules import NEEDS_REASON, STATES, STEPS, unprovided
from workstation.security.users import PERMISSIONS, find_user

if TYPE_CHECKING:
    from workstation.review.workflow_service import WorkflowService


@dataclass(frozen=True)
class ActionOption:
    """One workflow action as a user may (or may not) take it now."""

    action: str
    label: str  # 受理审核, 出具审核意见, …
    offered: bool  # the user's roles allow it and the office's pack has the step
    reason: str | None  # why it may not be taken now, in Chinese; None: it may
    needs_reason: bool  # taking it asks for a written reason (书面理由)

    @property
    def allowed(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class FlowOptions:
    """The case's review state and every action, in the order of `workflow.STEPS`."""

    case_number: str
    state: str
    state_label: str
    actions: list[ActionOption]

    def get(self, action: str) -> ActionOption:
        """The option of one action (KeyError for an unknown one)."""
        for option in self.actions:
            if option.action == action:
                return option
        raise KeyError(action)


def flow_options(workflow: WorkflowService, reference: str, login: str) -> FlowOptions:
    """Each action of `STEPS` for `login` on the case `reference` (which names the case, not
    an older version of it); refuses like any read when `login` may not see the case."""
    pack = workflow.pack()
    # The same service reading the office's pack once rather than once per action.
    workflow = type(workflow)(workflow.db, workflow.clock, lambda: pack)
    rules = pack.review
    with workflow.reading(reference, login) as unit:
        user = find_user(unit.session, login)
        roles = set(user.roles) if user is not None else set()
        actions = []
        for action, step in STEPS.items():
            granted = bool(PERMISSIONS[step.permission][0] & roles)
            actions.append(
                ActionOption(
                    action=action,
                    label=step.label,
                    offered=granted and unprovided(action, rules) is None,
                    reason=workflow.dry_run(unit, action),
                    needs_reason=action in NEEDS_REASON,
                )
            )
        state = unit.case.review_state
        return FlowOptions(unit.case.number, state, STATES.get(state, state), actions)
