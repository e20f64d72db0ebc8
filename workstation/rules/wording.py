"""How findings write dates, times, amounts and articles: the way a reviewer writes them."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from workstation.labels import DOCUMENT_KINDS, EVENT_TYPES, MEASURE_TYPES

_DIGITS = "零一二三四五六七八九"


def day(value: date) -> str:
    """2026年3月2日"""
    return f"{value.year}年{value.month}月{value.day}日"


def moment(value: datetime) -> str:
    """2026年3月2日10时15分 (already in local time)."""
    return f"{day(value.date())}{value.hour}时{value.minute:02d}分"


def yuan(amount: float) -> str:
    """80000元; 1234.5元"""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return f"{text}元"


def money(amount: float) -> str:
    """An amount as a decision writes it: 80000元, 1206.70元 (to the fen), 0.125元 (a source
    more precise than the fen keeps its digits). Unlike `yuan`, which findings use: their
    wording is part of their fingerprint, so it must not change."""
    text = plain_number(amount)
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}元" if fraction else f"{whole}元"


def plain_number(value: float) -> str:
    """A number as the source wrote it, never in exponent form: 2619.5, 300, 1500000."""
    if isinstance(value, int):
        return str(value)
    # repr gives the shortest text that reads back as the same float: the JSON's digits.
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def chinese_number(number: int) -> str:
    """122 → 一百二十二; 10 → 十; 15 → 十五 (article numbers are below ten thousand)."""
    if number == 0:
        return "零"
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, rest, started, zero = "", number, False, False
    for size, name in units:
        digit, rest = divmod(rest, size)
        if digit:
            if zero:
                out += "零"
                zero = False
            if not (size == 10 and digit == 1 and not started):
                out += _DIGITS[digit]
            out += name
            started = True
        elif started:
            zero = True
    if rest:
        if zero:
            out += "零"
        out += _DIGITS[rest]
    return out


def article(law: str, number: int, paragraph: int | None = None, item: int | None = None) -> str:
    """《中华人民共和国食品安全法》第一百二十二条第一款第二项"""
    text = f"《{law}》第{chinese_number(number)}条"
    if paragraph:
        text += f"第{chinese_number(paragraph)}款"
    if item:
        text += f"第{chinese_number(item)}项"
    return text


def measure(kind: str) -> str:
    return MEASURE_TYPES.get(kind, kind)


def event(kind: str) -> str:
    return EVENT_TYPES.get(kind, kind)


def document(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, kind)


def listing(items: list[str]) -> str:
    """a、b、c"""
    return "、".join(items)


# Where a quotation may stop: a sentence end, with any closing quotes or brackets after it.
_SENTENCE_END = re.compile(r"[。；！？][”’」』）)]*")
_ELLIPSIS = ("…", "...")
_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def quotation(text: str) -> str:
    """A quoted passage (text selected on a page, maybe cut short with …) as whole sentences.

    '经查，当事人销售过期食品。共销…' → '经查，当事人销售过期食品。'; a passage with no whole
    sentence left ('…销…') gives ''. A note with neither a sentence end nor an ellipsis
    ('检查时间') is the reviewer's own label and stays as written. Line breaks of the page
    become spaces, except between Chinese characters.
    """
    text = _CJK_GAP.sub("", " ".join(text.split()))
    cut_before, cut_after = text.startswith(_ELLIPSIS), text.endswith(_ELLIPSIS)
    body = text.strip("….").strip() if cut_before or cut_after else text
    ends = [m.end() for m in _SENTENCE_END.finditer(body)]
    if not ends:
        return "" if cut_before or cut_after else text
    if cut_before:  # the first sentence starts somewhere in the middle
        body, ends = body[ends[0] :].strip(), [e - ends[0] for e in ends[1:]]
        if not ends:
            return ""
    return body[: ends[-1]]
