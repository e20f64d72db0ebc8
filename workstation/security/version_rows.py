"""What an imported case version holds, digested column by column for its audit entry.

The import's audit entry carries these digests (`ROWS_KEY`), so a party's name, a document
repointed to another stored file or any other edit of a version's rows after the import
shows as a column whose digest no longer matches. Column by column, not one digest for the
whole version: a mismatch names the field, and a column added by a later migration is
simply not in an older entry's digests (nothing to compare, nothing wrongly failed).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from workstation.store import models

ROWS_KEY = "rows"  # the import entry's details: {"table.column": digest}

# The rows an import writes for one version: the version itself and what hangs off it.
_TABLES: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[misc]
    for model in (
        models.CaseVersion,
        models.Party,
        models.Officer,
        models.Event,
        models.Document,
        models.Recording,
        models.Transcript,
        models.BundleFile,
    )
)


def version_digests(session: Session, version_id: int) -> dict[str, str]:
    """{"parties.name": digest, ...} of every column of the version's rows, read back from
    the database (as a later check reads them), rows in id order."""
    session.flush()
    digests: dict[str, str] = {}
    for table in _TABLES:
        key = table.c.id if table.name == "case_versions" else table.c.version_id
        rows = session.execute(select(table).where(key == version_id).order_by(table.c.id))
        columns = list(zip(*rows, strict=False)) or [() for _ in table.columns]
        for column, values in zip(table.columns, columns, strict=True):
            digests[f"{table.name}.{column.name}"] = _digest(list(values))
    return digests


def column_values(session: Session, version_id: int, field: str) -> list[Any]:
    """The current values of `field` ("parties.name") in the version's rows, in id order."""
    table_name, _, column_name = field.partition(".")
    table = next((t for t in _TABLES if t.name == table_name), None)
    if table is None or column_name not in table.c:
        return []
    key = table.c.id if table.name == "case_versions" else table.c.version_id
    query = select(table.c[column_name]).where(key == version_id).order_by(table.c.id)
    return list(session.scalars(query))


def _digest(values: list[Any]) -> str:
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _plain(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot digest {type(value).__name__}")
