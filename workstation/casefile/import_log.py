"""The record of every import attempt: an import row and an audit entry, whatever happened."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workstation.casefile.assemble import Finding
from workstation.errors import WorkstationError
from workstation.security import audit
from workstation.store import models
from workstation.store.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempt:
    """Who imported what, and when it started and ended."""

    location: Path
    actor: str
    started: datetime
    finished: datetime


def log_import(
    session: Session,
    attempt: Attempt,
    outcome: str,
    message: str,
    *,
    version: models.CaseVersion | None = None,
    case_id: int | None = None,
    findings: list[models.ImportFinding] | None = None,
    details: dict[str, Any] | None = None,
) -> models.ImportRecord:
    """Add the import record and its audit entry (`case.import`, `case.import_<outcome>`)."""
    record = models.ImportRecord(
        started_at=attempt.started,
        finished_at=attempt.finished,
        source=str(attempt.location),
        actor=attempt.actor,
        outcome=outcome,
        message=message,
        case_version=version,
        findings=findings or [],
    )
    session.add(record)
    session.flush()
    audit.append(
        session,
        at=attempt.finished,
        actor=attempt.actor,
        action="case.import" if outcome == "imported" else f"case.import_{outcome}",
        case_id=case_id,
        details={"source": str(attempt.location), "import_id": record.id, **(details or {})},
    )
    return record


def record_unchanged(
    db: Database, attempt: Attempt, version_id: int, restored: list[Finding]
) -> int:
    """Log an import whose content equals the latest version; returns the import id."""
    with db.write("记录导入") as session:
        version = session.get_one(models.CaseVersion, version_id)
        record = log_import(
            session,
            attempt,
            "unchanged",
            f"内容与第 {version.version} 版相同，未作任何更改",
            version=version,
            case_id=version.case_id,
            findings=[models.ImportFinding(**vars(f)) for f in restored],
            details={"version": version.version, "restored": [f.path for f in restored]},
        )
        return record.id


def record_failure(db: Database, attempt: Attempt, outcome: str, error: WorkstationError) -> None:
    """Best effort: log a refused or aborted import, unless the database is what failed."""
    try:
        with db.write("记录导入") as session:
            log_import(session, attempt, outcome, error.message, details={"reason": error.message})
    except WorkstationError:
        log.warning("could not record %s import of %s: %s", outcome, attempt.location, error)
