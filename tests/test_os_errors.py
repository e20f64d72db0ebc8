"""A failed file operation reads as Chinese: the OS's own English words stay out of it."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case

from workstation.errors import StorageError
from workstation.os_errors import os_error_text


@pytest.mark.parametrize(
    ("code", "words", "meaning"),
    [
        (errno.ENOSPC, "No space left on device", "磁盘空间不足"),
        (errno.EACCES, "Permission denied", "没有访问权限"),
        (errno.ENOENT, "No such file or directory", "文件或文件夹不存在"),
        (errno.EROFS, "Read-only file system", "磁盘或文件夹是只读的"),
        (errno.EIO, "Input/output error", "读写出错（磁盘或网络驱动器故障）"),
    ],
)
def test_common_failures_are_said_in_chinese(code: int, words: str, meaning: str) -> None:
    assert os_error_text(OSError(code, words, "/data/a.pdf")) == meaning


def test_an_unusual_failure_keeps_the_systems_words_and_code() -> None:
    text = os_error_text(OSError(errno.ENOTSUP, "Operation not supported"))
    assert text == f"系统错误（Operation not supported，errno {errno.ENOTSUP}）"
    assert os_error_text(OSError("bare")) == "系统错误（bare）"


def test_an_export_to_a_path_through_a_file_says_why_in_chinese(
    ws: Any, make_bundle: Any, tmp_path: Path
) -> None:
    ws.import_bundle(make_bundle(minimal_case()), actor="tester")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        ws.export("C1", a_file / "2026" / "out.zip", actor="tester")  # fails as root too
    assert caught.value.message.endswith("路径中有一部分不是文件夹")
    assert str(a_file / "2026" / "out.zip") in caught.value.message
    assert "Not a directory" not in caught.value.message
