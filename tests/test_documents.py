"""The viewer's domain side without Qt: geometry, PDF text and search, DOCX, images, kinds."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PIL import Image

from workstation.documents import docx_pdf, geometry, kinds, problems
from workstation.documents.docx_html import docx_to_html
from workstation.documents.images import image_frames
from workstation.documents.pdf_document import open_pdf

CHINESE = "pdf_pdfjs_issue12823_zh.pdf"


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_geometry_matches_pymupdf_rotation(tmp_path: Path, turn: int) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=500)
    page.set_rotation(turn)
    rect = (20.0, 30.0, 120.0, 80.0)
    expected = pymupdf.Rect(rect) * page.rotation_matrix * pymupdf.Matrix(2, 2)
    got = geometry.rect_to_view(rect, (300, 500), turn, 2.0)
    assert got == pytest.approx((expected.x0, expected.y0, expected.x1, expected.y1))
    assert geometry.rect_from_view(got, (300, 500), turn, 2.0) == pytest.approx(rect)


def test_search_finds_chinese_in_unrotated_points(corpus_dir: Path) -> None:
    pdf = open_pdf(corpus_dir / CHINESE)
    hits = pdf.search_page(0, "知识库")
    assert len(hits) == 2
    text, words = pdf.text_in_rect(0, hits[0])
    assert "知识库" in text
    assert words
    pdf.close()


def test_text_in_rect_reads_what_pymupdf_reads(corpus_dir: Path) -> None:
    pdf = open_pdf(corpus_dir / CHINESE)
    rect = (85.0, 295.0, 420.0, 315.0)
    text, _ = pdf.text_in_rect(0, rect)
    assert text == "描述团队的共同目标，有利于团队成员理解目标并朝着目标努力。"
    page = pymupdf.open(corpus_dir / CHINESE)[0]
    assert text in page.get_text("text", clip=pymupdf.Rect(rect))


def test_render_gives_rgb_pixels_at_the_zoom(corpus_dir: Path) -> None:
    pdf = open_pdf(corpus_dir / CHINESE)
    page = pdf.render(0, 0.5)
    assert (page.width, page.height) == (306, 396)
    assert len(page.samples) == page.stride * page.height
    turned = pdf.render(0, 0.5, 90)
    assert (turned.width, turned.height) == (396, 306)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("pdf_qpdf_bad1.pdf", problems.NOT_A_DOCUMENT),
        ("pdf_pdfjs_poppler-67295-0.pdf", problems.DAMAGED),
        ("no-such-file.pdf", problems.MISSING),
    ],
)
def test_bad_pdfs_raise_a_document_error(corpus_dir: Path, name: str, problem: str) -> None:
    with pytest.raises(problems.DocumentError) as caught:
        open_pdf(corpus_dir / name, "询问笔录")
    assert caught.value.problem == problem
    assert "询问笔录" in caught.value.message


def test_password_pdf_opens_after_authentication(corpus_dir: Path) -> None:
    pdf = open_pdf(corpus_dir / "pdf_pdfjs_issue3371_pw.pdf")
    assert pdf.needs_password
    assert pdf.page_count == 0
    assert not pdf.authenticate("nope")
    assert pdf.authenticate("ELXRTQWS")
    assert pdf.page_count == 1


def test_truncated_pdf_is_marked_repaired(corpus_dir: Path) -> None:
    assert open_pdf(corpus_dir / "pdf_pdfjs_scan-bad_truncated.pdf").repaired


def test_closed_document_refuses_work(corpus_dir: Path) -> None:
    from workstation.errors import CancelledError

    pdf = open_pdf(corpus_dir / CHINESE)
    pdf.close()
    with pytest.raises(CancelledError):
        pdf.render(0, 1.0)


def test_kinds_come_from_the_content(corpus_dir: Path, tmp_path: Path) -> None:
    stored = tmp_path / "ab12"  # evidence files have no extension
    stored.write_bytes((corpus_dir / CHINESE).read_bytes())
    assert kinds.sniff_kind(stored) == kinds.PDF
    assert kinds.sniff_kind(corpus_dir / "docx_poi_HeaderFooterUnicode.docx") == kinds.DOCX
    assert kinds.sniff_kind(corpus_dir / "image_imageio_chelsea.png") == kinds.IMAGE
    assert kinds.sniff_kind(corpus_dir / "docx_poi_bug53475-password-is-pass.docx") == kinds.OLE
    assert kinds.resolve_kind(corpus_dir / "pdf_qpdf_bad1.pdf", "pdf") == kinds.PDF
    assert kinds.resolve_kind(corpus_dir / "video_androidx_h263.3gp", "video") == kinds.UNKNOWN


def test_docx_html_keeps_paragraphs_tables_and_tracked_insertions(corpus_dir: Path) -> None:
    rendering = docx_to_html(corpus_dir / "docx_poitl_issue636_zh-tracked.docx")
    assert "横向项目立项申报表" in rendering.html
    assert "<table" in rendering.html


def test_docx_html_refuses_a_broken_docx(corpus_dir: Path) -> None:
    with pytest.raises(problems.DocumentError) as caught:
        docx_to_html(corpus_dir / "docx_poi_clusterfuzz-4791943399604224.docx", "告知书")
    assert caught.value.problem == problems.DAMAGED
    assert "告知书" in caught.value.message


def test_docx_conversion_is_cached_by_content(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []

    def fake_convert(docx: Path, out_pdf: Path, **_options: Any) -> Path:
        calls.append(docx)
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        out_pdf.write_bytes(b"%PDF-1.7 fake")
        return out_pdf

    monkeypatch.setattr("workstation.documents.libreoffice.docx_to_pdf", fake_convert)
    source = corpus_dir / "docx_pydocx_hdr-header-footer.docx"
    first = docx_pdf.converted_pdf(source, tmp_path)
    again = docx_pdf.converted_pdf(source, tmp_path)
    assert first == again == tmp_path / "docx-pdf" / f"{docx_pdf.file_sha256(source)}.pdf"
    assert len(calls) == 1


def test_libreoffice_absence_follows_the_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workstation.documents.libreoffice.find_libreoffice", lambda: None)
    assert not docx_pdf.libreoffice_available()


def test_hashing_stops_when_cancelled(corpus_dir: Path) -> None:
    from workstation.errors import CancelledError

    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        docx_pdf.file_sha256(corpus_dir / "pdf_pdfjs_freeculture_352p.pdf", cancel)


def test_images_are_upright_and_paged(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 8  # turn 90° counter-clockwise to view
    Image.new("RGB", (30, 10), "blue").save(photo, exif=exif)
    (frame,) = image_frames(photo)
    assert (frame.width, frame.height) == (10, 30)
    scan = tmp_path / "scan.tif"
    pages: list[Any] = [Image.new("L", (20, 20 + i)) for i in range(4)]
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    assert [f.height for f in image_frames(scan)] == [20, 21, 22, 23]


def test_every_page_of_a_tiff_is_held_to_the_pixel_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, M8: a small TIFF whose second page is huge raised MemoryError in the viewer,
    because only the first page's size was checked. (The limits are lowered so the test's
    pages stay small; the check is the same.)"""
    from workstation.documents import images
    from workstation.documents.problems import DocumentError

    monkeypatch.setattr(images, "MAX_PIXELS", 10_000)
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 20_000)
    sneaky = tmp_path / "sneaky.tif"
    small, huge = Image.new("1", (50, 50)), Image.new("1", (200, 200))
    small.save(sneaky, save_all=True, append_images=[huge], compression="group4")
    with pytest.raises(DocumentError, match=r"图片 sneaky.tif第 2 页过大（200×200），无法显示"):
        image_frames(sneaky)
    many = tmp_path / "many.tif"
    pages: list[Any] = [Image.new("1", (90, 90)) for _ in range(4)]  # 8,100 pixels each
    pages[0].save(many, save_all=True, append_images=pages[1:], compression="group4")
    with pytest.raises(DocumentError, match=r"页面合计过大（到第 3 页已超过"):
        image_frames(many)
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 40_000)
    assert len(image_frames(many)) == 4


def test_broken_images_raise_a_document_error(corpus_dir: Path) -> None:
    with pytest.raises(problems.DocumentError) as caught:
        image_frames(corpus_dir / "image_pillow_truncated_jpeg.jpg")
    assert caught.value.problem == problems.DAMAGED
    with pytest.raises(problems.DocumentError) as unsupported:
        image_frames(corpus_dir / "image_ianare_iphone_13_pro_max.HEIC")
    assert unsupported.value.problem == problems.UNSUPPORTED
