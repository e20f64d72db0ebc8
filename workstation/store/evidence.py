"""Content-addressed evidence store: each file once, under its SHA-256, read-only."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import BinaryIO

from workstation.durable import make_private_dirs, replace_durably

log = logging.getLogger(__name__)

# Read-only, and this account's alone: evidence names parties and holds their ID numbers.
READ_ONLY = stat.S_IRUSR


class EvidenceStore:
    """Files live at root/ab/cd/<sha256>; they are never opened for writing once stored."""

    def __init__(self, root: Path) -> None:
        self.root = root

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
        make_private_dirs(target.parent)
        os.chmod(staged, READ_ONLY)
        replace_durably(staged, target)
        return True

    def restore(self, staged: Path, sha256: str) -> None:
        """Put a verified copy in place of a stored file that went missing or changed."""
        target = self.path_for(sha256)
        make_private_dirs(target.parent)
        if target.exists():
            os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows will not replace read-only
        os.chmod(staged, READ_ONLY)
        replace_durably(staged, target)
        log.warning("restored evidence file %s from a re-imported bundle", sha256)

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
            os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows will not delete read-only
            target.unlink()
        except FileNotFoundError:
            return
        log.info("discarded uncommitted evidence file %s", sha256)

    def all_hashes(self) -> list[str]:
        """Every hash held, for a full verification."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.glob("??/??/*") if p.is_file())
