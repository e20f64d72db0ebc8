"""Content-addressed evidence store: each file once, under its SHA-256, read-only.

On a single PC the store is a private folder in the data folder. An office's store is a
folder shared by its PCs (an SMB/NFS mount): the staging folder is then on another
filesystem, so a file reaches the store by a copy to a temporary name beside its target,
synced, then renamed — a reader on any PC sees the whole file or none. Two PCs placing the
same bytes at once both succeed and one copy remains. Nothing relies on file locks there.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import stat
import uuid
from pathlib import Path
from typing import BinaryIO

from workstation.durable import fsync_dir, make_private_dirs, replace_durably

log = logging.getLogger(__name__)

# Read-only, and this account's alone: evidence names parties and holds their ID numbers.
READ_ONLY = stat.S_IRUSR
# In an office's shared folder the office's accounts share a group (the share's own access
# rules decide the rest; SMB mounts may ignore modes altogether).
SHARED_READ_ONLY = stat.S_IRUSR | stat.S_IRGRP
SHARED_DIR = 0o2750
_HASH_NAME = re.compile(r"[0-9a-f]{64}")
_COPY_CHUNK = 1024 * 1024


class EvidenceStore:
    """Files live at root/ab/cd/<sha256>; they are never opened for writing once stored."""

    def __init__(self, root: Path, *, shared: bool = False) -> None:
        self.root = root
        self.shared = shared
        self._file_mode = SHARED_READ_ONLY if shared else READ_ONLY

    def path_for(self, sha256: str) -> Path:
        sha256 = sha256.lower()
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """Open a stored file for reading."""
        return open(self.path_for(sha256), "rb")

    def adopt(self, staged: Path, sha256: str) -> bool:
        """Move a staged file (already hashed) into the store; False if it was already there.

        A rename within one filesystem is atomic: the store never holds half a file.
        """
        target = self.path_for(sha256)
        if target.is_file():
            staged.unlink()
            return False
        self._make_dirs(target.parent)
        self._place(staged, target)
        return True

    def restore(self, staged: Path, sha256: str) -> None:
        """Put a verified copy in place of a stored file that went missing or changed."""
        target = self.path_for(sha256)
        self._make_dirs(target.parent)
        if target.exists():
            self._chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows will not replace read-only
        self._place(staged, target)
        log.warning("restored evidence file %s from a re-imported bundle", sha256)

    def _make_dirs(self, folder: Path) -> None:
        if self.shared:
            folder.mkdir(mode=SHARED_DIR, parents=True, exist_ok=True)
        else:
            make_private_dirs(folder)

    def _chmod(self, path: Path, mode: int) -> None:
        try:
            os.chmod(path, mode)
        except OSError:
            if not self.shared:
                raise
            # A share's modes are the server's business (SMB mounts may refuse chmod).

    def _place(self, staged: Path, target: Path) -> None:
        """Move `staged` to `target` whole: a rename on one filesystem, else a synced copy
        under a temporary name in the target's folder, renamed."""
        self._chmod(staged, self._file_mode)
        try:
            replace_durably(staged, target)
            return
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
        temporary = target.parent / f".{target.name}.{uuid.uuid4().hex}.part"
        try:
            with open(staged, "rb") as source, open(temporary, "xb") as out:
                shutil.copyfileobj(source, out, _COPY_CHUNK)
                out.flush()
                os.fsync(out.fileno())
            self._chmod(temporary, self._file_mode)
            try:
                os.replace(temporary, target)
            except OSError:
                # A share that will not rename over a file another PC placed meanwhile:
                # the same name holds the same bytes, so theirs is as good as ours.
                if target.stat().st_size != staged.stat().st_size:
                    raise
            fsync_dir(target.parent)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
        staged.unlink()

    def is_intact_size(self, sha256: str, size: int) -> bool:
        """Cheap check that a stored file is there with the size it was stored with."""
        try:
            return self.path_for(sha256).stat().st_size == size
        except OSError:
            return False

    def discard(self, sha256: str) -> None:
        """Remove a file that no committed case refers to (recovery of an aborted import)."""
        target = self.path_for(sha256)
        try:
            self._chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows will not delete read-only
            target.unlink()
        except FileNotFoundError:
            return
        log.info("discarded uncommitted evidence file %s", sha256)

    def all_hashes(self) -> list[str]:
        """Every hash held, for a full verification."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name
            for p in self.root.glob("??/??/*")
            if _HASH_NAME.fullmatch(p.name) and p.is_file()  # not a copy under way (.part)
        )
