"""Runs a measurement in a fresh Python process (no run inherits another's heap)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.registry import BenchmarkError

ROOT = Path(__file__).resolve().parent.parent


def child_number(code: str, *args: str, label: str) -> float:
    """Run `code` with `args` offscreen in a new interpreter; the number on its last line."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise BenchmarkError(f"{label} child failed: {result.stderr.strip()[-800:]}")
    return float(lines[-1])


def rss_mb() -> float:
    """This process's resident set size in MB (10^6 bytes)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:  # not Linux: the peak is the closest portable figure
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e3 if sys.platform != "darwin" else peak / 1e6
