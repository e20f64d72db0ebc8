"""The review dossier's manifest: every file with its SHA-256, and the check a recipient runs.

`MANIFEST.sha256` holds one line per file, `<sha256>  <path>` sorted by path (the format of
`sha256sum`, so `sha256sum -c MANIFEST.sha256` checks it too). The check re-hashes every file
and names each one changed, missing or extra; it needs no database.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from workstation.errors import BundleError
from workstation.os_errors import os_error_text

MANIFEST = "MANIFEST.sha256"
_LINE = re.compile(r"([0-9a-f]{64})  (\S.*)")
_MAX_MANIFEST_BYTES = 1024 * 1024  # a dossier lists tens of files, not thousands
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class DossierReport:
    """What `verify_dossier` found: each file changed, missing or extra, by its path."""

    folder: Path
    checked: int  # files the manifest lists
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    def problems(self) -> list[str]:
        """One Chinese line per file that is not as the manifest lists it."""
        return (
            [f"已改动：{path}（与清单中的 SHA-256 不符）" for path in self.changed]
            + [f"缺少：{path}（清单中有，文件夹中没有）" for path in self.missing]
            + [f"多出：{path}（文件夹中有，清单中没有）" for path in self.extra]
        )


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    """The manifest of `files` (relative POSIX path → content)."""
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items())
    ]
    return "".join(lines).encode("utf-8")


def verify_dossier(folder: Path) -> DossierReport:
    """Re-hash every file of the dossier in `folder` against its manifest. A folder that is
    not a dossier (no folder, no manifest, a manifest that cannot be read) is a BundleError."""
    listed = _read_manifest(folder)
    present = _files_in(folder)
    changed, missing = [], []
    for path, expected in sorted(listed.items()):
        if path not in present:
            missing.append(path)
        elif _sha256_of(folder, path) != expected:
            changed.append(path)
    extra = sorted(set(present) - set(listed) - {MANIFEST})
    return DossierReport(folder, len(listed), changed, missing, extra)


def _read_manifest(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        raise BundleError(f"{folder} 不是文件夹，无法核对审核档案")
    manifest = folder / MANIFEST
    try:
        if manifest.is_symlink() or not manifest.is_file():
            raise BundleError(f"{folder} 中没有清单文件 {MANIFEST}，不是审核档案")
        if manifest.stat().st_size > _MAX_MANIFEST_BYTES:
            raise BundleError(f"{manifest} 过大，不是审核档案的清单")
        text = manifest.read_bytes().decode("utf-8")
    except OSError as exc:
        raise BundleError(f"无法读取 {manifest}：{os_error_text(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise BundleError(f"{manifest} 不是 UTF-8 文本，不是审核档案的清单") from exc
    listed: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.fullmatch(line)
        if match is None or not _safe(match[2]) or match[2] in listed:
            raise BundleError(f"{manifest} 第 {number} 行无法识别：{line[:80]}")
        listed[match[2]] = match[1]
    if not listed:
        raise BundleError(f"{manifest} 没有列出任何文件")
    return listed


def _safe(path: str) -> bool:
    """A relative path inside the folder: no absolute path, `..`, backslash or the manifest."""
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and not path.startswith("/")
        and "\\" not in path
        and all(p not in ("", ".", "..") for p in parts)
        and path != MANIFEST
    )


def _files_in(folder: Path) -> set[str]:
    """Every entry under `folder` that is not a folder (links and special files included:
    each is a file the manifest must list), as relative POSIX paths; links are not followed."""
    found: set[str] = set()
    try:
        for root, dirs, names in os.walk(folder, onerror=_raise):
            base = Path(root)
            for name in dirs[:]:
                if (base / name).is_symlink():  # a link to a folder: listed, never entered
                    dirs.remove(name)
                    names.append(name)
            for name in names:
                found.add((base / name).relative_to(folder).as_posix())
    except OSError as exc:
        raise BundleError(f"无法读取 {folder}：{os_error_text(exc)}") from exc
    return found


def _raise(exc: OSError) -> None:
    raise exc


def _sha256_of(folder: Path, path: str) -> str | None:
    """The file's SHA-256; None when it is no regular file or cannot be read (changed)."""
    target = folder / path
    try:
        if not stat.S_ISREG(target.lstat().st_mode):
            return None
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
