"""Audio-video records: required scenes covered (PROC-10), archived in time (PROC-11)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from workstation.casefile.model import Event
from workstation.labels import DELIVERY_METHODS
from workstation.rules import wording
from workstation.rules.context import CheckContext, refs
from workstation.rules.findings import Finding, finding
from workstation.rules.rulepack.model import RulePack


@dataclass(frozen=True)
class SceneCoverage:
    """One procedure event: whether the pack needs it recorded, whether a recording covers it."""

    event: Event
    required: bool
    covered: bool

    @property
    def missing(self) -> bool:
        """Needs a recording and none covers it: what PROC-10 reports."""
        return self.required and not self.covered


def needs_recording(event: Event, pack: RulePack) -> bool:
    """Whether the pack requires an audio-video record of this event (PROC-10's scope)."""
    return event.type in pack.recording_required or (
        event.type == "delivery" and event.method in pack.recording_required_delivery_methods
    )


def scene_coverage(ctx: CheckContext) -> list[SceneCoverage]:
    """Every event of the case in time order, as PROC-10 reads it; the case timeline shows
    the same answer, so a red event there is exactly a PROC-10 finding."""
    return [
        SceneCoverage(event, needs_recording(event, ctx.pack), ctx.covered_by_recording(event.at))
        for event in sorted(ctx.case.events, key=lambda e: e.at)
    ]


def delivery_method(method: str | None) -> str:
    """直接送达, 留置送达 … (送达 when the method is unknown)."""
    return DELIVERY_METHODS.get(method or "", "送达")


def coverage(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-10: a scene that must be recorded, at a moment no recording covers."""
    for scene in scene_coverage(ctx):
        if not scene.missing:
            continue
        event = scene.event
        what = (
            delivery_method(event.method) if event.type == "delivery" else wording.event(event.type)
        )
        yield finding(
            "PROC-10",
            "evidence",
            "error",
            f"{what}（{wording.moment(ctx.local(event.at))}）无对应的音像记录，或录像时间段未覆盖"
            f"该环节（执法全过程记录）。",
            refs(event.id, event.recordings),
        )


def archiving(ctx: CheckContext) -> Iterator[Finding]:
    """PROC-11: stored long after the recording ended (archived_at is a system time)."""
    hours = ctx.pack.recording_archive_hours
    if hours is None:
        return
    for recording in ctx.case.recordings:
        _, end = ctx.span(recording)
        delay = (recording.archived_at - end).total_seconds()
        if delay > hours * 3600:
            minutes = math.ceil(delay / 60)
            yield finding(
                "PROC-11",
                "evidence",
                "warning",
                f"{recording.device or '录音录像'}的录像于{wording.moment(ctx.local(end))}结束，"
                f"{wording.moment(ctx.local(recording.archived_at))}方入库，间隔{minutes // 60}小时"
                f"{minutes % 60}分，超过本地规定的{hours:g}小时。",
                (recording.id,),
            )
