"""Who else has a case open: one heartbeat row per open case, PC and user.

Each desktop says every few seconds which cases it has open (`beat`); a row not renewed for
`FRESH` is someone who closed the case or whose PC went away. Nothing here is evidence or a
review action: the rows are not audited, not moved by `office migrate`, and a lost beat
only makes a colleague's name show a few seconds late.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, not_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation.store.models import Presence
from workstation.store.review_models import User

BEAT_SECONDS = 10  # how often a desktop renews its rows
FRESH = timedelta(seconds=4 * BEAT_SECONDS)  # a slow server may delay a beat or two


@dataclass(frozen=True)
class Present:
    """Someone else with a case open."""

    login: str
    name: str  # as shown on screen (the login when not registered)
    host: str  # the PC's name
    since: datetime


def beat(session: Session, login: str, host: str, case_ids: Collection[int], now: datetime) -> None:
    """Record that `login` on `host` has exactly `case_ids` open now."""
    mine = and_(Presence.login == login, Presence.host == host)
    session.execute(delete(Presence).where(mine, not_(Presence.case_id.in_(list(case_ids)))))
    known = set(session.scalars(select(Presence.case_id).where(mine)))
    session.execute(update(Presence).where(mine).values(seen_at=now))
    for case_id in sorted(set(case_ids) - known):
        try:
            with session.begin_nested():
                session.add(
                    Presence(case_id=case_id, login=login, host=host, opened_at=now, seen_at=now)
                )
        except IntegrityError:
            continue  # the same user's second window on this PC beat first: one row is enough


def others_in(
    session: Session, case_ids: Collection[int], login: str, host: str, now: datetime
) -> dict[int, list[Present]]:
    """Who else (another user, or this user on another PC) has each of `case_ids` open."""
    rows = session.execute(
        select(Presence, User.display_name)
        .outerjoin(User, User.login == Presence.login)
        .where(
            Presence.case_id.in_(list(case_ids)),
            Presence.seen_at >= now - FRESH,
            not_(and_(Presence.login == login, Presence.host == host)),
        )
        .order_by(Presence.opened_at, Presence.login)
    ).all()
    present: dict[int, list[Present]] = {}
    for row, name in rows:
        present.setdefault(row.case_id, []).append(
            Present(row.login, name or row.login, row.host, row.opened_at)
        )
    return present
