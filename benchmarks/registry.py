"""The benchmark registry: one `bench_*.py` module per benchmark, registered by decorator."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path


class BenchmarkError(Exception):
    """A benchmark could not run (not enough disk, bad environment); the message says why."""


@dataclass(frozen=True)
class Options:
    """What the command line chose, plus a private scratch folder for one benchmark."""

    runs: int
    size_mib: int
    workdir: Path


@dataclass(frozen=True)
class Trial:
    """One prepared benchmark: each call takes one measurement in the benchmark's unit."""

    reference: Callable[[], float]
    project: Callable[[], float]
    # What a number alone does not say (an engine that showed nothing before a wait ran
    # out, so the frame still on screen was counted): appended while measuring, printed
    # under the table; results.json keeps its keys.
    notes: list[str] = field(default_factory=list)


Setup = Callable[[Options], AbstractContextManager[Trial]]


@dataclass(frozen=True)
class Benchmark:
    """A registered benchmark; `setup` prepares its data and cleans up when the block ends."""

    name: str
    unit: str
    goal: float
    higher_is_better: bool
    summary: str
    setup: Setup
    # "ratio": `goal` is the least acceptable ratio (README, results.json). "increase": `goal`
    # is the most the project's value may exceed the reference's, in `unit` (RSS growth).
    # "at_most": `goal` bounds the project's own value, in `unit` (the reference is context).
    goal_kind: str = "ratio"


_REGISTRY: dict[str, Benchmark] = {}


def benchmark(
    name: str,
    *,
    unit: str,
    goal: float,
    higher_is_better: bool = True,
    summary: str = "",
    goal_kind: str = "ratio",
) -> Callable[[Setup], Setup]:
    """Register a setup function (a context manager yielding a Trial) under `name`."""

    def register(setup: Setup) -> Setup:
        if name in _REGISTRY:
            raise ValueError(f"benchmark {name!r} registered twice")
        if goal_kind not in ("ratio", "increase", "at_most"):
            raise ValueError(f"benchmark {name!r}: unknown goal_kind {goal_kind!r}")
        _REGISTRY[name] = Benchmark(name, unit, goal, higher_is_better, summary, setup, goal_kind)
        return setup

    return register


def discover() -> dict[str, Benchmark]:
    """Import every `benchmarks/bench_*.py` module and return the registry, by name."""
    package = Path(__file__).parent
    for module in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        if module.name.startswith("bench_"):
            importlib.import_module(f"{__package__}.{module.name}")
    return dict(_REGISTRY)
