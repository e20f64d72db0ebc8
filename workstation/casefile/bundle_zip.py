"""A bundle ZIP, checked in full before anything is extracted.

The entry count is read from the end record before the central directory is loaded; every
entry's name is decoded (GBK from Windows archivers included) and only then checked; only
stored and deflated entries are accepted, because zipfile inflates bzip2 and LZMA without
a bound; every local header is read once, so a mismatched or broken one refuses the bundle
before a byte is copied.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from workstation.casefile.bundle import BundleEntry, check_member_path, check_totals
from workstation.casefile.manifest import MANIFEST_NAME
from workstation.casefile.zip_errors import unreadable_zip, zip_problem
from workstation.errors import BundleError, HostileBundleError
from workstation.settings import ImportLimits

MIB = 1024**2
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path Extra Field
_ACCEPTED_METHODS = {zipfile.ZIP_STORED: "存储", zipfile.ZIP_DEFLATED: "deflate"}
# What a broken archive raises from inside zipfile.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    ValueError,
    NotImplementedError,
    UnicodeDecodeError,
    OSError,
)
# macOS Finder adds resource forks: archive metadata, not case material.
_MACOS_METADATA = "__MACOSX/"


class ZipBundle:
    """A checked bundle ZIP."""

    kind = "zip"

    def __init__(self, location: Path, limits: ImportLimits) -> None:
        self.location = location.resolve()
        where = str(location)
        declared = declared_entry_count(location)
        if declared is not None and declared > limits.max_entries:
            raise HostileBundleError(
                f"{where} 含 {declared} 个条目，超过上限 {limits.max_entries}，已拒绝导入"
            )
        try:
            self._zip = zipfile.ZipFile(location)
        except _ZIP_ERRORS as exc:
            raise HostileBundleError(unreadable_zip(location, exc)) from exc
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
            if name.startswith(_MACOS_METADATA) or info.is_dir():
                continue
            path = check_member_path(name, where)
            if info.flag_bits & _ENCRYPTED_FLAG:
                raise BundleError(f"{where} 中的条目 {name} 已加密，请提供未加密的案卷包")
            if info.compress_type not in _ACCEPTED_METHODS:
                raise HostileBundleError(
                    f"{where} 中的条目 {name} 使用了不支持的压缩方式（编号 {info.compress_type}），"
                    f"请用普通 ZIP（deflate）重新打包"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= MIB and ratio > limits.max_compression_ratio:
                raise HostileBundleError(
                    f"{where} 中的条目 {name} 压缩比 {ratio:.0f}:1，超过上限 "
                    f"{limits.max_compression_ratio:.0f}:1（疑似压缩炸弹），已拒绝导入"
                )
            if path in members:
                raise HostileBundleError(f"{where} 中有重名的条目 {path}，已拒绝导入")
            self._check_local_header(info, name)
            members[path] = info
            packed += info.compress_size
            unpacked += info.file_size
        if unpacked >= MIB and unpacked / max(packed, 1) > limits.max_compression_ratio:
            raise HostileBundleError(
                f"{where} 的总压缩比 {unpacked / max(packed, 1):.0f}:1 超过上限 "
                f"{limits.max_compression_ratio:.0f}:1（疑似压缩炸弹），已拒绝导入"
            )
        members = _strip_single_root_folder(members)
        check_totals([BundleEntry(p, i.file_size) for p, i in members.items()], limits, where)
        return members

    def _check_local_header(self, info: zipfile.ZipInfo, name: str) -> None:
        try:
            with self._zip.open(info):
                pass  # opening reads and cross-checks the local header
        except _ZIP_ERRORS as exc:
            raise HostileBundleError(
                f"{self.location} 中的条目 {name} 已损坏（{zip_problem(exc)}），已拒绝导入"
            ) from exc

    def open(self, path: str) -> BinaryIO:
        try:
            return self._zip.open(self._members[path])  # type: ignore[return-value]
        except _ZIP_ERRORS as exc:
            raise BundleError(
                f"{self.location} 中的 {path} 无法读取（{zip_problem(exc)}），已撤销导入"
            ) from exc

    def close(self) -> None:
        self._zip.close()


def declared_entry_count(location: Path) -> int | None:
    """The entry count the ZIP's end record declares, read without loading the directory."""
    try:
        with open(location, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            tail_size = min(size, 22 + 65535)
            handle.seek(size - tail_size)
            tail = handle.read(tail_size)
            end = tail.rfind(b"PK\x05\x06")
            if end < 0 or end + 22 > len(tail):
                return None
            count = struct.unpack_from("<H", tail, end + 10)[0]
            if count != 0xFFFF or end < 20 or tail[end - 20 : end - 16] != b"PK\x06\x07":
                return int(count)
            zip64_end = struct.unpack_from("<Q", tail, end - 12)[0]
            handle.seek(zip64_end)
            record = handle.read(56)
            if record[:4] != b"PK\x06\x06" or len(record) < 40:
                return None
            return int(struct.unpack_from("<Q", record, 32)[0])
    except (OSError, struct.error):
        return None


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
