"""The audit trail of one case as CSV, for archiving with the case file."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.store.models import AuditEntry
from workstation.timefmt import office_time

COLUMNS = ["seq", "at", "actor", "action", "case_id", "details", "prev_hash", "hash"]


def case_audit_csv(session: Session, case_id: int) -> str:
    """Every audit entry of the case, in order, with the hashes that chain them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.seq)
    ):
        writer.writerow(
            [
                entry.seq,
                office_time(entry.at).isoformat(),  # the same instant, in office time
                entry.actor,
                entry.action,
                entry.case_id,
                json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
                entry.prev_hash,
                entry.hash,
            ]
        )
    return out.getvalue()
