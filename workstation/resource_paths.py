"""Finds the files under `resources/` from a source tree, a wheel or a frozen build."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import workstation


@cache
def resources_root() -> Path:
    """The resources folder: packaged inside `workstation/` in a wheel, beside it in a checkout."""
    package_dir = Path(workstation.__file__).resolve().parent
    for candidate in (package_dir / "resources", package_dir.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found next to {package_dir}")


def resource_path(*parts: str) -> Path:
    """The path of one shipped resource file, e.g. resource_path("schema", "x.json")."""
    return resources_root().joinpath(*parts)
