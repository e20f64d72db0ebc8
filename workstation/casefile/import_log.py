"""The record of every import attempt: an import row and an audit entry, whatever happened."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.security import audit
from workstation.store import models
from workstation.store.db import Database

log = logging.getLogger(__name__)


def record_unchanged(
    db: Database,
    version: models.CaseVersion,
    location: Path,
    actor: str,
    started: datetime,
    now: datetime,
) -> int:
    """Log an import whose content equals a stored version; returns the import id."""
    message = f"内容与第 {version.version} 版相同，未作任何更改"
    with db.write("记录导入") as session:
        record = models.ImportRecord(
            started_at=started,
            finished_at=now,
            source=str(location),
            actor=actor,
            outcome="unchanged",
            message=message,
            case_version_id=version.id,
        )
        session.add(record)
        session.flush()
        audit.append(
            session,
            at=now,
            actor=actor,
            action="case.import_unchanged",
            case_id=version.case_id,
            details={"source": str(location), "version": version.version, "import_id": record.id},
        )
        return record.id


def record_failure(
    db: Database,
    location: Path,
    actor: str,
    started: datetime,
    now: datetime,
    outcome: str,
    error: WorkstationError,
) -> None:
    """Best effort: log a refused or aborted import, unless the database is what failed."""
    try:
        with db.write("记录导入") as session:
            record = models.ImportRecord(
                started_at=started,
                finished_at=now,
                source=str(location),
                actor=actor,
                outcome=outcome,
                message=error.message,
            )
            session.add(record)
            session.flush()
            audit.append(
                session,
                at=now,
                actor=actor,
                action=f"case.import_{outcome}",
                details={"source": str(location), "reason": error.message, "import_id": record.id},
            )
    except WorkstationError:
        log.warning("could not record %s import of %s: %s", outcome, location, error)
