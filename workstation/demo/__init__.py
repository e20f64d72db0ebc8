"""Demo case bundles: five realistic, fictional cases written as `legal-review-case/1` folders.

`generate_demo_bundles(out_dir, anchor)` is deterministic: for the same anchor day, the same
version of this package (and of PyMuPDF, python-docx and PyAV's FFmpeg) writes byte-identical
files every time, so importing the bundles again is "unchanged". The anchor sets the cases
around a day (see `placement`); without one, they keep the dates they were written with.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["generate_demo_bundles"]


def generate_demo_bundles(out_dir: Path, anchor: date | None = None) -> list[Path]:
    """Write the demo bundles as folders under `out_dir`; returns their paths.

    `anchor`: the day the cases are due around; None takes WORKSTATION_DEMO_ANCHOR (a date or
    `today`, as `make run` sets it), and without it the dates as written (spring 2026)."""
    from workstation.demo.anchor import anchor_from_environment
    from workstation.demo.bundle import write_bundle
    from workstation.demo.cases import all_cases

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = all_cases()
    anchor = anchor or anchor_from_environment()
    if anchor is not None:
        from workstation.demo.placement import place_all

        cases = place_all(cases, anchor)
    paths = [write_bundle(spec, out_dir) for spec in cases]
    log.info(
        "%d demo bundles written to %s (%s)",
        len(paths),
        out_dir,
        f"due around {anchor}" if anchor else "dates as written",
    )
    return paths
