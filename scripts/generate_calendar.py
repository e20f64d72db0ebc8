"""Generate resources/rulepacks/cn-national-calendar.yaml from the `chinesecalendar` package.

The national calendar of statutory rest days (法定节假日) and adjusted working days (调休)
comes from the State Council's yearly notice 国务院办公厅关于部分节假日安排的通知, as
collected by the PyPI package `chinesecalendar` (import name `chinese_calendar`). The app
does not need that package at run time: it reads only the generated rule pack. So install
the package into a throwaway virtualenv, never into the project's .venv:

    python3 -m venv /tmp/calvenv
    /tmp/calvenv/bin/pip install chinesecalendar==1.11.0
    /tmp/calvenv/bin/python scripts/generate_calendar.py

Options: --out PATH (default resources/rulepacks/cn-national-calendar.yaml) and
--through YEAR (default: the last year the installed package covers). The script refuses
(exit 1) when the package does not cover every year from 2004 through YEAR.

Re-run it every year once the State Council publishes the next year's holiday notice
(usually in November) and `chinesecalendar` has released a version with it: install that
version, run this script and check the diff: covered_through moves on to 31 December of the
new year (e.g. 2026-12-31 → 2027-12-31) and that year's dates are appended. Then extend
tests/test_calendar_data.py to the new year. An emergency change (such as the 2020 extension of the Spring
Festival) also needs a re-run with the package version that includes it.

Only the standard library and chinese_calendar are used; the YAML text is written by hand so
the output is byte-for-byte deterministic for a given package version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "resources" / "rulepacks" / "cn-national-calendar.yaml"
FIRST_YEAR = 2004
PACKAGE = "chinesecalendar"


def _load_package() -> ModuleType:
    """Import chinese_calendar only when generating, so --help works without it."""
    try:
        import chinese_calendar
    except ImportError:
        sys.exit(
            f"error: the {PACKAGE} package is not installed in this Python ({sys.executable}).\n"
            f"Install it into a throwaway virtualenv, e.g.\n"
            f"  python3 -m venv /tmp/calvenv && /tmp/calvenv/bin/pip install {PACKAGE}\n"
            f"  /tmp/calvenv/bin/python scripts/generate_calendar.py"
        )
    return chinese_calendar


def _supported_years(cc: ModuleType) -> tuple[int, int]:
    """The first and last year the package has data for (as chinese_calendar itself checks)."""
    dates = list(cc.holidays.keys())
    return min(dates).year, max(dates).year


def _check_coverage(cc: ModuleType, through: int) -> str | None:
    """Return an error message when the package does not cover FIRST_YEAR..through."""
    first, last = _supported_years(cc)
    version = getattr(cc, "__version__", "?")
    if through < FIRST_YEAR:
        return f"--through {through} is before {FIRST_YEAR}, the first year of the calendar"
    if first > FIRST_YEAR or through > last:
        return (
            f"{PACKAGE} {version} covers {first}–{last}, not {FIRST_YEAR}–{through}; "
            f"install a version that includes the {through} holiday notice, or pass --through {last}"
        )
    # Every year's notice fixes 1 January and 1 October as rest days: a year that lacks
    # either in the package's table was not (fully) collected.
    for year in range(FIRST_YEAR, through + 1):
        for month in (1, 10):
            day = dt.date(year, month, 1)
            if day not in cc.holidays:
                return (
                    f"{PACKAGE} {version} has no holiday entry for {day.isoformat()}: "
                    f"its data for {year} looks incomplete"
                )
    return None


def _dates(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def collect(cc: ModuleType, through: int) -> tuple[list[dt.date], list[dt.date]]:
    """(holidays, adjusted_workdays) from 1 January FIRST_YEAR to 31 December `through`.

    holidays: rest days that belong to a festival (the package names one), weekend days inside
    a holiday block included; ordinary weekends are left out (the weekend rule covers them).
    adjusted_workdays: Saturdays and Sundays that are working days (调休).
    """
    holidays: list[dt.date] = []
    workdays: list[dt.date] = []
    for day in _dates(dt.date(FIRST_YEAR, 1, 1), dt.date(through, 12, 31)):
        on_holiday, name = cc.get_holiday_detail(day)
        if cc.is_holiday(day) and on_holiday and name is not None:
            holidays.append(day)
        if day.weekday() >= 5 and cc.is_workday(day):
            workdays.append(day)
    overlap = set(holidays) & set(workdays)
    if overlap:
        raise SystemExit(f"error: dates both holiday and working day: {sorted(overlap)}")
    return holidays, workdays


def _date_list(key: str, dates: list[dt.date]) -> list[str]:
    lines = [f"  {key}:"]
    year = None
    for day in dates:
        if day.year != year:
            year = day.year
            lines.append(f"    # {year}")
        lines.append(f"    - {day.isoformat()}")
    return lines


def render(version: str, through: int, holidays: list[dt.date], workdays: list[dt.date]) -> str:
    span = f"{FIRST_YEAR}—{through}"
    lines = [
        f"# Generated by scripts/generate_calendar.py from {PACKAGE} {version} — do not edit by hand.",
        "# Source: 国务院办公厅关于部分节假日安排的通知 (one per year), as collected by chinesecalendar.",
        "format: legal-review-rulepack/1",
        "id: cn-national-calendar",
        f"name: 全国法定节假日及调休日历（{span}）",
        "sources:",
        f'  - "国务院办公厅关于部分节假日安排的通知（{span} 年各年）"',
        f'  - "{PACKAGE} {version} (PyPI, LKI/chinese-calendar)"',
        "calendar:",
        "  weekend: [sat, sun]",
        f"  covered_from: {FIRST_YEAR}-01-01",
        f"  covered_through: {through}-12-31",
        *_date_list("holidays", holidays),
        *_date_list("adjusted_workdays", workdays),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Write the national rest-day calendar rule pack (cn-national-calendar) from the "
            f"{PACKAGE} package. Run it with a Python that has {PACKAGE} installed."
        )
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"file to write (default: {DEFAULT_OUT.relative_to(REPO)})",
    )
    parser.add_argument(
        "--through",
        type=int,
        metavar="YEAR",
        help="last year to include (default: the last year the installed package covers)",
    )
    args = parser.parse_args(argv)

    cc = _load_package()
    version = getattr(cc, "__version__", "unknown")
    through = args.through if args.through is not None else _supported_years(cc)[1]
    problem = _check_coverage(cc, through)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1

    holidays, workdays = collect(cc, through)
    text = render(version, through, holidays, workdays)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(
        f"wrote {args.out}: {FIRST_YEAR}–{through}, {len(holidays)} holidays, "
        f"{len(workdays)} adjusted workdays ({PACKAGE} {version})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
