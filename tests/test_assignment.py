"""Assignment (issue #12): a division head gives a case to a reviewer and may give it to
another; "mine" is what is assigned to me; at login each reviewer is told what is overdue
or due soon among their cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, minimal_case, register_users
from review_desk import CLERK, HEAD, OFFICER, REVIEWER, Office, Person
from sqlalchemy import select

from workstation.errors import IllegalActionError
from workstation.review.case_rows import CaseQuery
from workstation.store.models import AuditEntry

pytestmark = pytest.mark.both_engines

RECUSED = OFFICER  # a reviewer, and an officer of the minimal case
LI = Person("li", "李审核", ("reviewer",))


def _add_li(office: Office) -> None:
    register_users(office.ws, (LI.login, LI.name, LI.roles))


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Any:
    office = Office(tmp_path / "data", clock)
    yield office
    office.close()


@pytest.fixture
def case(office: Office, tmp_path: Path) -> str:
    return office.bring(tmp_path / "bundle")


def _mine(office: Office, login: str) -> list[str]:
    listing = office.ws.open_case_list(login, CaseQuery(mine=True))
    return [row.short_id for row in listing.fetch(50)]


def test_a_head_assigns_and_reassigns_and_each_is_audited(
    office: Office, case: str, tmp_path: Path
) -> None:
    ws = office.ws
    second = office.bring(tmp_path / "second", number="薛市监罚〔2026〕99号")
    said = ws.assignments.assign(case, REVIEWER.login, HEAD.login)
    number = minimal_case()["case"]["number"]
    assert said == f"已将 {number} 分配给 {REVIEWER.name}（{REVIEWER.login}）审核"
    assert _mine(office, REVIEWER.login) == [case]
    # Assigned, the case is the assignee's to accept; a head may accept it for them.
    office.act(case, "accept", HEAD)
    assert _mine(office, REVIEWER.login) == [case]
    ws.review.set_comment(case, "facts", "事实清楚", REVIEWER.login)

    _add_li(office)
    said = ws.assignments.assign(case, "li", HEAD.login)
    assert said.endswith(f"，原由 {REVIEWER.name} 审核")
    assert _mine(office, "li") == [case]
    assert _mine(office, REVIEWER.login) == []
    with pytest.raises(IllegalActionError, match=f"本案由李审核审核，{REVIEWER.name}不能修改"):
        ws.review.set_comment(case, "facts", "仍是我的", REVIEWER.login)
    ws.review.set_comment(case, "facts", "李审核接手", "li")

    with ws.db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "review.assign").order_by(AuditEntry.seq)
        ).all()
    assert [(e.actor, e.details["to"], e.details["previous"]) for e in entries] == [
        (HEAD.login, REVIEWER.login, None),
        (HEAD.login, "li", REVIEWER.login),
    ]
    # The state check recomputes the reviewer from the log: assignments included.
    assert ws.verify(None, actor="admin").intact
    assert second not in _mine(office, "li")


def test_a_case_assigned_to_someone_else_is_not_theirs_to_accept(office: Office, case: str) -> None:
    _add_li(office)
    office.ws.assignments.assign(case, "li", HEAD.login)
    with pytest.raises(
        IllegalActionError, match=f"本案已分配给 李审核 审核，{REVIEWER.name}不能受理"
    ):
        office.act(case, "accept", REVIEWER)
    office.act(case, "accept", LI)
    assert _mine(office, "li") == [case]


def test_who_may_assign_and_to_whom(office: Office, case: str) -> None:
    ws = office.ws
    with pytest.raises(IllegalActionError, match="分配审核人员"):
        ws.assignments.assign(case, REVIEWER.login, REVIEWER.login)
    with pytest.raises(IllegalActionError, match="不是审核人员"):
        ws.assignments.assign(case, CLERK.login, HEAD.login)
    with pytest.raises(IllegalActionError, match="未登记"):
        ws.assignments.assign(case, "nobody", HEAD.login)
    with pytest.raises(IllegalActionError, match="回避"):
        ws.assignments.assign(case, RECUSED.login, HEAD.login)
    reviewers = ws.assignments.reviewers()
    assert {REVIEWER.login, HEAD.login} <= {u.login for u in reviewers}
    assert CLERK.login not in {u.login for u in reviewers}


def test_at_login_a_reviewer_hears_what_is_overdue(office: Office, case: str) -> None:
    ws = office.ws
    ws.assignments.assign(case, REVIEWER.login, HEAD.login)
    office.act(case, "accept", REVIEWER)
    assert not ws.due_for(REVIEWER.login).any
    office.clock.advance(days=30)
    summary = ws.due_for(REVIEWER.login)
    assert [row.short_id for row in summary.overdue] == [case]
    assert (
        summary.message(REVIEWER.name)
        == f"{REVIEWER.name}，分配给您审核的案件中，1 件已超过审核期限："
    )
    (line,) = summary.lines()
    assert line.startswith(f"{case}　{minimal_case()['case']['number']}")
    assert "已超期" in line
    assert not ws.due_for(HEAD.login).any  # nothing is assigned to the head


def test_the_assign_command(office: Office, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import proven

    from workstation.cli import main

    code = main(
        proven(
            ["--data-dir", office.data_dir, "--user", HEAD.login, "assign", case, REVIEWER.login]
        )
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert f"分配给 {REVIEWER.name}（{REVIEWER.login}）审核" in out
    code = main(
        proven(
            ["--data-dir", office.data_dir, "--user", REVIEWER.login, "assign", case, HEAD.login]
        )
    )
    assert code == 2
    assert "分配审核人员" in capsys.readouterr().err
