"""Architecture rules that keep the domain testable without a display."""

from __future__ import annotations

import ast
from pathlib import Path

import workstation

PACKAGE = Path(workstation.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6", "vlc")
QT_ALLOWED = ("ui", "media")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_modules_import_no_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in QT_ALLOWED:
            continue
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_the_domain_loads_without_qt_in_a_fresh_interpreter() -> None:
    import subprocess
    import sys

    code = (
        "import sys, workstation.cli, workstation.app, workstation.casefile.importer, "
        "workstation.security.integrity; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'vlc')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_print_in_library_code() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name.startswith("cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_modules_stay_small() -> None:
    large = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and len(p.read_text("utf-8").splitlines()) > 400
    ]
    assert large == []
