"""The opinion as an editor shows it, its free text saved as it is typed, and what signing
it would need — the reading side of `OpinionService`.

Until signed (under review, re-review, negotiation, opinion issued) a case shows the unsigned
revision of the version under review (before the first save, a draft only on screen); then
the latest signed revision, exactly as filed. The wording may change only while the checklist
may (issuing locks both: the head signs what was issued); a revision is numbered when issued,
and every unsigned rendering, preview or export, is marked 草稿.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from workstation.casefile.stored_case import reviewer_offsets
from workstation.errors import IllegalActionError, StorageError
from workstation.opinion.build import opinion_content
from workstation.opinion.content import FigureContent, OpinionContent
from workstation.opinion.docx_writer import (
    NUMBER_PENDING,
    TEXT_KEYS,
    check_text_keys,
    render_opinion,
)
from workstation.opinion.figures import opinion_figures
from workstation.os_errors import os_error_text
from workstation.review.checklist import EDITABLE, VERDICTS, ChecklistService
from workstation.review.desk import Desk, Unit, may_edit
from workstation.review.review_hands import opinion_reviewers
from workstation.review.stale_edits import OPINION_TEXT_CHANGES as OPINION_TEXTS
from workstation.review.stale_edits import newest, refuse_stale
from workstation.review.workflow_rules import OUTCOMES
from workstation.review.workflow_service import WorkflowService
from workstation.security.key_registry import active_key, signing_certificate
from workstation.security.keystore import KeyStore
from workstation.security.users import require
from workstation.store.evidence import EvidenceStore
from workstation.store.models import CaseVersion
from workstation.store.review_models import Opinion, User
from workstation.timefmt import office_time

# Where an opinion's wording may still change: with the checklist, until it is issued.
DRAFTABLE = EDITABLE
# Where the unsigned revision is the one shown (and exported as a draft).
UNSIGNED = EDITABLE | {"opinion_issued"}
TEXT_LABELS = {"opening": "开头语", "closing": "结束语"}
TEXT_PLACES = {
    "opening": "印在审核依据之后、各审核要点之前",
    "closing": "印在审核结论之后、署名之前",
}
NOT_DRAFTABLE = "只有审核中、尚未出具审核意见的案件可以起草或修改意见书"
UNFILLED = "未填写"  # a checklist point without a verdict, as the sign dialog lists it
ISSUED_LOCKED = "审核意见已出具，意见书文字已与审核要点一并锁定，等待法制机构负责人签发"
NO_OUTCOME = "请先填写审核结论（同意、退回补正或不同意）再起草意见书"


@dataclass(frozen=True)
class Signature:
    """Who signed a revision, when, with which key."""

    signer: str  # the head's name
    login: str
    signed_at: datetime  # office time
    fingerprint: str


@dataclass(frozen=True)
class OpinionView:
    """The opinion of a case as one user sees it now, and what that user may do with it."""

    case_number: str
    case_title: str
    state: str  # the case's review state
    content: OpinionContent | None  # None when there is no opinion to show (see `problem`)
    revision: int | None  # None: a draft not saved yet
    texts: dict[str, str]  # the free-text parts, every key of TEXT_KEYS
    signature: Signature | None
    edit_refusal: str | None  # why this user may not edit the texts now; None: may edit
    export_refusal: str | None  # why this user may not export what is shown; None: may
    signer_role: bool  # the user holds the right to sign opinions
    sign_refusal: str | None  # why this user may not sign now; None: may sign
    problem: str | None = None  # why there is no opinion to show
    texts_seen: int = 0  # the wording's newest change: what a save says it saw (stale_edits)

    @property
    def editable(self) -> bool:
        """Whether the user may change the free-text parts now."""
        return self.edit_refusal is None


@dataclass(frozen=True)
class SignRequest:
    """What the head confirms before signing, or why signing is refused."""

    case_number: str
    case_title: str
    outcome: str | None  # 同意 / 退回补正 / 不同意
    number: str | None  # the document number
    revision: int | None
    key_fingerprint: str | None
    refusal: str | None
    points: tuple[tuple[str, str], ...] = ()  # each checklist point and its verdict (or 未填写)
    pending_findings: int = 0  # automatic findings neither accepted nor dismissed


class OpinionDesk(Desk):
    """The opinion's reading side: what the editor shows and the checks shared with writing."""

    store: EvidenceStore
    keys: KeyStore
    checklist: ChecklistService
    workflow: WorkflowService
    template: Path | None

    def view(self, reference: str, login: str) -> OpinionView:
        """The opinion of the case as `login` sees it (reads only, stores nothing)."""
        with self.reading(reference, login) as unit:
            opinion = self._shown(unit)
            edit_refusal = self._edit_refusal(unit, opinion)
            export_refusal = self._export_refusal(unit, opinion)
            signer_role, sign_refusal = self._sign_check(unit, lambda: None)
            texts = {key: "" for key in TEXT_KEYS}
            if opinion is None:
                problem = NO_OUTCOME if unit.case.review_state in UNSIGNED else None
                return OpinionView(
                    unit.case.number,
                    unit.version.title,
                    unit.case.review_state,
                    None,
                    None,
                    texts,
                    None,
                    edit_refusal,
                    export_refusal,
                    signer_role,
                    sign_refusal,
                    problem or f"{unit.case.number} 尚无审核意见书",
                )
            texts.update({k: v for k, v in opinion.texts.items() if isinstance(v, str)})
            signature = None
            if opinion.signed_at is not None and opinion.signed_by is not None:
                head = unit.session.get_one(User, opinion.signed_by)
                signature = Signature(
                    head.display_name,
                    head.login,
                    office_time(opinion.signed_at),
                    opinion.key_fingerprint or "",
                )
            return OpinionView(
                unit.case.number,
                unit.version.title,
                unit.case.review_state,
                self._content(unit, opinion),
                opinion.revision if opinion.id is not None else None,
                texts,
                signature,
                edit_refusal,
                export_refusal,
                signer_role,
                sign_refusal,
                texts_seen=newest(unit.session, unit.case.id, OPINION_TEXTS),
            )

    def save_texts(
        self, reference: str, login: str, texts: dict[str, str], *, seen: int | None = None
    ) -> int:
        """Store the free-text parts as typed (no file); the revision. The first save of a
        draft creates its revision and gives it its document number. Changed parts are logged
        with their wording; refused if another changed it after `seen` (stale_edits)."""
        check_text_keys(texts)
        with self.unit(reference, login, "opinion.draft", "保存意见书文字") as unit:
            problem = self._draft_refusal(unit)
            if problem:
                raise IllegalActionError(problem)
            refuse_stale(unit, OPINION_TEXTS, seen, "意见书文字")
            opinion = self.workflow.ensure_opinion(unit)
            changed = {k: v for k, v in texts.items() if opinion.texts.get(k, "") != v}
            if changed:
                opinion.texts = {**opinion.texts, **changed}
                unit.log("opinion.text", revision=opinion.revision, texts=changed)
            return opinion.revision

    def document(self, reference: str, login: str, texts: dict[str, str] | None = None) -> bytes:
        """The DOCX of the opinion `view` shows: a draft rendered now, with `texts` laid over
        the saved ones (not stored), or a signed revision's filed file, unchanged."""
        check_text_keys(texts or {})
        with self.reading(reference, login) as unit:
            opinion = self._shown(unit)
            if opinion is None:
                raise IllegalActionError(NO_OUTCOME)
            if opinion.signed_at is not None and opinion.docx_sha256 is not None:
                return self._stored(opinion.docx_sha256, unit.case.number)
            content = self._content(unit, opinion)
        merged = {**content.texts, **(texts or {})}
        return render_opinion(dataclasses.replace(content, texts=merged), self.template)

    def sign_request(self, reference: str, login: str) -> SignRequest:
        """What signing the case's opinion would sign, and the reason if `login` may not."""
        with self.reading(reference, login) as unit:
            opinion = self._latest_unsigned(unit)
            key: list[str] = []
            _role, problem = self._sign_check(unit, lambda: key.append(self._key_of(unit)))
            checklist = self.checklist.view(unit)
            return SignRequest(
                unit.case.number,
                unit.version.title,
                OUTCOMES.get(opinion.outcome) if opinion else None,
                opinion.number if opinion else None,
                opinion.revision if opinion else None,
                key[0] if key else None,
                problem,
                tuple(
                    (s.name, VERDICTS.get(s.verdict or "", UNFILLED)) for s in checklist.sections
                ),
                sum(f.decision is None for s in checklist.sections for f in s.findings),
            )

    # --- shared with OpinionService ---------------------------------------------------------

    def _draft_refusal(self, unit: Unit, *, export: bool = False) -> str | None:
        """Why `unit`'s user may not change the draft now — or, with `export`, write it out
        as a draft, which is also allowed once issued (the permission is the unit's own
        check: drafting's roles)."""
        state = unit.case.review_state
        if state == "opinion_issued" and not export:
            return ISSUED_LOCKED
        if state not in (UNSIGNED if export else DRAFTABLE):
            return NOT_DRAFTABLE
        try:
            may_edit(unit)
        except IllegalActionError as exc:
            return exc.message
        if unit.review.outcome is None:
            return NO_OUTCOME
        return None

    def _unsigned(self, unit: Unit) -> Opinion:
        """The revision signing would sign; refused when there is none."""
        opinion = self._latest_unsigned(unit)
        if opinion is None:
            raise IllegalActionError("没有待签发的审核意见书")
        if opinion.outcome not in OUTCOMES:
            raise IllegalActionError("审核意见书没有审核结论")
        return opinion

    def _render(
        self,
        unit: Unit,
        opinion: Opinion,
        head: str | None,
        texts: dict[str, str] | None = None,
        *,
        root: str | None = None,
    ) -> bytes:
        """The DOCX of `opinion` as the review stands now, signed by `head` (None: a blank),
        the office root `root`'s fingerprint in the footer."""
        content = self._content(unit, opinion, head=head, on=office_time(unit.now).date())
        merged = {**content.texts, **(texts or {})}
        content = dataclasses.replace(content, texts=merged, root_fingerprint=root)
        return render_opinion(content, self.template)

    def _stored(self, sha256: str, case_number: str) -> bytes:
        """A filed opinion file's bytes; a Chinese error if the evidence store lost it."""
        try:
            return self.store.path_for(sha256).read_bytes()
        except OSError as exc:
            raise StorageError(
                f"{case_number} 的审核意见书存档文件 {sha256[:12]}… 无法读取"
                f"（{os_error_text(exc)}）；请用 workstation verify 检查证据库"
            ) from exc

    # --- helpers ---------------------------------------------------------------------------

    def _content(
        self,
        unit: Unit,
        opinion: Opinion,
        *,
        head: str | None = None,
        on: date | None = None,
    ) -> OpinionContent:
        if opinion.signed_at is not None and head is None:
            signer = unit.session.get(User, opinion.signed_by) if opinion.signed_by else None
            head = signer.display_name if signer else None
            on = office_time(opinion.signed_at).date()
        content = opinion_content(
            unit.version,
            self.checklist.view(unit),
            opinion,
            self.pack(),
            reviewer="、".join(opinion_reviewers(unit.session, opinion, unit.review)),
            head=head,
            on=on or office_time(unit.now).date(),
            figures=self._figures(unit, opinion),
        )
        if head is not None:  # what signing files
            return content
        # Anything else unsigned is a draft: marked so, and numbered only once issued.
        return dataclasses.replace(content, number=opinion.number or NUMBER_PENDING, draft=True)

    def _figures(self, unit: Unit, opinion: Opinion) -> tuple[FigureContent, ...]:
        """The frame snapshots the revision prints: a signed one's as they were at signing."""
        version = unit.version
        if opinion.version_id is not None and opinion.version_id != version.id:
            version = unit.session.get_one(CaseVersion, opinion.version_id)
        offsets = reviewer_offsets(unit.session, version)
        return opinion_figures(unit.session, self.store, version, offsets, opinion.signed_at)

    def _shown(self, unit: Unit) -> Opinion | None:
        """The revision the editor shows (see the module docstring); a transient Opinion, never
        added to the session, for a draft not saved yet."""
        if unit.case.review_state in UNSIGNED:
            current = unit.session.scalar(
                select(Opinion)
                .where(
                    Opinion.case_id == unit.case.id,
                    Opinion.version_id == unit.version.id,
                    Opinion.signed_at.is_(None),
                )
                .order_by(Opinion.revision.desc())
            )
            if current is not None:
                return current
            if unit.review.outcome is None:
                return None
            last = unit.session.scalar(
                select(func.max(Opinion.revision)).where(Opinion.case_id == unit.case.id)
            )
            return Opinion(
                case_id=unit.case.id,
                version_id=unit.version.id,
                revision=(last or 0) + 1,
                number="",
                texts={},
                outcome=unit.review.outcome,
            )
        revisions = unit.session.scalars(
            select(Opinion).where(Opinion.case_id == unit.case.id).order_by(Opinion.revision.desc())
        ).all()
        signed = [o for o in revisions if o.signed_at is not None]
        if signed:
            return signed[0]
        return revisions[0] if revisions else None

    def _latest_unsigned(self, unit: Unit) -> Opinion | None:
        return unit.session.scalar(
            select(Opinion)
            .where(Opinion.case_id == unit.case.id, Opinion.signed_at.is_(None))
            .order_by(Opinion.revision.desc())
        )

    def _export_refusal(self, unit: Unit, opinion: Opinion | None) -> str | None:
        """A signed revision is exported by anyone who may read the case; a draft only by
        those who may draft it (a clerk sees the draft, but cannot take a copy away)."""
        if opinion is None or opinion.signed_at is not None:
            return None
        try:
            require(unit.user, "opinion.draft", real_case=unit.version.exercise_sha256 is None)
        except IllegalActionError as exc:
            return f"意见书尚未签发，草稿只能由起草人员导出（{exc.message}）"
        return self._draft_refusal(unit, export=True)

    def _edit_refusal(self, unit: Unit, opinion: Opinion | None) -> str | None:
        if opinion is not None and opinion.signed_at is not None:
            return f"第 {opinion.revision} 稿意见书（{opinion.number}）已签发，不能再修改"
        try:
            require(unit.user, "opinion.draft", real_case=unit.version.exercise_sha256 is None)
        except IllegalActionError as exc:
            return exc.message
        return self._draft_refusal(unit)

    def _sign_check(self, unit: Unit, more: Callable[[], None]) -> tuple[bool, str | None]:
        """(whether the user holds the right to sign, why signing is refused now or None);
        `more` runs the checks after the workflow's, raising IllegalActionError."""
        try:
            require(unit.user, "opinion.sign", real_case=unit.version.exercise_sha256 is None)
        except IllegalActionError as exc:
            return False, exc.message
        problem = self.workflow.obstacle(unit, "sign")
        if problem:
            return True, problem
        try:
            self._unsigned(unit)
            more()
        except IllegalActionError as exc:
            return True, exc.message
        return True, None

    def _key_of(self, unit: Unit) -> str:
        """The user's key's fingerprint, if certified for now and its private key is here."""
        key = active_key(unit.session, unit.user)
        signing_certificate(unit.session, key, office_time(unit.now).replace(microsecond=0))
        self.keys.load(unit.user.login)
        return str(key.fingerprint)
