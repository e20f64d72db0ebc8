"""`workstation office migrate`: move a single PC's office into the shared office.

Everything the single PC holds goes over as it is: every row of every table (ids, the
audit chain, filed opinions and their signature rows unchanged, so each hash and each
signature still verifies), and every evidence file, each hashed again as it is copied
into the shared folder. The target must be an empty office database: a migration never
merges two offices. The audit head is recorded beside the shared evidence, where the
office's PCs look for it. The single PC's own folder is left untouched.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Integer, Table, func, select, text

from workstation.errors import ConfigError, IllegalActionError
from workstation.office.doctor import write_marker
from workstation.security import audit, audit_anchor
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.evidence import SHARED_DIR, EvidenceStore
from workstation.store.hashing import copy_and_hash
from workstation.store.models import AuditEntry, Base, Case, EvidenceFile
from workstation.store.review_models import User

log = logging.getLogger(__name__)

_BATCH = 1000
# The office's own id stays the office's; who has a case open is true of this PC only.
_NOT_MOVED = {"office_values", "presence"}


@dataclass(frozen=True)
class Transferred:
    rows: int
    files: int
    audit_entries: int
    head: tuple[int, str] | None


def transfer(
    source_db: Database,
    source_store: EvidenceStore,
    target_db: Database,
    target_root: Path,
    backup_dir: Path,
    say: Callable[[str], None] = lambda _line: None,
) -> Transferred:
    """Copy the office of `source_db`/`source_store` into the empty `target_db` and
    `target_root`; `say` hears each step in Chinese."""
    if target_db.engine_name != "postgresql":
        raise ConfigError(f"迁移目标须为办公室的 PostgreSQL 数据库，{target_db.shown_url} 不是")
    migrate.upgrade(target_db, backup_dir)
    _refuse_unless_empty(target_db)
    target_root.mkdir(mode=SHARED_DIR, parents=True, exist_ok=True)
    target_store = EvidenceStore(target_root, shared=True)
    files = _copy_evidence(source_db, source_store, target_store, say)
    rows = _copy_rows(source_db, target_db, say)
    head = _last_entry(target_db)
    if head is not None:
        anchor = target_root / audit_anchor.ANCHOR_FILE
        audit_anchor.write_head(anchor, target_db.url, head, create=True, force=True)
    write_marker(target_root, target_db)
    with target_db.session() as session:
        chain = audit.verify_chain(session, head)
    if not chain.intact:
        raise IllegalActionError(f"迁移后的审计记录校验不通过：{chain.problem}")
    say(f"审计记录 {chain.entries} 条，链完整")
    return Transferred(rows, files, chain.entries, head)


def _refuse_unless_empty(db: Database) -> None:
    with db.session() as session:
        for model, what in ((User, "用户"), (Case, "案件"), (AuditEntry, "审计记录")):
            if session.scalar(select(func.count()).select_from(model)):
                raise IllegalActionError(
                    f"办公室数据库 {db.shown_url} 已有{what}，未迁移：只能迁入一个空的办公室数据库"
                )


def _copy_evidence(
    source_db: Database, source: EvidenceStore, target: EvidenceStore, say: Callable[[str], None]
) -> int:
    with source_db.session() as session:
        wanted = session.execute(select(EvidenceFile.sha256, EvidenceFile.size)).all()
    for n, (sha256, size) in enumerate(wanted, 1):
        _copy_one(source, target, sha256, size)
        if n % 100 == 0 or n == len(wanted):
            say(f"证据文件 {n}/{len(wanted)}")
    return len(wanted)


def _copy_one(source: EvidenceStore, target: EvidenceStore, sha256: str, size: int) -> None:
    """One file into the shared store: hashed as it is copied, placed by rename."""
    if target.is_intact_size(sha256, size):
        return  # an earlier, interrupted migration got this far
    origin = source.path_for(sha256)
    staged = target.root / f".migrate-{uuid.uuid4().hex}.part"
    try:
        with open(origin, "rb") as data:
            copied, _size = copy_and_hash(data, staged)  # synced before it is placed
    except FileNotFoundError:
        staged.unlink(missing_ok=True)
        raise IllegalActionError(
            f"本机证据库缺少文件 {sha256}，未迁移：请先用 workstation verify 查明"
        ) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if copied != sha256:
        staged.unlink(missing_ok=True)
        raise IllegalActionError(
            f"本机证据文件 {origin} 的内容与登记的哈希不符，未迁移：请先用 workstation verify 查明"
        )
    target.adopt(staged, sha256)


def _copy_rows(source_db: Database, target_db: Database, say: Callable[[str], None]) -> int:
    total = 0
    tables = [t for t in Base.metadata.sorted_tables if t.name not in _NOT_MOVED]
    with source_db.engine.connect() as reading, target_db.write("迁移办公室数据") as writing:
        for table in tables:
            order = list(table.primary_key.columns)
            result = reading.execution_options(yield_per=_BATCH).execute(
                select(table).order_by(*order)
            )
            count = 0
            for batch in result.mappings().partitions():
                writing.execute(table.insert(), [dict(row) for row in batch])
                count += len(batch)
            total += count
            if count:
                say(f"数据表 {table.name}：{count} 行")
        writing.flush()
        _advance_sequences(writing.connection(), tables)
    return total


def _advance_sequences(connection: Connection, tables: list[Table]) -> None:
    """Rows came with their ids: each serial counter must continue after the highest."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        if keys[0].autoincrement is False:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                f"COALESCE((SELECT max({keys[0].name}) FROM {table.name}), 0) + 1, false)"
            )
        )


def _last_entry(db: Database) -> tuple[int, str] | None:
    with db.session() as session:
        entry = audit.last_entry(session)
        return (entry.seq, entry.hash) if entry is not None else None


def describe(result: Transferred) -> list[str]:
    lines = [
        f"已迁移 {result.rows} 行数据、{result.files} 个证据文件、{result.audit_entries} 条审计记录"
    ]
    if result.head is not None:
        lines.append(f"审计记录末条：第 {result.head[0]} 条，哈希 {result.head[1]}")
    return lines
