"""Opening a document off the UI thread: decide its kind, open, convert or decode it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

from workstation.documents import kinds
from workstation.documents.docx_html import docx_to_html
from workstation.documents.docx_pdf import converted_pdf, libreoffice_available
from workstation.documents.images import image_frames
from workstation.documents.problems import (
    CONVERSION,
    ENCRYPTED,
    MISSING,
    UNSUPPORTED,
    DocumentError,
)
from workstation.documents.remote_pdf import RemotePdfDocument, open_remote_pdf
from workstation.os_errors import os_error_text
from workstation.progress import Progress
from workstation.ui.viewer.docx_view import decode_images

CONVERTING = "converting"  # progress message: LibreOffice is converting the DOCX
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass
class Opened:
    """What the worker prepared: a PDF, a DOCX's HTML rendering, or image pages."""

    kind: str  # pdf | docx_html | image
    pdf: RemotePdfDocument | None = None
    converted: bool = False  # the PDF was made from a DOCX by LibreOffice
    html: str = ""
    images: dict[str, QImage] = field(default_factory=dict)
    conversion_error: str | None = None  # why LibreOffice failed (None: it is absent)
    frames: list[QImage] = field(default_factory=list)


def open_job(
    path: Path, title: str, claimed: str | None, cache_dir: Path
) -> Callable[[Progress, threading.Event], Opened]:
    """A worker job that opens `path` for viewing (see Opened)."""

    def job(progress: Progress, cancel: threading.Event) -> Opened:
        try:
            kind = kinds.resolve_kind(path, claimed)
        except OSError as exc:
            raise DocumentError(
                f"无法读取文件 {title}：{os_error_text(exc)}", problem=MISSING, path=path
            ) from exc
        if kind == kinds.PDF:
            return Opened("pdf", pdf=open_remote_pdf(path, title))
        if kind == kinds.DOCX:
            return _open_docx(path, title, cache_dir, progress, cancel)
        if kind == kinds.IMAGE:
            frames = [
                _qimage(f.width, f.height, f.samples) for f in image_frames(path, title, cancel)
            ]
            return Opened("image", frames=frames)
        if kind == kinds.OLE and _is_encrypted_office(path):
            raise DocumentError(
                f"Word 文档 {title} 设有密码保护，无法显示。", problem=ENCRYPTED, path=path
            )
        raise DocumentError(f"不支持显示文件 {title} 的格式。", problem=UNSUPPORTED, path=path)

    return job


def _open_docx(
    path: Path, title: str, cache_dir: Path, progress: Progress, cancel: threading.Event
) -> Opened:
    reason: str | None = None
    if libreoffice_available():
        progress(0.0, CONVERTING)
        try:
            pdf_path = converted_pdf(path, cache_dir, cancel=cancel)
        except DocumentError as exc:
            if exc.problem != CONVERSION:
                raise
            reason = exc.message
        else:
            return Opened("pdf", pdf=open_remote_pdf(pdf_path, title), converted=True)
    rendering = docx_to_html(path, title)
    return Opened(
        "docx_html", html=rendering.html, images=decode_images(rendering), conversion_error=reason
    )


def _qimage(width: int, height: int, samples: bytes) -> QImage:
    return QImage(samples, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()


def _is_encrypted_office(path: Path) -> bool:
    """True for an OLE container holding an encrypted Office package (a password DOCX)."""
    try:
        with path.open("rb") as file:
            return _ENCRYPTED_PACKAGE in file.read(1 << 20)
    except OSError:
        return False
