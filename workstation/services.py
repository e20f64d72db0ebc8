"""The service layer both front ends use: one object per open data folder."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workstation.casefile.exporter import export_case
from workstation.casefile.importer import BundleImporter, ImportResult
from workstation.clock import Clock
from workstation.opinion.service import OpinionService
from workstation.paths import AppPaths
from workstation.review.checklist import ChecklistService
from workstation.review.engine import CheckReport, check_case
from workstation.review.flow import WorkflowService
from workstation.review.review_clock import case_deadlines
from workstation.review.rulepack import RulePack, RulePackLibrary
from workstation.security.keystore import KeyStore
from workstation.security.users import actor_for
from workstation.settings import Settings
from workstation.store import models
from workstation.store.case_model import facts_from_version, manifest_from_version
from workstation.store.cases import CaseSummary, list_cases, resolve_case
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.integrity import VerifyReport, verify_evidence

Progress = Callable[[float, str], None]


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
        self.keys = KeyStore(
            self.paths.data_dir, allow_plaintext_keyring=self.settings.allow_plaintext_keyring
        )
        self.opinions = OpinionService(
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
            actor_for(session, actor, "case.import")
        result = self.importer.import_bundle(
            location, actor=actor, progress=progress, cancel=cancel
        )
        if result.outcome == "imported" and result.version > 1:
            note = self.workflow.resubmitted(result.case_id, actor)
            return replace(result, review_note=note)
        return result

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
            if acting.user is not None and set(acting.user.roles) <= {"trainee"}:
                cases = [c for c in cases if c.exercise]  # trainees see exercises only
            every = session.scalars(select(models.Case).options(selectinload(models.Case.versions)))
            due = case_deadlines(session, pack, self.clock(), every)
        return [
            replace(c, due_on=due[c.case_id].due_on, due_status=due[c.case_id].status)
            for c in cases
        ]

    def rule_pack(self, reference: str | None = None) -> RulePack:
        """A pack by id or file; by default the office's (settings), else the baseline."""
        return RulePackLibrary(self.paths.rulepack_dir).load(reference or self.settings.rule_pack)

    def check(
        self, reference: str, *, pack: str | None = None, offsets: Mapping[str, int] | None = None
    ) -> CheckReport:
        """The automatic checks on a stored case version; `offsets` are the reviewer's
        corrected recording clock offsets by recording id."""
        version = self.resolve(reference)
        return check_case(
            manifest_from_version(version, offsets),
            self.rule_pack(pack),
            facts_from_version(version),
        )

    def resolve(self, reference: str) -> models.CaseVersion:
        """The case version a user named (C17, a case number, …@vN)."""
        with self.db.session() as session:
            return resolve_case(session, reference)

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

    def close(self) -> None:
        """Stop helper processes and release the database."""
        self.importer.close()
        self.db.dispose()
