"""Staging folders and crash recovery for imports.

An import copies into its own staging folder, writes each hash to a journal *before* moving
the file into the evidence store, and removes the folder after the database commit. Whatever
a crash leaves behind, the next import (holding the same lock) finds the folder, discards the
journalled files that no committed row refers to, and removes it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from workstation.durable import fsync_dir, make_private_dirs, private_opener
from workstation.errors import StorageError
from workstation.store.evidence import EvidenceStore

log = logging.getLogger(__name__)

JOURNAL = "adopted.journal"
_HASH = re.compile(r"[0-9a-f]{64}")
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


class Staging:
    """One import's private folder."""

    def __init__(self, root: Path) -> None:
        self.folder = root / uuid.uuid4().hex
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

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def recover(staging_root: Path, store: EvidenceStore, is_committed: Callable[[str], bool]) -> int:
    """Clean up after interrupted imports; returns how many orphan files were discarded.

    Call only while holding the import lock, so no live import's folder is touched. Never
    raises for what it cannot clean: the folder stays and the next run tries again.
    """
    if not staging_root.is_dir():
        return 0
    folders = sorted(p for p in staging_root.iterdir() if p.is_dir())
    return sum(recover_folder(folder, store, is_committed) for folder in folders)


def recover_folder(folder: Path, store: EvidenceStore, is_committed: Callable[[str], bool]) -> int:
    """Discard the journalled files of one staging folder that were never committed."""
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
    data_dir: Path, busy: str = "另一个导入正在进行中（同一数据文件夹），请等它完成后再试"
) -> Iterator[None]:
    """Exclusive right to add files to this data folder's store (import, filing), across
    processes; `busy` is the message when another process holds it.

    The operating system drops the lock when the holder dies, so a killed import never
    blocks the next one.
    """
    make_private_dirs(data_dir)
    # Held for the block; empty, but private like all else in the data folder.
    handle = open(data_dir / "import.lock", "a+b", opener=private_opener)  # noqa: SIM115
    try:
        if not _try_lock(handle):
            raise StorageError(busy)
        yield
    finally:
        handle.close()


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
