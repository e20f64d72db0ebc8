"""The recordings tests' office: its staff, the demo food case, a small seizure case with one
recording from the shared corpus, and reading the audit log."""

from __future__ import annotations

import copy
from typing import Any

from helpers import minimal_case
from sqlalchemy import select

from workstation.store import models

FOOD = "demo-01-食品"
ADMIN, REVIEWER, OTHER, HEAD, CLERK = "admin", "li", "qian", "wang", "zhao"
STAFF = (
    (ADMIN, "管理员", "administrator"),
    (REVIEWER, "李审核", "reviewer"),
    (OTHER, "钱审核", "reviewer"),
    (HEAD, "王负责", "division_head"),
    (CLERK, "赵承办", "clerk"),
)
WAV = "audio_mutagen_pcm_id3v23.wav"  # 2.0 s of audio in the shared corpus


def seizure_case() -> dict[str, Any]:
    """A case whose seizure at 10:00:01.5 must be recorded; r1 (2 s from 10:00:00) covers it."""
    document = minimal_case(
        recordings=[
            {
                "id": "r1",
                "path": "media/a.wav",
                "device": "执法记录仪 B07",
                "started_at": "2026-03-01T10:00:00+08:00",
                "archived_at": "2026-03-01T11:00:00+08:00",
            }
        ]
    )
    document["case"]["events"] = [
        {
            "id": "e1",
            "type": "seizure",
            "at": "2026-03-01T10:00:01.500+08:00",
            "officers": ["37040001", "37040002"],
            "approved_at": "2026-03-01T09:00:00+08:00",
            "recordings": ["r1"],
        }
    ]
    return copy.deepcopy(document)


def audit_rows(ws: Any, prefix: str = "") -> list[models.AuditEntry]:
    """The audit entries whose action starts with `prefix`, oldest first."""
    with ws.db.session() as session:
        rows = session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq))
        return [r for r in rows if r.action.startswith(prefix)]
