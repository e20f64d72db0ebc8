"""What every check needs to know about one case under one rule pack.

The common definitions of review-rules.md live here once: local dates, officers who count,
"the notice", party classes, amounts of measures, recording spans, file facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from workstation.casefile.model import CaseManifest, Event, FileFacts, RecordingEntry
from workstation.rules.calendar import DayCounter
from workstation.rules.rulepack.model import RulePack

INVESTIGATIVE = ("inspection", "interview", "sampling", "evidence_preservation")
COERCIVE = ("seizure", "freeze")
# review-rules.md "Amounts": which field of a measure carries its amount.
_AMOUNT_FIELD = {
    "fine": "amount",
    "confiscate_gains": "amount",
    "freeze": "amount",
    "levy": "amount",
    "confiscate_property": "value",
    "seizure": "value",
    "auction": "value",
}


def amount_field(measure_type: str) -> str:
    return _AMOUNT_FIELD.get(measure_type, "amount")


def measure_figure(measure: Mapping[str, Any], field_name: str | None = None) -> float | None:
    """A measure's amount (or the named field), None when it has none."""
    value = measure.get(field_name or amount_field(measure["type"]))
    return float(value) if isinstance(value, int | float) else None


class CheckContext:
    """One case, one pack, one calendar."""

    def __init__(self, case: CaseManifest, pack: RulePack, files: FileFacts) -> None:
        self.case = case
        self.pack = pack
        self.files = files
        self.days = DayCounter(pack)
        self.measures: list[dict[str, Any]] = list(case.proposed_decision.get("measures", []))
        self.officers = {o.certificate_no: o for o in case.officers}
        self.submitted_on = self.date_of(case.submitted_at)

    # --- time ------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.pack.timezone)

    def date_of(self, moment: datetime) -> date:
        return self.days.local_date(moment)

    # --- events ----------------------------------------------------------------------

    def events(self, *types: str) -> list[Event]:
        """Events of these types, in time order."""
        return sorted((e for e in self.case.events if e.type in types), key=lambda e: e.at)

    def earliest(self, event_type: str) -> Event | None:
        found = self.events(event_type)
        return found[0] if found else None

    def later(self, event: Event, *types: str) -> list[Event]:
        return [e for e in self.events(*types) if e.at > event.at]

    def notice(self, before: datetime | None = None, needs: str | None = None) -> Event | None:
        """The latest notice_of_intent before `before` (default: submission), optionally
        one that lists the right `needs`."""
        limit = before or self.case.submitted_at
        candidates = [
            e
            for e in self.events("notice_of_intent")
            if e.at < limit and (needs is None or needs in (e.rights or ()))
        ]
        return candidates[-1] if candidates else None

    def counting_officers(self, event: Event) -> list[str]:
        """Certificates on the event that are the case's and valid on its date."""
        on = self.date_of(event.at)
        return [
            no
            for no in dict.fromkeys(event.officers)
            if no in self.officers and self.officers[no].certificate_valid_until >= on
        ]

    # --- parties and measures ----------------------------------------------------------

    def party_classes(self) -> set[str]:
        return {self.pack.party_class(p.kind) for p in self.case.parties}

    def measures_of(self, *types: str) -> list[dict[str, Any]]:
        return [m for m in self.measures if m["type"] in types]

    def fines_total(self) -> float:
        return sum(measure_figure(m) or 0.0 for m in self.measures_of("fine"))

    # --- recordings --------------------------------------------------------------------

    def span(self, recording: RecordingEntry) -> tuple[datetime, datetime]:
        """started_at + clock_offset_ms to that plus the declared or probed duration."""
        start = recording.started_at + timedelta(milliseconds=recording.clock_offset_ms or 0)
        duration = recording.duration_s
        if duration is None:
            found = self.files.find(recording.path)
            duration = self.files.durations.get(found, 0.0) if found else 0.0
        return start, start + timedelta(seconds=duration)

    def covered_by_recording(self, moment: datetime) -> bool:
        return any(
            start <= moment <= end for start, end in (self.span(r) for r in self.case.recordings)
        )


def refs(*items: str | None | Iterable[str]) -> tuple[str, ...]:
    """Finding refs without blanks or repeats, in the order given."""
    out: list[str] = []
    for item in items:
        values = [item] if isinstance(item, str) or item is None else list(item)
        out.extend(v for v in values if v and v not in out)
    return tuple(out)
