"""What issuing an opinion checks beyond the state machine: the review is finished (every
checklist point has a verdict, every automatic finding is decided) and the outcome the user
saw is the one stored — so that what the reviewer sees is what is issued."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.review.desk import FindingView
from workstation.review.workflow_rules import OUTCOMES
from workstation.rules.findings import SECTIONS
from workstation.store.review_models import CaseReview, SectionReview

NOTHING: tuple[str, ...] = ()
_SHORT = 24  # characters of a finding's message in a refusal that lists several


def unfilled_points(session: Session, version_id: int) -> tuple[str, ...]:
    """The names of the checklist points of a version that have no verdict, in order."""
    decided = set(
        session.scalars(
            select(SectionReview.section).where(
                SectionReview.version_id == version_id, SectionReview.verdict.is_not(None)
            )
        )
    )
    return tuple(name for section, name in SECTIONS if section not in decided)


def pending_findings(views: Iterable[FindingView]) -> tuple[str, ...]:
    """The findings neither accepted nor dismissed, each as its rule and the start of its
    message."""
    return tuple(
        f"{v.finding.rule} {_shorten(v.finding.message)}" for v in views if v.decision is None
    )


def unseen_outcome(review: CaseReview, seen: tuple[str | None, str]) -> str | None:
    """Why issuing must wait: the outcome or reasons on the user's screen are not the stored
    ones (a change not saved yet, or saved by someone else meanwhile); None when they are."""
    outcome, reasons = seen
    if outcome == review.outcome and reasons.strip() == (review.outcome_reasons or "").strip():
        return None
    stored = OUTCOMES.get(review.outcome or "", "未填写")
    return (
        f"界面上的审核结论（{OUTCOMES.get(outcome or '', '未填写')}）或理由与已保存的"
        f"（{stored}）不一致，未出具审核意见；请等待保存完成后再出具"
    )


def _shorten(message: str) -> str:
    return message if len(message) <= _SHORT else message[:_SHORT] + "…"
