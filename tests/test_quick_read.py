"""The case list's first screen read with plain sqlite3 at start-up says what the services
say: the same cases in the same order with the same columns, the same "who sees what", and
no answer at all where only the services can give one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from case_list_rows import add_cases, open_office, staff_ids
from helpers import FixedClock
from sqlalchemy import insert, select, update

from workstation.review.case_rows import CaseListRow, CaseQuery
from workstation.review.quick_read import READERS, first_cases, users_registered
from workstation.security.users import PERMISSIONS
from workstation.services import Workstation
from workstation.store import models
from workstation.store.review_models import User

NOW = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)


@pytest.fixture
def office(tmp_path: Path) -> Any:
    ws = open_office(tmp_path / "office", "cn-xuecheng-2017", FixedClock(NOW))
    yield ws
    ws.close()


def services_page(ws: Workstation, login: str, limit: int) -> tuple[list[CaseListRow], int]:
    listing = ws.open_case_list(login, CaseQuery())
    return listing.fetch(limit), listing.total


def without_engine(row: CaseListRow) -> CaseListRow:
    """What the quick read leaves for the services: deadlines and "major"."""
    return replace(row, major=None, due_on=None, due_status="", days_left=None, approximate=False)


def test_readers_are_the_roles_allowed_to_read_cases() -> None:
    assert PERMISSIONS["case.read"][0] == READERS


def test_the_first_page_is_the_services_first_page(office: Workstation) -> None:
    people = staff_ids(office)
    add_cases(office.db, 130, now=NOW, reviewer_ids=[people["wang"]], exercise_every=4)
    # A second version of case 7 under a new title: the list shows the latest.
    with office.db.write("测试") as session:
        first = session.execute(
            select(models.CaseVersion.__table__).where(models.CaseVersion.case_id == 7)
        ).one()
        second = {**first._mapping, "id": 10_000, "version": 2, "title": "补正后的案由"}
        session.execute(insert(models.CaseVersion), [second])
    quick = first_cases(office.paths.database_file, "wang", 100)
    assert quick is not None
    rows, total = services_page(office, "wang", 100)
    assert quick.total == total == 130
    assert quick.rows == [without_engine(r) for r in rows]
    assert {r.reviewer for r in quick.rows} >= {"王审核", ""}
    assert any(r.exercise for r in quick.rows)
    every = first_cases(office.paths.database_file, "wang", 200)
    assert every is not None
    assert every.rows == [without_engine(r) for r in services_page(office, "wang", 200)[0]]
    assert [r.title for r in every.rows if r.case_id == 7] == ["补正后的案由"]


def test_a_trainee_sees_exercises_only(office: Workstation) -> None:
    add_cases(office.db, 40, now=NOW, exercise_every=5)
    quick = first_cases(office.paths.database_file, "feng", 100)
    assert quick is not None
    rows, total = services_page(office, "feng", 100)
    assert quick.total == total == 8
    assert quick.rows == [without_engine(r) for r in rows]


def test_what_only_the_services_can_answer_is_left_to_them(office: Workstation) -> None:
    add_cases(office.db, 3, now=NOW)
    database = office.paths.database_file
    assert first_cases(database, "stranger", 100) is None  # refused by the services
    with office.db.write("测试") as session:
        session.execute(update(User).where(User.login == "zhao").values(active=False))
        session.execute(update(User).where(User.login == "wang").values(roles=["astronaut"]))
    assert first_cases(database, "zhao", 100) is None
    assert first_cases(database, "wang", 100) is None
    assert first_cases(database.with_name("missing.sqlite"), "wang", 100) is None


def test_before_anyone_is_registered_anyone_may_look(ws: Workstation) -> None:
    add_cases(ws.db, 3, now=NOW)
    assert users_registered(ws.paths.database_file) is False
    quick = first_cases(ws.paths.database_file, "whoever", 100)
    assert quick is not None
    rows, total = services_page(ws, "whoever", 100)
    assert quick.total == total == 3
    assert quick.rows == [without_engine(r) for r in rows]


def test_users_registered_agrees_with_the_services(office: Workstation) -> None:
    assert users_registered(office.paths.database_file) is office.users_registered() is True
    assert users_registered(Path("/nonexistent/workstation.sqlite")) is None
