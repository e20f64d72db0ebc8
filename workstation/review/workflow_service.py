"""Moving a case through the review workflow, with who did what and when.

The rules of the state machine are in `workflow.py`; this applies them to the store: each
transition is one transaction holding the new state, the transition row, its audit entry and
whatever the step changes (the reviewer, an extension, a re-review count, the minutes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from workstation.errors import IllegalActionError, WorkstationError
from workstation.review.desk import Unit, may_edit, recusal
from workstation.review.issuing import NOTHING, pending_findings, unfilled_points, unseen_outcome
from workstation.review.review_hands import self_review_refusal
from workstation.review.workflow_options import FlowOptions, flow_options
from workstation.review.workflow_reading import WorkflowReading
from workstation.review.workflow_rules import (
    OUTCOME_STATES,
    OUTCOMES,
    STATES,
    STEPS,
    Situation,
    refusal,
)
from workstation.security.training import TRAINEE
from workstation.security.users import find_user
from workstation.store import models
from workstation.store.review_models import (
    CaseReview,
    DiscussionMinutes,
    Opinion,
    Transition,
    User,
)
from workstation.timefmt import office_time

HEAD = "division_head"  # accepts a case assigned to someone else without taking it over

_REVIEWER_STEPS = frozenset({"accept", "request_extension", "issue_opinion"})


@dataclass(frozen=True)
class Minutes:
    """The record of the agency heads' collective discussion."""

    held_on: date
    attendees: list[str]
    decision: str
    outcome: str  # approve, return, reject
    opinion_adopted: bool


class WorkflowService(WorkflowReading):
    """The review's state machine on stored cases."""

    def act(
        self,
        reference: str,
        action: str,
        login: str,
        *,
        reason: str = "",
        minutes: Minutes | None = None,
        seen: tuple[str | None, str] | None = None,
    ) -> str:
        """Take `action` on the case; returns the new state or raises with the reason.

        `seen`: the outcome and reasons the user had on screen when asking to issue; issuing
        is refused when they are not what is stored (what is issued is what was seen)."""
        if action == "sign":
            raise IllegalActionError(
                "签发审核意见书须由法制机构负责人用签名口令进行（workstation opinion sign）"
            )
        step = STEPS.get(action)
        if step is None:
            raise IllegalActionError(
                f"未知的操作 {action}，可用：{'、'.join(a for a in STEPS if a != 'sign')}"
            )
        with self.unit(reference, login, step.permission, step.label) as unit:
            problem = self.obstacle(unit, action, reason)
            if problem is None and action == "issue_opinion" and seen is not None:
                problem = unseen_outcome(unit.review, seen)
            if problem:
                raise IllegalActionError(problem)
            return self._apply(unit, action, reason, minutes)

    def options(self, reference: str, login: str) -> FlowOptions:
        """Every action for `login` on the case: allowed now, or why not (nothing stored)."""
        return flow_options(self, reference, login)

    def dry_run(self, unit: Unit, action: str) -> str | None:
        """What `act` (or signing) would refuse the reader of `unit` (a read-only unit: no
        write lock); None: it would go ahead, given its written reason or minutes."""
        try:
            unit = self.permitted(unit, STEPS[action].permission)
        except IllegalActionError as exc:
            return exc.message
        return self.obstacle(unit, action)

    def obstacle(self, unit: Unit, action: str, reason: str | None = None) -> str | None:
        """Why the unit's actor may not take `action` now, in Chinese; None when they may.

        The unit was opened with the step's permission. Shared by `act`, signing and the
        dry run of flow_options; `reason` None: the written reason is not asked for yet."""
        if action in _REVIEWER_STEPS:
            problem = recusal(unit.user, self._latest(unit))
            if problem:
                return problem
        if action in ("issue_opinion", "request_extension"):
            try:
                may_edit(unit)
            except IllegalActionError as exc:
                return exc.message
        if (
            action == "accept"
            and self._latest(unit).exercise_sha256 is not None
            and TRAINEE not in unit.user.roles
        ):
            # Taking it would use the exercise up: the trainees' case is theirs to review.
            return f"练习案件由学员受理审核，{unit.user.display_name}不是学员，不能受理"
        assigned = unit.review.reviewer if action == "accept" else None
        if assigned is not None and assigned.id != unit.user.id and HEAD not in unit.user.roles:
            return f"本案已分配给 {assigned.display_name} 审核，{unit.user.display_name}不能受理"
        if action in ("approve_extension", "deny_extension") and self._own_request(unit):
            return "延期申请须由另一位负责人决定，不能批准或驳回本人提出的申请"
        problem = refusal(action, self.situation(unit, action), reason)
        if action == "sign" and problem is None:
            problem = recusal(unit.user, unit.version)
            if problem is None and unit.review.reviewer_id == unit.user.id:
                problem = (
                    "审核人员不能签发本人审核的意见书（谁审核谁负责、谁审批谁负责），"
                    "请由另一位法制机构负责人签发"
                )
            if problem is None:  # a head who edited the review is not its second pair of eyes
                problem = self_review_refusal(unit)
        return problem

    def _own_request(self, unit: Unit) -> bool:
        """Whether the pending extension was asked for by the actor (someone else decides)."""
        asked = unit.session.scalar(
            select(Transition.actor)
            .where(Transition.case_id == unit.case.id, Transition.action == "request_extension")
            .order_by(Transition.id.desc())
            .limit(1)
        )
        return bool(asked == unit.actor.login)

    def transition(self, unit: Unit, action: str, target: str, **details: Any) -> str:
        """Record a transition in `unit`'s transaction (also used by signing)."""
        before = unit.case.review_state
        unit.case.review_state = target
        unit.session.add(
            Transition(
                case_id=unit.case.id,
                at=unit.now,
                actor_id=unit.user.id,
                actor=unit.actor.login,
                action=action,
                from_state=before,
                to_state=target,
                details=details,
            )
        )
        unit.log(f"workflow.{action}", from_state=before, to_state=target, **details)
        return target

    def situation(self, unit: Unit, action: str | None = None) -> Situation:
        review = unit.review
        errors, unfilled, pending = 0, NOTHING, NOTHING
        if action == "issue_opinion" and review.outcome is not None:
            # Only issuing needs the findings: the checks run once, here.
            views = self.findings(unit.session, unit.version)
            errors = sum(v.open_error for v in views)
            unfilled = unfilled_points(unit.session, unit.version.id)
            pending = pending_findings(views)
        unsigned = unit.session.scalar(
            select(func.count())
            .select_from(Opinion)
            .where(
                Opinion.case_id == unit.case.id,
                Opinion.version_id == unit.version.id,
                Opinion.signed_at.is_(None),
            )
        )
        signed = unit.session.scalar(
            select(func.count())
            .select_from(Opinion)
            .where(Opinion.version_id == unit.version.id, Opinion.signed_at.is_not(None))
        )
        pack = self.pack()
        return Situation(
            state=unit.case.review_state,
            rules=pack.review,
            extensions=review.extensions,
            extension_requested=review.extension_requested,
            re_reviews=review.re_reviews,
            negotiations=review.negotiations,
            outcome=review.outcome,
            reasons=review.outcome_reasons or "",
            open_errors=errors,
            unfilled=unfilled,
            pending=pending,
            has_opinion=bool(unsigned),
            opinion_signed=bool(signed),
            discussed=review.discussed,
            new_version=self._latest(unit).id != review.version_id,
        )

    def _apply(self, unit: Unit, action: str, reason: str, minutes: Minutes | None) -> str:
        review, step = unit.review, STEPS[action]
        state = unit.case.review_state
        if action == "accept":
            latest = self._latest(unit)
            if review.version_id != latest.id:  # a version imported while not returned
                new_round(review, latest)
            if review.reviewer_id is None:  # else it stays with the one it was assigned to
                review.reviewer_id = unit.user.id
            reviewer = unit.session.get_one(User, review.reviewer_id).login
            return self.transition(
                unit, action, "under_review", version=latest.version, reviewer=reviewer
            )
        if action == "resubmit":
            latest = self._latest(unit)
            new_round(review, latest)
            return self.transition(unit, action, "submitted", version=latest.version)
        if action == "request_extension":
            review.extension_requested = True
            return self.transition(unit, action, state, reason=reason)
        if action == "approve_extension":
            review.extension_requested = False
            review.extensions += 1
            return self.transition(unit, action, state, extensions=review.extensions)
        if action == "deny_extension":
            review.extension_requested = False
            return self.transition(unit, action, state, reason=reason)
        if action == "issue_opinion":
            opinion = self.ensure_opinion(unit)
            if not opinion.number:  # drafts have no number: only an issued opinion takes one
                opinion.number = self._next_number(unit)
            return self.transition(
                unit,
                action,
                "opinion_issued",
                outcome=review.outcome,
                reasons=review.outcome_reasons,
            )
        if action in ("request_re_review", "negotiate"):
            # A new review period (review_period.py), with its own one extension.
            review.extensions, review.extension_requested = 0, False
        if action == "request_re_review":
            review.re_reviews += 1
            return self.transition(
                unit, action, "re_review", reason=reason, re_reviews=review.re_reviews
            )
        if action == "negotiate":
            review.negotiations += 1
            return self.transition(unit, action, "negotiation", reason=reason)
        if action == "record_minutes":
            return self._minutes(unit, minutes)
        assert step.target is not None
        return self.transition(unit, action, step.target, reason=reason)

    def _minutes(self, unit: Unit, minutes: Minutes | None) -> str:
        if minutes is None or not minutes.attendees or not minutes.decision.strip():
            raise IllegalActionError("记录集体讨论须写明日期、出席人员和讨论决定")
        if minutes.outcome not in OUTCOMES:
            raise IllegalActionError(f"讨论决定 {minutes.outcome} 无效：approve、return 或 reject")
        unit.session.add(
            DiscussionMinutes(
                case_id=unit.case.id,
                held_on=minutes.held_on,
                attendees=minutes.attendees,
                decision=minutes.decision,
                outcome=minutes.outcome,
                opinion_adopted=minutes.opinion_adopted,
                recorded_at=unit.now,
                recorded_by=unit.user.id,
            )
        )
        unit.review.discussed = True
        return self.transition(
            unit,
            "record_minutes",
            OUTCOME_STATES[minutes.outcome],
            held_on=minutes.held_on.isoformat(),
            attendees=minutes.attendees,
            decision=minutes.decision,
            outcome=minutes.outcome,
            opinion_adopted=minutes.opinion_adopted,
        )

    def ensure_opinion(self, unit: Unit) -> Opinion:
        """The unsigned opinion revision of the version under review, created if needed."""
        current = unit.session.scalar(
            select(Opinion)
            .where(
                Opinion.case_id == unit.case.id,
                Opinion.signed_at.is_(None),
                Opinion.version_id == unit.version.id,
            )
            .order_by(Opinion.revision.desc())
        )
        if current is not None:
            current.outcome = unit.review.outcome or current.outcome
            return current
        revision = (
            unit.session.scalar(
                select(func.max(Opinion.revision)).where(Opinion.case_id == unit.case.id)
            )
            or 0
        ) + 1
        opinion = Opinion(
            case_id=unit.case.id,
            version_id=unit.version.id,
            revision=revision,
            number="",  # given when the opinion is issued (`_apply`)
            texts={},
            outcome=unit.review.outcome or "return",
            created_at=unit.now,
            created_by=unit.user.id,
        )
        unit.session.add(opinion)
        unit.session.flush()
        return opinion

    def _next_number(self, unit: Unit) -> str:
        """法审〔year〕n号: every issued opinion (each revision too) gets the next number of
        the office's year; rows are never deleted, so counting them cannot repeat a number.
        Exercises are numbered 练习〔year〕n号 and never use up the office's numbers."""
        kind = "练习" if unit.version.exercise_sha256 else "法审"  # exercises: their own series
        prefix = f"{kind}〔{office_time(unit.now).year}〕"
        count = unit.session.scalar(
            select(func.count()).select_from(Opinion).where(Opinion.number.startswith(prefix))
        )
        return f"{prefix}{(count or 0) + 1}号"

    def _latest(self, unit: Unit) -> models.CaseVersion:
        return unit.case.latest

    def resubmitted(self, case_id: int, login: str) -> str:
        """After an import made a new version: a returned or rejected case is resubmitted when
        the importer is a clerk (the handling unit's side of the office). Returns a sentence
        for the importer ('' if none)."""
        with self.db.session() as session:
            case = session.get_one(models.Case, case_id)
            review = session.get(CaseReview, case_id)
            if case.review_state in ("under_review", "re_review", "negotiation", "opinion_issued"):
                reviewed = (
                    session.get_one(models.CaseVersion, review.version_id) if review else None
                )
                if reviewed is not None:
                    return (
                        f"注意：本案正在审核第 {reviewed.version} 版（{STATES[case.review_state]}），"
                        f"新版本不会自动进入审核；如需审核新版本，请与法制审核机构联系"
                    )
            state = case.review_state
            if state not in ("returned", "rejected"):
                return ""
            user = find_user(session, login)
            clerk = user is not None and user.active and "clerk" in user.roles
        if not clerk:
            return (
                f"案件仍为“{STATES[state]}”：修改后的新版本须由承办人员重新送审"
                f"（workstation workflow C{case_id} resubmit）"
            )
        try:
            self.act(f"C{case_id}", "resubmit", login)
        except WorkstationError as exc:  # refused, or the database busy: the import stands
            return (
                f"新版本已导入，但未能重新送审：{exc.message}"
                f"（可稍后用 workstation workflow C{case_id} resubmit 重试）"
            )
        return "已重新送审，等待法制审核机构受理"


def new_round(review: CaseReview, latest: models.CaseVersion) -> None:
    """A resubmitted version is reviewed afresh: outcome, extensions and disputes start over.
    The returned version keeps its checklist, citations and opinions."""
    review.version_id = latest.id
    review.reviewer_id = None
    review.outcome = review.outcome_reasons = None
    review.extensions = review.re_reviews = review.negotiations = 0
    review.extension_requested = review.discussed = False
