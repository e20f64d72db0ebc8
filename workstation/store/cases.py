"""Finding cases: the case list and the ways a user names a case (cli.md "Naming a case")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from workstation.errors import AmbiguousCaseError, CaseNotFoundError
from workstation.store import models

_SHORT_ID = re.compile(r"^[Cc](\d{1,12})$")
_VERSION_SUFFIX = re.compile(r"^(.*)@[vV](\d+)$")


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list (latest version)."""

    case_id: int
    number: str
    title: str
    agency: str
    first_party: str
    action_type: str
    versions: int
    review_state: str
    submitted_at: datetime
    due_on: date | None  # set by the service layer from the pack's deadline rules
    due_status: str = ""  # ok, due_soon, overdue, done (set with due_on)
    exercise: bool = False  # a training exercise (the bundle carried exercise.json)

    @property
    def short_id(self) -> str:
        return f"C{self.case_id}"


def list_cases(session: Session) -> list[CaseSummary]:
    """Every case with its latest version, newest submission first."""
    cases = session.scalars(
        select(models.Case).options(
            selectinload(models.Case.versions).selectinload(models.CaseVersion.parties)
        )
    ).all()
    summaries = []
    for case in cases:
        latest = case.latest
        summaries.append(
            CaseSummary(
                case_id=case.id,
                number=case.number,
                title=latest.title,
                agency=latest.agency_name,
                first_party=latest.parties[0].name if latest.parties else "",
                action_type=latest.action_type,
                versions=len(case.versions),
                review_state=case.review_state,
                submitted_at=latest.submitted_at,
                due_on=None,
                exercise=latest.exercise_sha256 is not None,
            )
        )
    return sorted(summaries, key=lambda s: (s.submitted_at, s.case_id), reverse=True)


def resolve_case(session: Session, reference: str) -> models.CaseVersion:
    """The case version a user named: `C17`, a case number, either with `@vN`.

    Everything a front end shows of the version is loaded, so it can be used after the
    session closes.
    """
    version = _resolve(session, reference)
    return session.scalars(
        select(models.CaseVersion).where(models.CaseVersion.id == version.id).options(*_FULL)
    ).one()


def find_case(session: Session, reference: str) -> models.CaseVersion:
    """`resolve_case` without loading what a front end shows: for work done inside the
    session (each relationship then loads when first used, if at all)."""
    return _resolve(session, reference)


_V = models.CaseVersion
_FULL = (
    selectinload(_V.case).selectinload(models.Case.versions),
    selectinload(_V.parties),
    selectinload(_V.officers),
    selectinload(_V.events),
    selectinload(_V.documents).selectinload(models.Document.evidence),
    selectinload(_V.recordings).selectinload(models.Recording.evidence),
    selectinload(_V.recordings)
    .selectinload(models.Recording.transcript)
    .selectinload(models.Transcript.evidence),
    selectinload(_V.transcripts),
    selectinload(_V.files),
)


def _resolve(session: Session, reference: str) -> models.CaseVersion:
    text = reference.strip()
    wanted_version: int | None = None
    suffix = _VERSION_SUFFIX.match(text)
    if suffix:
        text, wanted_version = suffix.group(1).strip(), int(suffix.group(2))
    case = _case_by_reference(session, text)
    if wanted_version is None:
        found: models.CaseVersion | None = case.latest
    else:
        found = next((v for v in case.versions if v.version == wanted_version), None)
    if found is not None:
        # The version keeps its case alive: the session holds objects weakly, and a case
        # let go here would be read again, versions and all, at the next `version.case`.
        set_committed_value(found, "case", case)
        return found
    raise CaseNotFoundError(
        f"案件 {case.short_id}（{case.number}）没有第 {wanted_version} 版，共 {len(case.versions)} 版"
    )


def _case_by_reference(session: Session, text: str) -> models.Case:
    short = _SHORT_ID.match(text)
    if short:
        case = session.get(models.Case, int(short.group(1)))
        if case is not None:
            return case
    candidates = session.scalars(
        select(models.Case).where(models.Case.number == text).order_by(models.Case.id)
    ).all()
    if not candidates:
        count = session.scalar(select(func.count()).select_from(models.Case))
        hint = "（用 workstation cases 查看已有案件）" if count else "（尚未导入任何案件）"
        raise CaseNotFoundError(f"找不到案件 {text}{hint}")
    if len(candidates) > 1:
        lines = [f"{c.short_id}  {c.latest.agency_name}  {c.number}" for c in candidates]
        raise AmbiguousCaseError(
            f"案号 {text} 对应 {len(candidates)} 个执法主体的案件，请用编号指定："
            + "；".join(lines),
            details=lines,
        )
    return candidates[0]
