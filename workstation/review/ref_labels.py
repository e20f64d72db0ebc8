"""What a finding's refs name, in the reviewer's words: 当事人 name, 2026-04-10 听证,
执法人员 name, 文书《title》, 录像 device — never the bundle's internal ids.

The ref formats are those of review-rules.md (`check --json`): event, document and recording
ids; `party:<index>`; `officer:<certificate_no>`; `violation`. A ref the case does not list
(a dangling id, REF-01) gets no label: its id is all there is to show.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from workstation.labels import DOCUMENT_KINDS, EVENT_TYPES
from workstation.store import models
from workstation.timefmt import office_time


def ref_labels(version: models.CaseVersion, refs: Iterable[str]) -> dict[str, str]:
    """A label for each of `refs` that names something of `version` (others are left out)."""
    names = _Names(version)
    labels: dict[str, str] = {}
    for ref in refs:
        label = names.label(ref)
        if label is not None:
            labels[ref] = label
    return labels


class _Names:
    """The version's parties, officers, events, documents and recordings, by ref."""

    def __init__(self, version: models.CaseVersion) -> None:
        self._version = version
        self._parties = sorted(version.parties, key=lambda p: p.position)
        self._officers = {o.certificate_no: o.name for o in version.officers}
        self._events = {e.key: e for e in version.events}
        self._documents = {d.key: d for d in version.documents}
        self._recordings = {r.key: r for r in version.recordings}
        # Two recordings from the same device are told apart by their start.
        self._shared = {
            name for name, count in Counter(map(_device, version.recordings)).items() if count > 1
        }

    def label(self, ref: str) -> str | None:
        kind, _, value = ref.partition(":")
        if kind == "party" and value.isdigit():
            index = int(value)
            return f"当事人 {self._parties[index].name}" if index < len(self._parties) else None
        if kind == "officer" and value:
            name = self._officers.get(value)
            return f"执法人员 {name}" if name else f"执法人员（执法证号 {value}，本案未列明）"
        if ref == "violation":
            return "违法行为" + _span(self._version)
        if ref in self._events:
            event = self._events[ref]
            return f"{office_time(event.at):%Y-%m-%d} {EVENT_TYPES.get(event.type, event.type)}"
        if ref in self._documents:
            document = self._documents[ref]
            return f"文书《{document.title or DOCUMENT_KINDS.get(document.kind, document.kind)}》"
        if ref in self._recordings:
            return self._recording(self._recordings[ref])
        return None

    def _recording(self, recording: models.Recording) -> str:
        evidence = recording.evidence
        audio = evidence is not None and evidence.media_kind == "audio"
        name = _device(recording)
        if name in self._shared:
            name += f" {office_time(recording.started_at):%Y-%m-%d %H:%M}"
        return f"{'录音' if audio else '录像'} {name}"


def _device(recording: models.Recording) -> str:
    return recording.device or Path(recording.path).name


def _span(version: models.CaseVersion) -> str:
    """（2025-11-02至2026-01-15）: when the act went on, as far as the case says."""
    began, ended = version.violation_began_on, version.violation_ended_on
    if began and ended:
        return f"（{began.isoformat()}至{ended.isoformat()}）"
    if began:
        return f"（{began.isoformat()}起）"
    if ended:
        return f"（至{ended.isoformat()}）"
    return ""
