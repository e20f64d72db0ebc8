"""Presence (issue #12): a case opened by someone else shows who is working in it — who, on
which PC, since when — and stops showing soon after they close it or their PC goes away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from review_desk import HEAD, REVIEWER, Office
from sqlalchemy import func, select

from workstation.app import open_workstation
from workstation.store.models import AuditEntry, Presence
from workstation.store.presence import FRESH

pytestmark = pytest.mark.both_engines


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Any:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


def _on_pc(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setattr("workstation.services.this_host", lambda: host)


def test_a_colleague_sees_who_has_the_case_open_and_since_when(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = office.bring(tmp_path / "bundle")
    second = office.bring(tmp_path / "second", number="薛市监罚〔2026〕99号")
    case_id, other_id = int(ref.removeprefix("C")), int(second.removeprefix("C"))
    opened = office.clock()
    head_pc = open_workstation(office.data_dir, clock=office.clock)
    try:
        _on_pc(monkeypatch, "PC-REVIEW")
        assert office.ws.presence(REVIEWER.login, [case_id]) == {}  # nobody else yet
        office.clock.advance(seconds=30)

        _on_pc(monkeypatch, "PC-HEAD")
        seen = head_pc.presence(HEAD.login, [case_id, other_id])
        assert list(seen) == [case_id]  # nobody has the second case open
        (present,) = seen[case_id]
        assert (present.login, present.name, present.host) == (
            REVIEWER.login,
            REVIEWER.name,
            "PC-REVIEW",
        )
        assert present.since == opened  # the first beat, not the latest

        # The reviewer sees the head in turn; nobody sees themselves on their own PC.
        _on_pc(monkeypatch, "PC-REVIEW")
        (back,) = office.ws.presence(REVIEWER.login, [case_id])[case_id]
        assert (back.login, back.host) == (HEAD.login, "PC-HEAD")

        # The same reviewer on a second PC is someone else working in the case.
        _on_pc(monkeypatch, "PC-LAPTOP")
        hosts = {p.host for p in head_pc.presence(REVIEWER.login, [case_id])[case_id]}
        assert hosts == {"PC-REVIEW", "PC-HEAD"}

        # The reviewer closes the case: gone at once for the head.
        _on_pc(monkeypatch, "PC-REVIEW")
        office.ws.presence(REVIEWER.login, [])
        _on_pc(monkeypatch, "PC-LAPTOP")
        office.ws.presence(REVIEWER.login, [])
        _on_pc(monkeypatch, "PC-HEAD")
        assert head_pc.presence(HEAD.login, [case_id]) == {}
    finally:
        head_pc.close()


def test_a_pc_that_stops_beating_drops_out(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = office.bring(tmp_path / "bundle")
    case_id = int(ref.removeprefix("C"))
    _on_pc(monkeypatch, "PC-REVIEW")
    office.ws.presence(REVIEWER.login, [case_id])  # then the PC loses power

    _on_pc(monkeypatch, "PC-HEAD")
    office.clock.advance(seconds=FRESH.total_seconds())
    assert [p.host for p in office.ws.presence(HEAD.login, [case_id])[case_id]] == ["PC-REVIEW"]
    office.clock.advance(seconds=1)
    assert office.ws.presence(HEAD.login, [case_id]) == {}


def test_presence_is_not_a_review_action(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = office.bring(tmp_path / "bundle")
    case_id = int(ref.removeprefix("C"))
    with office.ws.db.session() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    for _beat in range(3):
        office.clock.advance(seconds=10)
        office.ws.presence(REVIEWER.login, [case_id])
    with office.ws.db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries
        rows = session.scalars(select(Presence)).all()
    assert [(r.login, r.seen_at) for r in rows] == [(REVIEWER.login, office.clock())]
    assert office.ws.verify(None, actor=REVIEWER.login).intact
