"""Who reviewed a case version: who accepted it and everyone who changed its checklist or
outcome, read from the audit trail — the one record of every edit with its actor (a
checklist row keeps only its last editor, the outcome none).

The audit entries of checklist edits do not name the version: each belongs to the version
the last `workflow.accept` or `workflow.resubmit` entry of the case names (`details.version`),
since only those two steps change the version under review and the checklist may be edited
only after one of them. A signed revision's hands end at its `opinion.sign` entry.

Signing is the second pair of eyes: whoever changed the checklist or outcome of a revision
may not sign it (`self_review_refusal`), and the opinion names them all as 审核人员.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.review.desk import Unit
from workstation.rules.names import same_person
from workstation.security.users import find_user
from workstation.store.models import AuditEntry, CaseVersion
from workstation.store.review_models import CaseReview, Opinion

# The audit actions of checklist.py's edits: verdicts, comments, citations, decisions on the
# automatic findings and the outcome with its reasons.
REVIEW_EDITS = frozenset(
    {
        "review.verdict",
        "review.comment",
        "review.citation_add",
        "review.citation_remove",
        "review.finding_accepted",
        "review.finding_dismissed",
        "review.outcome",
    }
)
_ROUND_STARTS = frozenset({"workflow.accept", "workflow.resubmit"})
_SIGNED = "opinion.sign"


@dataclass(frozen=True)
class ReviewHands:
    """The logins of who reviewed one case version (up to a signed revision)."""

    accepted: str | None  # who last accepted the version for review
    editors: tuple[str, ...]  # who changed its checklist or outcome, by their first edit

    @property
    def chain(self) -> tuple[str, ...]:
        """Everyone who answers for the review (谁审核谁负责): the one who accepted it first."""
        first = (self.accepted,) if self.accepted else ()
        return tuple(dict.fromkeys(first + self.editors))


def review_hands(
    session: Session, case_id: int, version: int, signed_revision: int | None = None
) -> ReviewHands:
    """Who accepted case version `version` and who edited its checklist or outcome; with
    `signed_revision`, only what came before that revision was signed."""
    entries = session.execute(
        select(AuditEntry.action, AuditEntry.actor, AuditEntry.details)
        .where(
            AuditEntry.case_id == case_id,
            AuditEntry.action.in_(REVIEW_EDITS | _ROUND_STARTS | {_SIGNED}),
        )
        .order_by(AuditEntry.seq)
    )
    under_review: object = None
    accepted: str | None = None
    editors: dict[str, None] = {}
    for action, actor, details in entries:
        details = details or {}
        if action in _ROUND_STARTS:
            under_review = details.get("version")
            if action == "workflow.accept" and under_review == version:
                accepted = actor
        elif action == _SIGNED:
            if signed_revision is not None and details.get("revision") == signed_revision:
                break
        elif under_review == version:
            editors.setdefault(actor)
    return ReviewHands(accepted, tuple(editors))


def reviewer_names(session: Session, logins: tuple[str, ...]) -> list[str]:
    """The logins as the office writes its people's names (the login of an unknown one)."""
    names = []
    for login in logins:
        user = find_user(session, login)
        names.append(user.display_name if user else login)
    return list(dict.fromkeys(names))


def opinion_reviewers(session: Session, opinion: Opinion, review: CaseReview) -> list[str]:
    """The names an opinion revision prints as 审核人员: who accepted its version and everyone
    who changed its checklist or outcome (a signed revision: up to its signing)."""
    version_id = opinion.version_id if opinion.version_id is not None else review.version_id
    version = session.get_one(CaseVersion, version_id)
    signed = opinion.revision if opinion.signed_at is not None else None
    names = reviewer_names(
        session, review_hands(session, version.case_id, version.version, signed).chain
    )
    if not names and review.reviewer is not None:  # no audit trail of the round
        names = [review.reviewer.display_name]
    return names


def self_review_refusal(unit: Unit) -> str | None:
    """Why the unit's user may not sign the opinion of the version under review because they
    changed its checklist or outcome themselves (by login, or by a name that is the same
    person's); None when they did not."""
    user = unit.user
    hands = review_hands(unit.session, unit.case.id, unit.version.version)
    for login in hands.editors:
        editor = find_user(unit.session, login)
        same = login == user.login or (
            editor is not None and same_person(editor.display_name, user.display_name)
        )
        if same:
            return (
                f"法制机构负责人 {user.display_name} 修改过本次审核的审核要点或审核结论，"
                f"不能签发本人参与审核的意见书（谁审核谁负责、谁审批谁负责），"
                f"请由另一位法制机构负责人签发"
            )
    return None
