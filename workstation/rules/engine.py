"""Running every automatic check on one case under one rule pack.

Pure: the same case, files and pack give the same report, wherever the case came from (a
bundle being checked, or the store with the reviewer's corrections applied).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from workstation.casefile.model import CaseManifest
from workstation.rules.calendar import DayCounter, Period, World
from workstation.rules.checks import (
    coercion,
    delivery,
    discretion,
    documents,
    enforcement,
    measures,
    notice,
    officers,
    party,
    powers,
    procedure,
    provisions,
    recordings,
    referral,
    scope,
    time,
)
from workstation.rules.context import CheckContext, FileFacts
from workstation.rules.findings import Finding, ordered
from workstation.rules.rulepack.model import RulePack

Check = Callable[[CheckContext], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    scope.simple_procedure,
    time.limitation,
    time.case_deadline,
    time.notice_given,
    time.statement_period,
    time.hearing_request,
    time.hearing_notice,
    time.preservation,
    party.minors,
    party.identity_numbers,
    officers.investigative_acts,
    officers.hearing_host,
    officers.coercive_acts,
    procedure.order,
    procedure.hearing_right,
    procedure.hearing_held,
    procedure.collective_discussion,
    procedure.recheck,
    provisions.measure_types,
    provisions.fine_range,
    measures.legal_basis,
    measures.figures,
    notice.heavier_than_notice,
    recordings.coverage,
    recordings.archiving,
    discretion.benchmark_tier,
    coercion.approval,
    coercion.seizure_term,
    coercion.night_or_rest_day,
    enforcement.open_seizure,
    enforcement.court_application,
    delivery.public_notice,
    delivery.recipient,
    referral.thresholds,
    documents.required,
    documents.integrity,
    documents.authority,
    powers.agency_powers,
    documents.references,
    documents.pack_validity,
)


@dataclass(frozen=True)
class CheckReport:
    """What the automatic checks found, in the shape of `workstation check --json`."""

    case_number: str
    pack_id: str
    pack_name: str
    major: bool
    major_reasons: list[str]
    review_due: date | None
    review_due_approximate: bool
    findings: list[Finding]

    @property
    def approximate(self) -> bool:
        return self.review_due_approximate or any(f.approximate for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case_number,
            "rule_pack": self.pack_id,
            "major": self.major,
            "major_reasons": self.major_reasons,
            "review_due": self.review_due.isoformat() if self.review_due else None,
            "approximate": self.approximate,
            "findings": [f.to_json() for f in self.findings],
        }


def check_case(case: CaseManifest, pack: RulePack, files: FileFacts | None = None) -> CheckReport:
    """Every automatic check of review-rules.md on `case`."""
    ctx = CheckContext(case, pack, files or FileFacts())
    major = scope.assess(ctx)
    findings = list(major.findings)
    for check in CHECKS:
        findings.extend(check(ctx))
    due, approximate = review_due(case.submitted_at, pack)
    return CheckReport(
        case_number=case.number,
        pack_id=pack.id,
        pack_name=pack.name,
        major=major.major,
        major_reasons=major.reasons,
        review_due=due,
        review_due_approximate=approximate,
        findings=ordered(findings),
    )


def review_due(submitted_at: datetime, pack: RulePack) -> tuple[date | None, bool]:
    """The review deadline from submission under the pack's `review` block, and whether it
    is only an estimate (it reaches past the calendar)."""
    rules = pack.review
    if rules is None:
        return None, False
    days = DayCounter(pack)
    period = Period(
        days,
        days.local_date(submitted_at),
        rules.deadline_days,
        working=rules.day_kind == "working",
        roll=True,
    )
    uncertain = period.last(World.EARLIEST) != period.last(World.LATEST)
    return period.last(World.ESTIMATE), uncertain
