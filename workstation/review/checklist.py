"""The reviewer's checklist: verdicts, comments, citations, decisions on findings, the outcome.

Every edit is its own committed transaction with its audit entry (service-level autosave).
Citations follow one model for the viewer and the player: a document id + page (1-based) +
optional rectangle in PDF points, or a recording id + start/end in milliseconds of media time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from workstation.casefile.stored_case import reviewer_offsets
from workstation.errors import IllegalActionError
from workstation.review import stale_edits
from workstation.review.citing import check_citation, citation_text
from workstation.review.desk import Desk, FindingView, Unit, may_edit
from workstation.review.ref_labels import ref_labels
from workstation.review.workflow_rules import OUTCOMES, STATES
from workstation.rules.findings import SECTION_NAMES, SECTIONS
from workstation.store.review_models import Citation, FindingDecision, SectionReview

VERDICTS = {"ok": "无问题", "issue": "存在问题", "n/a": "不适用"}
EDITABLE = frozenset({"under_review", "re_review", "negotiation"})


@dataclass(frozen=True)
class CitationSpec:
    """Where a point is: a document page (and rectangle), or a recording time range."""

    kind: str  # document | recording
    target: str
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    note: str = ""

    @classmethod
    def of(cls, citation: Citation) -> CitationSpec:
        """The spec of a stored citation (what the viewer or player opens)."""
        rect = citation.rect
        return cls(
            kind=citation.kind,
            target=citation.target,
            page=citation.page,
            rect=(rect[0], rect[1], rect[2], rect[3]) if rect else None,
            start_ms=citation.start_ms,
            end_ms=citation.end_ms,
            note=citation.note or "",
        )


@dataclass(frozen=True)
class SectionView:
    section: str
    name: str
    verdict: str | None
    comment: str
    citations: list[Citation]
    findings: list[FindingView]
    cited: list[str]  # each citation as the opinion writes it, in the same order
    seen: int = 0  # its newest change (an audit seq): what an edit of it says it saw

    def citations_json(self) -> list[dict[str, Any]]:
        """Each citation's fields and its text as the opinion writes it (id not included)."""
        return [
            {
                "kind": c.kind,
                "target": c.target,
                "page": c.page,
                "rect": c.rect,
                "start_ms": c.start_ms,
                "end_ms": c.end_ms,
                "note": c.note,
                "text": text,
            }
            for c, text in zip(self.citations, self.cited, strict=True)
        ]


@dataclass(frozen=True)
class Checklist:
    """The whole review of one version, as the CLI and the desktop show it."""

    case_number: str
    version: int
    state: str
    sections: list[SectionView]
    outcome: str | None
    reasons: str
    # Why the reader may not edit it now (state, rights, recusal, assignment); None: may edit.
    locked: str | None = None
    # What a finding's refs name: id → event, document or recording.
    targets: Mapping[str, str] = field(default_factory=dict)
    # How a finding's refs read: ref → 当事人 name, 2026-04-10 听证, 文书《title》…; a ref the
    # case does not list has none.
    labels: Mapping[str, str] = field(default_factory=dict)
    outcome_seen: int = 0  # the outcome's newest change (see SectionView.seen)

    @property
    def editable(self) -> bool:
        return self.locked is None

    @property
    def done(self) -> int:
        return sum(s.verdict is not None for s in self.sections)

    @property
    def open_errors(self) -> int:
        return sum(f.open_error for s in self.sections for f in s.findings)


class ChecklistService(Desk):
    """Reading and editing the checklist of the case under review."""

    def checklist(self, reference: str, login: str) -> Checklist:
        """The checklist as `login` sees it, saying whether (and why not) they may edit it."""
        with self.reading(reference, login) as unit:
            view = self.view(unit)
            try:
                # The same checks an edit makes, without taking the write lock.
                may_change(self.permitted(unit, "review.edit"))
            except IllegalActionError as exc:
                return replace(view, locked=exc.message)
            return view

    def set_verdict(
        self,
        reference: str,
        section: str,
        verdict: str | None,
        login: str,
        *,
        seen: int | None = None,
    ) -> None:
        """Verdict `ok` / `issue` / `n/a` on a section (None clears it); refused if someone
        else changed the section after `seen` (stale_edits)."""
        if verdict is not None and verdict not in VERDICTS:
            raise IllegalActionError(
                f"审核结论 {verdict} 无效，可选：ok（无问题）、issue（存在问题）、n/a（不适用）"
            )
        with self._editing(reference, login, "填写审核结论") as unit:
            row = self._section(unit, section, seen)
            row.verdict = verdict
            unit.log("review.verdict", section=section, verdict=verdict)

    def set_comment(
        self, reference: str, section: str, comment: str, login: str, *, seen: int | None = None
    ) -> None:
        with self._editing(reference, login, "填写审核意见") as unit:
            row = self._section(unit, section, seen)
            row.comment = comment
            unit.log("review.comment", section=section, comment=comment)

    def add_citation(self, reference: str, section: str, spec: CitationSpec, login: str) -> int:
        """Attach a citation to a section; returns its id."""
        with self._editing(reference, login, "添加引用") as unit:
            _section_name(section)
            check_citation(unit, spec)
            row = Citation(
                version_id=unit.version.id,
                section=section,
                kind=spec.kind,
                target=spec.target,
                page=spec.page,
                rect=list(spec.rect) if spec.rect else None,
                start_ms=spec.start_ms,
                end_ms=spec.end_ms,
                note=spec.note,
                created_at=unit.now,
                created_by=unit.user.id,
            )
            unit.session.add(row)
            unit.session.flush()
            unit.log(
                "review.citation_add",
                section=section,
                citation=row.id,
                kind=spec.kind,
                target=spec.target,
                page=spec.page,
                rect=row.rect,
                start_ms=spec.start_ms,
                end_ms=spec.end_ms,
                note=spec.note,
            )
            return row.id

    def remove_citation(self, reference: str, citation_id: int, login: str) -> None:
        with self._editing(reference, login, "删除引用") as unit:
            row = unit.session.get(Citation, citation_id)
            if row is None or row.version_id != unit.version.id:
                raise IllegalActionError(f"本案没有编号为 {citation_id} 的引用")
            unit.session.delete(row)
            unit.log("review.citation_remove", citation=citation_id)

    def decide(
        self, reference: str, selector: str, decision: str, reason: str, login: str
    ) -> FindingView:
        """Accept or dismiss an automatic finding; a dismissal needs a reason."""
        if decision not in ("accepted", "dismissed"):
            raise IllegalActionError(
                f"处理方式 {decision} 无效：accepted（采纳）或 dismissed（不予采纳）"
            )
        if decision == "dismissed" and not reason.strip():
            raise IllegalActionError("不予采纳自动检查发现须说明理由")
        with self._editing(reference, login, "处理自动检查发现") as unit:
            view = _select(self.findings(unit.session, unit.version), selector)
            row = unit.session.scalar(
                select(FindingDecision).where(
                    FindingDecision.version_id == unit.version.id,
                    FindingDecision.fingerprint == view.fingerprint,
                )
            )
            if row is None:
                row = FindingDecision(
                    version_id=unit.version.id,
                    fingerprint=view.fingerprint,
                    rule=view.finding.rule,
                    decision=decision,
                    reason=reason,
                    decided_at=unit.now,
                    decided_by=unit.user.id,
                )
                unit.session.add(row)
            else:
                row.decision, row.reason = decision, reason
                row.decided_at, row.decided_by = unit.now, unit.user.id
            unit.log(
                "review.finding_" + decision,
                rule=view.finding.rule,
                fingerprint=view.fingerprint,
                reason=reason,
            )
            return FindingView(view.finding, view.fingerprint, decision, reason)

    def set_outcome(
        self, reference: str, outcome: str, reasons: str, login: str, *, seen: int | None = None
    ) -> None:
        """同意 / 退回补正 / 不同意 with its reasons, saved as typed (the reasons may still be
        empty: issuing refuses a return or rejection without them); approval is refused while
        an error is still open. Saving what is already stored changes and logs nothing."""
        if outcome not in OUTCOMES:
            raise IllegalActionError(
                f"审核结论 {outcome} 无效：approve（同意）、return（退回补正）、reject（不同意）"
            )
        with self._editing(reference, login, "填写审核结论") as unit:
            stale_edits.refuse_stale(unit, stale_edits.OUTCOME_CHANGES, seen, "审核结论")
            if outcome == "approve":
                open_errors = [v for v in self.findings(unit.session, unit.version) if v.open_error]
                if open_errors:
                    rules = "、".join(dict.fromkeys(v.finding.rule for v in open_errors))
                    raise IllegalActionError(
                        f"还有{len(open_errors)}项错误级别的发现（{rules}）既未解决也未说明理由"
                        f"不予采纳，不能同意"
                    )
            if (unit.review.outcome, unit.review.outcome_reasons or "") == (outcome, reasons):
                return
            unit.review.outcome, unit.review.outcome_reasons = outcome, reasons
            unit.log("review.outcome", outcome=outcome, reasons=reasons)

    # --- helpers ---------------------------------------------------------------------

    @contextmanager
    def _editing(self, reference: str, login: str, what: str) -> Iterator[Unit]:
        """`unit()` for edits: the review is open and the actor may edit it."""
        with self.unit(reference, login, "review.edit", what) as unit:
            may_change(unit)
            yield unit

    def _section(self, unit: Unit, section: str, seen: int | None = None) -> SectionReview:
        name = _section_name(section)
        stale_edits.refuse_stale(
            unit, stale_edits.SECTION_CHANGES, seen, f"审核要点“{name}”", section
        )
        row = unit.session.scalar(
            select(SectionReview).where(
                SectionReview.version_id == unit.version.id, SectionReview.section == section
            )
        )
        if row is None:
            row = SectionReview(
                version_id=unit.version.id,
                section=section,
                comment="",
                updated_at=unit.now,
                updated_by=unit.user.id,
            )
            unit.session.add(row)
        row.updated_at, row.updated_by = unit.now, unit.user.id
        return row

    def view(self, unit: Unit) -> Checklist:
        """The checklist of the unit's case version (inside its transaction)."""
        rows = {
            r.section: r
            for r in unit.session.scalars(
                select(SectionReview).where(SectionReview.version_id == unit.version.id)
            )
        }
        citations = list(
            unit.session.scalars(
                select(Citation).where(Citation.version_id == unit.version.id).order_by(Citation.id)
            )
        )
        findings = self.findings(unit.session, unit.version)
        offsets = reviewer_offsets(unit.session, unit.version)
        newest = stale_edits.newest_by_section(unit.session, unit.case.id)
        sections = [
            SectionView(
                section=section,
                name=name,
                verdict=rows[section].verdict if section in rows else None,
                comment=rows[section].comment if section in rows else "",
                citations=[c for c in citations if c.section == section],
                findings=[f for f in findings if f.finding.section == section],
                cited=[
                    citation_text(c, unit.version, offsets)
                    for c in citations
                    if c.section == section
                ],
                seen=newest.get(section, 0),
            )
            for section, name in SECTIONS
        ]
        version = unit.version
        targets = {e.key: "event" for e in version.events}
        targets.update({d.key: "document" for d in version.documents})
        targets.update({r.key: "recording" for r in version.recordings})
        labels = ref_labels(version, (r for f in findings for r in f.finding.refs))
        return Checklist(
            unit.case.number,
            version.version,
            unit.case.review_state,
            sections,
            unit.review.outcome,
            unit.review.outcome_reasons or "",
            targets=targets,
            labels=labels,
            outcome_seen=stale_edits.newest(
                unit.session, unit.case.id, stale_edits.OUTCOME_CHANGES
            ),
        )


def may_change(unit: Unit) -> None:
    """The review is open (accepted, no opinion yet) and the actor may edit it; the check
    every checklist edit makes (and the recordings' review edits, workstation/recordings)."""
    if unit.case.review_state not in EDITABLE:
        state = STATES.get(unit.case.review_state, unit.case.review_state)
        raise IllegalActionError(f"案件状态为“{state}”，审核意见只能在受理后、出具意见前修改")
    may_edit(unit)


def _section_name(section: str) -> str:
    if section not in SECTION_NAMES:
        choices = "、".join(f"{k}（{v}）" for k, v in SECTIONS)
        raise IllegalActionError(f"审核要点 {section} 不存在，可选：{choices}")
    return SECTION_NAMES[section]


def _select(views: list[FindingView], selector: str) -> FindingView:
    """A finding by fingerprint prefix, by rule id when it is the only one, or rule#n."""
    rule, _, number = selector.partition("#")
    matches = (
        [v for v in views if v.fingerprint.startswith(selector.lower())]
        if len(selector) >= 8
        else []
    )
    if not matches:
        matches = [v for v in views if v.finding.rule == rule.upper()]
        if number:
            index = int(number) - 1 if number.isdigit() else -1
            matches = [matches[index]] if 0 <= index < len(matches) else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise IllegalActionError(f"本案当前没有自动检查发现 {selector}")
    listed = "；".join(
        f"{v.finding.rule}#{i} {v.finding.message[:30]}…" for i, v in enumerate(matches, 1)
    )
    raise IllegalActionError(f"{selector} 对应多项发现，请用“规则#序号”指定：{listed}")
