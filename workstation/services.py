"""The service layer both front ends use: one object per open data folder."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from workstation.casefile.exporter import export_case
from workstation.casefile.importer import BundleImporter, ImportResult
from workstation.clock import Clock
from workstation.paths import AppPaths
from workstation.settings import Settings
from workstation.store import models
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

    def import_bundle(
        self,
        location: Path,
        *,
        actor: str,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportResult:
        """Import a bundle folder or ZIP."""
        return self.importer.import_bundle(location, actor=actor, progress=progress, cancel=cancel)

    def list_cases(self) -> list[CaseSummary]:
        """All cases, latest version of each."""
        with self.db.session() as session:
            return list_cases(session)

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
