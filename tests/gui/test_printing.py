"""Printing through Qt's print support, to a PDF printer (QPrinter PDF output), offscreen.

A page range of a demo case document and a drafted opinion are printed; the output is A4,
holds exactly the pages asked for, each page's image keeps the page's proportions, and the
Chinese text comes back out of it with PyMuPDF as the very characters drawn (Qt's PDF output
would name shared glyphs after their Kangxi radicals, 行 as ⾏, with a system CJK font).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from helpers import FixedClock, demo_morning, demo_office_folder
from opinion_office import CASE_NUMBER, REVIEWER, accepted_food_case
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from workstation.documents import libreoffice
from workstation.documents.problems import DocumentError
from workstation.errors import CancelledError, WorkstationError
from workstation.opinion.docx_writer import TITLE
from workstation.ui import printing
from workstation.ui.printing import PrintRequest, chosen_pages, print_document, print_to_pdf

pytestmark = pytest.mark.gui

DELIVERY = "demo-02-城管查封/docs/10-送达回证.pdf"  # three pages, "第 n 页 共 3 页"
A4 = (595.0, 842.0)
RADICALS = re.compile("[\u2e80-\u2fdf]")  # what a shared glyph's text turns into


def squeezed(text: str) -> str:
    return "".join(text.split())


def page_texts(path: Path) -> list[str]:
    with pymupdf.open(path) as document:
        return [squeezed(page.get_text()) for page in document]


def source_words(path: Path, index: int) -> list[str]:
    with pymupdf.open(path) as document:
        return [w[4] for w in document[index].get_text("words")]


def assert_printed(out: Path, source: Path, pages: range) -> None:
    """`out` holds exactly `pages` of `source`, on A4, each page fitted whole, text intact."""
    with pymupdf.open(out) as printed, pymupdf.open(source) as original:
        assert printed.page_count == len(pages)
        for page, index in zip(printed, pages, strict=True):
            assert (round(page.rect.width), round(page.rect.height)) == A4
            [image] = page.get_image_info()
            x0, y0, x1, y1 = image["bbox"]
            want = original[index].rect
            aspect = want.width / want.height
            if aspect > 1:  # a landscape page is turned to fill the portrait sheet
                aspect = 1 / aspect
            assert abs((x1 - x0) / (y1 - y0) - aspect) < 0.01
            assert 0 <= x0 < x1 <= A4[0]
            assert 0 <= y0 < y1 <= A4[1]
            assert max(x1 - x0, y1 - y0) > 500  # scaled to the printable area, not a stamp
            text = squeezed(page.get_text())
            assert not RADICALS.search(text), text
            for word in source_words(source, index):
                assert squeezed(word) in text, (index, word, text)


@pytest.fixture
def delivery(demo_root: Path) -> Path:
    return demo_root / DELIVERY


def test_a_page_range_of_a_case_document_prints_on_a4_with_its_text(
    qapp: Any, delivery: Path, tmp_path: Path
) -> None:
    out = tmp_path / "打印件.pdf"

    assert print_to_pdf(out, delivery, range(1, 3), name="送达回证") == 2

    assert_printed(out, delivery, range(1, 3))
    texts = page_texts(out)
    assert "第2页共3页" in texts[0]
    assert "第3页共3页" in texts[1]
    assert "第1页" not in "".join(texts)


def test_the_text_layer_is_invisible(qapp: Any, delivery: Path, tmp_path: Path) -> None:
    out = tmp_path / "打印件.pdf"
    print_to_pdf(out, delivery, range(0, 1))

    with pymupdf.open(out) as printed:
        spans = printed[0].get_texttrace()
    assert spans
    assert all(span["opacity"] == 0 for span in spans)


def test_a_landscape_page_is_turned_to_fill_the_sheet(qapp: Any, tmp_path: Path) -> None:
    source = tmp_path / "横向.pdf"
    with pymupdf.open() as document:
        page = document.new_page(width=842, height=595)
        page.insert_text((72, 100), "现场勘验示意图 横向页面", fontname="china-s", fontsize=24)
        page.insert_text((72, 540), "第 1 页", fontname="china-s", fontsize=12)
        document.save(source)
    out = tmp_path / "打印件.pdf"

    print_to_pdf(out, source)

    assert_printed(out, source, range(1))
    with pymupdf.open(out) as printed:
        [image] = printed[0].get_image_info()
    x0, y0, x1, y1 = image["bbox"]
    assert y1 - y0 > 750  # the page's long side runs down the sheet


def test_bytes_print_like_a_file_and_a_bad_range_is_refused(
    qapp: Any, delivery: Path, tmp_path: Path
) -> None:
    out = tmp_path / "打印件.pdf"
    assert print_to_pdf(out, delivery.read_bytes(), None, name="送达回证") == 3
    assert_printed(out, delivery, range(3))

    refused = tmp_path / "越界.pdf"
    with pytest.raises(WorkstationError, match="《送达回证》共 3 页，无法打印第 3–5 页"):
        print_to_pdf(refused, delivery, range(2, 5), name="送达回证")
    assert not refused.exists()


def test_a_cancelled_print_leaves_no_file(qapp: Any, delivery: Path, tmp_path: Path) -> None:
    out = tmp_path / "打印件.pdf"
    out.write_bytes(b"an older print")  # replaced, and not by half a document
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(CancelledError):
        print_to_pdf(out, delivery, cancel=cancel)
    assert not out.exists()


def test_a_password_protected_document_is_refused_by_name(
    qapp: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "打印件.pdf"
    with pytest.raises(DocumentError, match="《加密笔录》有密码保护，无法打印"):
        print_to_pdf(out, corpus_dir / "pdf_qpdf_enc-R6-aes256-user-view.pdf", name="加密笔录")
    assert not out.exists()


class ChosenDialog:
    """Stands in for QPrintDialog: the user picks PDF output and a print range."""

    choice: QPrinter.PrintRange = QPrinter.PrintRange.AllPages
    span = (0, 0)
    out = Path()
    accept = True
    shown: list[Any] = []

    def __init__(self, printer: QPrinter, parent: Any) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt API
        self.shown.append(title)

    def setOptions(self, options: Any) -> None:  # noqa: N802 - Qt API
        self.shown.append(options)

    def setMinMax(self, low: int, high: int) -> None:  # noqa: N802 - Qt API
        self.shown.append((low, high))

    def exec(self) -> int:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.out))
        self.printer.setPrintRange(self.choice)
        self.printer.setFromTo(*self.span)
        return (QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected).value


def test_the_dialog_prints_the_page_on_screen(
    qtbot: Any, delivery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "QPrintDialog", ChosenDialog)
    monkeypatch.setattr(ChosenDialog, "out", tmp_path / "a.pdf")
    monkeypatch.setattr(ChosenDialog, "choice", QPrinter.PrintRange.CurrentPage)
    monkeypatch.setattr(ChosenDialog, "shown", [])
    done: list[int] = []

    task = print_document(None, delivery, 2, name="送达回证", on_done=done.append)

    assert task is not None
    qtbot.waitUntil(lambda: done == [1], timeout=30_000)
    assert "送达回证" in ChosenDialog.shown[0]  # the dialog's title names the document
    assert (1, 3) in ChosenDialog.shown
    assert_printed(ChosenDialog.out, delivery, range(2, 3))


def test_a_cancelled_dialog_prints_nothing(
    qapp: Any, delivery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "QPrintDialog", ChosenDialog)
    monkeypatch.setattr(ChosenDialog, "out", tmp_path / "a.pdf")
    monkeypatch.setattr(ChosenDialog, "accept", False)

    assert print_document(None, delivery, 0, name="送达回证") is None
    assert not ChosenDialog.out.exists()


def test_the_dialogs_choice_becomes_the_pages_printed() -> None:
    request = PrintRequest(Path("x.pdf"), "x", 10, current_page=4)
    printer = QPrinter()
    assert chosen_pages(printer, request) == range(10)
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert chosen_pages(printer, request) == range(4, 5)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 7)
    assert chosen_pages(printer, request) == range(2, 7)
    printer.setFromTo(8, 40)  # past the end: up to the last page
    assert chosen_pages(printer, request) == range(7, 10)


# --- the opinion ----------------------------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return demo_office_folder(tmp_path)


def test_the_drafted_opinion_prints_whole_on_a4_with_its_chinese_text(
    qapp: Any, ws: Any, demo_root: Path, tmp_path: Path
) -> None:
    assert libreoffice.find_libreoffice() is not None, (
        "LibreOffice missing: scripts/system-packages.sh"
    )
    case = accepted_food_case(ws, demo_root)
    ws.review.set_verdict(case, "subject", "ok", REVIEWER)
    ws.review.set_outcome(case, "return", "证据之间的时间记载不一致，请补正后重新送审。", REVIEWER)
    opinion = ws.opinions.draft(case, REVIEWER, tmp_path / "意见书.pdf")
    with pymupdf.open(opinion) as document:
        count = document.page_count
    out = tmp_path / "打印件.pdf"

    assert print_to_pdf(out, opinion.read_bytes(), name="审核意见书") == count

    assert_printed(out, opinion, range(count))
    text = "".join(page_texts(out))
    assert TITLE in text
    assert CASE_NUMBER in text


def test_ctrl_p_in_the_viewer_prints_the_page_on_screen(
    qtbot: Any, delivery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.ui.viewer import DocumentViewer

    monkeypatch.setattr(printing, "QPrintDialog", ChosenDialog)
    monkeypatch.setattr(ChosenDialog, "out", tmp_path / "viewer.pdf")
    monkeypatch.setattr(ChosenDialog, "choice", QPrinter.PrintRange.CurrentPage)
    monkeypatch.setattr(ChosenDialog, "shown", [])
    viewer = DocumentViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    try:
        assert not viewer.actions_["print"].isEnabled()  # nothing open
        with qtbot.waitSignal(viewer.document_loaded, timeout=60_000):
            viewer.open_document(delivery, title="送达回证", cache_dir=tmp_path)
        viewer.actions_["next_page"].trigger()
        qtbot.waitUntil(lambda: viewer.current_page == 2, timeout=30_000)
        assert viewer.actions_["print"].shortcut().toString() == "Ctrl+P"
        viewer.actions_["print"].trigger()
        qtbot.waitUntil(ChosenDialog.out.exists, timeout=60_000)
        qtbot.waitUntil(lambda: _complete_pdf(ChosenDialog.out), timeout=60_000)
        assert_printed(ChosenDialog.out, delivery, range(1, 2))
    finally:
        viewer.close_document()


def _complete_pdf(path: Path) -> bool:
    try:
        with pymupdf.open(path) as document:
            return document.page_count == 1
    except (RuntimeError, ValueError):
        return False
