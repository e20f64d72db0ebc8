"""Opening a case bundle — a folder or a ZIP — without trusting anything in it.

Everything is checked before a single byte is copied: names that escape the bundle or that
Windows cannot hold, links, special files, too many entries, too many bytes, ZIP bombs,
encrypted or corrupt archives. A bundle that fails is refused as a whole with a Chinese
message naming the entry and the problem. Reading a member afterwards is checked again: a
file that changes under the import is refused, never half-trusted.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from workstation.casefile.manifest_values import path_problem
from workstation.errors import BundleError, HostileBundleError
from workstation.settings import ImportLimits

_DRIVE = re.compile(r"^[A-Za-z]:")
# Names Windows cannot store: export to a folder there would fail or write to a device.
_WINDOWS_FORBIDDEN = set('<>:"|?*')
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class BundleEntry:
    """One file in a bundle: its safe relative path and its size in bytes."""

    path: str
    size: int


class BundleSource(Protocol):
    """A checked bundle whose files can be read one at a time."""

    location: Path
    kind: str  # "directory" or "zip"
    entries: list[BundleEntry]

    def open(self, path: str) -> BinaryIO:
        """Read one entry; a BundleError if it cannot be read or has changed."""
        ...

    def close(self) -> None: ...


def open_bundle(location: Path, limits: ImportLimits) -> BundleSource:
    """Open and check a bundle folder or ZIP; raises BundleError / HostileBundleError."""
    # Imported here: both readers build on the checks defined in this module.
    from workstation.casefile.bundle_folder import DirectoryBundle
    from workstation.casefile.bundle_zip import ZipBundle

    if not location.exists():
        raise BundleError(f"找不到案卷包：{location}")
    if location.is_dir():
        return DirectoryBundle(location, limits)
    if not location.is_file():
        raise BundleError(f"{location} 既不是文件夹也不是 ZIP 文件")
    return ZipBundle(location, limits)


def check_member_path(name: str, where: str) -> str:
    """The normalised relative path of an entry, or HostileBundleError if it is unsafe."""
    problem = path_problem(name)
    if problem:  # repr: the hidden character shows as its escape, not as what it does
        raise HostileBundleError(f"{where} 中的条目名{problem}：{name!r}，已拒绝导入")
    if "\\" in name:
        raise HostileBundleError(f"{where} 中的条目 {name} 含反斜杠，可能逃出案卷目录，已拒绝导入")
    if name.startswith("/") or _DRIVE.match(name):
        raise HostileBundleError(f"{where} 中的条目 {name} 是绝对路径，已拒绝导入")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise HostileBundleError(f"{where} 中的条目 {name} 含 ..，会写到案卷目录之外，已拒绝导入")
    if not parts:
        raise HostileBundleError(f"{where} 中有名称为空的条目，已拒绝导入")
    for part in parts:
        bad = sorted(set(part) & _WINDOWS_FORBIDDEN)
        if bad or _WINDOWS_DEVICES.match(part) or part[-1] in ". ":
            what = f"含字符 {''.join(bad)}" if bad else "是设备名或以点、空格结尾"
            raise HostileBundleError(
                f"{where} 中的条目 {name} {what}，在 Windows 上无法保存，已拒绝导入"
            )
    return unicodedata.normalize("NFC", "/".join(parts))


def check_totals(entries: list[BundleEntry], limits: ImportLimits, where: str) -> None:
    """Entry count, total size, duplicate names and file/folder clashes."""
    if len(entries) > limits.max_entries:
        raise HostileBundleError(
            f"{where} 含 {len(entries)} 个文件，超过上限 {limits.max_entries}，已拒绝导入"
        )
    total = sum(e.size for e in entries)
    if total > limits.max_total_bytes:
        raise HostileBundleError(
            f"{where} 解压后共 {total / 1024**3:.1f} GiB，超过上限 "
            f"{limits.max_total_bytes / 1024**3:.1f} GiB，已拒绝导入"
        )
    files: set[str] = set()
    folders: set[str] = set()
    for entry in entries:
        folded = entry.path.casefold()
        if folded in files:
            raise HostileBundleError(f"{where} 中有重名的条目 {entry.path}，已拒绝导入")
        files.add(folded)
        parts = folded.split("/")
        folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
    clash = sorted(files & folders)
    if clash:
        raise HostileBundleError(f"{where} 中的 {clash[0]} 既是文件又是文件夹，已拒绝导入")


def size_guard(stream: BinaryIO, expected: int, where: str) -> BinaryIO:
    """A reader that refuses to deliver more than the `expected` bytes checked earlier."""
    return _SizeGuard(stream, expected, where)  # type: ignore[return-value]


class _SizeGuard:
    def __init__(self, stream: BinaryIO, expected: int, where: str) -> None:
        self._stream = stream
        self._left = expected
        self._where = where

    def read(self, size: int = -1) -> bytes:
        want = self._left + 1 if size < 0 else min(size, self._left + 1)
        data = self._stream.read(want)
        self._count(len(data))
        return data

    def readinto(self, buffer: memoryview) -> int:
        count = cast(io.BufferedIOBase, self._stream).readinto(buffer[: self._left + 1])
        self._count(count)
        return count

    def _count(self, count: int) -> None:
        self._left -= count
        if self._left < 0:
            raise HostileBundleError(f"{self._where} 在导入过程中变大了，已撤销导入")
        if not count and self._left > 0:
            raise HostileBundleError(f"{self._where} 在导入过程中变小了，已撤销导入")

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _SizeGuard:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
