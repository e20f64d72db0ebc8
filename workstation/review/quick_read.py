"""The first screen of the case list, read with plain sqlite3 while the rest is still loading.

At start-up the database layer (SQLAlchemy, the review engine, the importer) takes about a
second to import; the window shows the newest cases before that, read here in a few
milliseconds. Only the list as the user first sees it is read (every case they may see,
newest first) and only the columns the database holds: whether a decision is major and its
deadline come with the full listing a moment later. Whatever cannot be decided plainly here
(an unknown or disabled login, a role this module does not know) returns None, and the
caller waits for the services, which give the proper answer or refusal.
`tests/test_quick_read.py` holds this module to `Workstation.open_case_list`'s answer.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.review.case_rows import CaseListRow
from workstation.security.training import exercises_only

# The roles allowed to read cases (security.users.PERMISSIONS["case.read"], every role); a
# test keeps the two equal.
READERS = frozenset(
    {"reviewer", "division_head", "agency_head", "clerk", "trainer", "trainee", "administrator"}
)

# store.case_query.case_page for CaseFilter() (or exercise_only) ordered "newest": each
# case's latest version (and the number of the version under review), its first party, its
# reviewer's name.
_ROWS = """
SELECT c.id, c.number, v.title,
       (SELECT p.name FROM parties AS p WHERE p.version_id = v.id
        ORDER BY p.position LIMIT 1),
       v.action_type, c.review_state, coalesce(u.display_name, ''), v.submitted_at,
       v.exercise_sha256 IS NOT NULL, v.version,
       (SELECT rv.version FROM case_versions AS rv WHERE rv.id = r.version_id)
FROM cases AS c
JOIN case_versions AS v ON v.case_id = c.id
     AND v.version = (SELECT max(version) FROM case_versions WHERE case_id = c.id)
LEFT OUTER JOIN case_reviews AS r ON r.case_id = c.id
LEFT OUTER JOIN users AS u ON u.id = r.reviewer_id
{where}
ORDER BY c.id DESC
LIMIT ?
"""
_COUNT = """
SELECT count(c.id) FROM cases AS c
JOIN case_versions AS v ON v.case_id = c.id
     AND v.version = (SELECT max(version) FROM case_versions WHERE case_id = c.id)
{where}
"""
_EXERCISES = "WHERE v.exercise_sha256 IS NOT NULL"


@dataclass(frozen=True)
class FirstCases:
    """The newest cases a user may see, without deadlines or the engine's "major"."""

    rows: list[CaseListRow]
    total: int  # how many cases the user may see in all


def first_cases(database: Path, login: str, limit: int) -> FirstCases | None:
    """The first `limit` rows of `login`'s unfiltered case list, newest first; None when the
    answer needs the services (see the module docstring) or the file cannot be read."""
    connection = _connect(database)
    if connection is None:
        return None
    try:
        exercises_only = _exercises_only(connection, login)
        if exercises_only is None:
            return None
        where = _EXERCISES if exercises_only else ""
        (total,) = connection.execute(_COUNT.format(where=where)).fetchone()
        rows = [_row(r) for r in connection.execute(_ROWS.format(where=where), (limit,))]
    except (sqlite3.Error, ValueError):
        return None  # a database mid-upgrade, locked, or damaged: the services will say
    finally:
        connection.close()
    return FirstCases(rows, int(total))


def users_registered(database: Path) -> bool | None:
    """Whether anyone is registered (None: the file cannot be read this way)."""
    connection = _connect(database)
    if connection is None:
        return None
    try:
        return bool(connection.execute("SELECT count(*) FROM users").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _connect(database: Path) -> sqlite3.Connection | None:
    """A read-only connection, if the file is there and opens."""
    if not database.is_file():
        return None
    try:
        uri = f"{database.absolute().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error:
        return None


def _exercises_only(connection: sqlite3.Connection, login: str) -> bool | None:
    """Whether `login` sees exercises only; None when the services must decide."""
    user = connection.execute(
        "SELECT roles, active FROM users WHERE login = ?", (login,)
    ).fetchone()
    if user is None:
        # Before anyone is registered, anyone may look (the first-run set-up).
        (users,) = connection.execute("SELECT count(*) FROM users").fetchone()
        return False if users == 0 else None
    roles, active = user
    held = set(json.loads(roles) or ())
    if not active or not held & READERS or not held <= READERS:
        return None
    return exercises_only(held)


def _row(r: Any) -> CaseListRow:
    return CaseListRow(
        case_id=int(r[0]),
        number=str(r[1]),
        title=str(r[2]),
        party=str(r[3] or ""),
        action_type=str(r[4]),
        major=None,
        review_state=str(r[5]),
        reviewer=str(r[6]),
        submitted_at=datetime.fromisoformat(str(r[7])).replace(tzinfo=UTC),
        exercise=bool(r[8]),
        version=int(r[9]),
        reviewed_version=None if r[10] is None else int(r[10]),
    )
