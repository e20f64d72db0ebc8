"""What every review action shares: one transaction, the actor and their rights, the case and
its review row, recusal, and the automatic findings with their fingerprints.

Each action is one short transaction that is committed before the call returns, with its
audit entry in the same transaction: a process killed between two edits keeps the first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.casefile.stored_case import (
    facts_from_version,
    manifest_from_version,
    reviewer_offsets,
)
from workstation.clock import Clock
from workstation.errors import IllegalActionError
from workstation.rules.engine import CheckReport, check_case
from workstation.rules.findings import Finding
from workstation.rules.names import same_person
from workstation.rules.rulepack import RulePack
from workstation.security import audit
from workstation.security.training import exercise_refusal, exercises_only
from workstation.security.users import PERMISSIONS, Actor, actor_for
from workstation.store import models
from workstation.store.cases import find_case, resolve_case
from workstation.store.db import Database
from workstation.store.review_models import CaseReview, FindingDecision, User


@dataclass
class Unit:
    """One action in progress."""

    session: Session
    actor: Actor
    case: models.Case
    version: models.CaseVersion
    review: CaseReview
    now: datetime

    @property
    def user(self) -> User:
        assert self.actor.user is not None
        return self.actor.user

    def log(self, action: str, **details: Any) -> None:
        """The audit entry of this action, in its transaction."""
        audit.append(
            self.session,
            at=self.now,
            actor=self.actor.login,
            action=action,
            case_id=self.case.id,
            details=details,
        )


@dataclass(frozen=True)
class FindingView:
    """An automatic finding with its stable fingerprint and the reviewer's decision."""

    finding: Finding
    fingerprint: str
    decision: str | None  # accepted, dismissed, None
    reason: str

    @property
    def open_error(self) -> bool:
        """An error neither dismissed with a reason nor resolved (resolved ones are gone)."""
        return self.finding.severity == "error" and not (
            self.decision == "dismissed" and self.reason.strip()
        )


def fingerprint(finding: Finding) -> str:
    """The same finding on the same version has the same fingerprint, check after check."""
    body = [finding.rule, finding.section, list(finding.refs), finding.message]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


class Desk:
    """The base of the review services: database, clock and the office's rule pack."""

    def __init__(self, db: Database, clock: Clock, pack: Callable[[], RulePack]) -> None:
        self.db = db
        self.clock = clock
        self.pack = pack

    @contextmanager
    def unit(self, reference: str, login: str, permission: str, what: str) -> Iterator[Unit]:
        """A transaction acting on the case `reference` as `login`, with `permission`."""
        with self.db.write(what) as session:
            yield self._open(session, reference, login, permission, write=True)

    @contextmanager
    def reading(self, reference: str, login: str) -> Iterator[Unit]:
        """The same view of the case for reading only: no write lock, nothing stored."""
        with self.db.session() as session:
            yield self._open(session, reference, login, "case.read", write=False)

    def _open(
        self, session: Session, reference: str, login: str, permission: str, *, write: bool
    ) -> Unit:
        # A change loads only what it uses (an edit needs few of the version's files).
        named = find_case(session, reference) if write else resolve_case(session, reference)
        case = named.case
        real = case.latest.exercise_sha256 is None
        actor = actor_for(session, login, permission, real_case=real)
        if actor.user is None:
            raise IllegalActionError(f"审核操作须由登记的用户进行（{login} 未登记）")
        review = session.get(CaseReview, case.id)
        now = self.clock()
        if review is None:
            # Not yet reviewed: a fresh row, stored only by an action that changes something.
            review = CaseReview(
                case_id=case.id,
                version_id=case.latest.id,
                updated_at=now,
                extension_requested=False,
                extensions=0,
                re_reviews=0,
                negotiations=0,
                discussed=False,
            )
            if write:
                session.add(review)
                session.flush()
        version = session.get_one(models.CaseVersion, review.version_id)
        if write and "@" in reference and named.id != version.id:
            raise IllegalActionError(
                f"{case.number} 正在审核的是第 {version.version} 版，不能修改第 {named.version} 版"
            )
        _training_only(actor.user, permission, version)
        if write:
            review.updated_at = now
        return Unit(session, actor, case, version, review, now)

    def permitted(self, unit: Unit, permission: str) -> Unit:
        """`unit` for an action needing `permission`, refused as `unit()` would refuse it."""
        real = unit.version.exercise_sha256 is None
        actor = actor_for(unit.session, unit.actor.login, permission, real_case=real)
        assert actor.user is not None  # only the foundation permissions allow no user
        _training_only(actor.user, permission, unit.version)
        return replace(unit, actor=actor)

    def report(self, session: Session, version: models.CaseVersion) -> CheckReport:
        """The automatic checks on a stored version under the office's pack, with the
        reviewer's clock corrections laid over the recordings."""
        case = manifest_from_version(version, reviewer_offsets(session, version))
        return check_case(case, self.pack(), facts_from_version(version))

    def findings(self, session: Session, version: models.CaseVersion) -> list[FindingView]:
        decisions = {
            d.fingerprint: d
            for d in session.scalars(
                select(FindingDecision).where(FindingDecision.version_id == version.id)
            )
        }
        views = []
        for item in self.report(session, version).findings:
            mark = fingerprint(item)
            decided = decisions.get(mark)
            views.append(
                FindingView(
                    item,
                    mark,
                    decided.decision if decided else None,
                    decided.reason if decided else "",
                )
            )
        return views


def recusal(user: User, version: models.CaseVersion) -> str | None:
    """Why `user` must not review this case (回避), or None."""
    name = user.display_name.strip()
    for officer in version.officers:
        if same_person(officer.name, name):
            return (
                f"审核人员{name}是本案执法人员（执法证{officer.certificate_no}），"
                f"依法应当回避，不能审核本案"
            )
    for event in version.events:
        if event.type == "hearing" and same_person(event.host, name):
            return f"审核人员{name}是本案听证主持人，依法应当回避，不能审核本案"
    return None


def _training_only(user: User, permission: str, version: models.CaseVersion) -> None:
    """A trainee practises on exercise cases only: nothing a user may do only as a trainee
    (and nothing at all, for a user who is only a trainee) reaches a real case."""
    if version.exercise_sha256 is not None:
        return
    roles = set(user.roles)
    granting = PERMISSIONS[permission][0] & roles
    if exercises_only(roles) or exercises_only(granting):
        raise IllegalActionError(exercise_refusal(user.login, version.case.number))


def may_edit(unit: Unit) -> None:
    """The assigned reviewer (or a division head) edits; `unit` keeps trainees to exercises."""
    user = unit.user
    reason = recusal(user, unit.version)
    if reason:
        raise IllegalActionError(reason)
    roles = set(user.roles)
    assigned = unit.review.reviewer_id
    if assigned is not None and assigned != user.id and "division_head" not in roles:
        who = unit.review.reviewer.display_name if unit.review.reviewer else "其他审核人员"
        raise IllegalActionError(f"本案由{who}审核，{user.display_name}不能修改其审核意见")
