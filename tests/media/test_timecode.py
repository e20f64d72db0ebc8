"""Typed and shown media times."""

from __future__ import annotations

import pytest

from workstation.media.timecode import format_clock, parse_clock


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("00:01:05.200", 65_200),
        ("1:02:03", 3_723_000),
        ("02:03.5", 123_500),
        ("7", 7_000),
        ("7.04", 7_040),
        (" 00：00：05。120 ", 5_120),  # typed with a Chinese input method
        ("10:00:00.001", 36_000_001),
    ],
)
def test_the_usual_ways_of_typing_a_time_are_understood(text: str, ms: int) -> None:
    assert parse_clock(text) == ms


@pytest.mark.parametrize("text", ["", "abc", "1:2:3:4", "00:61:00", "01:75", "5.1234", "-3"])
def test_anything_else_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(ValueError, match="时间"):
        parse_clock(text)


def test_a_time_is_shown_with_or_without_milliseconds() -> None:
    assert format_clock(3_723_045) == "01:02:03.045"
    assert format_clock(3_723_045, millis=False) == "01:02:03"
    assert format_clock(-5) == "00:00:00.000"
    assert parse_clock(format_clock(98_765_432)) == 98_765_432
