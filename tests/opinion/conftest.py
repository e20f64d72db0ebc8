"""Fixtures of the opinion and audit tests: the demo food case under the demo pack, and the
command line run in-process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import Cli, FixedClock, Ran

from workstation.cli import main

PACK_SETTINGS = '[review]\nrule_pack = "demo-zaozhuang-2026"\n'


@pytest.fixture
def clock() -> FixedClock:
    """The morning after the food case was submitted (2026-04-15 09:30 in Beijing)."""
    return FixedClock(datetime(2026, 4, 15, 1, 30, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose office uses the demo rule pack."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "settings.toml").write_text(PACK_SETTINGS, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_inherited_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test takes a passphrase from the developer's shell."""
    monkeypatch.delenv("WORKSTATION_PASSPHRASE", raising=False)


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(user: str, *args: str | Path) -> Ran:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "--user", user, *(str(a) for a in args)])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
