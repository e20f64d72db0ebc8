"""Opening a case bundle — a folder or a ZIP — without trusting anything in it.

Everything is checked before a single byte is copied: names that escape the bundle,
symbolic links, special files, too many entries, too many bytes, ZIP bombs, encrypted or
corrupt archives. A bundle that fails is refused as a whole with a Chinese message naming
the entry and the problem.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from workstation.casefile.manifest import MANIFEST_NAME
from workstation.errors import BundleError, HostileBundleError
from workstation.settings import ImportLimits

MIB = 1024**2
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path Extra Field
_DRIVE = re.compile(r"^[A-Za-z]:")


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

    def open(self, path: str) -> BinaryIO: ...

    def close(self) -> None: ...


def open_bundle(location: Path, limits: ImportLimits) -> BundleSource:
    """Open and check a bundle folder or ZIP; raises BundleError / HostileBundleError."""
    if not location.exists():
        raise BundleError(f"找不到案卷包：{location}")
    if location.is_dir():
        return DirectoryBundle(location, limits)
    if not location.is_file():
        raise BundleError(f"{location} 既不是文件夹也不是 ZIP 文件")
    return ZipBundle(location, limits)


def check_member_path(name: str, where: str) -> str:
    """The normalised relative path of an entry, or HostileBundleError if it is unsafe."""
    if "\x00" in name or any(ord(c) < 0x20 for c in name):
        raise HostileBundleError(f"{where} 中的条目名含控制字符：{name!r}，已拒绝导入")
    if "\\" in name:
        raise HostileBundleError(f"{where} 中的条目 {name} 含反斜杠，可能逃出案卷目录，已拒绝导入")
    if name.startswith("/") or _DRIVE.match(name):
        raise HostileBundleError(f"{where} 中的条目 {name} 是绝对路径，已拒绝导入")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise HostileBundleError(f"{where} 中的条目 {name} 含 ..，会写到案卷目录之外，已拒绝导入")
    if not parts:
        raise HostileBundleError(f"{where} 中有名称为空的条目，已拒绝导入")
    return unicodedata.normalize("NFC", "/".join(parts))


def _check_totals(entries: list[BundleEntry], limits: ImportLimits, where: str) -> None:
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
    seen: set[str] = set()
    for entry in entries:
        folded = entry.path.casefold()
        if folded in seen:
            raise HostileBundleError(f"{where} 中有重名的条目 {entry.path}，已拒绝导入")
        seen.add(folded)


class DirectoryBundle:
    """A bundle folder: no symbolic links, no special files, nothing outside it."""

    kind = "directory"

    def __init__(self, location: Path, limits: ImportLimits) -> None:
        self.location = location.resolve()
        self.entries = sorted(self._walk(), key=lambda e: e.path)
        _check_totals(self.entries, limits, str(location))

    def _walk(self) -> Iterator[BundleEntry]:
        stack = [(self.location, "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                scanned = list(os.scandir(folder))
            except OSError as exc:
                raise BundleError(f"无法读取文件夹 {folder}：{exc.strerror}") from exc
            for item in scanned:
                name = prefix + item.name
                try:
                    name.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise BundleError(
                        f"{self.location} 中的文件名 {name!r} 不是有效的 UTF-8"
                    ) from exc
                info = item.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    raise HostileBundleError(
                        f"{self.location} 中的 {name} 是符号链接，已拒绝导入（链接可能指向案卷以外）"
                    )
                if stat.S_ISDIR(info.st_mode):
                    stack.append((Path(item.path), name + "/"))
                elif stat.S_ISREG(info.st_mode):
                    yield BundleEntry(check_member_path(name, str(self.location)), info.st_size)
                else:
                    raise HostileBundleError(
                        f"{self.location} 中的 {name} 不是普通文件（设备、管道或套接字），已拒绝导入"
                    )

    def open(self, path: str) -> BinaryIO:
        # O_NOFOLLOW: a file swapped for a link after the check is still refused.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(self.location / path, flags)
        return os.fdopen(fd, "rb")

    def close(self) -> None:
        pass


class ZipBundle:
    """A bundle ZIP, its central directory checked in full before anything is read."""

    kind = "zip"

    def __init__(self, location: Path, limits: ImportLimits) -> None:
        self.location = location.resolve()
        try:
            self._zip = zipfile.ZipFile(location)
        except zipfile.BadZipFile as exc:
            raise HostileBundleError(
                f"{location} 不是有效的 ZIP 文件（{exc}），已拒绝导入"
            ) from exc
        except OSError as exc:
            raise BundleError(f"无法读取 {location}：{exc.strerror}") from exc
        try:
            self._members = self._check(limits)
        except BaseException:
            self._zip.close()
            raise
        self.entries = sorted(
            (BundleEntry(path, info.file_size) for path, info in self._members.items()),
            key=lambda e: e.path,
        )

    def _check(self, limits: ImportLimits) -> dict[str, zipfile.ZipInfo]:
        where = str(self.location)
        infos = self._zip.infolist()
        if len(infos) > limits.max_entries:
            raise HostileBundleError(
                f"{where} 含 {len(infos)} 个条目，超过上限 {limits.max_entries}，已拒绝导入"
            )
        members: dict[str, zipfile.ZipInfo] = {}
        packed = unpacked = 0
        for info in infos:
            name = decode_member_name(info)
            if _is_symlink(info):
                raise HostileBundleError(f"{where} 中的条目 {name} 是符号链接，已拒绝导入")
            path = check_member_path(name, where)
            if info.is_dir():
                continue
            if info.flag_bits & _ENCRYPTED_FLAG:
                raise BundleError(f"{where} 中的条目 {name} 已加密，请提供未加密的案卷包")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= MIB and ratio > limits.max_compression_ratio:
                raise HostileBundleError(
                    f"{where} 中的条目 {name} 压缩比 {ratio:.0f}:1，超过上限 "
                    f"{limits.max_compression_ratio:.0f}:1（疑似压缩炸弹），已拒绝导入"
                )
            if path in members:
                raise HostileBundleError(f"{where} 中有重名的条目 {path}，已拒绝导入")
            members[path] = info
            packed += info.compress_size
            unpacked += info.file_size
        if unpacked >= MIB and unpacked / max(packed, 1) > limits.max_compression_ratio:
            raise HostileBundleError(
                f"{where} 的总压缩比 {unpacked / max(packed, 1):.0f}:1 超过上限 "
                f"{limits.max_compression_ratio:.0f}:1（疑似压缩炸弹），已拒绝导入"
            )
        members = _strip_single_root_folder(members)
        _check_totals([BundleEntry(p, i.file_size) for p, i in members.items()], limits, where)
        return members

    def open(self, path: str) -> BinaryIO:
        try:
            return self._zip.open(self._members[path])  # type: ignore[return-value]
        except NotImplementedError as exc:
            raise BundleError(
                f"{self.location} 中的 {path} 使用了不支持的压缩方式（{exc}）"
            ) from exc

    def close(self) -> None:
        self._zip.close()


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it.

    Without the UTF-8 flag, zipfile decodes names as CP437; Windows archivers actually wrote
    the local code page (GBK on Chinese systems). Recover the raw bytes and decode them
    before any path check — a GBK trail byte can be 0x5C, which is "\\" in CP437.
    """
    unicode_path = _unicode_path_extra(info)
    if unicode_path is not None:
        return unicode_path
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.orig_filename


def _unicode_path_extra(info: zipfile.ZipInfo) -> str | None:
    extra = info.extra
    offset = 0
    while offset + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        if tag == _UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        offset += 4 + size
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _strip_single_root_folder(members: dict[str, zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """A ZIP made by right-clicking the bundle folder holds `folder/case.json`: accept it."""
    if MANIFEST_NAME in members or not members:
        return members
    tops = {path.split("/", 1)[0] for path in members}
    if len(tops) != 1:
        return members
    (top,) = tops
    if f"{top}/{MANIFEST_NAME}" not in members:
        return members
    return {path[len(top) + 1 :]: info for path, info in members.items()}
