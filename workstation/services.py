"""The service layer both front ends use: one object per open data folder."""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workstation.casefile.importer import BundleImporter, ImportResult
from workstation.casefile.stored_case import (
    facts_from_version,
    manifest_from_version,
    reviewer_offsets,
)
from workstation.clock import Clock
from workstation.paths import AppPaths
from workstation.progress import Progress
from workstation.review.assignment import AssignmentService
from workstation.review.case_listing import CaseListing, CaseQuery
from workstation.review.checklist import ChecklistService
from workstation.review.due_summary import DueSummary
from workstation.review.review_period import case_deadlines
from workstation.review.workflow_service import WorkflowService
from workstation.rules.engine import CheckReport, check_case
from workstation.rules.rulepack import RulePack, RulePackLibrary
from workstation.security import login as logins
from workstation.security.audit import this_host
from workstation.security.enrolment import KeyEnrolment
from workstation.security.integrity import VerifyReport, verify_evidence
from workstation.security.key_registry import DEFAULT_VALID_DAYS
from workstation.security.keystore import KeyStore
from workstation.security.training import (
    exercise_import_refusal,
    exercises_only,
    imports_exercises_only,
)
from workstation.security.users import PERMISSIONS, actor_for
from workstation.settings import Settings
from workstation.store import models
from workstation.store.case_contents import CaseContents, read_contents
from workstation.store.case_query import CaseFilter
from workstation.store.cases import CaseSummary, list_cases, resolve_case
from workstation.store.changes import Changes, changes_after
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.presence import Present, beat, others_in

if TYPE_CHECKING:
    from workstation.opinion.dossier import DossierResult
    from workstation.opinion.dossier_check import DossierReport
    from workstation.opinion.service import OpinionService
    from workstation.recordings.service import RecordingService


@dataclass
class Workstation:
    """Everything a front end needs, wired once by `app.open_workstation`."""

    paths: AppPaths
    settings: Settings
    db: Database
    store: EvidenceStore
    clock: Clock
    importer: BundleImporter

    def __post_init__(self) -> None:
        self.review = ChecklistService(self.db, self.clock, self.rule_pack)
        self.workflow = WorkflowService(self.db, self.clock, self.rule_pack)
        self.assignments = AssignmentService(self.db, self.clock, self.rule_pack)
        self.keys = KeyStore(
            self.paths.data_dir, allow_plaintext_keyring=self.settings.allow_plaintext_keyring
        )
        self.enrolment = KeyEnrolment(self.db, self.keys, self.clock)

    @property
    def audit_anchor_file(self) -> Path:
        """Where the audit chain's head is recorded outside the database: the data folder
        of a single PC, the shared evidence folder of an office (one head for all its PCs)."""
        from workstation.security.audit_anchor import ANCHOR_FILE

        folder = self.store.root if self.settings.office else self.paths.data_dir
        return folder / ANCHOR_FILE

    @cached_property
    def opinions(self) -> OpinionService:
        """The written opinion; built on first use (python-docx and PyMuPDF load with it,
        which the desktop's start-up does not need)."""
        from workstation.opinion.service import OpinionService

        return OpinionService(
            self.db,
            self.clock,
            self.rule_pack,
            data_dir=self.paths.data_dir,
            store=self.store,
            keys=self.keys,
            checklist=self.review,
            workflow=self.workflow,
            template=self.settings.opinion_template,
        )

    @cached_property
    def recordings(self) -> RecordingService:
        """The recordings of a case: timeline, clock corrections, transcripts, bookmarks,
        opinion figures and the hash check before playback; built on first use."""
        from workstation.recordings.service import RecordingService

        return RecordingService(
            self.db,
            self.clock,
            self.rule_pack,
            store=self.store,
            data_dir=self.paths.data_dir,
            checklist=self.review,
        )

    def import_bundle(
        self,
        location: Path,
        *,
        actor: str,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportResult:
        """Import a bundle folder or ZIP; a new version of a returned case is a resubmission."""
        with self.db.session() as session:
            acting = actor_for(session, actor, "case.import")
            roles = set(acting.user.roles) if acting.user is not None else set()
        granting = PERMISSIONS["case.import"][0] & roles
        only = acting.user is not None and imports_exercises_only(granting)
        result = self.importer.import_bundle(
            location,
            actor=actor,
            progress=progress,
            cancel=cancel,
            exercises_only=exercise_import_refusal(actor, location.name) if only else None,
        )
        if result.outcome == "imported" and result.version > 1:
            note = self.workflow.resubmitted(result.case_id, actor)
            return replace(result, review_note=note)
        return result

    def log_in(self, login: str, password: str) -> logins.SignedIn:
        """Check a login and password (about 0.1 s: call it off the UI thread)."""
        return logins.log_in(self.db, self.clock, login, password)

    def change_password(self, login: str, current: str, new: str) -> logins.SignedIn:
        """`login` choosing their own password, as one whose password an administrator set
        must before anything else (call it off the UI thread)."""
        return logins.change_own_password(self.db, self.clock, login, current, new)

    def signed_in(self, login: str) -> logins.SignedIn | None:
        """The registered, active user `login` as plain data (name, roles), else None."""
        return logins.signed_in_user(self.db, login)

    def users_registered(self) -> bool:
        """Whether anyone is registered; before that the desktop runs without a login."""
        return logins.users_registered(self.db)

    def has_cases(self) -> bool:
        """Whether anything was imported yet (first start of the demo)."""
        with self.db.session() as session:
            return bool(session.scalar(select(func.count()).select_from(models.Case)))

    def list_cases(self, actor: str) -> list[CaseSummary]:
        """All cases, latest version of each, with the review deadline under the office pack."""
        pack = self.rule_pack()
        with self.db.session() as session:
            acting = actor_for(session, actor, "case.read")
            cases = list_cases(session)
            if acting.user is not None and exercises_only(acting.user.roles):
                cases = [c for c in cases if c.exercise]
            every = session.scalars(select(models.Case).options(selectinload(models.Case.versions)))
            due = case_deadlines(session, pack, self.clock(), every)
        return [
            replace(c, due_on=due[c.case_id].due_on, due_status=due[c.case_id].status)
            for c in cases
        ]

    def open_case_list(self, actor: str, query: CaseQuery) -> CaseListing:
        """The case list as `actor` may see it, filtered and sorted as `query` asks; rows are
        fetched page by page from the listing, with deadlines under the office pack."""
        with self.db.session() as session:
            user = actor_for(session, actor, "case.read").user
            # Before anyone is registered nobody reviews anything: "mine" is empty.
            user_id = user.id if user is not None else -1
            trainee_only = user is not None and exercises_only(user.roles)
        wanted = CaseFilter(
            states=query.states,
            action_type=query.action_type,
            reviewer_id=user_id if query.mine else None,
            exercise_only=trainee_only,
            search=query.search,
        )
        return CaseListing(self.db, self.rule_pack(), self.clock(), wanted, query)

    def changes_after(self, after: int | None, login: str) -> Changes:
        """What others changed after audit entry `after` (the live office's poll)."""
        with self.db.session() as session:
            return changes_after(session, after, login)

    def display_name(self, login: str) -> str:
        """How `login` is named on screen (the login itself if not registered)."""
        user = logins.signed_in_user(self.db, login)
        return user.display_name if user is not None else login

    def presence(self, login: str, case_ids: Collection[int]) -> dict[int, list[Present]]:
        """Say that `login` has `case_ids` open on this PC (none: closed them all), and learn
        who else has each of them open."""
        host, now = this_host(), self.clock()
        with self.db.session() as session, session.begin():
            beat(session, login, host, case_ids, now)
            return others_in(session, case_ids, login, host, now)

    def due_for(self, login: str, limit: int = 20) -> DueSummary:
        """The cases assigned to `login` that are overdue or due soon (told at login)."""
        lists = [
            self.open_case_list(login, CaseQuery(mine=True, due=due, sort="deadline")).fetch(limit)
            for due in ("overdue", "due_soon")
        ]
        return DueSummary(*lists)

    def rule_pack(self, reference: str | None = None) -> RulePack:
        """A pack by id or file; by default the office's (settings), else the baseline."""
        return RulePackLibrary(self.paths.rulepack_dir).load(reference or self.settings.rule_pack)

    def check(
        self, reference: str, *, pack: str | None = None, offsets: Mapping[str, int] | None = None
    ) -> CheckReport:
        """The automatic checks on a stored case version, with the reviewer's stored clock
        corrections; `offsets` (whole clock offsets by recording id) replace them."""
        with self.db.session() as session:
            version = resolve_case(session, reference)
            if offsets is None:
                offsets = reviewer_offsets(session, version)
            case = manifest_from_version(version, offsets)
        return check_case(case, self.rule_pack(pack), facts_from_version(version))

    def resolve(self, reference: str) -> models.CaseVersion:
        """The case version a user named (C17, a case number, …@vN)."""
        with self.db.session() as session:
            return resolve_case(session, reference)

    def contents(self, reference: str, login: str) -> CaseContents:
        """The documents, recordings, events and import findings of the version under review."""
        with self.review.reading(reference, login) as unit:
            return read_contents(unit.session, unit.version, self.store)

    def import_findings(self, version: models.CaseVersion) -> list[models.ImportFinding]:
        """The findings of the import that created `version`."""
        with self.db.session() as session:
            record = session.scalar(
                select(models.ImportRecord).where(
                    models.ImportRecord.case_version_id == version.id,
                    models.ImportRecord.outcome == "imported",
                )
            )
            return list(record.findings) if record else []

    def verify(
        self,
        reference: str | None,
        *,
        actor: str,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> VerifyReport:
        """Re-hash the evidence of one case, or of the whole store."""
        with self.db.session() as session:
            actor_for(session, actor, "case.read")
        version = self.resolve(reference) if reference else None
        return verify_evidence(
            self.db,
            self.store,
            actor=actor,
            clock=self.clock,
            version=version,
            progress=progress,
            cancel=cancel,
        )

    def export(
        self,
        reference: str,
        out: Path,
        *,
        actor: str,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """Write a case version out as a bundle folder or ZIP."""
        with self.db.session() as session:
            actor_for(session, actor, "case.export")
        from workstation.casefile.exporter import export_case

        version = self.resolve(reference)
        return export_case(
            self.db,
            self.store,
            version,
            out,
            actor=actor,
            clock=self.clock,
            progress=progress,
            cancel=cancel,
        )

    def export_dossier(self, reference: str, out: Path, *, actor: str) -> DossierResult:
        """Write the case's review dossier (checklist, findings and decisions, signed
        opinions, minutes, bookmarks and figures, audit extract, SHA-256 manifest) to the new
        folder `out`. It carries the case's audit trail, so it needs `audit.read` too."""
        from workstation.opinion.dossier import export_dossier

        with self.db.session() as session:
            actor_for(session, actor, "case.export")
            actor_for(session, actor, "audit.read")
        return export_dossier(
            self.db, self.store, self.review, self.clock, reference, out, actor=actor
        )

    @staticmethod
    def verify_dossier(folder: Path) -> DossierReport:
        """Re-hash every file of a dossier against its manifest (no database needed)."""
        from workstation.opinion.dossier_check import verify_dossier

        return verify_dossier(folder)

    def enrol_key(
        self,
        login: str,
        secret: str,
        actor: str,
        root_passphrase: str,
        valid_days: int = DEFAULT_VALID_DAYS,
    ) -> tuple[str, str]:
        """A head's new signing key, certified by the office root (`KeyEnrolment`)."""
        return self.enrolment.enrol_key(login, secret, actor, root_passphrase, valid_days)

    def create_office_root(
        self, root_passphrase: str, office_name: str, actor: str, *, replace: bool = False
    ) -> tuple[str, str]:
        """The office root key, created by an administrator (`KeyEnrolment`)."""
        return self.enrolment.create_office_root(
            root_passphrase, office_name, actor, replace=replace
        )

    def office_root(self) -> tuple[str, str] | None:
        """(office name, fingerprint) of this office's current root; None before one exists."""
        return self.enrolment.office_root()

    def close(self) -> None:
        """Stop helper processes and release the database."""
        self.importer.close()
        self.db.dispose()
