"""The demo office as `make run` sets it up, prepared through the services (not the CLI,
which asks whoever changes something to prove who they are)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REVIEWER = "zhaomin"  # the demo's reviewer


def demo_office(data: Path) -> Any:
    """A data folder under the demo's rule pack with the demo's staff and cases; the open
    Workstation (the caller closes it)."""
    from workstation.app import open_workstation
    from workstation.cli import DEMO_PACK
    from workstation.demo import generate_demo_bundles
    from workstation.demo.accounts import add_demo_accounts

    data.mkdir(parents=True)
    (data / "settings.toml").write_text(f'[review]\nrule_pack = "{DEMO_PACK}"\n', encoding="utf-8")
    ws = open_workstation(data)
    add_demo_accounts(ws)
    for bundle in generate_demo_bundles(data.parent / "bundles"):
        ws.import_bundle(bundle, actor="sunli")
    return ws
