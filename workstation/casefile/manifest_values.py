"""What one value of case.json may hold, beyond the types the shared schema gives it.

What is imported must later be checked, reviewed, placed on the timeline and written into
the opinion (DOCX, that is XML) without an internal error, and must read as what it is:

- text: no control characters (XML refuses them: a NUL in a title would make every later
  draft fail); invisible format characters (zero-width, bidirectional controls that make
  text display in another order than it is) are removed from text and refused in paths;
- numbers: each field within a range the law and the recorders make sensible;
- dates: within 1900–2199, so that date arithmetic never leaves Python's calendar.

Each rule returns the Chinese problem without the field's path (manifest.py adds it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from workstation.schema_messages import short

DATE_FIELDS = frozenset(
    {
        "began_on",
        "ended_on",
        "discovered_on",
        "filed_on",
        "decided_on",
        "until",
        "certificate_valid_until",
    }
)
DATETIME_FIELDS = frozenset(
    {"submitted_at", "at", "hearing_at", "approved_at", "started_at", "archived_at"}
)
# Paths name files of the bundle: what a reader sees must be what is looked up.
PATH_FIELDS = frozenset({"path", "transcript"})
# Codes compared character by character: a stray space or newline would pass the pattern
# (`$` matches before a final newline) and then fail every comparison.
_CODE_FIELDS = frozenset({"id", "sha256", *PATH_FIELDS, *DATE_FIELDS, *DATETIME_FIELDS})
# (Not `id_number`: a party without a usable number, a village group known only by its
# name, is a PARTY-02 finding, not a refused bundle.)
_NAME_FIELDS = frozenset({"number", "title", "name", "certificate_no", "law"})
# The unit's own prose: it may run over several lines.
MULTILINE_FIELDS = frozenset({"description", "facts", "reasons", "note"})

# Word's manual line break (VT) and page break (FF), as text copied out of Word carries
# them: in prose they are line breaks, so they become one.
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# Invisible format characters: zero-width ones (copy and paste from web pages and Word
# brings them) and bidirectional controls (the text displays in another order than its
# characters). Neither means anything in Chinese case text. Removed from text, so that a
# name reads and compares as what it is; refused in paths, which must name a file of the
# bundle exactly as it is.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\t\n\r")

_CHAR_NAMES = {
    0x00: "空字符",
    0x09: "制表符",
    0x0A: "换行符",
    0x0B: "垂直制表符",
    0x0C: "换页符",
    0x0D: "回车符",
    0x7F: "删除符",
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连字",
    0x200E: "从左至右标记",
    0x200F: "从右至左标记",
    0x202A: "从左至右嵌入",
    0x202B: "从右至左嵌入",
    0x202C: "嵌入结束",
    0x202D: "从左至右覆盖",
    0x202E: "从右至左覆盖",
    0x2060: "零宽不折行",
    0x2066: "从左至右隔离",
    0x2067: "从右至左隔离",
    0x2068: "首强字符隔离",
    0x2069: "隔离结束",
    0xFEFF: "零宽不换行空格",
}


def _said(char: str, position: int) -> str:
    """`U+202E（从右至左覆盖，第 3 个字符）`."""
    name = _CHAR_NAMES.get(ord(char))
    return f"U+{ord(char):04X}（{name + '，' if name else ''}第 {position} 个字符）"


def _forbidden(char: str, *, path: bool) -> str | None:
    """What makes `char` impossible in any text (or, for `path`, in a file name), or None."""
    code = ord(char)
    if char in _LINE_BREAKS:
        return None  # whether a line break may be there depends on the field
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control"
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "invalid"
    if path and char in _BIDI:
        return "bidi"
    if path and char in _ZERO_WIDTH:
        return "hidden"
    return None


_IN_TEXT = {
    "control": "含控制字符 {}，无法保存和写入意见书，请删除",
    "invalid": "含无效字符 {}，不是可显示的文字，请删除",
    "bidi": "含双向文本控制字符 {}，显示的路径与实际不同，请删除",
    "hidden": "含不可见字符 {}，显示的路径与实际不同，请删除",
}
_IN_NAME = {
    "control": "含控制字符 {}",
    "invalid": "含无效字符 {}",
    "bidi": "含双向文本控制字符 {}，显示的名称与实际不同",
    "hidden": "含不可见字符 {}，显示的名称与实际不同",
}


def path_problem(name: str) -> str | None:
    """Why a file name in a bundle cannot be taken as it is (control characters, a name
    that displays otherwise than it is), or None."""
    for position, char in enumerate(name, 1):
        kind = "control" if char in _LINE_BREAKS else _forbidden(char, path=True)
        if kind:
            return _IN_NAME[kind].format(_said(char, position))
    return None


def text(key: str, value: str) -> tuple[str, str | None]:
    """The text of field `key` as it is stored (Word's breaks in prose become line breaks,
    invisible format characters go), and the problem that refuses it, or None."""
    multiline, path = key in MULTILINE_FIELDS, key in PATH_FIELDS
    kept: list[str] = []
    line_break: str | None = None
    for position, char in enumerate(value, 1):
        if multiline:
            char = char.translate(_WORD_BREAKS)
        if not path and (char in _ZERO_WIDTH or char in _BIDI):
            continue
        kind = _forbidden(char, path=path)
        if kind:
            return value, _IN_TEXT[kind].format(_said(char, position))
        if char in _LINE_BREAKS and not multiline and line_break is None:
            said = f"{_CHAR_NAMES[ord(char)]} U+{ord(char):04X}（第 {position} 个字符）"
            line_break = f"含{said}，此字段只能是一行文字"
        kept.append(char)
    cleaned = "".join(kept)
    if key in _CODE_FIELDS and cleaned != cleaned.strip():
        return cleaned, f"首尾含空白或换行：{short(cleaned)}"
    if line_break:
        return cleaned, line_break
    if key in _NAME_FIELDS and not cleaned.strip():
        return cleaned, "不能为空白"
    if key in DATE_FIELDS or key in DATETIME_FIELDS:
        return cleaned, _moment_problem(key, cleaned)
    return cleaned, None


# The earliest and latest day any date of a case may fall on.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2199, 12, 31)
# "Valid until 9999-12-31" is how a certificate without an end is written; it is only
# ever compared with another day, never added to.
_OPEN_ENDED = frozenset({"certificate_valid_until"})


def _moment_problem(key: str, value: str) -> str | None:
    try:
        if not value.isascii():
            raise ValueError(value)
        moment = (date if key in DATE_FIELDS else datetime).fromisoformat(value)
    except ValueError:
        return f"日期或时间无效（须为半角数字的真实日期）：{value}"
    day = moment.date() if isinstance(moment, datetime) else moment
    latest = date.max if key in _OPEN_ENDED else LATEST_DAY
    if EARLIEST_DAY <= day <= latest:
        return None
    return f"日期超出范围，应在 {EARLIEST_DAY} 至 {latest} 之间：{value}"


@dataclass(frozen=True)
class Range:
    """The values a number field may take, and how the message says it."""

    low: float
    high: float
    said: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high  # False for NaN


DAY_MS = 24 * 3600 * 1000
_YUAN = Range(0, 10**12, "0 至 1 万亿（10¹²）元")
RANGES = {
    "amount": _YUAN,
    "value": _YUAN,
    "base_amount": _YUAN,
    "area_m2": Range(0, 10**10, "0 至 100 亿平方米"),
    "days": Range(0, 36_500, "0 至 36500 日（100 年）"),
    # The opinion writes them in Chinese numerals (wording.chinese_number: up to 9999).
    "article": Range(1, 9_999, "1 至 9999"),
    "paragraph": Range(1, 999, "1 至 999"),
    "item": Range(1, 999, "1 至 999"),
    "pages": Range(0, 100_000, "0 至 100000 页"),
    # Body cameras record for hours; three days covers a recorder left running over a
    # weekend, and keeps every media position within a 32-bit millisecond count.
    "duration_s": Range(0, 3 * 24 * 3600, "0 至 259200 秒（3 天）"),
    # A recorder set to the wrong day is plausible, a wrong month is a wrong file: the
    # same ±7 days as a reviewer's clock correction (recordings/corrections.py).
    "clock_offset_ms": Range(-7 * DAY_MS, 7 * DAY_MS, "-604800000 至 604800000 毫秒（±7 天）"),
}
_INT64 = 2**63 - 1
# The opinion numbers its parties in Chinese numerals (当事人一…): up to 9999.
MAX_PARTIES = 999
# A case's timeline, and its documents and recordings: far above any real case (the largest
# demo case has 12 events), low enough that the review and the timeline stay quick (L5:
# 100,000 events took 29 s to import and 6.6 s per review).
MAX_ITEMS = {"events": 2_000, "documents": 5_000, "recordings": 1_000}


def number(key: str, value: float) -> str | None:
    """Why the number of field `key` is refused, or None."""
    bounds = RANGES.get(key)
    if bounds is not None:
        return None if bounds.holds(value) else f"数值超出范围，允许 {bounds.said}"
    if (isinstance(value, int) and abs(value) > _INT64) or not math.isfinite(value):
        return "数值超出范围"
    return None
