"""The day the demo office is set around: its cases are due around it.

`make run` sets the demo around today (office time); `WORKSTATION_DEMO_ANCHOR=2026-04-15`
picks another day, and `WORKSTATION_DEMO_ANCHOR=written` the dates the cases were written
with (spring 2026), which the tests use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

from workstation.errors import ConfigError
from workstation.timefmt import OFFICE_TZ

ANCHOR_ENV = "WORKSTATION_DEMO_ANCHOR"
TODAY = "today"
AS_WRITTEN = "written"


def office_today(now: datetime | None = None) -> date:
    """Today in the office's time zone (China Standard Time)."""
    return (now or datetime.now(UTC)).astimezone(OFFICE_TZ).date()


def anchor_from_environment(
    environ: Mapping[str, str] | None = None, now: datetime | None = None
) -> date | None:
    """The anchor WORKSTATION_DEMO_ANCHOR names: a date, `today`, or `written`/unset (None:
    the cases as written)."""
    value = (os.environ if environ is None else environ).get(ANCHOR_ENV, "").strip()
    if value in ("", AS_WRITTEN):
        return None
    if value == TODAY:
        return office_today(now)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"{ANCHOR_ENV}={value!r} 无法识别：应为日期（如 2026-04-15）、{TODAY} 或 {AS_WRITTEN}"
        ) from None
