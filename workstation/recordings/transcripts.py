"""SRT and WebVTT transcripts: parsed into cues, the line at a media time, search.

Transcripts arrive from many tools: UTF-8 with or without a BOM, GB18030 from Chinese
Windows tools, CRLF line ends, VTT header text, NOTE/STYLE/REGION blocks, cue settings,
voice (<v Name>) and styling tags, hours left out of VTT times. The text keeps the words
only; a VTT voice becomes the cue's speaker.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from workstation.errors import WorkstationError

# 00:01:02,345 (SRT) or 00:01:02.345 / 01:02.345 (VTT); SRT writers also use "." at times.
_TIME = r"(?:(\d+):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+(.*))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")
_ASS_TAG = re.compile(r"\{\\[^}]*\}")  # {\an8} and friends, from SRTs converted from ASS
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class Cue:
    """One line of the transcript, in media time (ms)."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None  # a WebVTT voice (<v 刘建国>), when the file names one


@dataclass(frozen=True)
class Transcript:
    """A recording's transcript: cues in time order."""

    name: str  # the file it came from, for messages
    cues: tuple[Cue, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _reach: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(c.start_ms for c in self.cues))
        # The latest end among the cues up to each one: where looking back can stop.
        object.__setattr__(
            self, "_reach", tuple(itertools.accumulate((c.end_ms for c in self.cues), max))
        )

    def index_at(self, media_ms: int) -> int | None:
        """The cue shown at `media_ms` (of overlapping ones, the latest to start), or None."""
        index = bisect.bisect_right(self._starts, media_ms) - 1
        while index >= 0 and self._reach[index] > media_ms:
            if self.cues[index].end_ms > media_ms:
                return index
            index -= 1
        return None

    def cue_at(self, media_ms: int) -> Cue | None:
        """The current line at `media_ms`, or None between lines."""
        index = self.index_at(media_ms)
        return None if index is None else self.cues[index]

    def search(self, query: str) -> list[int]:
        """Indexes of the cues whose text (or speaker) contains `query`: Chinese as typed,
        Latin letters in any case, full-width and half-width forms alike."""
        wanted = _folded(query.strip())
        if not wanted:
            return []
        return [
            i
            for i, cue in enumerate(self.cues)
            if wanted in _folded(cue.text) or (cue.speaker and wanted in _folded(cue.speaker))
        ]


# A ten-hour hearing at one cue every two seconds has 18,000.
MAX_CUES = 50_000


def parse_transcript(data: bytes, name: str) -> Transcript:
    """Parse SRT or WebVTT bytes (decided by content: a WEBVTT header); `name` is the file
    named in error messages."""
    text = _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    vtt = bool(lines) and re.match(r"WEBVTT(?:[ \t].*)?$", lines[0]) is not None
    timings = text.count("-->")
    if timings > MAX_CUES:  # counted before parsing: a million cues took 8.9 s and 834 MB (L5)
        raise WorkstationError(
            f"转写文本 {name} 有 {timings} 条字幕时间轴，超过上限 {MAX_CUES} 条，不予显示"
            "（文件可能有误，请核对）"
        )
    if not vtt and text.strip() and "-->" not in text:
        raise WorkstationError(f"转写文本 {name} 不是 SRT 或 WebVTT 字幕文件：找不到任何时间轴")
    cues = _parse_vtt(lines, name) if vtt else _parse_srt(lines, name)
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    return Transcript(name, tuple(ordered))


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _undecodable(name) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _undecodable(name) from exc


def _undecodable(name: str) -> WorkstationError:
    return WorkstationError(
        f"转写文本 {name} 无法读取：既不是 UTF-8 也不是 GB18030 编码的文本（文件可能已损坏）"
    )


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks from line index `start`: (1-based first line, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _parse_srt(lines: list[str], name: str) -> list[Cue]:
    cues: list[Cue] = []
    for first, block in _blocks(lines, 0):
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is None:
            if cues:  # text after a blank line inside a cue: part of the cue before it
                last = cues[-1]
                more = _clean(" ".join(block))
                cues[-1] = Cue(last.start_ms, last.end_ms, f"{last.text} {more}".strip())
                continue
            raise WorkstationError(
                f"转写文本 {name} 第{first}行：缺少时间轴（应为 00:00:01,000 --> …）"
            )
        start, end, _settings = _timing(block[timing], name, first + timing)
        cues.append(Cue(start, end, _clean(" ".join(block[timing + 1 :]))))
    return cues


def _parse_vtt(lines: list[str], name: str) -> list[Cue]:
    cues: list[Cue] = []
    # The header runs to the first blank line (WEBVTT plus optional metadata lines), or to
    # a first cue some writers put right under it.
    header_end = next(
        (i for i, line in enumerate(lines) if i and (not line.strip() or "-->" in line)),
        len(lines),
    )
    for first, block in _blocks(lines, header_end):
        if block[0].split(maxsplit=1)[0] in _SKIPPED_BLOCKS and "-->" not in block[0]:
            continue
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is None:
            raise WorkstationError(
                f"转写文本 {name} 第{first}行：缺少时间轴（应为 00:01.000 --> …）"
            )
        start, end, _settings = _timing(block[timing], name, first + timing)
        payload = "\n".join(block[timing + 1 :])
        voice = _VOICE.search(payload)
        speaker = _clean(voice.group(1)) if voice else None
        cues.append(Cue(start, end, _clean(payload.replace("\n", " ")), speaker or None))
    return cues


def _timing(line: str, name: str, number: int) -> tuple[int, int, str]:
    """(start_ms, end_ms, cue settings) of a timing line."""
    match = _TIMING.match(line)
    if match is None:
        raise WorkstationError(f"转写文本 {name} 第{number}行：时间轴格式无效（{line.strip()}）")
    parts = match.groups()
    start, end = _ms(*parts[0:4]), _ms(*parts[4:8])
    if end < start:
        raise WorkstationError(
            f"转写文本 {name} 第{number}行：结束时间早于开始时间（{line.strip()}）"
        )
    return start, end, parts[8] or ""


def _ms(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    millis = int(fraction.ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + millis


def _clean(text: str) -> str:
    """The words of a cue: tags and ASS overrides gone, entities decoded, spaces collapsed."""
    text = _ASS_TAG.sub("", _TAG.sub("", text))
    return " ".join(html.unescape(text).split())


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
