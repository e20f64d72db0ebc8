"""How findings write dates, times, amounts and articles: the way a reviewer writes them."""

from __future__ import annotations

from datetime import date, datetime

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
