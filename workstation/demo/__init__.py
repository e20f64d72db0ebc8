"""Demo case bundles: four realistic, fictional cases written as `legal-review-case/1` folders.

`generate_demo_bundles(out_dir)` is deterministic: the same version of this package (and of
PyMuPDF, python-docx and PyAV's FFmpeg) writes byte-identical files every time, so importing
the bundles again is "unchanged".
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["generate_demo_bundles"]


def generate_demo_bundles(out_dir: Path) -> list[Path]:
    """Write the demo bundles as folders under `out_dir`; returns their paths."""
    from workstation.demo.bundle import write_bundle
    from workstation.demo.cases import all_cases

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [write_bundle(spec, out_dir) for spec in all_cases()]
    log.info("%d demo bundles written to %s", len(paths), out_dir)
    return paths
