"""The recordings tests' office: its staff, the demo food case, a small seizure case with one
recording from the shared corpus, and reading the audit log."""

from __future__ import annotations

from typing import Any

from helpers import seizure_case  # noqa: F401 - the recordings tests' case, shared
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


def audit_rows(ws: Any, prefix: str = "") -> list[models.AuditEntry]:
    """The audit entries whose action starts with `prefix`, oldest first."""
    with ws.db.session() as session:
        rows = session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq))
        return [r for r in rows if r.action.startswith(prefix)]
