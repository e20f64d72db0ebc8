"""Moving one demo case in time: every date it carries, by the same number of days.

A case is written once, with dates (spring 2026). To show it around another day, every date
in it moves by the same number of days: the manifest's dates and times, the documents'
dates and what their texts say ("2026年3月2日", "3月2日", "26日上午", "2025年11月"), the
recordings' clocks, the birth dates inside ID numbers (a minor stays 17) and the year of
document numbers (〔2026〕). A date written without its year is read as the one nearest the
dates around it. Laws, standards and the rule pack keep their own dates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from workstation.demo.model import (
    Block,
    CaseSpec,
    DocumentSpec,
    Line,
    Para,
    RecordingSpec,
    Script,
    Sign,
    Table,
    Title,
)
from workstation.rules.identity import is_valid_resident_id, make_resident_id

# One scan finds every kind of date, left to right, so that a date written without its month
# ("至26日10时") is read after the one before it in the same text.
_DATES = re.compile(
    r"(?P<iso>(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d))"
    r"|(?P<dot>(?<!\d)(?P<dy>\d{4})\.(?P<dm>\d{2})\.(?P<dd>\d{2})(?!\d))"
    r"|(?P<cn>(?<!\d)(?P<cy>\d{4})年(?P<cm>\d{1,2})月(?P<cd>\d{1,2})日)"
    r"|(?P<ym>(?<!\d)(?P<my>\d{4})年(?P<mm>\d{1,2})月(?!\d)(?:(?P<mto>[到至])(?P<mm2>\d{1,2})月(?!\d))?)"
    r"|(?P<serial>〔(?P<sy>\d{4})〕(?P<sm>\d{2})(?P<sd>\d{2})-)"
    r"|(?P<number>〔(?P<ny>\d{4})〕)"
    r"|(?P<md>(?<![年\d])(?P<pm>\d{1,2})月(?P<pd>\d{1,2})日)"
    # A day alone, as in "至26日10时" or "27日起"; "查封期限30日" is a length, not a date.
    r"|(?P<day>(?<![\d月年])(?P<od>\d{1,2})日(?=[上下晚起早中夜]|\d{1,2}时))"
    r"|(?P<rid>(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z]))"
)


class _Walk:
    """Applies `text` and `moment` to every part of a case that can carry a date."""

    def text(self, value: str) -> str:
        return value

    def moment(self, value: datetime) -> datetime:
        return value

    def value(self, value: Any) -> Any:
        """A manifest or exercise value (dicts, lists, strings) with its texts rewritten."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value

    def block(self, block: Block) -> Block:
        if isinstance(block, Para):
            return Para(self.text(block.text))
        if isinstance(block, Title):
            number = None if block.number is None else self.text(block.number)
            return Title(self.text(block.text), number)
        if isinstance(block, Table):
            rows = tuple(tuple(self.text(cell) for cell in row) for row in block.rows)
            return Table(rows, block.widths)
        if isinstance(block, Sign):
            return Sign(tuple(self.text(line) for line in block.lines), block.seal)
        return block  # letterheads, headings and page breaks carry no dates

    def document(self, spec: DocumentSpec) -> DocumentSpec:
        return replace(
            spec,
            title=self.text(spec.title),
            path=self.text(spec.path),
            dated=self.moment(spec.dated),
            blocks=tuple(self.block(b) for b in spec.blocks),
        )

    def script(self, script: Script) -> Script:
        lines = tuple(Line(x.start, x.end, x.speaker, self.text(x.text)) for x in script.lines)
        return Script(self.moment(script.origin), lines)

    def recording(self, spec: RecordingSpec) -> RecordingSpec:
        return replace(
            spec,
            path=self.text(spec.path),
            started_at=self.moment(spec.started_at),
            archived_at=self.moment(spec.archived_at),
            script=self.script(spec.script),
            transcript=None if spec.transcript is None else self.text(spec.transcript),
        )

    def case(self, spec: CaseSpec) -> CaseSpec:
        return replace(
            spec,
            folder=self.text(spec.folder),
            case=self.value(spec.case),
            documents=tuple(self.document(d) for d in spec.documents),
            recordings=tuple(self.recording(r) for r in spec.recordings),
            exercise=None if spec.exercise is None else self.value(spec.exercise),
        )


class _Phrases(_Walk):
    """Replaces the phrases a case says only at its written dates (its `seasonal` list)."""

    def __init__(self, pairs: tuple[tuple[str, str], ...]) -> None:
        self.pairs = pairs

    def text(self, value: str) -> str:
        for written, moved in self.pairs:
            value = value.replace(written, moved)
        return value


class Shift(_Walk):
    """`days` to add to every date of a case; `reference` (a date of the case as written)
    places the dates its texts write without a year, and says which year its numbers carry."""

    def __init__(self, days: int, reference: date) -> None:
        self.days = days
        self.reference = reference

    @property
    def delta(self) -> timedelta:
        return timedelta(days=self.days)

    def day(self, value: date) -> date:
        return value + self.delta

    def moment(self, value: datetime) -> datetime:
        return value + self.delta

    def _months(self) -> int:
        moved = self.day(self.reference)
        return (moved.year - self.reference.year) * 12 + moved.month - self.reference.month

    def text(self, value: str) -> str:
        """`value` with every date it writes moved; the same text when `days` is 0."""
        context = [self.reference]  # the last date read in this text, as written

        def moved(match: re.Match[str]) -> str:
            return self._replace(match, context)

        return _DATES.sub(moved, value)

    def _replace(self, match: re.Match[str], context: list[date]) -> str:
        g = match.group
        if g("iso"):
            was = date(int(g("iy")), int(g("im")), int(g("id")))
            context[0] = was
            return self.day(was).isoformat()
        if g("dot"):
            was = date(int(g("dy")), int(g("dm")), int(g("dd")))
            context[0] = was
            return f"{self.day(was):%Y.%m.%d}"
        if g("cn"):
            was = date(int(g("cy")), int(g("cm")), int(g("cd")))
            context[0] = was
            now = self.day(was)
            if g("cm").startswith("0") or g("cd").startswith("0"):  # a form's 2016年05月18日
                return f"{now.year}年{now.month:02d}月{now.day:02d}日"
            return f"{now.year}年{now.month}月{now.day}日"
        if g("ym"):
            return self._month_span(match)
        if g("serial"):
            was = date(int(g("sy")), int(g("sm")), int(g("sd")))
            return f"〔{self.day(was):%Y}〕{self.day(was):%m%d}-"
        if g("number"):
            year = int(g("ny"))
            if year == self.reference.year:  # the case's own year; 〔2017〕 rules stay
                year = self.day(self.reference).year
            return f"〔{year}〕"
        if g("md"):
            was = _nearest(context[0], int(g("pm")), int(g("pd")))
            context[0] = was
            now = self.day(was)
            return f"{now.month}月{now.day}日"
        if g("day"):
            was = _nearest(context[0], None, int(g("od")))
            context[0] = was
            return f"{self.day(was).day}日"
        return self._resident_id(g("rid"))

    def _month_span(self, match: re.Match[str]) -> str:
        """ "2025年11月到12月": months move by the months the case's dates moved."""
        months = self._months()
        first = int(match.group("my")) * 12 + int(match.group("mm")) - 1 + months
        text = f"{first // 12}年{first % 12 + 1}月"
        if match.group("mto"):
            last = (int(match.group("mm2")) - 1 + months) % 12 + 1
            text += f"{match.group('mto')}{last}月"
        return text

    def _resident_id(self, number: str) -> str:
        """An ID number carries its holder's birth date: it moves too (check character anew)."""
        if not is_valid_resident_id(number):
            return number
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return make_resident_id(number[:6], self.day(born), int(number[14:17]))

    def case(self, spec: CaseSpec) -> CaseSpec:
        """The whole case moved; its `seasonal` phrases replaced once it moves at all."""
        if self.days:
            spec = _Phrases(spec.seasonal).case(spec)
        return super().case(spec)


def _nearest(around: date, month: int | None, day: int) -> date:
    """The date with this month (or any month) and day nearest `around`."""
    candidates = []
    for year in (around.year - 1, around.year, around.year + 1):
        for m in range(1, 13) if month is None else (month,):
            try:
                candidates.append(date(year, m, day))
            except ValueError:
                continue
    return min(candidates, key=lambda c: (abs((c - around).days), c))
