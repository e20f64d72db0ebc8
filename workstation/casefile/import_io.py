"""Reading a bundle member and writing into the data folder, with errors a user can act on."""

from __future__ import annotations

import errno
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from workstation.casefile.zip_errors import zip_problem
from workstation.errors import BundleError, StorageError
from workstation.os_errors import os_error_text
from workstation.store.hashing import CHUNK_SIZE


class GuardedReader:
    """Reads a bundle member, turning read failures into a BundleError naming it."""

    def __init__(self, stream: BinaryIO, location: Path, path: str) -> None:
        self._stream = stream
        self._where = f"{location} 中的 {path}"

    def __enter__(self) -> GuardedReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()

    def read(self, size: int = CHUNK_SIZE) -> bytes:
        with self._reading():
            return self._stream.read(size)

    def readinto(self, buffer: memoryview) -> int:
        with self._reading():
            return cast(io.BufferedIOBase, self._stream).readinto(buffer)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise BundleError(f"{self._where} 已损坏（{zip_problem(exc)}），已撤销导入") from exc
        except OSError as exc:
            raise BundleError(
                f"读取 {self._where} 失败（{os_error_text(exc)}），已撤销导入"
            ) from exc


@contextmanager
def write_errors(what: str) -> Iterator[None]:
    """Turn a failed write into the StorageError a user can act on."""
    try:
        yield
    except OSError as exc:
        code = exc.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            reason = "磁盘空间不足"
        elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
            reason = "数据文件夹不可写（只读或无权限）"
        else:
            reason = f"写入失败（{os_error_text(exc)}）"
        raise StorageError(f"保存{what}时{reason}，导入已撤销，已保存的内容未受影响") from exc
