"""`workstation export`: write a case version back out as a bundle that imports to the same
case — the original case.json and every file, byte for byte, each re-hashed on the way out."""

from __future__ import annotations

import hashlib
import shutil
import threading
import uuid
import zipfile
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Select, select

from workstation.clock import Clock
from workstation.errors import IllegalActionError, StorageError
from workstation.os_errors import os_error_text
from workstation.progress import Progress, stop_if_cancelled
from workstation.security import audit
from workstation.store import models
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.hashing import CHUNK_SIZE

# Already-compressed evidence is stored as is in a ZIP; text compresses well.
_DEFLATE_SUFFIXES = {".json", ".srt", ".vtt", ".txt", ".xml", ".csv"}


def export_case(
    db: Database,
    store: EvidenceStore,
    version: models.CaseVersion,
    out: Path,
    *,
    actor: str,
    clock: Clock,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write `version` to `out` (a new folder, or a .zip file) and audit it."""
    report = progress or (lambda _f, _m: None)
    with db.session() as session:
        files = [(f.path, f.sha256, f.size) for f in session.scalars(_files_query(version.id))]
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise IllegalActionError(f"导出目标 {out} 已存在，请指定一个新的文件夹或 ZIP 文件名")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, no permission, a full disk
        raise StorageError(f"导出到 {out} 失败：{os_error_text(exc)}") from exc
    partial = out.with_name(f".{out.name}.partial-{uuid.uuid4().hex[:8]}")
    total = max(sum(size for _, _, size in files), 1)
    done = 0
    try:
        writer = _ZipWriter(partial) if out.suffix.lower() == ".zip" else _FolderWriter(partial)
        with writer:
            for path, sha256, size in files:
                report(done / total, f"正在导出 {path}")
                with store.open(sha256) as source, writer.open(path) as target:
                    _copy_checked(source, target, sha256, path, cancel)
                done += size
        if out.is_dir():
            out.rmdir()  # an empty folder given as the target
        partial.rename(out)
    except OSError as exc:
        _remove(partial)
        raise StorageError(f"导出到 {out} 失败：{os_error_text(exc)}") from exc
    except BaseException:
        _remove(partial)
        raise
    with db.write("记录导出") as session:
        audit.append(
            session,
            at=clock(),
            actor=actor,
            action="case.export",
            case_id=version.case_id,
            details={"version": version.version, "out": str(out), "files": len(files)},
        )
    report(1.0, f"已导出到 {out}")
    return out


def _files_query(version_id: int) -> Select[models.BundleFile]:
    return (
        select(models.BundleFile)
        .where(models.BundleFile.version_id == version_id)
        .order_by(models.BundleFile.path)
    )


def _copy_checked(
    source: BinaryIO, target: BinaryIO, sha256: str, path: str, cancel: threading.Event | None
) -> None:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK_SIZE):
        stop_if_cancelled(cancel, "导出已取消，未留下不完整的文件")
        digest.update(chunk)
        target.write(chunk)
    if digest.hexdigest() != sha256:
        raise IllegalActionError(
            f"证据文件 {path}（{sha256[:12]}…）已被改动，导出已中止；请运行 workstation verify 检查"
        )


class _FolderWriter:
    def __init__(self, root: Path) -> None:
        self.root = root

    def __enter__(self) -> _FolderWriter:
        self.root.mkdir()
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def open(self, path: str) -> BinaryIO:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return open(target, "xb")


class _ZipWriter:
    def __init__(self, file: Path) -> None:
        self._zip = zipfile.ZipFile(file, "x", allowZip64=True)

    def __enter__(self) -> _ZipWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._zip.close()

    def open(self, path: str) -> BinaryIO:
        info = zipfile.ZipInfo(path)  # non-ASCII names get the UTF-8 flag automatically
        deflate = Path(path).suffix.lower() in _DEFLATE_SUFFIXES
        info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return self._zip.open(info, "w", force_zip64=True)  # type: ignore[return-value]


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
