"""What a broken ZIP means, in Chinese: zipfile and zlib explain in English ("File is not a
zip file", "Error -3 while decompressing data"), words that would otherwise reach the
import's message as they are."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from workstation.os_errors import os_error_text

# zipfile's BadZipFile texts (by a piece of each) → what they mean.
_BAD_ZIP = (
    ("bad crc-32", "校验值（CRC-32）不符，内容已损坏"),
    ("overlapped entries", "条目相互重叠（疑似伪造的 ZIP 文件）"),
    ("central directory", "ZIP 目录区已损坏"),
    ("differ", "条目的文件头与目录不一致"),
    ("file header", "条目的文件头已损坏"),
    ("extra field", "条目的附加信息已损坏"),
    ("not a zip file", "文件不完整或不是 ZIP 格式"),
)


def zip_problem(exc: BaseException) -> str:
    """What went wrong reading a ZIP, in Chinese."""
    if isinstance(exc, OSError):
        return os_error_text(exc)
    if isinstance(exc, zlib.error):
        return "压缩数据已损坏，无法解压"
    if isinstance(exc, EOFError):
        return "压缩数据不完整，文件可能没有下载或复制完"
    if isinstance(exc, UnicodeDecodeError):
        return "条目名声明为 UTF-8 编码，实际不是"
    if isinstance(exc, NotImplementedError):
        return "使用了不支持的 ZIP 功能"
    if isinstance(exc, zipfile.LargeZipFile):
        return "需要 ZIP64 支持"
    if isinstance(exc, zipfile.BadZipFile):
        text = str(exc).lower()
        for piece, meaning in _BAD_ZIP:
            if piece in text:
                return meaning
    return "ZIP 结构已损坏"


def unreadable_zip(location: Path, exc: BaseException) -> str:
    """Why `location` cannot be opened as a ZIP at all, naming it: empty, not a ZIP (only
    named .zip), cut short (its directory at the end is missing), or broken inside."""
    where = str(location)
    if isinstance(exc, OSError):
        return f"无法读取 {where}（{os_error_text(exc)}），已拒绝导入"
    try:
        with open(location, "rb") as handle:
            head = handle.read(4)
    except OSError as error:
        return f"无法读取 {where}（{os_error_text(error)}），已拒绝导入"
    if not head:
        reason = "文件是空的，0 字节"
    elif not head.startswith(b"PK"):
        named = location.suffix.lower() == ".zip"
        reason = "内容不是 ZIP 格式" + ("，只是扩展名为 .zip" if named else "")
    elif isinstance(exc, zipfile.BadZipFile) and "not a zip file" in str(exc).lower():
        reason = "文件不完整，结尾的 ZIP 目录缺失，可能没有下载或复制完"
    else:
        reason = zip_problem(exc)
    return f"{where} 不是有效的 ZIP 文件（{reason}），已拒绝导入"
