"""GUI tests see the UI as users do: in Chinese, from the compiled zh_CN translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp: Any) -> None:
    """Compile the translation if needed (as `make translations` does) and install it."""
    from workstation.ui.i18n import install_translations

    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
    assert install_translations(qapp, "zh_CN"), "the zh_CN translation did not load"
