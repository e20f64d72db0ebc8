"""The state tables against the audit chain: what the rows say must be what the entries say.

Every action that changes a case's state writes an audit entry in the same transaction, so
the chain can replay it: the review state and the transitions (`workflow.*`), the reviewer
(accept, resubmit), the review's outcome (`review.outcome`), each signed revision
(`opinion.sign`) and each imported version (`case.import`: its bundle's content digest and,
for imports recorded since this check exists, a digest of every column of its rows —
`version_rows.py`). An edit of the tables that bypasses the workstation — SQL on the
database file — makes the two disagree, and each disagreement is reported naming the case,
the table and field, the value in the table and the value the chain says.

Pure over the session: nothing is read from disk or written. Entries older than a field
they would need are skipped with a note, not failed (`StateReport.notes`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.security.version_rows import ROWS_KEY, column_values, version_digests
from workstation.store import models
from workstation.store.review_models import CaseReview, Opinion, Transition, User

MANIFEST_NAME = "case.json"  # casefile.manifest's; security sits below casefile
_WORKFLOW = "workflow."
_NOTHING = "（无）"


@dataclass(frozen=True)
class StateMismatch:
    """One field whose stored value is not what the audit chain says."""

    case: str  # "C3 薛市监罚〔2026〕12号"
    field: str  # "cases.review_state"
    in_table: str
    in_audit: str
    seq: int | None = None  # the entry that says so

    @property
    def message(self) -> str:
        where = f"审计记录（第 {self.seq} 条）" if self.seq is not None else "审计记录"
        return (
            f"{self.case}：{self.field} 与审计记录不符——表中为“{self.in_table}”，"
            f"{where}为“{self.in_audit}”"
        )


@dataclass(frozen=True)
class StateReport:
    cases: int
    mismatches: list[StateMismatch] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why

    @property
    def intact(self) -> bool:
        return not self.mismatches


def check_state(session: Session, cases: Iterable[int] | None = None) -> StateReport:
    """Compare the state tables of `cases` (every case for None) with the audit chain."""
    query = select(models.Case).order_by(models.Case.id)
    if cases is not None:
        query = query.where(models.Case.id.in_(list(cases)))
    logins = {uid: login for uid, login in session.execute(select(User.id, User.login))}
    mismatches: list[StateMismatch] = []
    notes: list[str] = []
    checked = 0
    for case in session.scalars(query):
        checked += 1
        entries = list(
            session.scalars(
                select(models.AuditEntry)
                .where(models.AuditEntry.case_id == case.id)
                .order_by(models.AuditEntry.seq)
            )
        )
        check = _CaseCheck(session, case, entries, logins)
        check.run()
        mismatches.extend(check.mismatches)
        notes.extend(check.notes)
    return StateReport(checked, mismatches, notes)


class _CaseCheck:
    """One case's tables replayed from its audit entries."""

    def __init__(
        self,
        session: Session,
        case: models.Case,
        entries: list[models.AuditEntry],
        logins: dict[int, str],
    ) -> None:
        self.session, self.case, self.entries, self.logins = session, case, entries, logins
        self.name = f"C{case.id} {case.number}"
        self.mismatches: list[StateMismatch] = []
        self.notes: list[str] = []

    def run(self) -> None:
        self._workflow()
        self._transitions()
        self._signed_opinions()
        self._versions()

    def _differs(
        self, what: str, in_table: Any, in_audit: Any, seq: int | None, *, where: str = ""
    ) -> None:
        if in_table != in_audit:
            self.mismatches.append(
                StateMismatch(f"{self.name}{where}", what, _shown(in_table), _shown(in_audit), seq)
            )

    # --- the review: state, reviewer, outcome -------------------------------------------

    def _workflow(self) -> None:
        state, state_seq = "submitted", None  # a case is created submitted, by its import
        reviewer: str | None = None
        outcome: str | None = None
        reviewer_seq = outcome_seq = None
        reviewed: int | None = None  # the version number under review, once known
        outcome_known = True
        for entry in self.entries:
            details = entry.details or {}
            if entry.action == "review.outcome":
                outcome, outcome_seq = details.get("outcome"), entry.seq
                continue
            if entry.action == "review.assign":
                reviewer, reviewer_seq = details.get("to"), entry.seq
                continue
            if not entry.action.startswith(_WORKFLOW):
                continue
            state, state_seq = str(details.get("to_state")), entry.seq
            step = entry.action.removeprefix(_WORKFLOW)
            if step not in ("accept", "resubmit"):
                continue
            version = details.get("version")
            # A new round (workflow_service.new_round) forgets the reviewer and the outcome.
            if step == "resubmit" or (reviewed is not None and version != reviewed):
                outcome, outcome_seq = None, entry.seq
            if version is None:
                outcome_known = False
            reviewed = version if isinstance(version, int) else None
            # Acceptance keeps an assignment (named in newer entries), else takes the case.
            reviewer = (details.get("reviewer") or entry.actor) if step == "accept" else None
            reviewer_seq = entry.seq
        self._differs("cases.review_state", self.case.review_state, state, state_seq)

        review = self.session.get(CaseReview, self.case.id)
        reviewer_id = review.reviewer_id if review else None
        stored_reviewer = None
        if reviewer_id is not None:
            stored_reviewer = self.logins.get(reviewer_id, f"用户编号 {reviewer_id}（不存在）")
        self._differs("case_reviews.reviewer_id", stored_reviewer, reviewer, reviewer_seq)
        if outcome_known:
            stored_outcome = review.outcome if review else None
            self._differs("case_reviews.outcome", stored_outcome, outcome, outcome_seq)
        else:
            self.notes.append(
                f"{self.name}：受理记录未写明审核的版本（早于本检查的记录），审核结论未核对"
            )

    def _transitions(self) -> None:
        rows = list(
            self.session.scalars(
                select(Transition).where(Transition.case_id == self.case.id).order_by(Transition.id)
            )
        )
        logged = [e for e in self.entries if e.action.startswith(_WORKFLOW)]
        for number, (row, entry) in enumerate(zip(rows, logged, strict=False), start=1):
            details = dict(entry.details or {})
            where = f" 第 {number} 次流转"
            self._differs(
                "transitions.action",
                row.action,
                entry.action.removeprefix(_WORKFLOW),
                entry.seq,
                where=where,
            )
            self._differs("transitions.actor", row.actor, entry.actor, entry.seq, where=where)
            if row.actor_id is not None:
                who = self.logins.get(row.actor_id, f"用户编号 {row.actor_id}")
                self._differs("transitions.actor_id", who, entry.actor, entry.seq, where=where)
            self._differs(
                "transitions.from_state",
                row.from_state,
                details.pop("from_state", None),
                entry.seq,
                where=where,
            )
            self._differs(
                "transitions.to_state",
                row.to_state,
                details.pop("to_state", None),
                entry.seq,
                where=where,
            )
            self._differs("transitions.at", _utc(row.at), _utc(entry.at), entry.seq, where=where)
            details.pop("origin", None)
            self._differs("transitions.details", row.details, details, entry.seq, where=where)
        if len(rows) != len(logged):
            self._differs("transitions（流转记录条数）", len(rows), len(logged), None)

    # --- signed opinions ---------------------------------------------------------------

    def _signed_opinions(self) -> None:
        signs = self._by_number("opinion.sign", "revision")
        opinions = self.session.scalars(
            select(Opinion).where(Opinion.case_id == self.case.id).order_by(Opinion.revision)
        )
        for opinion in opinions:
            where = f" 第 {opinion.revision} 稿意见书"
            entry = signs.pop(opinion.revision, None)
            if opinion.signed_at is None:
                if entry is not None:
                    self._differs("opinions.signed_at", None, "已签发", entry.seq, where=where)
                continue
            if entry is None:
                self._differs(
                    "opinions.signed_at", _utc(opinion.signed_at), "未签发", None, where=where
                )
                continue
            details = entry.details or {}
            signer = self.logins.get(opinion.signed_by or -1, f"用户编号 {opinion.signed_by}")
            self._differs("opinions.signed_by", signer, entry.actor, entry.seq, where=where)
            self._differs(
                "opinions.outcome", opinion.outcome, details.get("outcome"), entry.seq, where=where
            )
            self._differs(
                "opinions.docx_sha256",
                opinion.docx_sha256,
                details.get("docx_sha256"),
                entry.seq,
                where=where,
            )
            self._differs(
                "opinions.key_fingerprint",
                opinion.key_fingerprint,
                details.get("key"),
                entry.seq,
                where=where,
            )
            self._differs(
                "opinions.signed_at",
                _utc(opinion.signed_at),
                _utc(entry.at),
                entry.seq,
                where=where,
            )
        for revision, unmatched in signs.items():
            where = f" 第 {revision} 稿意见书"
            self._differs("opinions", "不存在", "已签发", unmatched.seq, where=where)

    # --- imported versions -------------------------------------------------------------

    def _versions(self) -> None:
        imports = self._by_number("case.import", "version")
        versions = self.session.scalars(
            select(models.CaseVersion)
            .where(models.CaseVersion.case_id == self.case.id)
            .order_by(models.CaseVersion.version)
        )
        for version in versions:
            where = f" 第 {version.version} 版"
            self._files_agree(version, where)
            entry = imports.pop(version.version, None)
            if entry is None:
                self._differs("case_versions", "存在", "无导入记录", None, where=where)
                continue
            details = entry.details or {}
            logged = details.get("content_digest")
            self._differs(
                "case_versions.content_digest",
                version.content_digest,
                logged,
                entry.seq,
                where=where,
            )
            self._differs(
                "bundle_files（路径与 SHA-256 的摘要）",
                _content_digest(version),
                logged,
                entry.seq,
                where=where,
            )
            rows = details.get(ROWS_KEY)
            if isinstance(rows, dict):
                self._rows_agree(version, rows, entry.seq, where)
            else:
                self.notes.append(
                    f"{self.name}{where}：导入记录（第 {entry.seq} 条）早于本检查，"
                    f"未记下各表内容的摘要，当事人、执法人员、文书等表的内容未核对"
                    f"（其文件的哈希已核对）"
                )
        for number, unmatched in imports.items():
            self._differs("case_versions", "不存在", f"第 {number} 版已导入", unmatched.seq)

    def _by_number(self, action: str, key: str) -> dict[int, models.AuditEntry]:
        """The entries of `action` by the number in their details' `key` (the last wins)."""
        found: dict[int, models.AuditEntry] = {}
        for entry in self.entries:
            number = (entry.details or {}).get(key)
            if entry.action == action and isinstance(number, int):
                found[number] = entry
        return found

    def _rows_agree(
        self, version: models.CaseVersion, rows: dict[str, Any], seq: int, where: str
    ) -> None:
        current = version_digests(self.session, version.id)
        for name, logged in sorted(rows.items()):
            now = current.get(name)
            if now is None or now == logged:
                continue  # a column dropped since: nothing left to compare
            values = column_values(self.session, version.id, name)
            self._differs(
                name,
                f"{_listed(values)}（摘要 {now[:12]}…）",
                f"导入时内容的摘要 {str(logged)[:12]}…",
                seq,
                where=where,
            )

    def _files_agree(self, version: models.CaseVersion, where: str) -> None:
        """Each stored document, recording and transcript is the bundle's file at its path."""
        in_bundle = {f.path: f.sha256 for f in version.files}
        self._differs(
            "case_versions.manifest_sha256",
            version.manifest_sha256,
            in_bundle.get(MANIFEST_NAME),
            None,
            where=where,
        )
        rows: list[tuple[str, str, str | None]] = [
            ("documents", d.path, d.evidence_sha256) for d in version.documents
        ]
        rows += [("recordings", r.path, r.evidence_sha256) for r in version.recordings]
        rows += [("transcripts", t.path, t.evidence_sha256) for t in version.transcripts]
        stored = set(in_bundle.values())
        for table, path, sha256 in rows:
            # The path as written, or another spelling the import forgave (letter case).
            expected = in_bundle.get(path)
            if sha256 is not None and (sha256 != expected if expected else sha256 not in stored):
                self._differs(
                    f"{table}.evidence_sha256（{path}）",
                    sha256,
                    in_bundle.get(path, "不在案卷包中"),
                    None,
                    where=where,
                )


def _content_digest(version: models.CaseVersion) -> str:
    """The bundle's content digest from its stored files (casefile.intake.content_digest)."""
    digest = hashlib.sha256()
    for path, sha256 in sorted((f.path, f.sha256) for f in version.files):
        digest.update(f"{path}\t{sha256}\n".encode())
    return digest.hexdigest()


def _utc(at: datetime | None) -> str | None:
    return None if at is None else at.astimezone(UTC).isoformat(timespec="seconds")


def _shown(value: Any) -> str:
    if value is None:
        return _NOTHING
    return str(value)


def _listed(values: list[Any], limit: int = 80) -> str:
    text = "、".join(_NOTHING if v is None else str(v) for v in values) or _NOTHING
    return text if len(text) <= limit else text[:limit] + "…"
