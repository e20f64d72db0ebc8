"""The hash check before a recording first plays: its stored bytes must still be the bytes
that were imported. A file checked once is remembered for the rest of the process (with its
size and modification time, so a file changed since is checked again); a recording can be
gigabytes, and re-hashing it at every play would keep the reviewer waiting.
"""

from __future__ import annotations

import threading
from pathlib import Path

from workstation.progress import Progress
from workstation.store.hashing import hash_file

_lock = threading.Lock()
_verified: dict[Path, tuple[int, int]] = {}  # path → (size, mtime_ns) when it was checked


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def already_verified(path: Path) -> bool:
    """Whether this process checked `path` and it has not changed since."""
    with _lock:
        known = _verified.get(path)
    return known is not None and known == _stamp(path)


def forget(path: Path) -> None:
    """Check `path` again before its next playback."""
    with _lock:
        _verified.pop(path, None)


def hash_problem(
    path: Path,
    sha256: str,
    size: int,
    label: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> str | None:
    """Why `path` may not play (missing, unreadable, altered), or None when its bytes hash to
    `sha256` — then it is remembered. Raises CancelledError when `cancel` is set."""
    stamp = _stamp(path)
    if stamp is None:
        return "missing"
    done = 0

    def counted(length: int) -> None:
        nonlocal done
        done += length
        if progress is not None:
            progress(min(done / max(size, 1), 1.0), f"正在核对{label}的哈希值")

    if progress is not None:
        progress(0.0, f"正在核对{label}的哈希值")
    try:
        actual = hash_file(path, cancel=cancel, on_bytes=counted)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    if actual != sha256.lower():
        return "altered"
    with _lock:
        _verified[path] = stamp
    return None
