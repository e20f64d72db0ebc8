"""The opinions signed on earlier versions of a case: what a resubmitted case was returned
for, so that the reviewer can check the corrections against it.

An opinion revision keeps its outcome, number, signer and filed DOCX; its reasons are those
the `issue_opinion` step recorded just before it was signed (the review's own reasons start
over with each new version, see review/flow.new_round).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.store import models
from workstation.store.evidence import EvidenceStore
from workstation.store.review_models import Opinion, Transition, User

KEY_PREFIX = "opinion:"  # no manifest id has a colon: the key cannot name a case document


@dataclass(frozen=True)
class EarlierOpinion:
    """One signed revision of the opinion on an earlier version of the case."""

    revision: int  # 第 N 稿
    number: str  # the document number, 法审〔2026〕3号
    version: int  # the case version it reviewed (第 N 版)
    outcome: str  # approve, return, reject
    reasons: str
    signer: str  # the division head's name
    signed_at: datetime
    file: Path | None  # the filed DOCX in the evidence store; None when it is not there

    @property
    def key(self) -> str:
        """How the navigator and the workspace name it, beside the documents' ids."""
        return f"{KEY_PREFIX}{self.revision}"


def earlier_opinions(
    session: Session, version: models.CaseVersion, store: EvidenceStore
) -> list[EarlierOpinion]:
    """The signed revisions on versions before `version`, oldest first."""
    rows = session.execute(
        select(Opinion, models.CaseVersion.version, User.display_name)
        .join(models.CaseVersion, models.CaseVersion.id == Opinion.version_id)
        .outerjoin(User, User.id == Opinion.signed_by)
        .where(
            Opinion.case_id == version.case_id,
            Opinion.signed_at.is_not(None),
            models.CaseVersion.version < version.version,
        )
        .order_by(Opinion.revision)
    ).all()
    if not rows:
        return []
    reasons = _issued_reasons(session, version.case_id)
    found = []
    for opinion, reviewed, signer in rows:
        assert opinion.signed_at is not None  # the query asks for signed ones
        file = store.path_for(opinion.docx_sha256) if opinion.docx_sha256 else None
        if file is not None and not file.is_file():
            file = None  # the store lost it: `verify` says more
        found.append(
            EarlierOpinion(
                revision=opinion.revision,
                number=opinion.number,
                version=reviewed,
                outcome=opinion.outcome,
                reasons=reasons.get(opinion.revision, ""),
                signer=signer or "",
                signed_at=opinion.signed_at,
                file=file,
            )
        )
    return found


def _issued_reasons(session: Session, case_id: int) -> dict[int, str]:
    """By revision: the reasons of the last `issue_opinion` before that revision's signing."""
    steps = session.scalars(
        select(Transition)
        .where(
            Transition.case_id == case_id,
            Transition.action.in_(("issue_opinion", "sign")),
        )
        .order_by(Transition.id)
    )
    reasons: dict[int, str] = {}
    issued = ""
    for step in steps:
        if step.action == "issue_opinion":
            issued = str(step.details.get("reasons") or "")
        elif isinstance(step.details.get("revision"), int):
            reasons[step.details["revision"]] = issued
    return reasons
