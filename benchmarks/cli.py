"""Command line of `python -m benchmarks`: pick benchmarks, run them, report, write JSON."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from benchmarks.files import remove_tree
from benchmarks.measure import Result, run_benchmark
from benchmarks.registry import Benchmark, BenchmarkError, Options, discover
from benchmarks.report import format_table, write_results

DEFAULT_OUTPUT = Path(__file__).with_name("results.json")


def parse_args(argv: Sequence[str] | None, names: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; unknown benchmark names are a usage error."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure the project's paths against fair references; writes results.json.",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all): {', '.join(names)}",
    )
    parser.add_argument(
        "--runs",
        type=_positive,
        default=5,
        help="measurements of each side; the median is reported (default 5)",
    )
    parser.add_argument(
        "--size-mib",
        type=_positive,
        default=1024,
        help="size of generated test data in MiB (default 1024)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write the results (default benchmarks/results.json)",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in names]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(names)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks; 0 unless one crashed (missed goals are reported, not fatal)."""
    registry = discover()
    args = parse_args(argv, sorted(registry))
    if args.list:
        for bench in registry.values():
            goal = {
                "increase": f"goal increase <= {bench.goal:g} {bench.unit}",
                "at_most": f"goal at most {bench.goal:g} {bench.unit}",
            }.get(bench.goal_kind, f"goal ratio >= {bench.goal:g}")
            print(f"{bench.name:24} {goal}  {bench.summary}")
        return 0
    chosen = [registry[n] for n in (args.names or sorted(registry))]
    print(
        f"runs={args.runs} size={args.size_mib} MiB  python {platform.python_version()}  "
        f"{os.cpu_count()} CPUs  scratch in {tempfile.gettempdir()}",
        flush=True,
    )
    results, failed = run_all(chosen, args.runs, args.size_mib)
    write_results(results, args.output)
    print()
    print(format_table(results) if results else "(no results)")
    print(f"\nwrote {args.output}")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def run_all(
    chosen: Sequence[Benchmark], runs: int, size_mib: int
) -> tuple[list[Result], list[str]]:
    """Run each benchmark in its own scratch folder; a crash is reported and the rest go on."""
    results: list[Result] = []
    failed: list[str] = []
    for bench in chosen:
        print(f"{bench.name}: {bench.summary}", file=sys.stderr, flush=True)
        workdir = Path(tempfile.mkdtemp(prefix=f"workstation-bench-{bench.name}-"))
        try:
            results.append(run_benchmark(bench, Options(runs, size_mib, workdir)))
        except BenchmarkError as exc:
            print(f"{bench.name}: {exc}", file=sys.stderr)
            failed.append(bench.name)
        except Exception:
            traceback.print_exc()
            failed.append(bench.name)
        finally:
            remove_tree(workdir)
    return results, failed


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value
