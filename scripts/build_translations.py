"""Compile the Qt Linguist sources resources/i18n/<area>.<lang>.ts into one
resources/i18n/workstation_<lang>.qm per language (build time; .qm files are not committed).

Usage: python scripts/build_translations.py [--check]
  --check  exit 1 when a .qm is missing or older than its sources (nothing written)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def sources_by_language() -> dict[str, list[Path]]:
    """`<area>.<lang>.ts` files grouped by language."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for ts in sorted(I18N.glob("*.ts")):
        parts = ts.name.split(".")
        if len(parts) != 3:
            raise SystemExit(f"{ts}: expected <area>.<lang>.ts")
        groups[parts[1]].append(ts)
    return dict(groups)


def lrelease() -> str:
    """pyside6-lrelease from the running environment (the venv's bin beside python)."""
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install the project (make venv) first")
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for language, sources in sources_by_language().items():
        target = I18N / f"workstation_{language}.qm"
        newest = max(p.stat().st_mtime for p in sources)
        if target.exists() and target.stat().st_mtime >= newest:
            continue
        stale.append(target)
        if check:
            continue
        # Written beside, then renamed over: a running app has the old file memory-mapped
        # (QTranslator), and rewriting it in place would crash that app with SIGBUS.
        partial = target.with_suffix(f".{os.getpid()}.partial")
        result = subprocess.run(
            [lrelease(), "-silent", *map(str, sources), "-qm", str(partial)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not partial.exists():
            partial.unlink(missing_ok=True)
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"lrelease failed for {language}")
        os.replace(partial, target)
        print(f"built {target.relative_to(I18N.parent.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
