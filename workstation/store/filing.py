"""Filing files the office produces (a signed opinion, its signature) into the evidence store,
with the same journal and lock as an import: a crash leaves nothing a later run cannot clean."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from workstation.durable import private_opener
from workstation.errors import StorageError
from workstation.os_errors import os_error_text
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.models import EvidenceFile
from workstation.store.staging import Staging, import_lock


class Filer:
    """Puts bytes into the store inside the caller's database transaction."""

    def __init__(self, staging: Staging, store: EvidenceStore) -> None:
        self._staging = staging
        self._store = store

    def file(
        self, session: Session, data: bytes, *, media_kind: str, suffix: str, at: datetime
    ) -> str:
        """Store `data` (once, read-only) and its row; returns its SHA-256."""
        sha256 = hashlib.sha256(data).hexdigest()
        if session.get(EvidenceFile, sha256) is None:
            session.add(
                EvidenceFile(
                    sha256=sha256,
                    size=len(data),
                    media_kind=media_kind,
                    condition="ok",
                    reason=None,
                    details={},
                    stored_at=at,
                )
            )
            session.flush()
        try:
            path = self._staging.new_file(suffix)
            with open(path, "xb", opener=private_opener) as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            self._staging.adopt(self._store, path, sha256)
        except OSError as exc:  # disk full, store not writable: the caller's unit rolls back
            raise StorageError(f"无法把文件存入证据库：{os_error_text(exc)}") from exc
        return sha256


@contextmanager
def filing(
    data_dir: Path, store: EvidenceStore, is_committed: Callable[[str], bool], db: Database
) -> Iterator[Filer]:
    """A staging folder for this filing; commit the database inside the block."""
    with import_lock(data_dir, busy="证据库正在被另一项操作写入，请稍后再签发", db=db):
        staging = Staging(data_dir / "staging")
        try:
            yield Filer(staging, store)
        except BaseException:
            staging.recover(store, is_committed)
            raise
        staging.remove()
