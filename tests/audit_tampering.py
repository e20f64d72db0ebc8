"""An insider's tools for the audit tests: a signed case to attack, and the rewrite of the
audit chain that recomputes every hash and the head file (all the chain check looks at)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from helpers import minimal_case
from raw_sql import audit_log_opened
from review_desk import CLERK, HEAD, PASSPHRASE, Office
from sqlalchemy import select

from workstation.security import audit, signing
from workstation.security.audit_anchor import ANCHOR_FILE, write_head
from workstation.store.models import AuditEntry

DOCUMENT = "docs/现场检查笔录.pdf"


def signed_case(office: Office, tmp_path: Path, corpus_dir: Path) -> str:
    """A case with one stored document, reviewed, issued (reject) and signed by HEAD; its
    short id."""
    pdf = (corpus_dir / "pdf_pdfjs_issue12823_zh.pdf").read_bytes()
    bundle = tmp_path / "bundle"
    (bundle / "docs").mkdir(parents=True)
    (bundle / DOCUMENT).write_bytes(pdf)
    sha = hashlib.sha256(pdf).hexdigest()
    case = minimal_case(
        documents=[{"id": "d1", "path": DOCUMENT, "kind": "inspection_record", "sha256": sha}]
    )
    (bundle / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    result = office.ws.import_bundle(bundle, actor=CLERK.login)
    assert result.outcome == "imported"
    office.issued(result.short_id)
    office.give_key(HEAD, signing.generate_keypair(PASSPHRASE))
    office.ws.opinions.sign(result.short_id, HEAD.login, PASSPHRASE)
    return result.short_id


def rechain(office: Office, change: Callable[[list[AuditEntry]], list[AuditEntry]]) -> None:
    """`change` the entries (return those to keep, in order), recompute every number and
    hash in order, and write the head file anew (on PostgreSQL as the audit log's owner)."""
    with office.ws.db.write("改写") as session, audit_log_opened(session):
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        kept = change(entries)
        for entry in entries:
            if entry not in kept:
                session.delete(entry)
        session.flush()
        previous = audit.GENESIS_HASH
        for seq, entry in enumerate(kept, start=1):
            entry.seq, entry.prev_hash = seq, previous
            entry.hash = audit.entry_hash(entry)
            previous = entry.hash
        head = (kept[-1].seq, kept[-1].hash)
    (office.data_dir / ANCHOR_FILE).unlink()
    write_head(office.data_dir / ANCHOR_FILE, office.ws.db.url, head)
