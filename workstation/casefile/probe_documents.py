"""Probing documents: PDF (PyMuPDF), DOCX (python-docx), OLE containers, images (Pillow)."""

from __future__ import annotations

import warnings
import zipfile
from typing import Any

from workstation.casefile.probe_types import (
    DAMAGED,
    OK,
    PASSWORD,
    REPAIRED,
    UNSUPPORTED,
    ProbeResult,
)
from workstation.casefile.probe_types import brief as _brief

_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


# --- PDF -----------------------------------------------------------------------------


def probe_pdf(path: str) -> ProbeResult:
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for broken files
        return ProbeResult("pdf", DAMAGED, f"PDF 无法打开：{_brief(exc)}")
    with doc:
        if doc.needs_pass:
            return ProbeResult(
                "pdf", PASSWORD, "PDF 已加密，查看时需要输入密码", {"encrypted": True}
            )
        try:
            pages = doc.page_count
            text_chars = sum(len(doc[i].get_text()) for i in range(min(pages, 2)))
            if pages:
                doc[0].get_pixmap(dpi=18)
        except Exception as exc:
            return ProbeResult("pdf", DAMAGED, f"PDF 结构损坏：{_brief(exc)}")
        details = {
            "pages": pages,
            "text_chars_first_pages": text_chars,
            "form": bool(doc.is_form_pdf),
        }
        if pages == 0:
            return ProbeResult("pdf", DAMAGED, "PDF 中没有任何页面", details)
        if doc.is_repaired:
            details["warnings"] = pymupdf.TOOLS.mupdf_warnings()[-500:]
            return ProbeResult(
                "pdf", REPAIRED, "PDF 文件已损坏，已自动修复，内容可能不完整", details
            )
        return ProbeResult("pdf", OK, None, details)


# --- DOCX and other Office containers --------------------------------------------------


def probe_zip(path: str, claimed: str | None) -> ProbeResult:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        kind = "docx" if claimed == "docx" else "unknown"
        return ProbeResult(kind, DAMAGED, f"文件已损坏，无法作为 ZIP/DOCX 读取：{_brief(exc)}")
    if "word/document.xml" in names:
        return probe_docx(path)
    if claimed == "docx":
        return ProbeResult("docx", DAMAGED, "DOCX 文件缺少正文（word/document.xml）")
    return ProbeResult(
        "unknown", UNSUPPORTED, "ZIP 压缩包或其他 Office 文档，不是可查看的案卷材料格式"
    )


def probe_docx(path: str) -> ProbeResult:
    import docx

    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            if broken is not None:
                return ProbeResult("docx", DAMAGED, f"DOCX 文件已损坏（{broken} 校验失败）")
            body = archive.read("word/document.xml")
            has_comments = "word/comments.xml" in archive.namelist()
        document = docx.Document(path)
        images = sum(1 for rel in document.part.rels.values() if "image" in rel.reltype)
        details = {
            "paragraphs": len(document.paragraphs),
            "tables": len(document.tables),
            "images": images,
            "sections": len(document.sections),
            "tracked_insertions": body.count(b"<w:ins "),
            "tracked_deletions": body.count(b"<w:del "),
            "comments": has_comments,
        }
    except Exception as exc:  # python-docx and lxml raise many types on broken XML
        return ProbeResult("docx", DAMAGED, f"DOCX 文件已损坏：{_brief(exc)}")
    return ProbeResult("docx", OK, None, details)


def probe_cfb(path: str) -> ProbeResult:
    """An OLE compound file: an encrypted OOXML package, or a legacy .doc/.xls."""
    with open(path, "rb") as source:
        head = source.read(4 * 1024 * 1024)
    if _ENCRYPTED_PACKAGE in head:
        return ProbeResult(
            "docx", PASSWORD, "Word 文档已加密，需要密码才能查看", {"encrypted": True}
        )
    return ProbeResult(
        "doc", UNSUPPORTED, "旧版 Office 格式（.doc/.xls）不受支持，请转换为 DOCX 或 PDF"
    )


# --- images -----------------------------------------------------------------------------

MAX_IMAGE_FRAMES = 1000


def probe_image(path: str) -> ProbeResult:
    from PIL import Image, ImageFile

    warnings.simplefilter("ignore")  # Pillow warns about every odd TIFF tag
    try:
        details = _load_image(path, Image)
    except Image.DecompressionBombError as exc:
        return ProbeResult("image", UNSUPPORTED, f"图片像素过多，无法安全显示：{_brief(exc)}")
    except OSError as exc:
        if "truncated" not in str(exc):
            return ProbeResult("image", DAMAGED, f"图片已损坏：{_brief(exc)}")
        ImageFile.LOAD_TRUNCATED_IMAGES = True
        try:
            details = _load_image(path, Image)
        except Exception as again:
            return ProbeResult("image", DAMAGED, f"图片已损坏：{_brief(again)}")
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = False
        return ProbeResult(
            "image", REPAIRED, "图片数据不完整（文件被截断），只能显示部分内容", details
        )
    except Exception as exc:  # Pillow raises TypeError, ValueError, SyntaxError… on fuzzed files
        return ProbeResult("image", DAMAGED, f"图片已损坏：{_brief(exc)}")
    return ProbeResult("image", OK, None, details)


def _load_image(path: str, image_module: Any) -> dict[str, Any]:
    with image_module.open(path) as image:
        frames = min(getattr(image, "n_frames", 1), MAX_IMAGE_FRAMES)
        details = {
            "format": image.format,
            "mode": image.mode,
            "width": image.width,
            "height": image.height,
            "frames": frames,
            "orientation": int(image.getexif().get(0x0112, 1) or 1),
        }
        for index in range(frames):
            image.seek(index)
            image.load()
    return details
