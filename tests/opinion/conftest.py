"""Fixtures of the opinion and audit tests: the demo food case under the demo pack, and the
command line run in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Cli, FixedClock, Ran, demo_morning, demo_office_folder, proven

from workstation.cli import main


@pytest.fixture
def clock() -> FixedClock:
    """The morning after the demo food case was submitted."""
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose office uses the demo rule pack."""
    return demo_office_folder(tmp_path)


@pytest.fixture(autouse=True)
def _no_inherited_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test takes a passphrase from the developer's shell."""
    monkeypatch.delenv("WORKSTATION_PASSPHRASE", raising=False)


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(user: str, *args: str | Path) -> Ran:
        capsys.readouterr()
        code = main(proven(["--data-dir", data_dir, "--user", user, *args]))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
