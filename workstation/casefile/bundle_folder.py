"""A bundle folder: no links, no junctions, no special files, nothing outside it.

Files are opened without following links and checked against what the walk saw (device,
inode, size), so a folder swapped for a link or a file changed after the checks is refused.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from workstation.casefile.bundle import BundleEntry, check_member_path, check_totals, size_guard
from workstation.errors import BundleError, HostileBundleError
from workstation.os_errors import os_error_text
from workstation.settings import ImportLimits

_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT: Windows links and junctions


class DirectoryBundle:
    """A checked bundle folder."""

    kind = "directory"

    def __init__(self, location: Path, limits: ImportLimits) -> None:
        self.location = location.resolve()
        # normalised bundle path → (name on disk, device, inode, size)
        self._seen: dict[str, tuple[str, int, int, int]] = {}
        self.entries = sorted(self._walk(), key=lambda e: e.path)
        check_totals(self.entries, limits, str(location))

    def _walk(self) -> Iterator[BundleEntry]:
        stack = [(self.location, "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                scanned = list(os.scandir(folder))
            except OSError as exc:
                raise BundleError(f"无法读取文件夹 {folder}：{os_error_text(exc)}") from exc
            for item in scanned:
                on_disk = prefix + item.name
                if not _encodable(on_disk):
                    raise BundleError(f"{self.location} 中的文件名 {on_disk!r} 不是有效的 UTF-8")
                info = item.stat(follow_symlinks=False)
                if (
                    stat.S_ISLNK(info.st_mode)
                    or getattr(info, "st_file_attributes", 0) & _REPARSE_POINT
                ):
                    raise HostileBundleError(
                        f"{self.location} 中的 {on_disk} 是符号链接，已拒绝导入（链接可能指向案卷以外）"
                    )
                if stat.S_ISDIR(info.st_mode):
                    stack.append((Path(item.path), on_disk + "/"))
                elif stat.S_ISREG(info.st_mode):
                    path = check_member_path(on_disk, str(self.location))
                    self._seen[path] = (on_disk, info.st_dev, info.st_ino, info.st_size)
                    yield BundleEntry(path, info.st_size)
                else:
                    raise HostileBundleError(
                        f"{self.location} 中的 {on_disk} 不是普通文件（设备、管道或套接字），已拒绝导入"
                    )

    def open(self, path: str) -> BinaryIO:
        on_disk, device, inode, size = self._seen[path]
        where = f"{self.location} 中的 {path}"
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.location / on_disk, flags)
        except OSError as exc:
            raise BundleError(f"无法读取 {where}（{os_error_text(exc)}），已撤销导入") from exc
        opened = os.fstat(fd)
        # Any folder on the way swapped for a link shows up as another file here.
        if (opened.st_dev, opened.st_ino) != (device, inode) and os.name == "posix":
            os.close(fd)
            raise HostileBundleError(f"{where} 在导入过程中被替换，已撤销导入")
        return size_guard(os.fdopen(fd, "rb"), size, where)

    def close(self) -> None:
        pass


def _encodable(name: str) -> bool:
    try:
        unicodedata.normalize("NFC", name).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
