"""What a case's review dossier holds, read in one session: every file as bytes by its path.

The layout (docs/dossier.md): 案件.json, 审核要点.json (+ .txt), 意见书/意见书.json with each
signed revision as 第n稿.docx and 第n稿.docx.sig.json (as `opinion export` writes them),
集体讨论纪要.json, 录像/书签.json, 录像/附图.json with 录像/附图/图n.png, 流转记录.json,
审计记录.csv (as `audit export` writes it) and 说明.txt. Filed files (opinions, figures) are
re-hashed as they are read: a dossier never vouches for altered evidence.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.casefile.stored_case import reviewer_offsets
from workstation.errors import IllegalActionError, StorageError
from workstation.opinion.dossier_text import checklist_text, readme_text
from workstation.os_errors import os_error_text
from workstation.recordings.bookmarks import bookmark_views
from workstation.recordings.figures import figure_views
from workstation.review.checklist import VERDICTS, Checklist, ChecklistService
from workstation.review.workflow_rules import OUTCOMES, STATES
from workstation.rules.findings import SEVERITIES
from workstation.security import signing
from workstation.security.audit_export import case_audit_csv
from workstation.security.key_registry import current_root
from workstation.store import models
from workstation.store.evidence import EvidenceStore
from workstation.store.review_models import DiscussionMinutes, Opinion, Transition, User
from workstation.timefmt import office_time

FORMAT = "workstation-dossier/1"
DECISIONS = {"accepted": "采纳", "dismissed": "不予采纳", None: "未处理"}


@dataclass(frozen=True)
class DossierContents:
    """The dossier of one case, not yet written: relative POSIX path → bytes."""

    case_id: int
    case_number: str
    version: int
    files: dict[str, bytes]


def collect(
    checklist: ChecklistService, store: EvidenceStore, reference: str, login: str, now: datetime
) -> DossierContents:
    """Everything the dossier of `reference` holds, as `login` may read it, exported `now`."""
    with checklist.reading(reference, login) as unit:
        session, version, case = unit.session, unit.version, unit.case
        view = checklist.view(unit)
        offsets = reviewer_offsets(session, version)
        files: dict[str, bytes] = {}
        opinions = _opinions(session, store, case.id, case.number, files)
        files["意见书/意见书.json"] = _json(opinions)
        files["审核要点.json"] = _json(_checklist(view))
        files["审核要点.txt"] = checklist_text(view).encode("utf-8")
        files["集体讨论纪要.json"] = _json(_minutes(session, case.id))
        files["录像/书签.json"] = _json(
            [
                {
                    "recording": m.recording_key,
                    "device": m.device,
                    "start_ms": m.start_ms,
                    "end_ms": m.end_ms,
                    "note": m.note,
                    "text": m.text,
                    "created_by": m.created_by,
                    "created_at": _when(m.created_at),
                }
                for m in bookmark_views(session, version, offsets)
            ]
        )
        figures = []
        for figure in figure_views(session, version, offsets):
            name = f"录像/附图/图{figure.number}.png"
            files[name] = _filed(store, figure.sha256, f"{case.number} 的意见书附图")
            figures.append(
                {
                    "file": name,
                    "recording": figure.recording_key,
                    "media_ms": figure.media_ms,
                    "caption": figure.caption,
                    "text": figure.text,
                    "sha256": figure.sha256,
                    "created_by": figure.created_by,
                    "created_at": _when(figure.created_at),
                }
            )
        files["录像/附图.json"] = _json(figures)
        files["流转记录.json"] = _json(_transitions(session, case.id))
        # UTF-8 with BOM, as `audit export` writes it: Excel on Chinese Windows reads it.
        files["审计记录.csv"] = case_audit_csv(session, case.id).encode("utf-8-sig")
        root = current_root(session)
        summary = {
            "format": FORMAT,
            "case": {
                "number": case.number,
                "title": version.title,
                "agency": version.agency_name,
                "version": version.version,
                "review_state": case.review_state,
                "review_state_label": STATES.get(case.review_state, case.review_state),
            },
            "exported_at": _when(now),
            "exported_by": unit.user.login,
            "exported_by_name": unit.user.display_name,
            "office_root": {"office": root.office, "fingerprint": root.fingerprint}
            if root is not None
            else None,
        }
        files["案件.json"] = _json(summary)
        files["说明.txt"] = readme_text(summary, opinions, sorted([*files, "说明.txt"])).encode(
            "utf-8"
        )
        return DossierContents(case.id, case.number, version.version, files)


def _checklist(view: Checklist) -> dict[str, Any]:
    return {
        "case": view.case_number,
        "version": view.version,
        "outcome": view.outcome,
        "outcome_label": OUTCOMES.get(view.outcome or "", "未填写"),
        "reasons": view.reasons,
        "sections": [
            {
                "section": s.section,
                "name": s.name,
                "verdict": s.verdict,
                "verdict_label": VERDICTS.get(s.verdict or "", "未填写"),
                "comment": s.comment,
                "citations": s.citations_json(),
                "findings": [
                    {
                        **f.finding.to_json(),
                        "severity_label": SEVERITIES.get(f.finding.severity, f.finding.severity),
                        "fingerprint": f.fingerprint,
                        "decision": f.decision,
                        "decision_label": DECISIONS.get(f.decision, f.decision),
                        "reason": f.reason,
                    }
                    for f in s.findings
                ],
            }
            for s in view.sections
        ],
    }


def _opinions(
    session: Session, store: EvidenceStore, case_id: int, number: str, files: dict[str, bytes]
) -> list[dict[str, Any]]:
    """Every revision of the case's opinion; each signed one's DOCX and signature into `files`."""
    revisions = []
    rows = session.scalars(
        select(Opinion).where(Opinion.case_id == case_id).order_by(Opinion.revision)
    )
    for opinion in rows:
        entry: dict[str, Any] = {
            "revision": opinion.revision,
            "number": opinion.number,
            "outcome": opinion.outcome,
            "outcome_label": OUTCOMES.get(opinion.outcome, opinion.outcome),
            "case_version": _version_number(session, opinion),
            "signed": opinion.signed_at is not None,
            "signed_at": _when(opinion.signed_at) if opinion.signed_at else None,
            "signed_by": _name(session, opinion.signed_by),
            "docx": None,
            "signature": None,
            "root_fingerprint": None,
        }
        if opinion.docx_sha256 and opinion.signature_sha256:
            docx = f"意见书/第{opinion.revision}稿.docx"
            files[docx] = _filed(store, opinion.docx_sha256, f"{number} 的审核意见书存档文件")
            sidecar = docx + ".sig.json"
            raw = _filed(store, opinion.signature_sha256, f"{number} 的审核意见书签名文件")
            files[sidecar] = raw
            fields = signing.read_signature_document(raw, source=sidecar).fields
            entry.update(docx=docx, signature=sidecar, root_fingerprint=fields.get("root"))
        revisions.append(entry)
    return revisions


def _version_number(session: Session, opinion: Opinion) -> int | None:
    version = session.get(models.CaseVersion, opinion.version_id)
    return version.version if version is not None else None


def _minutes(session: Session, case_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(DiscussionMinutes)
        .where(DiscussionMinutes.case_id == case_id)
        .order_by(DiscussionMinutes.id)
    )
    return [
        {
            "held_on": m.held_on.isoformat(),
            "attendees": list(m.attendees),
            "decision": m.decision,
            "outcome": m.outcome,
            "outcome_label": OUTCOMES.get(m.outcome, m.outcome),
            "opinion_adopted": m.opinion_adopted,
            "recorded_at": _when(m.recorded_at),
            "recorded_by": _name(session, m.recorded_by),
        }
        for m in rows
    ]


def _transitions(session: Session, case_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Transition).where(Transition.case_id == case_id).order_by(Transition.id)
    )
    return [
        {
            "at": _when(t.at),
            "actor": t.actor,
            "action": t.action,
            "from_state": t.from_state,
            "from_label": STATES.get(t.from_state, t.from_state),
            "to_state": t.to_state,
            "to_label": STATES.get(t.to_state, t.to_state),
            "details": t.details,
        }
        for t in rows
    ]


def _filed(store: EvidenceStore, sha256: str, what: str) -> bytes:
    """A filed file's bytes, re-hashed: refused when the store lost or altered it."""
    try:
        data = store.path_for(sha256).read_bytes()
    except OSError as exc:
        raise StorageError(
            f"{what} {sha256[:12]}… 无法读取（{os_error_text(exc)}）；请用 workstation verify 检查证据库"
        ) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise IllegalActionError(
            f"{what} {sha256[:12]}… 已被改动，审核档案未导出；请运行 workstation verify 检查"
        )
    return data


def _name(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else None


def _when(moment: datetime) -> str:
    return office_time(moment).isoformat()


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()
