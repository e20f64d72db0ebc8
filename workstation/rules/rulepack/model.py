"""A jurisdiction rule pack as plain, typed data (format `legal-review-rulepack/1`).

Built from the merged, validated YAML by `from_document`. A block the pack does not give is
None (or empty): the rules that need it do not run. Every number comes from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_PARTY_KINDS = {
    "person": "citizen",
    "individual_business": "citizen",
    "organisation": "organisation",
}


@dataclass(frozen=True)
class Threshold:
    """A figure a value must reach: `>= value` when inclusive, `> value` when not."""

    value: float
    inclusive: bool = True

    def met(self, figure: float | None) -> bool:
        if figure is None:
            return False
        return figure >= self.value if self.inclusive else figure > self.value


@dataclass(frozen=True)
class CalendarData:
    weekend: frozenset[int]
    holidays: frozenset[date]
    adjusted_workdays: frozenset[date]
    covered_from: date | None
    covered_through: date | None


@dataclass(frozen=True)
class DayCounting:
    exclude_start_day: bool = True
    roll_end_to_next_workday: bool = True
    working_day_periods_days: frozenset[int] = frozenset()
    coercion_working_day_max: int | None = None


@dataclass(frozen=True)
class Periods:
    hearing_request_days: int | None = None
    hearing_notice_days: int | None = None
    preservation_decision_days: int | None = None
    emergency_approval_hours: float | None = None
    demand_notice_days: int | None = None  # ENF-12: working days after a 催告


@dataclass(frozen=True)
class ReviewRules:
    deadline_days: int
    day_kind: str  # calendar | working
    extension_days: int = 0
    extension_max: int = 0
    due_soon_days: int = 0
    re_review_max: int = 0
    dispute_route: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogEntry:
    """One line of the major-decision catalog; it matches when every matcher given does."""

    label: str
    action_type: str | None = None
    procedure: str | None = None
    measure: str | None = None
    party: tuple[str, ...] | None = None
    field: str | None = None
    min_amount: Threshold | None = None
    any_of: tuple[tuple[str, Threshold], ...] = ()
    event: str | None = None
    flags: tuple[str, ...] | None = None
    source: str | None = None

    @property
    def automatic(self) -> bool:
        """False for a line only a person can judge ("其他重大影响的")."""
        return any(
            x is not None and x != ()
            for x in (
                self.action_type,
                self.procedure,
                self.measure,
                self.party,
                self.min_amount,
                self.any_of,
                self.event,
                self.flags,
            )
        )


@dataclass(frozen=True)
class HearingRules:
    measures: frozenset[str] = frozenset()
    fine_threshold: dict[str, Threshold] = field(default_factory=dict)
    confiscation_threshold: dict[str, Threshold] = field(default_factory=dict)


@dataclass(frozen=True)
class SimpleProcedure:
    max_fine: dict[str, float]
    measures: frozenset[str]


@dataclass(frozen=True)
class FineRange:
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Multiple:
    """A fine fixed as `min`–`max` times a base amount at or above `from_amount`."""

    min: float
    max: float
    from_amount: float = 0


@dataclass(frozen=True)
class Provision:
    law: str
    article: int
    measures: frozenset[str]
    paragraph: int | None = None
    item: int | None = None
    fine: FineRange | None = None
    multiple: Multiple | None = None
    title: str | None = None


@dataclass(frozen=True)
class ProvisionRef:
    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None


@dataclass(frozen=True)
class Benchmark:
    id: str
    tiers: dict[str, FineRange]
    conduct: str | None = None
    provision: ProvisionRef | None = None


@dataclass(frozen=True)
class ReferralThreshold:
    domain: str
    label: str
    measures: frozenset[str]
    field: str
    min: Threshold


@dataclass(frozen=True)
class Seizure:
    max_days: int
    extension_max_days: int = 0
    extensions_max: int = 0


@dataclass(frozen=True)
class AgencyPower:
    """AUTH-02: the action types an agency may take (`code` compared first when both give
    one, else `name`)."""

    name: str
    action_types: frozenset[str]
    code: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class RulePack:
    """One loaded pack, its `extends` chain merged in."""

    id: str
    name: str
    files: tuple[Path, ...]  # the pack's file and those it extends, nearest first
    timezone: tzinfo
    sources: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None
    calendar: CalendarData | None = None
    day_counting: DayCounting = DayCounting()
    periods: Periods = Periods()
    min_officers: int | None = None
    review: ReviewRules | None = None
    party_kinds: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PARTY_KINDS))
    simple_procedure: SimpleProcedure | None = None
    catalog: tuple[CatalogEntry, ...] = ()
    hearing: HearingRules | None = None
    statement_period_working_days: int | None = None
    night_window: tuple[time, time] | None = None
    recording_required: frozenset[str] = frozenset()
    recording_required_delivery_methods: frozenset[str] = frozenset()
    recording_archive_hours: float | None = None
    limitation_years: dict[str, int] | None = None
    case_deadline_days: int | None = None
    case_deadline_days_by_domain: dict[str, int] = field(default_factory=dict)
    gross_overrun_factor: float | None = None  # TIME-02: absent, no gross-overrun error
    agency_powers: tuple[AgencyPower, ...] = ()
    seizure: Seizure | None = None
    required_documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    provisions: tuple[Provision, ...] = ()
    discretion_benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    criminal_referral: tuple[ReferralThreshold, ...] = ()

    def party_class(self, kind: str) -> str:
        return self.party_kinds.get(kind, kind)


def from_document(doc: dict[str, Any], files: tuple[Path, ...]) -> RulePack:
    """The typed pack from a merged, schema-valid document."""
    return RulePack(
        id=doc["id"],
        name=doc["name"],
        files=files,
        timezone=_timezone(doc.get("timezone", "+08:00")),
        sources=tuple(doc.get("sources", ())),
        valid_from=_date(doc.get("valid_from")),
        valid_until=_date(doc.get("valid_until")),
        calendar=_calendar(doc.get("calendar")),
        day_counting=_day_counting(doc.get("day_counting", {})),
        periods=Periods(**doc.get("periods", {})),
        min_officers=doc.get("min_officers"),
        review=_review(doc.get("review")),
        party_kinds={**DEFAULT_PARTY_KINDS, **doc.get("party_kinds", {})},
        simple_procedure=_simple(doc.get("simple_procedure")),
        catalog=tuple(_catalog_entry(e) for e in doc.get("catalog", ())),
        hearing=_hearing(doc.get("hearing")),
        statement_period_working_days=doc.get("statement_period_working_days"),
        night_window=_night(doc.get("night_window")),
        recording_required=frozenset(doc.get("recording_required", ())),
        recording_required_delivery_methods=frozenset(
            doc.get("recording_required_delivery_methods", ())
        ),
        recording_archive_hours=doc.get("recording_archive_hours"),
        limitation_years=doc.get("limitation_years"),
        case_deadline_days=doc.get("case_deadline_days"),
        case_deadline_days_by_domain=dict(doc.get("case_deadline_days_by_domain", {})),
        gross_overrun_factor=doc.get("gross_overrun_factor"),
        agency_powers=tuple(
            AgencyPower(
                name=a["name"],
                action_types=frozenset(a["action_types"]),
                code=a.get("code"),
                source=a.get("source"),
            )
            for a in doc.get("agency_powers", ())
        ),
        seizure=Seizure(**doc["seizure"]) if "seizure" in doc else None,
        required_documents={k: tuple(v) for k, v in doc.get("required_documents", {}).items()},
        provisions=tuple(_provision(p) for p in doc.get("provisions", ())),
        discretion_benchmarks={
            b["id"]: _benchmark(b) for b in doc.get("discretion_benchmarks", ())
        },
        criminal_referral=tuple(_referral(r) for r in doc.get("criminal_referral", ())),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _timezone(text: str) -> tzinfo:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = (int(p) for p in text[1:].split(":"))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _threshold(raw: dict[str, Any]) -> Threshold:
    return Threshold(float(raw["value"]), bool(raw.get("inclusive", True)))


def _calendar(raw: dict[str, Any] | None) -> CalendarData | None:
    if raw is None:
        return None
    return CalendarData(
        weekend=frozenset(WEEKDAYS.index(d) for d in raw.get("weekend", ["sat", "sun"])),
        holidays=frozenset(date.fromisoformat(d) for d in raw.get("holidays", ())),
        adjusted_workdays=frozenset(
            date.fromisoformat(d) for d in raw.get("adjusted_workdays", ())
        ),
        covered_from=_date(raw.get("covered_from")),
        covered_through=_date(raw.get("covered_through")),
    )


def _day_counting(raw: dict[str, Any]) -> DayCounting:
    return DayCounting(
        exclude_start_day=raw.get("exclude_start_day", True),
        roll_end_to_next_workday=raw.get("roll_end_to_next_workday", True),
        working_day_periods_days=frozenset(raw.get("working_day_periods_days", ())),
        coercion_working_day_max=raw.get("coercion_working_day_max"),
    )


def _review(raw: dict[str, Any] | None) -> ReviewRules | None:
    if raw is None:
        return None
    return ReviewRules(**{**raw, "dispute_route": tuple(raw.get("dispute_route", ()))})


def _simple(raw: dict[str, Any] | None) -> SimpleProcedure | None:
    if raw is None:
        return None
    return SimpleProcedure(
        max_fine={k: float(v) for k, v in raw.get("max_fine", {}).items()},
        measures=frozenset(raw.get("measures", ())),
    )


def _catalog_entry(raw: dict[str, Any]) -> CatalogEntry:
    return CatalogEntry(
        label=raw["label"],
        action_type=raw.get("action_type"),
        procedure=raw.get("procedure"),
        measure=raw.get("measure"),
        party=tuple(raw["party"]) if "party" in raw else None,
        field=raw.get("field"),
        min_amount=_threshold(raw["min_amount"]) if "min_amount" in raw else None,
        any_of=tuple((a["field"], _threshold(a["min"])) for a in raw.get("any_of", ())),
        event=raw.get("event"),
        flags=tuple(raw["flag"]) if "flag" in raw else None,
        source=raw.get("source"),
    )


def _hearing(raw: dict[str, Any] | None) -> HearingRules | None:
    if raw is None:
        return None
    return HearingRules(
        measures=frozenset(raw.get("measures", ())),
        fine_threshold={k: _threshold(v) for k, v in raw.get("fine_threshold", {}).items()},
        confiscation_threshold={
            k: _threshold(v) for k, v in raw.get("confiscation_threshold", {}).items()
        },
    )


def _night(raw: dict[str, str] | None) -> tuple[time, time] | None:
    if raw is None:
        return None
    return time.fromisoformat(raw["start"]), time.fromisoformat(raw["end"])


def _provision(raw: dict[str, Any]) -> Provision:
    fine = raw.get("fine")
    multiple = fine.get("or_multiple_of") if fine else None
    return Provision(
        law=raw["law"],
        article=raw["article"],
        paragraph=raw.get("paragraph"),
        item=raw.get("item"),
        measures=frozenset(raw["measures"]),
        fine=FineRange(fine.get("min"), fine.get("max")) if fine else None,
        multiple=Multiple(multiple["min"], multiple["max"], multiple.get("from", 0))
        if multiple
        else None,
        title=raw.get("title"),
    )


def _benchmark(raw: dict[str, Any]) -> Benchmark:
    ref = raw.get("provision")
    return Benchmark(
        id=raw["id"],
        conduct=raw.get("conduct"),
        provision=ProvisionRef(**ref) if ref else None,
        tiers={name: FineRange(**tier.get("fine", {})) for name, tier in raw["tiers"].items()},
    )


def _referral(raw: dict[str, Any]) -> ReferralThreshold:
    return ReferralThreshold(
        domain=raw["domain"],
        label=raw["label"],
        measures=frozenset(raw["measure"]),
        field=raw["field"],
        min=_threshold(raw["min"]),
    )
