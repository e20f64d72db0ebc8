"""What kind of document a file is, by its first bytes (evidence files have no extension)."""

from __future__ import annotations

import zipfile
from pathlib import Path

PDF = "pdf"
DOCX = "docx"
IMAGE = "image"
OLE = "ole"  # an old Word file or a password-protected Office file
UNKNOWN = "unknown"

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"II+\x00",
    b"MM\x00+",
    b"BM",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_kind(path: Path) -> str:
    """pdf, docx, image, ole or unknown, from the content; OSError if unreadable."""
    with path.open("rb") as file:
        head = file.read(1024)
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                return DOCX if "word/document.xml" in archive.namelist() else UNKNOWN
        except (zipfile.BadZipFile, OSError):
            return DOCX  # a broken ZIP: let the DOCX path report the damage
    if head.startswith(_OLE_MAGIC):
        return OLE
    if head.startswith(_IMAGE_MAGIC) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return IMAGE
    return UNKNOWN


def resolve_kind(path: Path, claimed: str | None) -> str:
    """The kind to show the file as: the content decides, the claim only breaks ties."""
    found = sniff_kind(path)
    if found == UNKNOWN and claimed in (PDF, DOCX, IMAGE):
        return claimed  # the matching opener then says precisely what is wrong
    return found
