"""Files that survive a power cut whole: the one implementation of syncing a folder and of
writing a file beside its target and renaming it over, for the evidence store, staging, the
key store, the audit anchor and exports."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

# A directory fsync that these refuse is a filesystem that cannot do it (some network and
# FUSE mounts), not a failed write: the files themselves were synced.
_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})


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
    over it. Raises OSError; nothing is left behind when it fails."""
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
