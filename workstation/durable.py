"""Files that survive a power cut whole: the one implementation of syncing a folder and of
writing a file beside its target and renaming it over, for the evidence store, staging, the
key store, the audit anchor and exports.

And files that are this account's alone: the data folder holds password hashes, ID numbers
and evidence, so what the workstation creates there is made 0700 (folders) and 0600 (files)
explicitly, not left to the umask (which is process-wide and would reach the user's own
exports). Elsewhere than POSIX these leave the modes alone: the folders under the user's
profile inherit its ACL.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

# A directory fsync that these refuse is a filesystem that cannot do it (some network and
# FUSE mounts), not a failed write: the files themselves were synced.
_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})

PRIVATE_DIR = stat.S_IRWXU  # 0700
PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR  # 0600
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def fsync_dir(path: Path) -> None:
    """Make the folder's entries (a file created, renamed or removed) durable; raises OSError
    on a real failure."""
    if os.name != "posix":
        return  # Windows has no directory fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def replace_durably(staged: Path, target: Path) -> None:
    """Rename `staged` over `target` (a reader sees the old file or the new one, whole) and
    make the rename durable."""
    os.replace(staged, target)
    fsync_dir(target.parent)


def write_durably(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a synced temporary file beside it, renamed
    over it. Raises OSError; nothing is left behind when it fails. The file is private (0600:
    mkstemp creates it so, and the rename keeps it)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        replace_durably(Path(temporary), path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def make_private_dirs(path: Path) -> None:
    """Create the folder `path` and any missing parents, each 0700; folders already there are
    left as they are. Raises OSError."""
    if path.is_dir():
        return
    if path.parent != path and not path.parent.exists():
        make_private_dirs(path.parent)
    try:
        path.mkdir(mode=PRIVATE_DIR)  # the umask can only take bits away from 0700
    except FileExistsError:
        if not path.is_dir():
            raise


def private_opener(path: str | os.PathLike[str], flags: int) -> int:
    """For `open(path, mode, opener=private_opener)`: a file it creates is 0600 (an existing
    file keeps its mode)."""
    return os.open(path, flags, PRIVATE_FILE)


def create_private_file(path: Path) -> None:
    """Create `path` empty and 0600, for a program (SQLite) that would create it with the
    umask's mode; FileExistsError if it is there. Raises OSError."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def keep_private(path: Path) -> bool:
    """Take group and other access away from an existing file or folder (0755 → 0700,
    0644 → 0600, 0444 → 0400); True if it had any. A missing `path`: False. Raises OSError."""
    if os.name != "posix":
        return False
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    if not current & _OTHERS:
        return False
    os.chmod(path, current & ~_OTHERS)
    return True
