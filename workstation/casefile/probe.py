"""What a file really is, decided by its content, and whether it can be shown.

`probe_file` runs in a child process (see `probe_worker`): the parsers it drives (MuPDF,
FFmpeg, Pillow, lxml) meet hostile files here, and a hang or crash must not take the
import down. Each result says the kind of file, its condition — `ok`, `repaired` (damaged
but readable, shown with a warning), `damaged`, `unsupported`, `password` — a Chinese reason
when it is not `ok`, and the facts the viewer needs (pages, size, duration, streams).
"""

from __future__ import annotations

import re
from pathlib import Path

from workstation.casefile.probe_documents import probe_cfb, probe_image, probe_pdf, probe_zip
from workstation.casefile.probe_media import probe_media
from workstation.casefile.probe_types import (
    DAMAGED,
    OK,
    PASSWORD,
    REPAIRED,
    UNSUPPORTED,
    ProbeResult,
)

__all__ = [
    "DAMAGED",
    "OK",
    "PASSWORD",
    "REPAIRED",
    "UNSUPPORTED",
    "ProbeResult",
    "probe_file",
    "sniff",
]

_EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".tif": "image",
    ".tiff": "image",
    ".gif": "image",
    ".bmp": "image",
    ".webp": "image",
    ".heic": "image",
    ".heif": "image",
    ".mp4": "media",
    ".m4v": "media",
    ".mov": "media",
    ".mkv": "media",
    ".webm": "media",
    ".avi": "media",
    ".3gp": "media",
    ".3g2": "media",
    ".mp3": "media",
    ".wav": "media",
    ".m4a": "media",
    ".m4b": "media",
    ".aac": "media",
    ".amr": "media",
    ".ogg": "media",
    ".opus": "media",
    ".flac": "media",
    ".wma": "media",
    ".wmv": "media",
    ".flv": "media",
    ".ts": "media",
    ".mts": "media",
    ".mpg": "media",
    ".mpeg": "media",
    ".dav": "media",
    ".srt": "subtitle",
    ".vtt": "subtitle",
    ".txt": "text",
}
_KIND_NAMES = {
    "pdf": "PDF",
    "docx": "DOCX",
    "doc": "Word",
    "image": "图片",
    "media": "音视频",
    "subtitle": "字幕",
    "text": "文本",
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CUE_TIMING = re.compile(
    r"^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{3}", re.M
)


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes say it is, or None."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_CFB_MAGIC):
        return "cfb"
    if head[4:8] == b"ftyp":
        return "heif" if head[8:12] in _HEIF_BRANDS else "media"
    if (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
        or head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
        or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
        or (head.startswith(b"BM") and len(head) > 26 and head[6:10] == b"\x00\x00\x00\x00")
    ):
        return "image"
    if (
        head.startswith((b"RIFF", b"\x1aE\xdf\xa3", b"ID3", b"OggS", b"fLaC", b"#!AMR", b"FLV"))
        or head.startswith((b"\x00\x00\x01\xba", b"\x30\x26\xb2\x75"))  # MPEG-PS, ASF/WMV
        or (len(head) > 188 and head[0] == 0x47 and head[188] == 0x47)  # MPEG-TS
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06)
    ):
        return "media"
    text = _decode_text(head[:4096], partial=True)
    if text is not None:
        if text.lstrip("\ufeff").startswith("WEBVTT") or _CUE_TIMING.search(text):
            return "subtitle"
        return "text"
    return None


def probe_file(path: str, name: str) -> ProbeResult:
    """Identify and test one file; `name` is its path in the bundle (the claimed type)."""
    result = _probe(path, name)
    if result.reason:
        # Parsers quote the path they opened: show the bundle's name, not the staging copy.
        result.reason = result.reason.replace(path, name)
    return result


def _probe(path: str, name: str) -> ProbeResult:
    claimed = _EXTENSION_KINDS.get(Path(name).suffix.lower())
    with open(path, "rb") as source:
        head = source.read(8192)
    if not head:
        return ProbeResult(claimed or "unknown", DAMAGED, "文件为空（0 字节）")
    detected = sniff(head)
    if detected == "pdf":
        return probe_pdf(path)
    if detected == "zip":
        return probe_zip(path, claimed)
    if detected == "cfb":
        return probe_cfb(path)
    if detected == "heif":
        return ProbeResult(
            "image",
            UNSUPPORTED,
            "HEIC/HEIF 图片格式不受支持，请在手机或电脑上转换为 JPEG 后重新提交",
        )
    if detected == "image":
        return probe_image(path)
    if detected == "media":
        return probe_media(path)
    if detected == "subtitle":
        return probe_subtitle(path)
    if claimed == "media":
        # Recorders sometimes leave junk before the first frame; FFmpeg may still find it.
        return probe_media(path)
    if detected == "text":
        if claimed in (None, "text"):
            return probe_text(path)
        return ProbeResult(
            claimed, DAMAGED, f"扩展名表明是{_KIND_NAMES[claimed]}文件，但内容是纯文本"
        )
    if claimed is not None:
        return ProbeResult(
            claimed, DAMAGED, f"扩展名表明是{_KIND_NAMES[claimed]}文件，但内容无法识别"
        )
    return ProbeResult("unknown", UNSUPPORTED, "无法识别的文件格式")


# --- transcripts and text ---------------------------------------------------------------


def probe_subtitle(path: str) -> ProbeResult:
    text, encoding = _read_text(path)
    if text is None:
        return ProbeResult("subtitle", DAMAGED, "字幕文件不是可识别的文本编码")
    cues = len(_CUE_TIMING.findall(text))
    fmt = "vtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"
    details = {"format": fmt, "cues": cues, "encoding": encoding}
    if cues == 0:
        return ProbeResult("subtitle", DAMAGED, "字幕文件中没有有效的时间轴", details)
    return ProbeResult("subtitle", OK, None, details)


def probe_text(path: str) -> ProbeResult:
    text, encoding = _read_text(path)
    if text is None:
        return ProbeResult("text", UNSUPPORTED, "文本编码无法识别")
    return ProbeResult("text", OK, None, {"chars": len(text), "encoding": encoding})


MAX_TEXT_BYTES = 64 * 1024 * 1024


def _read_text(path: str) -> tuple[str | None, str | None]:
    with open(path, "rb") as source:
        raw = source.read(MAX_TEXT_BYTES)
    for encoding in ("utf-8-sig", "gb18030"):
        text = _decode_text(raw, encoding=encoding)
        if text is not None:
            return text, encoding
    return None, None


def _decode_text(raw: bytes, *, partial: bool = False, encoding: str | None = None) -> str | None:
    """Text if `raw` reads as UTF-8 (or GB18030) without binary control bytes."""
    for candidate in [encoding] if encoding else ["utf-8-sig", "gb18030"]:
        try:
            text = raw.decode(candidate)
        except UnicodeDecodeError as exc:
            if not (partial and exc.start >= len(raw) - 4):
                continue
            text = raw[: exc.start].decode(candidate)
        if any(ord(c) < 0x20 and c not in "\t\r\n\f" for c in text):
            return None
        return text
    return None
