"""Running one benchmark: both sides in every run, medians, the ratio against the goal."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from typing import Any

from benchmarks.registry import Benchmark, BenchmarkError, Options


@dataclass(frozen=True)
class Result:
    """One row of results.json."""

    name: str
    value: float
    unit: str
    reference: float
    ratio: float
    goal: float
    met: bool
    goal_kind: str = "ratio"  # not in results.json: the table uses it to print the goal
    notes: tuple[str, ...] = ()  # not in results.json: printed under the table

    def to_json(self) -> dict[str, Any]:
        """The row with exactly the keys results.json promises."""
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "reference": self.reference,
            "ratio": self.ratio,
            "goal": self.goal,
            "met": self.met,
        }


def run_benchmark(bench: Benchmark, options: Options) -> Result:
    """Measure both sides `options.runs` times, reference then project in every run.

    The order is fixed so that every project run follows the same history (a reference run);
    alternating it made project runs bimodal on this VM (see README, "Noise").
    """
    samples: dict[str, list[float]] = {"reference": [], "project": []}
    with bench.setup(options) as trial:
        for run in range(options.runs):
            for side, measure in (("reference", trial.reference), ("project", trial.project)):
                value = measure()
                # a time or a size of zero means the measurement missed; zero frames off
                # (an accuracy, goal_kind "at_most") is a real and welcome result
                if not (value > 0 or (value == 0 and bench.goal_kind == "at_most")):
                    raise BenchmarkError(f"{bench.name}: {side} measured {value!r} {bench.unit}")
                samples[side].append(value)
                _progress(
                    f"  {bench.name} run {run + 1}/{options.runs} {side:9} "
                    f"{value:10.2f} {bench.unit}"
                )
        notes = _counted(trial.notes)
    for note in notes:
        _progress(f"  {bench.name} note: {note}")
    return summarise(bench, samples["project"], samples["reference"], notes)


def summarise(
    bench: Benchmark,
    project: list[float],
    reference: list[float],
    notes: tuple[str, ...] = (),
) -> Result:
    """Medians of each side and their ratio, oriented so that higher is better."""
    value = statistics.median(project)
    ref = statistics.median(reference)
    ratio = _ratio(value, ref, bench.higher_is_better)
    # An "increase" goal bounds value − reference in the unit (e.g. MB of RSS growth).
    # "at_most" bounds the value itself (a latency a person notices, whatever the reference).
    if bench.goal_kind == "increase":
        met = value - ref <= bench.goal
    elif bench.goal_kind == "at_most":
        met = value <= bench.goal
    else:
        met = ratio >= bench.goal
    return Result(
        bench.name,
        round(value, 2),
        bench.unit,
        round(ref, 2),
        round(ratio, 3),
        bench.goal,
        met,
        bench.goal_kind,
        notes,
    )


def _counted(notes: list[str]) -> tuple[str, ...]:
    """Each distinct note once, in order, with how often it came when more than once."""
    counts: dict[str, int] = {}
    for note in notes:
        counts[note] = counts.get(note, 0) + 1
    return tuple(note if n == 1 else f"{note} (×{n})" for note, n in counts.items())


def _ratio(value: float, ref: float, higher_is_better: bool) -> float:
    """value/ref oriented so higher is better; an exact zero on both sides is parity."""
    top, bottom = (value, ref) if higher_is_better else (ref, value)
    if bottom == 0:
        return 1.0 if top == 0 else float("inf")
    return top / bottom


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
