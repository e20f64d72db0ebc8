"""The demo cases as plain data: documents as layout blocks, recordings as scripted scenes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workstation.rules.rulepack.model import RulePack

CST = timezone(timedelta(hours=8), "CST")


def at(text: str) -> datetime:
    """`"2026-03-02 10:15:05"` as an aware datetime in China Standard Time."""
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def iso(moment: datetime) -> str:
    """The manifest form of a datetime: seconds precision with the +08:00 offset."""
    return moment.astimezone(CST).isoformat(timespec="seconds")


# --- document layout blocks -------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    """The red agency name and rule at the top of an outgoing document (红头)."""

    agency: str


@dataclass(frozen=True)
class Title:
    """The centred document name, optionally with its number (文号) below."""

    text: str
    number: str | None = None


@dataclass(frozen=True)
class Heading:
    """A section heading such as 一、当事人基本情况."""

    text: str


@dataclass(frozen=True)
class Para:
    """A body paragraph, first line indented by two characters."""

    text: str


@dataclass(frozen=True)
class Table:
    """A ruled form table; `widths` are fractions of the text width, one per column."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Sign:
    """Right-aligned signature lines (agency, date); `seal` draws a red seal over them."""

    lines: tuple[str, ...]
    seal: str | None = None


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Letterhead | Title | Heading | Para | Table | Sign | PageBreak


@dataclass(frozen=True)
class DocumentSpec:
    """One document of a bundle; the format (PDF or DOCX) follows the path's suffix."""

    id: str
    kind: str
    title: str
    path: str
    author: str
    dated: datetime
    blocks: tuple[Block, ...]


# --- recordings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One utterance, in seconds from its script's origin on the true (corrected) timeline."""

    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Script:
    """What was said at one scene; several devices recording it share the script."""

    origin: datetime
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class RecordingSpec:
    """One recording; `started_at` is the device's clock, true time adds `clock_offset_ms`."""

    id: str
    path: str
    device: str
    label: str  # ASCII name burnt into the picture, e.g. "A01"
    activity: str
    started_at: datetime
    seconds: float
    archived_at: datetime
    script: Script
    transcript: str | None = None
    operator: str | None = None
    clock_offset_ms: int = 0
    scene: str | None = None  # a picture scene name; None for an audio-only recording

    @property
    def true_start(self) -> datetime:
        return self.started_at + timedelta(milliseconds=self.clock_offset_ms)

    def cues(self) -> list[Line]:
        """The script's lines in this recording's own time, clipped to its length."""
        shift = (self.true_start - self.script.origin).total_seconds()
        cues = []
        for line in self.script.lines:
            start, end = max(line.start - shift, 0.0), min(line.end - shift, self.seconds)
            if end - start >= 0.5:  # a sliver at the edge is not worth a subtitle
                cues.append(Line(round(start, 3), round(end, 3), line.speaker, line.text))
        return cues


# --- a whole case -----------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """Where the case's review deadline falls around the demo's anchor day: `days_left` on
    the anchor (negative: overdue); `whole_weeks` keeps its weekdays (its intended findings
    count working days)."""

    days_left: int
    whole_weeks: bool = False


@dataclass(frozen=True)
class CaseSpec:
    """A bundle to write: `case` is the manifest's case object without files.

    `seasonal`: phrases true only at the written dates, with what the case says instead once
    moved; `retell`: rewrites what the case says about the rule pack's calendar once moved."""

    folder: str
    case: dict[str, Any]
    documents: tuple[DocumentSpec, ...]
    recordings: tuple[RecordingSpec, ...] = ()
    exercise: dict[str, Any] | None = field(default=None)
    due: Due = Due(3)
    seasonal: tuple[tuple[str, str], ...] = ()
    retell: Callable[[CaseSpec, RulePack], CaseSpec] | None = None
