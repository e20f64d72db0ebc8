"""DOCX shown as PDF: converted once by LibreOffice into a cache keyed by the file's SHA-256.

Evidence files live read-only in the content-addressed store, so the PDF goes into the
caller's cache folder, never beside the DOCX. The converter is `workstation.documents.libreoffice`
(private profile, offline, killed on timeout); its `find_libreoffice` decides whether
LibreOffice is present, so a test can declare it absent in one place.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from workstation.documents import libreoffice as office
from workstation.documents.problems import CONVERSION, MISSING, DocumentError
from workstation.durable import keep_private, make_private_dirs
from workstation.errors import WorkstationError
from workstation.os_errors import os_error_text
from workstation.progress import stop_if_cancelled

CACHE_FOLDER = "docx-pdf"
_CHUNK = 1 << 20


def libreoffice_available() -> bool:
    """True when LibreOffice can be started to convert documents."""
    return office.find_libreoffice() is not None


def file_sha256(path: Path, cancel: threading.Event | None = None) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks; CancelledError when asked to stop."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                stop_if_cancelled(cancel, "已取消。")
                digest.update(chunk)
    except OSError as exc:
        raise DocumentError(
            f"无法读取文件 {path.name}：{os_error_text(exc)}", problem=MISSING, path=path
        ) from exc
    return digest.hexdigest()


def cached_pdf_path(cache_dir: Path, sha256: str) -> Path:
    """Where the PDF of the DOCX with this SHA-256 is kept."""
    return cache_dir / CACHE_FOLDER / f"{sha256}.pdf"


def converted_pdf(
    docx: Path, cache_dir: Path, *, cancel: threading.Event | None = None, timeout_s: float = 120
) -> Path:
    """The PDF of `docx`, from the cache or converted now; DocumentError if it cannot be."""
    target = cached_pdf_path(cache_dir, file_sha256(docx, cancel))
    if target.is_file():
        return target
    stop_if_cancelled(cancel, "已取消。")
    try:
        make_private_dirs(target.parent)  # the case's documents: as private as the evidence
        pdf = office.docx_to_pdf(docx, target, timeout_s=timeout_s, cancel=cancel)
        keep_private(pdf)
    except WorkstationError as exc:
        raise DocumentError(
            exc.message, problem=CONVERSION, path=docx, details=exc.details
        ) from exc
    except OSError as exc:
        raise DocumentError(
            f"无法写入转换缓存 {target.parent}：{os_error_text(exc)}", problem=CONVERSION, path=docx
        ) from exc
    return pdf
