"""Output of a run: a table on stdout and the results.json list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from benchmarks.measure import Result

_HEADERS = ("benchmark", "project", "reference", "unit", "ratio", "goal", "met")


def format_table(results: Sequence[Result]) -> str:
    """A plain-text table, one row per benchmark."""
    rows = [_HEADERS] + [
        (
            r.name,
            f"{r.value:.2f}",
            f"{r.reference:.2f}",
            r.unit,
            f"{r.ratio:.3f}",
            _goal(r),
            "yes" if r.met else "NO",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS))]
    numeric = {1, 2, 4}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(w) if i in numeric and index else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.name}: {note}" for r in results for note in r.notes]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def write_results(results: Sequence[Result], path: Path) -> None:
    """Write this run's results into the JSON list, replacing earlier results of the same
    benchmarks and keeping the others (`make bench NAME` must not erase the rest)."""
    fresh = {r.name: r.to_json() for r in results}
    kept: list[dict[str, object]] = []
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = []
    for entry in earlier if isinstance(earlier, list) else []:
        if isinstance(entry, dict) and entry.get("name") not in fresh:
            kept.append(entry)
    merged = sorted([*kept, *fresh.values()], key=lambda entry: str(entry.get("name")))
    text = json.dumps(merged, ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def _goal(result: Result) -> str:
    if result.goal_kind == "increase":
        return f"+<= {result.goal:g} {result.unit}"
    if result.goal_kind == "at_most":
        return f"<= {result.goal:g} {result.unit}"
    return f">= {result.goal:g}"
