"""Showing times the way the office reads them: China Standard Time, whatever the PC says.

Case law runs on Beijing time (rule packs default to `timezone: "+08:00"`); a PC set to UTC
must not move a 23:30 hearing to the next day on screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

OFFICE_TZ = timezone(timedelta(hours=8), "CST")


def office_time(moment: datetime) -> datetime:
    """`moment` in the office's time zone."""
    return moment.astimezone(OFFICE_TZ)


def format_minute(moment: datetime) -> str:
    """2026-03-10 09:00"""
    return office_time(moment).strftime("%Y-%m-%d %H:%M")
