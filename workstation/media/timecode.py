"""Media times as people type and read them: hh:mm:ss.mmm (plain Python, no Qt)."""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^\s*(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2}(?:\.\d{1,3})?)\s*$")


def format_clock(ms: int, millis: bool = True) -> str:
    """01:02:03.045 (or 01:02:03 without the milliseconds); negative times clamp to zero."""
    ms = max(ms, 0)
    seconds, milli = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    text = f"{hour:02d}:{minute:02d}:{second:02d}"
    return f"{text}.{milli:03d}" if millis else text


def parse_clock(text: str) -> int:
    """ms from "hh:mm:ss.mmm", "mm:ss", "ss.s" or "1:02:03"; ValueError in Chinese otherwise."""
    normalised = text.replace("：", ":").replace("。", ".")
    match = _CLOCK.match(normalised)
    if not match:
        raise ValueError(f"无法识别的时间“{text}”，请按 时:分:秒.毫秒 填写，例如 00:01:05.200")
    hours, minutes, seconds = match.groups()
    if hours is not None and minutes is not None and int(minutes) >= 60:
        raise ValueError(f"时间“{text}”的分钟数应小于 60")
    if minutes is not None and float(seconds) >= 60:
        raise ValueError(f"时间“{text}”的秒数应小于 60")
    return round((int(hours or 0) * 3600 + int(minutes or 0) * 60) * 1000 + float(seconds) * 1000)
