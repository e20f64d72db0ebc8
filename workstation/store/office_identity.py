"""The office's random id, kept in the database (`office_values`)."""

from __future__ import annotations

import uuid

from workstation.store.db import Database
from workstation.store.models import OfficeValue

OFFICE_ID = "office_id"


def read(db: Database) -> str | None:
    """The id, or None before `office init` made one."""
    with db.session() as session:
        row = session.get(OfficeValue, OFFICE_ID)
        return row.value if row is not None else None


def read_or_create(db: Database) -> str:
    """The id, made now if there is none yet."""
    with db.write("记录办公室标识") as session:
        row = session.get(OfficeValue, OFFICE_ID)
        if row is None:
            row = OfficeValue(key=OFFICE_ID, value=uuid.uuid4().hex)
            session.add(row)
        return row.value
