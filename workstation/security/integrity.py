"""`workstation verify`: re-hash stored evidence and report any file whose bytes changed,
and compare the state tables with the audit chain (state_check.py).

A case's evidence is its bundles' files and the opinions filed into it (入卷): the signed
DOCX and its signature document, and the frame snapshots printed in it as figures."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import or_, select, true, union
from sqlalchemy.orm import Session

from workstation.clock import Clock
from workstation.errors import IllegalActionError
from workstation.progress import Progress, stop_if_cancelled
from workstation.security import audit
from workstation.security.state_check import StateReport, check_state
from workstation.security.training import exercise_refusal, exercises_only
from workstation.security.users import find_user
from workstation.store import models
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.hashing import hash_file
from workstation.store.recording_models import OpinionFigure
from workstation.store.review_models import Opinion


@dataclass(frozen=True)
class DamagedEvidence:
    """A stored file that is missing or no longer matches its hash."""

    sha256: str
    problem: str  # "missing" or "altered"
    used_as: list[str]  # "C3 薛市监罚〔2026〕12号 v1: docs/笔录.pdf"

    @property
    def message(self) -> str:
        what = "已丢失" if self.problem == "missing" else "内容已被改动（哈希不符）"
        where = "；".join(self.used_as) or "未被任何案件引用"
        return f"证据文件 {self.sha256} {what}：{where}"


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    damaged: list[DamagedEvidence] = field(default_factory=list)
    state: StateReport = field(default_factory=lambda: StateReport(0))

    @property
    def intact(self) -> bool:
        return not self.damaged and self.state.intact

    def lines(self) -> list[str]:
        """What `verify` prints and the desktop shows."""
        if not self.damaged:
            said = [f"已校验 {self.checked} 个证据文件，全部完好"]
        else:
            said = [f"已校验 {self.checked} 个证据文件，{len(self.damaged)} 个有问题："]
            said += [f"  {damaged.message}" for damaged in self.damaged]
        said += [f"未核对：{note}" for note in self.state.notes]
        if self.state.mismatches:
            said.append(f"案件各表与审计记录不符（{len(self.state.mismatches)} 处）：")
            said += [f"  {mismatch.message}" for mismatch in self.state.mismatches]
        else:
            said.append(f"{self.state.cases} 个案件的各表与审计记录一致")
        return said


def verify_evidence(
    db: Database,
    store: EvidenceStore,
    *,
    actor: str,
    clock: Clock,
    version: models.CaseVersion | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> VerifyReport:
    """Re-hash every stored file (or those of one case) and audit the result. A trainee
    checks exercise cases only (training.py): naming a real case is refused, and without
    a case the exercises' files are checked."""
    with db.session() as session:
        seen = _cases_seen(session, actor)
        if version is not None and seen is not None and version.case_id not in seen:
            raise IllegalActionError(exercise_refusal(actor, version.case.number))
        scope = [version.case_id] if version is not None else seen
        hashes = _hashes_to_check(session, scope)
        damaged: list[DamagedEvidence] = []
        for index, (sha256, size) in enumerate(hashes):
            if progress is not None:
                progress(index / max(len(hashes), 1), f"正在校验 {sha256[:12]}…（{size} 字节）")
            stop_if_cancelled(cancel, "校验已取消")
            path = store.path_for(sha256)
            if not path.is_file():
                damaged.append(DamagedEvidence(sha256, "missing", _uses(session, sha256, seen)))
            elif hash_file(path, cancel=cancel) != sha256:
                damaged.append(DamagedEvidence(sha256, "altered", _uses(session, sha256, seen)))
        state = check_state(session, scope)
    named = "all" if seen is None else "exercises"
    scope_text = f"C{version.case_id}@v{version.version}" if version else named
    with db.write("记录校验") as session:
        audit.append(
            session,
            at=clock(),
            actor=actor,
            action="evidence.verify",
            case_id=version.case_id if version else None,
            details={
                "scope": scope_text,
                "checked": len(hashes),
                "damaged": [d.sha256 for d in damaged],
                "state_mismatches": len(state.mismatches),
            },
        )
    if progress is not None:
        progress(1.0, f"已校验 {len(hashes)} 个文件")
    return VerifyReport(len(hashes), damaged, state)


def _cases_seen(session: Session, actor: str) -> list[int] | None:
    """The cases `actor` may check: a trainee's exercises (cases every version of which is
    one), None for anyone else (every case)."""
    user = find_user(session, actor)
    if user is None or not exercises_only(user.roles):
        return None
    real_version = select(models.CaseVersion.id).where(
        models.CaseVersion.case_id == models.Case.id, models.CaseVersion.exercise_sha256.is_(None)
    )
    return list(session.scalars(select(models.Case.id).where(~real_version.exists())))


def _hashes_to_check(session: Session, cases: list[int] | None) -> list[tuple[str, int]]:
    """The stored files of `cases` (their bundles, filed opinions and figures); every stored
    file for None."""
    query = select(models.EvidenceFile.sha256, models.EvidenceFile.size)
    if cases is not None:
        case_files = (
            select(models.BundleFile.sha256)
            .join(models.CaseVersion)
            .where(models.CaseVersion.case_id.in_(cases))
        )
        filed = [
            select(column).where(Opinion.case_id.in_(cases), column.is_not(None))
            for column in (Opinion.docx_sha256, Opinion.signature_sha256)
        ]
        figures = select(OpinionFigure.png_sha256).where(OpinionFigure.case_id.in_(cases))
        query = query.where(models.EvidenceFile.sha256.in_(union(case_files, *filed, figures)))
    return [
        (sha, size) for sha, size in session.execute(query.order_by(models.EvidenceFile.sha256))
    ]


def _uses(session: Session, sha256: str, seen: list[int] | None) -> list[str]:
    """Where a file is used, in the cases `seen` (None: every case)."""
    shown = models.Case.id.in_(seen) if seen is not None else true()
    rows = session.execute(
        select(
            models.Case.id, models.Case.number, models.CaseVersion.version, models.BundleFile.path
        )
        .join(models.CaseVersion, models.CaseVersion.case_id == models.Case.id)
        .join(models.BundleFile, models.BundleFile.version_id == models.CaseVersion.id)
        .where(models.BundleFile.sha256 == sha256, shown)
        .order_by(models.Case.id, models.CaseVersion.version)
    )
    uses = [f"C{cid} {number} 第{ver}版 {path}" for cid, number, ver, path in rows]
    opinions = session.execute(
        select(models.Case.id, models.Case.number, Opinion)
        .join(Opinion, Opinion.case_id == models.Case.id)
        .where(
            or_(Opinion.docx_sha256 == sha256, Opinion.signature_sha256 == sha256),
            shown,
        )
        .order_by(models.Case.id, Opinion.revision)
    )
    for cid, number, opinion in opinions:
        part = "审核意见书" if opinion.docx_sha256 == sha256 else "审核意见书的签名"
        uses.append(f"C{cid} {number} {opinion.number} 第{opinion.revision}稿 {part}")
    figures = session.execute(
        select(models.Case.id, models.Case.number, OpinionFigure.id)
        .join(OpinionFigure, OpinionFigure.case_id == models.Case.id)
        .where(OpinionFigure.png_sha256 == sha256, shown)
        .order_by(models.Case.id, OpinionFigure.id)
    )
    uses.extend(f"C{cid} {number} 意见书附图（编号 {fid}）" for cid, number, fid in figures)
    return uses
