"""The case list's query: filters, search, sorting and pages in SQL; deadlines in the pack's
day kind and "major" worked out for the rows fetched only, agreeing with the workflow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from case_list_rows import add_cases, open_office, set_case, staff_ids
from helpers import FixedClock, minimal_case
from raw_sql import another_office_database
from sqlalchemy import insert, select, update

from workstation.errors import IllegalActionError
from workstation.review.case_listing import CaseListRow, CaseQuery
from workstation.services import Workstation
from workstation.store import models
from workstation.store.review_models import CaseReview, Transition

pytestmark = pytest.mark.both_engines

XUECHENG = "cn-xuecheng-2017"  # 5 calendar days, due soon 1 day before
NINGXIA = "cn-ningxia-zjt-2022"  # 7 working days, due soon 2 days before
NOW = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)  # 09:30 in Beijing

Opener = Callable[..., Workstation]


@pytest.fixture
def open_ws(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Opener]:
    """A workstation under a rule pack with a fixed clock and the STAFF registered: `wang`
    and `zhao` review, `feng` is a trainee. Each is an office of its own, with its own
    data folder and database."""
    opened: list[Workstation] = []

    def make(pack: str | None = XUECHENG, now: datetime = NOW) -> Workstation:
        db_url = another_office_database(request) if opened else None
        ws = open_office(tmp_path / f"office{len(opened)}", pack, FixedClock(now), db_url)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


def user_ids(ws: Workstation) -> dict[str, int]:
    return staff_ids(ws)


def every_row(ws: Workstation, login: str = "wang", page: int = 37, **query: Any) -> list[Any]:
    """All rows of a listing, fetched in small pages."""
    listing = ws.open_case_list(login, CaseQuery(**query))
    rows: list[CaseListRow] = []
    while not listing.exhausted:
        got = listing.fetch(page)
        assert got, "the listing stopped before its total"
        rows += got
    assert listing.fetch(page) == []
    assert len(rows) == listing.total
    return rows


# --- paging, counting, sorting -----------------------------------------------------------


def test_pages_hold_every_case_once_newest_first(open_ws: Opener) -> None:
    ws = open_ws()
    ids = add_cases(ws.db, 120, now=NOW, reviewer_ids=list(user_ids(ws).values()))
    listing = ws.open_case_list("wang", CaseQuery())
    assert listing.total == 120
    first = listing.fetch(50)
    assert len(first) == 50
    assert listing.fetched == 50
    assert not listing.exhausted
    rows = first + listing.fetch(50) + listing.fetch(50)
    assert listing.exhausted
    assert [r.case_id for r in rows] == sorted(ids, reverse=True)
    assert rows[0].short_id == f"C{max(ids)}"


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("number", lambda r: r.number),
        ("title", lambda r: r.title),
        ("party", lambda r: r.party),
        ("reviewer", lambda r: r.reviewer),
    ],
)
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_a_column_is_done_in_sql(
    open_ws: Opener, sort: str, key: Callable[[CaseListRow], str], descending: bool
) -> None:
    ws = open_ws()
    add_cases(ws.db, 90, now=NOW, reviewer_ids=list(user_ids(ws).values()))
    rows = every_row(ws, sort=sort, descending=descending)
    values = [key(r) for r in rows]
    assert values == sorted(values, reverse=descending)
    assert len(set(values)) > 3  # the data really varies


def test_sorting_by_state_follows_the_workflow_and_by_type_the_label_order(
    open_ws: Opener,
) -> None:
    ws = open_ws()
    add_cases(ws.db, 150, now=NOW)
    states = [r.review_state for r in every_row(ws, sort="state")]
    order = ["submitted", "under_review", "re_review", "negotiation", "collective_discussion"]
    order += ["opinion_issued", "returned", "rejected", "approved"]
    assert states == sorted(states, key=order.index)
    assert states[0] == "submitted"
    assert states[-1] == "approved"
    types = [r.action_type for r in every_row(ws, sort="action_type", descending=True)]
    assert types[0] == "inspection"
    assert types[-1] == "penalty"


def test_sorting_by_deadline_puts_pending_cases_by_due_date_then_closed_ones(
    open_ws: Opener,
) -> None:
    ws = open_ws(NINGXIA)
    ids = add_cases(ws.db, 160, now=NOW, reviewer_ids=[user_ids(ws)["wang"]], pending_days=20)
    # Extended cases fall between the others: the order cannot be the period start alone.
    set_case(ws, ids[3], state="under_review", extensions=1)
    rows = every_row(ws, sort="deadline")
    pending = [r for r in rows if r.due_status != "done"]
    closed = rows[len(pending) :]
    assert pending
    assert closed
    assert all(r.due_status == "done" for r in closed)
    dues = [r.due_on for r in pending]
    assert dues == sorted(dues)
    assert any(r.due_status == "overdue" for r in pending)
    assert [r.case_id for r in closed] == sorted((r.case_id for r in closed), reverse=True)
    backwards = every_row(ws, sort="deadline", descending=True)
    assert [r.due_on for r in backwards[: len(pending)]] == sorted(dues, reverse=True)


def test_an_unknown_order_or_due_filter_is_a_programming_error(open_ws: Opener) -> None:
    ws = open_ws()
    with pytest.raises(ValueError, match="order"):
        ws.open_case_list("wang", CaseQuery(sort="colour"))
    with pytest.raises(ValueError, match="due"):
        ws.open_case_list("wang", CaseQuery(due="tomorrow"))


# --- filters and search --------------------------------------------------------------------


def test_filters_by_state_type_and_mine(open_ws: Opener) -> None:
    ws = open_ws()
    people = user_ids(ws)
    add_cases(ws.db, 200, now=NOW, reviewer_ids=[people["wang"], people["zhao"]])
    everything = every_row(ws)
    active = frozenset({"submitted", "under_review"})
    rows = every_row(ws, states=active)
    assert rows
    assert {r.case_id for r in rows} == {r.case_id for r in everything if r.review_state in active}
    rows = every_row(ws, action_type="coercion")
    assert rows
    assert {r.case_id for r in rows} == {
        r.case_id for r in everything if r.action_type == "coercion"
    }
    mine = every_row(ws, mine=True)
    assert mine
    assert {r.case_id for r in mine} == {r.case_id for r in everything if r.reviewer == "王审核"}
    theirs = every_row(ws, "zhao", mine=True)
    assert theirs
    assert not {r.case_id for r in mine} & {r.case_id for r in theirs}
    both = every_row(ws, mine=True, states=frozenset({"approved"}), action_type="penalty")
    assert {r.case_id for r in both} == {
        r.case_id for r in mine if r.review_state == "approved" and r.action_type == "penalty"
    }


def test_search_finds_two_chinese_characters_in_number_title_or_any_party(
    open_ws: Opener,
) -> None:
    ws = open_ws()
    ids = add_cases(ws.db, 80, now=NOW)
    everything = every_row(ws)
    by_title = every_row(ws, search="焚烧")
    assert by_title
    assert all("焚烧" in r.title for r in by_title)
    assert len(by_title) == sum("焚烧" in r.title for r in everything)
    number = next(r.number for r in everything if r.case_id == ids[5])
    assert [r.case_id for r in every_row(ws, search=number)] == [ids[5]]
    assert [r.case_id for r in every_row(ws, search=f"〕{ids[5]}号")] == [ids[5]]
    # A second party is not shown in the list but is found.
    with ws.db.write("加当事人") as session:
        version_id = session.scalar(
            select(models.CaseVersion.id).where(models.CaseVersion.case_id == ids[7])
        )
        session.execute(
            insert(models.Party),
            [
                {
                    "version_id": version_id,
                    "position": 5,
                    "kind": "citizen",
                    "name": "欧阳修",
                    "id_number": "x",
                }
            ],
        )
    assert [r.case_id for r in every_row(ws, search="欧阳")] == [ids[7]]
    # Every word must be found; LIKE's wildcards are plain characters.
    title = next(r.title for r in everything if r.case_id == ids[7])
    assert [r.case_id for r in every_row(ws, search=f"欧阳 {title[:2]}")] == [ids[7]]
    assert every_row(ws, search="欧阳 没有这个案由") == []
    assert every_row(ws, search="%") == []
    assert every_row(ws, search="_") == []
    assert len(every_row(ws, search="   ")) == 80


def test_a_trainee_sees_exercises_only_and_a_stranger_nothing(open_ws: Opener) -> None:
    ws = open_ws()
    add_cases(ws.db, 60, now=NOW, exercise_every=4)
    rows = every_row(ws, "feng")
    assert len(rows) == 15
    assert all(r.exercise for r in rows)
    assert len(every_row(ws, "wang")) == 60
    with pytest.raises(IllegalActionError, match="stranger"):
        ws.open_case_list("stranger", CaseQuery())


# --- deadlines -----------------------------------------------------------------------------


def test_the_list_shows_the_workflows_deadline_whatever_restarted_the_period(
    open_ws: Opener,
) -> None:
    """The SQL period start (filter, order) and the workflow's agree on every branch: no
    review yet, a review of an older version, resubmissions before and after the new
    submission, a re-review request, an extension."""
    ws = open_ws(NINGXIA)
    wang = user_ids(ws)["wang"]
    ids = add_cases(ws.db, 40, now=NOW, reviewer_ids=[wang], pending_days=30)
    with ws.db.write("场景") as session:
        versions = {
            v.case_id: v
            for v in session.scalars(
                select(models.CaseVersion).where(models.CaseVersion.case_id.in_(ids[:4]))
            )
        }
        for n, case_id in enumerate(ids[:4]):
            old = versions[case_id]
            session.execute(
                insert(models.CaseVersion),
                [
                    {
                        **{c: getattr(old, c) for c in _VERSION_COLUMNS},
                        "version": 2,
                        "submitted_at": old.submitted_at + timedelta(days=2),
                    }
                ],
            )
            session.execute(
                update(models.Case)
                .where(models.Case.id == case_id)
                .values(review_state="under_review")
            )
            session.merge(
                CaseReview(
                    case_id=case_id,
                    version_id=old.id,  # still reviewing version 1 (n == 0)
                    reviewer_id=wang,
                    extensions=1 if n == 3 else 0,
                    updated_at=NOW,
                )
            )
            action, at = {
                1: ("resubmit", old.submitted_at + timedelta(days=1)),  # before v2
                2: ("resubmit", old.submitted_at + timedelta(days=4)),  # after v2
                3: ("request_re_review", old.submitted_at + timedelta(days=5)),
            }.get(n, (None, None))
            if action:
                session.execute(
                    insert(Transition),
                    [
                        {
                            "case_id": case_id,
                            "at": at,
                            "actor": "t",
                            "action": action,
                            "from_state": "returned",
                            "to_state": "submitted",
                        }
                    ],
                )
    workflow = {c.case_id: c for c in ws.list_cases("wang")}
    rows = every_row(ws)
    assert len(rows) == 40
    for row in rows:
        expected = workflow[row.case_id]
        assert (row.due_on, row.due_status) == (expected.due_on, expected.due_status), row
    assert {r.due_status for r in rows} == {"ok", "due_soon", "overdue", "done"}
    # The due filter agrees with the statuses shown, case by case.
    for due in ("overdue", "due_soon"):
        filtered = {r.case_id for r in every_row(ws, due=due)}
        assert filtered == {r.case_id for r in rows if r.due_status == due}


_VERSION_COLUMNS = (
    "case_id",
    "content_digest",
    "imported_at",
    "manifest_sha256",
    "exercise_sha256",
    "title",
    "agency_name",
    "agency_code",
    "action_type",
    "procedure",
    "flags",
    "proposed_decision",
)


@pytest.mark.parametrize(
    ("now", "status", "days_left"),
    [
        (datetime(2026, 3, 12, 1, 30, tzinfo=UTC), "ok", 4),
        (datetime(2026, 3, 14, 15, 59, tzinfo=UTC), "ok", 2),  # 03-14 23:59 in UTC+8
        (datetime(2026, 3, 14, 16, 0, tzinfo=UTC), "due_soon", 1),  # 03-15 00:00 in UTC+8
        (datetime(2026, 3, 16, 15, 59, tzinfo=UTC), "due_soon", 0),
        (datetime(2026, 3, 16, 16, 0, tzinfo=UTC), "overdue", -1),
        (datetime(2026, 4, 1, 2, 0, tzinfo=UTC), "overdue", -16),
    ],
)
def test_days_left_in_calendar_days_at_the_boundaries(
    open_ws: Opener, now: datetime, status: str, days_left: int
) -> None:
    ws = open_ws(XUECHENG, now)  # submitted 2026-03-10 09:00 (UTC+8): due 03-16
    [case_id] = add_cases(ws.db, 1, now=now, states=[("submitted", 1)])
    set_case(ws, case_id, submitted_at=datetime(2026, 3, 10, 1, 0, tzinfo=UTC))
    [row] = every_row(ws)
    assert (row.due_on, row.due_status, row.days_left) == (date(2026, 3, 16), status, days_left)
    for due in ("overdue", "due_soon"):
        assert every_row(ws, due=due) == ([row] if due == status else [])


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [
        (date(2026, 2, 13), "ok", 6),
        (date(2026, 2, 20), "ok", 5),  # in the Spring Festival: 02-24…28 are left
        (date(2026, 2, 26), "due_soon", 2),
        (date(2026, 2, 28), "due_soon", 0),  # a Saturday worked
        (date(2026, 3, 1), "overdue", -1),  # Sunday: one working day (02-28) past
        (date(2026, 3, 3), "overdue", -2),
    ],
)
def test_days_left_in_working_days_at_the_boundaries(
    open_ws: Opener, today: date, status: str, days_left: int
) -> None:
    now = datetime(today.year, today.month, today.day, 2, 0, tzinfo=UTC)
    ws = open_ws(NINGXIA, now)  # submitted 2026-02-12 09:00 (UTC+8): due 02-28
    [case_id] = add_cases(ws.db, 1, now=now, states=[("under_review", 1)])
    set_case(ws, case_id, submitted_at=datetime(2026, 2, 12, 1, 0, tzinfo=UTC))
    listing = ws.open_case_list("wang", CaseQuery())
    assert listing.day_kind == "working"
    assert listing.due_soon_days == 2
    [row] = listing.fetch(10)
    assert (row.due_on, row.due_status, row.days_left) == (date(2026, 2, 28), status, days_left)
    for due in ("overdue", "due_soon"):
        assert every_row(ws, due=due) == ([row] if due == status else [])


def test_an_extension_moves_the_deadline_and_the_due_filter(open_ws: Opener) -> None:
    now = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)  # a day past 03-16
    ws = open_ws(XUECHENG, now)
    [case_id] = add_cases(ws.db, 1, now=now, states=[("under_review", 1)])
    set_case(ws, case_id, submitted_at=datetime(2026, 3, 10, 1, 0, tzinfo=UTC), extensions=0)
    assert [r.case_id for r in every_row(ws, due="overdue")] == [case_id]
    set_case(ws, case_id, extensions=1)  # + 3 days: 03-19
    [row] = every_row(ws)
    assert (row.due_on, row.due_status, row.days_left) == (date(2026, 3, 19), "ok", 2)
    assert every_row(ws, due="overdue") == []


def test_closed_cases_and_packs_without_a_deadline_show_none(open_ws: Opener) -> None:
    ws = open_ws(XUECHENG)
    [case_id] = add_cases(ws.db, 1, now=NOW, states=[("approved", 1)])
    [row] = every_row(ws)
    assert (row.due_status, row.days_left) == ("done", None)
    baseline = open_ws(None)  # the national baseline sets no review period
    add_cases(baseline.db, 3, now=NOW, states=[("submitted", 1)])
    rows = every_row(baseline)
    assert [(r.due_on, r.due_status, r.days_left) for r in rows] == [(None, "", None)] * 3
    assert every_row(baseline, due="overdue") == []
    assert baseline.open_case_list("wang", CaseQuery()).day_kind is None
    assert case_id


# --- major or not --------------------------------------------------------------------------


def test_major_is_the_engines_answer(open_ws: Opener, make_bundle: Callable[..., Path]) -> None:
    ws = open_ws(XUECHENG)
    hearing = {"id": "e2", "type": "hearing", "at": "2026-03-05T10:00:00+08:00"}
    cases = {
        "fine": minimal_case(number="甲1号"),  # 80,000 yuan from an organisation
        "small": minimal_case(
            number="甲2号", proposed_decision={"measures": [{"type": "fine", "amount": 500}]}
        ),
    }
    heard = minimal_case(
        number="甲3号", proposed_decision={"measures": [{"type": "fine", "amount": 500}]}
    )
    heard["case"]["events"] = [*heard["case"]["events"], hearing]
    cases["heard"] = heard
    refs = {
        name: ws.import_bundle(make_bundle(case), actor="admin").short_id
        for name, case in cases.items()
    }
    listed = {r.short_id: r.major for r in every_row(ws)}
    checked = {ref: ws.check(ref).major for ref in refs.values()}
    assert listed == checked
    assert checked[refs["small"]] is False
    assert checked[refs["heard"]] is True


def _second_version(ws: Workstation, case_ids: list[int], *, reviewing: int | None) -> None:
    """Give each case a version 2; with `reviewing`, a review row on that version number."""
    wang = user_ids(ws)["wang"]
    with ws.db.write("场景：第二版") as session:
        for case_id in case_ids:
            old = session.scalars(
                select(models.CaseVersion).where(models.CaseVersion.case_id == case_id)
            ).one()
            copied = {c: getattr(old, c) for c in _VERSION_COLUMNS}
            later = old.submitted_at + timedelta(days=2)
            session.execute(
                insert(models.CaseVersion), [{**copied, "version": 2, "submitted_at": later}]
            )
            if reviewing is None:
                continue
            reviewed = session.scalars(
                select(models.CaseVersion.id).where(
                    models.CaseVersion.case_id == case_id,
                    models.CaseVersion.version == reviewing,
                )
            ).one()
            session.merge(
                CaseReview(case_id=case_id, version_id=reviewed, reviewer_id=wang, updated_at=NOW)
            )


def test_each_row_says_its_version_and_an_older_version_under_review(open_ws: Opener) -> None:
    ws = open_ws()
    ids = add_cases(ws.db, 30, now=NOW, states=[("submitted", 1)])
    _second_version(ws, ids[:3], reviewing=None)  # resubmitted, not yet accepted
    _second_version(ws, ids[3:5], reviewing=1)  # a new version while version 1 is reviewed
    rows = {r.case_id: r for r in every_row(ws)}
    assert {rows[i].version for i in ids[:5]} == {2}
    assert {rows[i].version for i in ids[5:]} == {1}
    assert {rows[i].reviewed_version for i in ids[3:5]} == {1}
    assert {rows[i].reviewed_version for i in ids[:3]} == {None}
    by_version = [r.version for r in every_row(ws, sort="version", descending=True)]
    assert by_version == [2] * 5 + [1] * 25
    # The title shown is the latest version's: one row per case, not per version.
    assert len(rows) == 30
