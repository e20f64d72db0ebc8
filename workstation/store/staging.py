"""Staging folders and crash recovery for imports.

An import copies into its own staging folder, writes each hash to a journal *before* moving
the file into the evidence store, and removes the folder after the database commit. Whatever
a crash leaves behind, the next import finds the folder, discards the journalled files that
no committed row refers to, and removes it.

Two locks, so that a long import (copying gigabytes, probing a hostile file for a minute)
blocks nobody: each staging folder is locked by its owner for as long as it lives, so
recovery passes over the folders of live imports; and `import_lock`, the data folder's
store lock, is held only while files move into the store and the database commits, and
while recovery discards — never while copying or probing. Whoever wants it waits a while.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from workstation.durable import PRIVATE_DIR, fsync_dir, make_private_dirs, private_opener
from workstation.errors import StorageError
from workstation.progress import stop_if_cancelled
from workstation.store.evidence import EvidenceStore

if TYPE_CHECKING:
    from workstation.store.db import Database

log = logging.getLogger(__name__)

JOURNAL = "adopted.journal"
OWNER_LOCK = "owner.lock"
# How long a writer waits for the store lock: its holders commit, they do not copy.
LOCK_WAIT_S = 120.0
_LOCK_POLL_S = 0.05
_HASH = re.compile(r"[0-9a-f]{64}")
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


class Staging:
    """One import's private folder."""

    def __init__(self, root: Path) -> None:
        make_private_dirs(root)
        self.folder, self._owner = _new_locked_folder(root)
        make_private_dirs(self.folder / "files")
        fsync_dir(root)  # the folder (and later its journal) must survive a power cut
        self._count = 0
        self._journal_synced = False

    def new_file(self, suffix: str = "") -> Path:
        """A fresh path to copy one incoming file to.

        Keeping the original extension matters: FFmpeg picks some demuxers (MP3 behind junk,
        raw AMR) only from the name when the content alone does not tell.
        """
        self._count += 1
        safe_suffix = suffix.lower() if _SAFE_SUFFIX.fullmatch(suffix.lower()) else ""
        return self.folder / "files" / f"{self._count:06d}{safe_suffix}"

    def adopt(self, store: EvidenceStore, staged: Path, sha256: str) -> bool:
        """Journal `sha256`, then move the staged file into the store."""
        with open(self.folder / JOURNAL, "a", encoding="ascii", opener=private_opener) as journal:
            journal.write(sha256 + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        if not self._journal_synced:
            fsync_dir(self.folder)
            self._journal_synced = True
        return store.adopt(staged, sha256)

    @property
    def adopted_any(self) -> bool:
        """Whether anything was journalled for the store (then recovery needs the lock)."""
        return self._journal_synced or (self.folder / JOURNAL).exists()

    def remove(self) -> None:
        # Unlocked first: Windows cannot delete a file still open. Everything is committed
        # by now, so a recovery taking the folder in between would discard nothing.
        self.release()
        shutil.rmtree(self.folder, ignore_errors=True)

    def recover(self, store: EvidenceStore, is_committed: Callable[[str], bool]) -> int:
        """After a failure: discard what this import put into the store without committing
        it, and remove the folder. Call while holding the store lock."""
        try:
            return _recover(self.folder, store, is_committed, unlock=self.release)
        finally:
            self.release()  # also when it could not finish: the next recovery tries again

    def release(self) -> None:
        """Let recovery have the folder (whatever is left of it)."""
        if self._owner is not None:
            self._owner.close()
            self._owner = None


def _new_locked_folder(root: Path) -> tuple[Path, IO[bytes] | None]:
    """A new folder, locked as ours. Recovery running at the same moment may take a folder
    in the instant between its creation and our lock (and remove it): then take another."""
    for _attempt in range(5):
        folder = root / uuid.uuid4().hex
        folder.mkdir(mode=PRIVATE_DIR)
        try:
            return folder, _locked(folder / OWNER_LOCK)
        except (StorageError, FileNotFoundError):
            continue
    raise StorageError(f"无法在 {root} 中建立暂存文件夹（一直被占用）")


def _locked(path: Path) -> IO[bytes]:
    handle = open(path, "a+b", opener=private_opener)  # noqa: SIM115 - held by the owner
    if not _try_lock(handle):
        handle.close()
        raise StorageError(f"暂存文件夹 {path.parent.name} 已被占用")
    return handle


def recover(staging_root: Path, store: EvidenceStore, is_committed: Callable[[str], bool]) -> int:
    """Clean up after interrupted imports; returns how many orphan files were discarded.

    Call only while holding the store lock (`import_lock`); folders whose owner is alive
    are passed over. Never raises for what it cannot clean: the folder stays and the next
    run tries again.
    """
    if not staging_root.is_dir():
        return 0
    folders = sorted(p for p in staging_root.iterdir() if p.is_dir())
    return sum(recover_folder(folder, store, is_committed) for folder in folders)


def recover_folder(folder: Path, store: EvidenceStore, is_committed: Callable[[str], bool]) -> int:
    """Discard the journalled files of one abandoned staging folder that were never
    committed; a folder whose owner still holds its lock is left alone."""
    try:
        owner = _locked(folder / OWNER_LOCK)
    except (StorageError, OSError):
        return 0  # a live import's, or unreadable now: tried again later
    try:
        return _recover(folder, store, is_committed, unlock=owner.close)
    finally:
        owner.close()


def _recover(
    folder: Path,
    store: EvidenceStore,
    is_committed: Callable[[str], bool],
    *,
    unlock: Callable[[], object],
) -> int:
    """Discard, then `unlock` the folder's owner lock and remove the folder (Windows cannot
    delete an open file; the caller holds the store lock, so no other recovery interleaves)."""
    try:
        text = (folder / JOURNAL).read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        log.warning("cannot read the journal of %s, kept for later: %s", folder, exc)
        return 0
    # A power cut can leave a torn last line: only whole hashes were ever acted on.
    hashes = [line for line in dict.fromkeys(text.split()) if _HASH.fullmatch(line)]
    discarded = 0
    try:
        for sha256 in hashes:
            if not is_committed(sha256):
                store.discard(sha256)
                discarded += 1
        unlock()
        _remove_tree(folder)
    except Exception as exc:  # a locked file, a database hiccup: retry at the next import
        log.warning("could not finish cleaning %s, kept for later: %s", folder, exc)
        return discarded
    if hashes:
        log.info("cleaned staging folder %s (%d orphan files)", folder.name, discarded)
    return discarded


def _remove_tree(folder: Path) -> None:
    def make_writable_and_retry(function: Callable[..., object], path: str, _exc: object) -> None:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IXUSR)
        function(path)

    shutil.rmtree(folder, onerror=make_writable_and_retry)


@contextmanager
def import_lock(
    data_dir: Path,
    busy: str = "证据库正在被另一项操作写入，请稍后再试",
    *,
    wait_s: float | None = None,
    cancel: threading.Event | None = None,
    db: Database | None = None,
) -> Iterator[None]:
    """Exclusive right to move files into the evidence store and commit them, or to discard
    abandoned ones, across processes. Waits up to `wait_s` for another holder (default
    `LOCK_WAIT_S`: holders commit, they do not copy); `busy` is the message if that is not
    enough.

    On a single PC the lock is a file in the data folder; for an office (`db` on a
    PostgreSQL server) it is a lock on the server, since the store is shared by PCs whose
    file locks do not see each other (SMB does not honour flock). Either way the lock goes
    when its holder dies, so a killed import never blocks the next one.
    """
    deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
    if db is not None and db.engine_name == "postgresql":
        with _server_lock(db, busy, deadline, cancel):
            yield
        return
    make_private_dirs(data_dir)
    # Held for the block; empty, but private like all else in the data folder.
    handle = open(data_dir / "import.lock", "a+b", opener=private_opener)  # noqa: SIM115
    try:
        _wait_for(lambda: _try_lock(handle), busy, deadline, cancel)
        yield
    finally:
        handle.close()


# pg_try_advisory_lock's key of the store lock ("LRWE"); the write lock is another key.
STORE_LOCK_KEY = 0x4C525745


@contextmanager
def _server_lock(
    db: Database, busy: str, deadline: float, cancel: threading.Event | None
) -> Iterator[None]:
    """A session-level advisory lock on its own connection, held for the block (the server
    drops it with the connection if this process dies)."""
    from sqlalchemy import text

    from workstation.store.db import storage_errors

    with storage_errors("锁定证据库"), db.engine.connect() as connection:

        def taken() -> bool:
            got = connection.execute(text(f"SELECT pg_try_advisory_lock({STORE_LOCK_KEY})"))
            connection.commit()  # no transaction left open while waiting or holding
            return bool(got.scalar_one())

        _wait_for(taken, busy, deadline, cancel)
        try:
            yield
        finally:
            connection.execute(text(f"SELECT pg_advisory_unlock({STORE_LOCK_KEY})"))
            connection.commit()


def _wait_for(
    taken: Callable[[], bool], busy: str, deadline: float, cancel: threading.Event | None
) -> None:
    while not taken():
        stop_if_cancelled(cancel, "已取消")
        if time.monotonic() >= deadline:
            raise StorageError(busy)
        time.sleep(_LOCK_POLL_S)  # another process holds it: nothing to wait on but time


def _try_lock(handle: IO[bytes]) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
