"""The document viewer on corpus files: paging, search, citing, passwords, damage, DOCX, images."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PIL import Image

pytestmark = pytest.mark.gui

BOOK = "pdf_pdfjs_freeculture_352p.pdf"
CHINESE = "pdf_pdfjs_issue12823_zh.pdf"
I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"


@pytest.fixture
def viewer(qtbot: Any) -> Any:
    from workstation.ui.viewer import DocumentViewer

    widget = DocumentViewer()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    widget.close_document()


def open_and_wait(qtbot: Any, viewer: Any, path: Path, tmp_path: Path, **kw: Any) -> int:
    """Open a file and wait until it is shown; returns its page count."""
    with qtbot.waitSignal(viewer.document_loaded, timeout=60_000) as loaded:
        viewer.open_document(path, title=kw.pop("title", path.name), cache_dir=tmp_path, **kw)
    return int(loaded.args[0])


def wait_page_shown(qtbot: Any, viewer: Any, page: int) -> None:
    """Wait until the rendered image of 0-based `page` has been painted."""
    view = viewer.pdf_pane.view
    shown: set[int] = set()
    view.page_displayed.connect(shown.add)
    qtbot.waitUntil(lambda: page in shown or _is_painted(view, page), timeout=10_000)


def _is_painted(view: Any, page: int) -> bool:
    return any(key.page == page for key in view._displayed)


def drag(qtbot: Any, view: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    from PySide6.QtCore import QPoint, Qt

    a, b = QPoint(round(start[0]), round(start[1])), QPoint(round(end[0]), round(end[1]))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), pos=b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)


def to_viewport(view: Any, page: int, rect: tuple[float, ...]) -> tuple[float, ...]:
    """Where an unrotated page rectangle is on screen (rotation 0: plain scale and offset)."""
    box = view.layout_.boxes[page]
    ox = box.x - view.horizontalScrollBar().value()
    oy = box.y - view.verticalScrollBar().value()
    z = view.zoom
    return (ox + rect[0] * z, oy + rect[1] * z, ox + rect[2] * z, oy + rect[3] * z)


def test_pages_through_the_352_page_pdf(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    assert open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path) == 352
    wait_page_shown(qtbot, viewer, 0)
    assert viewer.page_count == 352
    assert viewer.current_page == 1
    with qtbot.waitSignal(viewer.page_changed) as changed:
        viewer.actions_["next_page"].trigger()
    assert changed.args == [2]
    assert viewer.current_page == 2
    viewer.page_field.setValue(120)
    viewer.page_field.editingFinished.emit()
    assert viewer.current_page == 120
    wait_page_shown(qtbot, viewer, 119)
    viewer.actions_["previous_page"].trigger()
    assert viewer.current_page == 119
    assert viewer.page_field.value() == 119
    assert viewer.pdf_pane.thumbnails.currentIndex().row() == 118


def test_chinese_search_highlights_hits_and_steps(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    path = corpus_dir / CHINESE
    open_and_wait(qtbot, viewer, path, tmp_path)
    expected = [tuple(r) for r in pymupdf.open(path)[0].search_for("知识")]
    assert len(expected) == 2
    viewer.actions_["find"].trigger()
    bar = viewer.pdf_pane.search_bar
    assert bar.isVisible()
    bar.field.setText("知识")  # QTest cannot type non-Latin-1 text
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    search = viewer.pdf_pane.search
    qtbot.waitUntil(lambda: not search.searching and len(search.hits) == 2)
    view = viewer.pdf_pane.view
    assert sorted(view.hits[0]) == sorted(expected)  # drawn on the page
    first = view.current_hit
    assert first is not None
    assert first[0] == 0
    assert "1" in bar.status.text()
    assert "2" in bar.status.text()
    viewer.actions_["find_next"].trigger()
    assert view.current_hit != first
    assert search.index == 1
    viewer.actions_["find_previous"].trigger()
    assert view.current_hit == first
    bar.close_bar()
    assert view.hits == {}


def test_search_across_pages_arrives_progressively(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path)
    search = viewer.pdf_pane.search
    changes: list[int] = []
    search.changed.connect(lambda: changes.append(len(search.hits)))
    search.start("Vivendi", 0)
    qtbot.waitUntil(lambda: not search.searching, timeout=20_000)
    pages = {page for page, _ in search.hits}
    assert len(pages) > 1
    assert len(set(changes)) > 2
    first_page = search.hits[search.index][0]
    assert viewer.current_page == first_page + 1  # the view went to the first hit


def test_dragging_a_rectangle_requests_a_citation_in_pdf_points(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    path = corpus_dir / CHINESE
    open_and_wait(qtbot, viewer, path, tmp_path)
    page = pymupdf.open(path)[0]
    word = next(w for w in page.get_text("words") if w[4] == "知识库简介")
    target = (word[0] - 3, word[1] - 3, word[2] + 3, word[3] + 3)
    viewer.actions_["cite_area"].trigger()  # cite mode on
    view = viewer.pdf_pane.view
    x0, y0, x1, y1 = to_viewport(view, 0, target)
    with qtbot.waitSignal(viewer.citation_requested) as cited:
        drag(qtbot, view, (x0, y0), (x1, y1))
    number, rect, text = cited.args
    assert number == 1
    assert all(abs(a - b) < 1.5 for a, b in zip(rect, target, strict=True))
    assert "知识库简介" in text
    assert "知识库简介" in page.get_text("text", clip=pymupdf.Rect(rect))
    # The same area dragged on the page turned a quarter: the same points come back.
    viewer.actions_["rotate"].trigger()
    from workstation.documents.geometry import rect_to_view

    info = view._pages[0]
    box = view.layout_.boxes[0]
    rx0, ry0, rx1, ry1 = rect_to_view(target, (info.width, info.height), 90, view.zoom)
    dx, dy = box.x - view.horizontalScrollBar().value(), box.y - view.verticalScrollBar().value()
    with qtbot.waitSignal(viewer.citation_requested) as again:
        drag(qtbot, view, (rx0 + dx, ry0 + dy), (rx1 + dx, ry1 + dy))
    assert all(abs(a - b) < 1.5 for a, b in zip(again.args[1], target, strict=True))


def test_selecting_text_and_copying_it(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    path = corpus_dir / CHINESE
    open_and_wait(qtbot, viewer, path, tmp_path)
    word = next(w for w in pymupdf.open(path)[0].get_text("words") if w[4].startswith("描述团队"))
    view = viewer.pdf_pane.view
    x0, y0, x1, y1 = to_viewport(view, 0, (word[0] - 2, word[1] - 2, word[2] + 2, word[3] + 2))
    with qtbot.waitSignal(viewer.pdf_pane.selection_changed) as selected:
        drag(qtbot, view, (x0, y0), (x1, y1))
    assert selected.args[0] == word[4]
    assert view.selection is not None
    assert view.selection[0] == 0
    QGuiApplication.clipboard().clear()
    viewer.actions_["copy"].trigger()
    assert QGuiApplication.clipboard().text() == word[4]
    with qtbot.waitSignal(viewer.citation_requested) as cited:
        viewer.actions_["cite_selection"].trigger()
    assert cited.args[0] == 1
    assert cited.args[2] == word[4]


def test_show_citation_goes_to_the_page_and_outlines_the_rect(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    viewer.open_document(corpus_dir / BOOK, title="Free Culture", cache_dir=tmp_path)
    viewer.show_citation(200, (60.0, 80.0, 300.0, 200.0))  # before loading: kept for later
    qtbot.waitUntil(lambda: viewer.current_page == 200, timeout=10_000)
    view = viewer.pdf_pane.view
    assert view.citation == (199, (60.0, 80.0, 300.0, 200.0))
    wait_page_shown(qtbot, viewer, 199)
    viewer.show_citation(3, None)
    assert viewer.current_page == 3
    assert view.citation == (2, None)


def test_password_prompt_rejects_a_wrong_password_then_opens(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    viewer.open_document(
        corpus_dir / "pdf_qpdf_enc-R6-aes256-user-view.pdf", title="加密笔录", cache_dir=tmp_path
    )
    prompt = viewer.password_prompt
    qtbot.waitUntil(lambda: viewer.stack.currentWidget() is prompt)
    assert "加密笔录" in prompt.heading.text()
    prompt.field.setText("wrong")
    prompt.button.click()
    qtbot.waitUntil(lambda: prompt.error.text() != "")
    assert viewer.stack.currentWidget() is prompt
    prompt.field.setText("view")  # from the corpus MANIFEST
    with qtbot.waitSignal(viewer.document_loaded) as loaded:
        prompt.button.click()
    assert loaded.args == [30]
    assert viewer.stack.currentWidget() is viewer.pdf_pane
    wait_page_shown(qtbot, viewer, 0)


def test_repaired_and_damaged_files_show_a_banner(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, viewer, corpus_dir / "pdf_pdfjs_scan-bad_truncated.pdf", tmp_path)
    assert viewer.banner.isVisible()
    assert "已自动修复" in viewer.banner.text()
    open_and_wait(qtbot, viewer, corpus_dir / CHINESE, tmp_path, damage="页码缺失")
    assert "页码缺失" in viewer.banner.text()
    open_and_wait(qtbot, viewer, corpus_dir / CHINESE, tmp_path)
    assert not viewer.banner.isVisible()


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        ("pdf_qpdf_bad1.pdf", "pdf", "不是 PDF"),
        ("pdf_pdfjs_poppler-67295-0.pdf", "pdf", "已损坏"),
        ("docx_poi_bug53475-password-is-pass.docx", "docx", "密码"),
        ("docx_poi_truncated62886.docx", "docx", "已损坏"),
        ("image_pillow_crash-2020-10-test.tif", "image", "已损坏"),
        ("image_ianare_iphone_13_pro_max.HEIC", "image", "不支持"),
        ("video_androidx_h263.3gp", "video", "不支持"),
    ],
)
def test_bad_files_give_a_message_naming_the_file(
    qtbot: Any,
    viewer: Any,
    corpus_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    kind: str,
    words: str,
) -> None:
    monkeypatch.setattr("workstation.documents.libreoffice.find_libreoffice", lambda: None)
    with qtbot.waitSignal(viewer.failed, timeout=30_000) as failed:
        viewer.open_document(corpus_dir / name, title="《证据》", kind=kind, cache_dir=tmp_path)
    assert "《证据》" in failed.args[0]
    assert words in failed.args[0]
    assert viewer.message.text() == failed.args[0]
    assert viewer.page_count == 0


def test_bad_file_message_is_chinese_with_the_translation(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    qm = tmp_path / "viewer.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", str(I18N / "viewer.zh_CN.ts"), "-qm", str(qm)], check=True
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        with qtbot.waitSignal(viewer.failed) as failed:
            viewer.open_document(
                corpus_dir / "pdf_qpdf_bad1.pdf", title="询问笔录", kind="pdf", cache_dir=tmp_path
            )
    finally:
        QCoreApplication.removeTranslator(translator)
    message = failed.args[0]
    assert "询问笔录" in message
    assert "PDF" in message
    assert sum("\u4e00" <= c <= "\u9fff" for c in message) > 8


def test_docx_is_converted_by_libreoffice_into_the_cache(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    from helpers import require_libreoffice

    from workstation.documents.docx_pdf import file_sha256

    require_libreoffice()
    source = corpus_dir / "docx_poi_HeaderFooterUnicode.docx"
    before = sorted(p.name for p in corpus_dir.iterdir())
    busy: list[str] = []
    viewer.busy_label.installEventFilter(viewer)  # no-op; keeps the label alive for reading
    viewer.open_document(source, title="告知书", kind="docx", cache_dir=tmp_path)
    qtbot.waitUntil(
        lambda: "LibreOffice" in viewer.busy_label.text() or bool(viewer.shown_kind),
        timeout=10_000,
    )
    busy.append(viewer.busy_label.text())
    qtbot.waitUntil(lambda: viewer.shown_kind == "pdf", timeout=90_000)
    assert any("LibreOffice" in text for text in busy) or viewer.shown_kind == "pdf"
    assert viewer.page_count >= 2
    cached = tmp_path / "docx-pdf" / f"{file_sha256(source)}.pdf"
    assert cached.is_file()
    assert sorted(p.name for p in corpus_dir.iterdir()) == before  # nothing written beside it
    wait_page_shown(qtbot, viewer, 0)


def test_docx_without_libreoffice_is_rendered_readably_with_a_note(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workstation.documents.libreoffice.find_libreoffice", lambda: None)
    source = corpus_dir / "docx_poitl_issue636_zh-tracked.docx"
    assert open_and_wait(qtbot, viewer, source, tmp_path, kind="docx") == 1
    assert viewer.shown_kind == "docx_html"
    assert "LibreOffice" in viewer.docx_view.note.text()
    assert "横向项目立项申报表" in viewer.docx_view.text()  # text of a tracked insertion
    assert "<table" in viewer.docx_view.browser.toHtml()
    assert not (tmp_path / "docx-pdf").exists()


def test_docx_pictures_are_shown_in_the_readable_rendering(
    qtbot: Any, viewer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    monkeypatch.setattr("workstation.documents.libreoffice.find_libreoffice", lambda: None)
    picture = tmp_path / "seal.png"
    Image.new("RGB", (120, 60), "red").save(picture)
    written = docx.Document()
    written.add_paragraph("现场照片如下：")
    written.add_picture(str(picture))
    source = tmp_path / "record.docx"
    written.save(str(source))
    open_and_wait(qtbot, viewer, source, tmp_path)
    assert "现场照片如下" in viewer.docx_view.text()
    document = viewer.docx_view.browser.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("docx-image:0"))
    assert image is not None
    assert not image.isNull()


def test_exif_rotated_photo_is_shown_upright(qtbot: Any, viewer: Any, tmp_path: Path) -> None:
    photo = tmp_path / "photo"  # no extension, like the evidence store
    image = Image.new("RGB", (1600, 800), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    image.save(photo, format="JPEG", exif=exif)
    assert open_and_wait(qtbot, viewer, photo, tmp_path, kind="image") == 1
    frame = viewer.image_view.frames[0]
    assert (frame.width(), frame.height()) == (800, 1600)
    zoom = viewer.image_view.zoom
    viewer.actions_["zoom_in"].trigger()
    assert viewer.image_view.zoom > zoom


def test_multi_page_tiff_is_paged(qtbot: Any, viewer: Any, tmp_path: Path) -> None:
    scan = tmp_path / "scan.tif"
    pages = [Image.new("RGB", (60 + 10 * i, 90), c) for i, c in enumerate(("red", "green", "blue"))]
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    assert open_and_wait(qtbot, viewer, scan, tmp_path) == 3
    with qtbot.waitSignal(viewer.page_changed) as changed:
        viewer.actions_["next_page"].trigger()
    assert changed.args == [2]
    assert viewer.image_view.canvas.image.width() == 70
    viewer.actions_["next_page"].trigger()
    viewer.actions_["next_page"].trigger()
    assert viewer.current_page == 3


def test_page_cache_stays_bounded_while_scrolling_a_long_pdf(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path)
    view = viewer.pdf_pane.view
    cache = view.renderer.cache
    cache.budget = 12 * 1024 * 1024
    largest = 0
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 60)):
        bar.setValue(value)
        page = view.current_page
        wait_page_shown(qtbot, viewer, page)
        largest = max(largest, cache.total_bytes)
    assert largest <= cache.budget
    assert view.current_page > 340
    assert len(cache) < 10


def test_rendering_happens_off_the_ui_thread(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.documents.remote_pdf import RemotePdfDocument as PdfDocument

    threads: list[threading.Thread] = []
    real = PdfDocument.render

    def spy(self: PdfDocument, *args: Any, **kw: Any) -> Any:
        threads.append(threading.current_thread())
        return real(self, *args, **kw)

    monkeypatch.setattr(PdfDocument, "render", spy)
    open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path)
    wait_page_shown(qtbot, viewer, 0)
    assert threads
    assert threading.main_thread() not in threads


def test_the_first_page_renders_alone_then_its_neighbours_and_the_thumbnails(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MuPDF keeps the GIL while it draws: a thumbnail or the next page rendered beside the
    first would hold up painting it. The first page goes alone; the rest follow its paint."""
    from workstation.documents.remote_pdf import RemotePdfDocument as PdfDocument

    renders: list[tuple[int, float]] = []
    real = PdfDocument.render

    def spy(self: PdfDocument, index: int, zoom: float, *args: Any) -> Any:
        renders.append((index, zoom))
        return real(self, index, zoom, *args)

    monkeypatch.setattr(PdfDocument, "render", spy)
    open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path)
    wait_page_shown(qtbot, viewer, 0)
    view = viewer.pdf_pane.view
    page_zoom = view.zoom * view.devicePixelRatioF()
    first, first_zoom = renders[0]
    assert first == 0
    assert abs(first_zoom - page_zoom) < 1e-3  # render keys round the scale
    thumbnails = viewer.pdf_pane.thumbnails
    qtbot.waitUntil(lambda: thumbnails.model().rowCount() == 352, timeout=10_000)
    qtbot.waitUntil(lambda: any(z < page_zoom / 2 for _i, z in renders), timeout=30_000)
    qtbot.waitUntil(lambda: any(i == 1 and z == first_zoom for i, z in renders), timeout=30_000)


def test_requests_for_pages_scrolled_away_are_dropped(
    qtbot: Any, viewer: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, viewer, corpus_dir / BOOK, tmp_path)
    view = viewer.pdf_pane.view
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum(), bar.maximum() // 40):
        bar.setValue(value)
        view.repaint()  # asks for the pages in sight now
    qtbot.waitUntil(lambda: view.renderer.pending == 0, timeout=20_000)
    rendered = {key.page for key in view._displayed} | {
        key.page for key in list(view.renderer.cache._images)
    }
    assert len(rendered) < 120  # far fewer than the ~200 pages that passed by


def test_shortcuts_are_listed_for_the_help(viewer: Any) -> None:
    from workstation.ui.viewer import DocumentViewer

    listed = dict(DocumentViewer.shortcuts())
    for key in (
        "Ctrl+F",
        "F3",
        "Shift+F3",
        "Ctrl+G",
        "Ctrl+R",
        "PgDown",
        "PgUp",
        "Ctrl++",
        "Ctrl+-",
    ):
        assert any(key.lower() == k.lower().replace(" ", "") for k in listed), key
    assert all(text for text in listed.values())
