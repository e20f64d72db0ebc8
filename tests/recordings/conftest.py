"""Fixtures of the recordings tests: a demo office (the demo pack, the morning after the food
case was submitted), its staff, the food case accepted for review, and a small seizure case
with one recording from the shared corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, demo_morning, demo_office_folder
from recording_office import ADMIN, CLERK, FOOD, REVIEWER, STAFF, WAV, seizure_case

from workstation.security.users import add_user


@pytest.fixture
def clock() -> FixedClock:
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return demo_office_folder(tmp_path)


@pytest.fixture
def staff(ws: Any) -> None:
    with ws.db.write("登记用户") as session:
        for login, name, role in STAFF:
            add_user(session, login=login, display_name=name, roles=[role], by=ADMIN, at=ws.clock())


@pytest.fixture
def food(ws: Any, staff: None, demo_root: Path) -> str:
    """The demo food case imported and accepted by the reviewer: its reference."""
    result = ws.import_bundle(demo_root / FOOD, actor=CLERK)
    assert ws.workflow.act(result.short_id, "accept", REVIEWER) == "under_review"
    return str(result.short_id)


@pytest.fixture
def seizure(ws: Any, staff: None, make_bundle: Any, corpus_dir: Path) -> str:
    """The seizure case imported and accepted by the reviewer: its reference."""
    bundle = make_bundle(seizure_case(), {"media/a.wav": corpus_dir / WAV})
    result = ws.import_bundle(bundle, actor=CLERK)
    assert ws.workflow.act(result.short_id, "accept", REVIEWER) == "under_review"
    return str(result.short_id)
