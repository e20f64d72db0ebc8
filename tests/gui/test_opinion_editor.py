"""The opinion editor and the head's sign dialog, offscreen, on the demo food case.

The reviewer edits the opinion's free text (autosaved, kept on reopening, in the drafted
DOCX), sees the preview (PDF pages through LibreOffice, or the rich-text layout without it),
exports DOCX and PDF; the division head signs with the passphrase, after which the opinion is
locked; a wrong passphrase, a reviewer and a head without a key are refused with the
service's words and nothing changes. Tests that are not about LibreOffice run without it
(each conversion takes seconds).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from checklist_steps import finish_checklist
from helpers import FixedClock, demo_morning, demo_office_folder
from opinion_office import (
    CASE_NUMBER,
    CLERK,
    HEAD,
    HEAD_NAME,
    KEYLESS_HEAD,
    PASSPHRASE,
    REVIEWER,
    accepted_food_case,
)
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from sqlalchemy import select

from workstation.documents import libreoffice as pdf
from workstation.opinion.docx_writer import TITLE
from workstation.store import models

pytestmark = pytest.mark.gui

NUMBER = "法审〔2026〕1号"
REASONS = "证据之间的时间记载不一致，请补正后重新送审。"
OPENING = "经审查，现提出审核意见如下："
CLOSING = "请依照本意见办理。"
SLOW = 60_000  # ms: LibreOffice on a shared, busy machine


@pytest.fixture
def libreoffice() -> None:
    """A real component of the test run: missing, the test fails rather than skips."""
    assert pdf.find_libreoffice() is not None, "LibreOffice missing: run scripts/system-packages.sh"


needs_libreoffice = pytest.mark.usefixtures("libreoffice")


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    """The morning after the demo food case was submitted."""
    return demo_morning()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose office uses the demo rule pack."""
    return demo_office_folder(tmp_path)


@pytest.fixture
def case(ws: Any, demo_root: Path) -> str:
    """The food case accepted and reviewed (outcome: return), the head's key registered."""
    ref = accepted_food_case(ws, demo_root)
    ws.review.set_verdict(ref, "subject", "ok", REVIEWER)
    ws.review.set_outcome(ref, "return", REASONS, REVIEWER)
    return ref


@pytest.fixture
def issued(ws: Any, case: str) -> str:
    """The same case with the opinion issued, waiting for the head's signature."""
    finish_checklist(ws, case, REVIEWER)
    assert ws.workflow.act(case, "issue_opinion", REVIEWER) == "opinion_issued"
    return case


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: None)


@pytest.fixture
def open_editor(qtbot: Any, ws: Any) -> Iterator[Callable[[str, str], Any]]:
    """Open an editor and wait until it shows the opinion; background work ends before the
    workstation closes."""
    from workstation.ui.opinion.opinion_editor import OpinionEditor

    editors: list[Any] = []

    def open_(login: str, ref: str) -> Any:
        editor = OpinionEditor(ws, ref, login)
        qtbot.addWidget(editor)
        editor.resize(1200, 800)
        editor.show()
        qtbot.waitUntil(lambda: editor.view is not None, timeout=10_000)
        editors.append(editor)
        return editor

    yield open_
    for editor in editors:
        editor.preview.stop()
    assert QThreadPool.globalInstance().waitForDone(SLOW)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def pdf_text(path: Path) -> str:
    with pymupdf.open(path) as document:
        return "".join("".join(page.get_text().split()) for page in document)


def state(ws: Any, ref: str) -> str:
    return str(ws.workflow.state(ref, REVIEWER))


def audit_actions(ws: Any) -> list[str]:
    with ws.db.session() as session:
        return list(
            session.scalars(select(models.AuditEntry.action).order_by(models.AuditEntry.seq))
        )


def type_text(widget: Any, text: str) -> None:
    """Type Chinese the way it arrives from an input method: one committed character at a
    time (QTest.keyClicks only knows ASCII)."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def type_into(qtbot: Any, editor: Any, key: str, text: str) -> None:
    type_text(editor.text_edits[key], text)


# --- editing ----------------------------------------------------------------------------


def test_typed_wording_is_autosaved_and_kept_on_reopening(
    qtbot: Any, ws: Any, case: str, open_editor: Any, no_libreoffice: None, tmp_path: Path
) -> None:
    editor = open_editor(REVIEWER, case)
    assert editor.view.editable
    assert editor.view.content.case_number == CASE_NUMBER
    assert set(editor.text_edits) == {"opening", "closing"}  # the free text, nothing computed

    with qtbot.waitSignal(editor.changed, timeout=10_000):
        type_into(qtbot, editor, "opening", OPENING)
    type_into(qtbot, editor, "closing", CLOSING)
    qtbot.waitUntil(lambda: not editor.has_unsaved_changes(), timeout=10_000)

    # Stored by the service, not just on screen: a new editor (as after a crash) shows it.
    assert ws.opinions.view(case, REVIEWER).texts == {"opening": OPENING, "closing": CLOSING}
    assert "opinion.text" in audit_actions(ws)
    again = open_editor(REVIEWER, case)
    assert again.texts() == {"opening": OPENING, "closing": CLOSING}
    assert "（文号待定）" in again.state_label.text()  # numbered only once issued

    texts = paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx").read_bytes())
    assert texts[texts.index(OPENING) + 1] == "一、执法主体"
    assert texts[texts.index(f"理由：{REASONS}") + 1] == CLOSING


def test_the_computed_parts_are_not_editable_here_and_a_clerk_only_reads(
    qtbot: Any, ws: Any, case: str, open_editor: Any, no_libreoffice: None
) -> None:
    editor = open_editor(CLERK, case)
    assert not editor.view.editable
    assert all(edit.isReadOnly() for edit in editor.text_edits.values())
    assert "无权起草审核意见书" in editor.notice.text()
    assert not editor.buttons["sign"].isVisible()


# --- preview ----------------------------------------------------------------------------


def test_without_libreoffice_the_preview_is_rich_text_with_a_note(
    qtbot: Any, ws: Any, case: str, open_editor: Any, no_libreoffice: None
) -> None:
    editor = open_editor(REVIEWER, case)
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.mode == "text", timeout=15_000)
    text = preview.browser.toPlainText()
    assert CASE_NUMBER in text
    assert "LibreOffice" in text  # the note: the exact layout needs it
    assert TITLE in text
    assert "一、执法主体" in text

    # The GB/T 9704 look: the title centred, headings in 黑体, the body in 仿宋.
    blocks = {}
    block = preview.browser.document().begin()
    while block.isValid():
        blocks.setdefault(block.text(), block)
        block = block.next()
    assert blocks[TITLE].blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    heading = blocks["一、执法主体"].begin().fragment().charFormat()
    assert "黑体" in heading.fontFamilies()
    body = blocks[f"理由：{REASONS}"].begin().fragment().charFormat()
    assert "仿宋_GB2312" in body.fontFamilies()

    # What is typed shows before it is even saved.
    type_into(qtbot, editor, "closing", CLOSING)
    qtbot.waitUntil(lambda: CLOSING in preview.browser.toPlainText(), timeout=15_000)


@needs_libreoffice
def test_with_libreoffice_the_preview_shows_the_pdf_pages(
    qtbot: Any, ws: Any, case: str, open_editor: Any
) -> None:
    editor = open_editor(REVIEWER, case)
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.mode == "pdf", timeout=SLOW)
    assert preview.page_images
    assert not preview.page_images[0].isNull()
    assert preview.page_images[0].width() > 500
    assert preview.pdf_path is not None
    assert CASE_NUMBER in pdf_text(preview.pdf_path)

    type_into(qtbot, editor, "closing", CLOSING)
    qtbot.waitUntil(
        lambda: not preview.busy() and CLOSING in pdf_text(preview.pdf_path), timeout=SLOW
    )


# --- export -----------------------------------------------------------------------------


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Any]:
    """The save dialog answers `path`; returns the calls it got."""
    calls: list[Any] = []

    def answer(*args: Any, **kwargs: Any) -> tuple[str, str]:
        calls.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return calls


def test_export_docx_saves_the_typing_first_and_is_logged(
    qtbot: Any,
    ws: Any,
    case: str,
    open_editor: Any,
    no_libreoffice: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor(REVIEWER, case)
    type_into(qtbot, editor, "opening", OPENING)  # not saved yet when export is asked for
    choose_file(monkeypatch, tmp_path / "导出" / "意见书")

    with qtbot.waitSignal(editor.exported, timeout=15_000) as exported:
        editor.buttons["export_docx"].click()

    out = tmp_path / "导出" / "意见书.docx"
    assert exported.args == [str(out)]
    texts = paragraphs(out.read_bytes())
    assert f"案号：{CASE_NUMBER}" in texts
    assert OPENING in texts
    assert "opinion.draft" in audit_actions(ws)


def test_pdf_export_without_libreoffice_says_how_to_install_it(
    qtbot: Any,
    ws: Any,
    case: str,
    open_editor: Any,
    no_libreoffice: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workstation.ui.opinion import opinion_export

    editor = open_editor(REVIEWER, case)
    calls = choose_file(monkeypatch, tmp_path / "意见书.pdf")
    shown: list[str] = []
    monkeypatch.setattr(
        opinion_export, "show_error", lambda _p, exc, *_a: shown.append(exc.message)
    )

    editor.buttons["export_pdf"].click()

    assert len(shown) == 1
    assert "未找到 LibreOffice" in shown[0]
    assert "apt-get install" in shown[0]
    assert calls == []  # not asked where to save a file that cannot be made
    assert not (tmp_path / "意见书.pdf").exists()


@needs_libreoffice
def test_export_pdf(
    qtbot: Any,
    ws: Any,
    case: str,
    open_editor: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor(REVIEWER, case)
    editor.preview.stop()  # one LibreOffice at a time on the test machine
    choose_file(monkeypatch, tmp_path / "意见书.pdf")

    with qtbot.waitSignal(editor.exported, timeout=SLOW):
        editor.buttons["export_pdf"].click()

    out = tmp_path / "意见书.pdf"
    assert out.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(out)
    assert CASE_NUMBER in text
    assert TITLE in text


# --- signing ----------------------------------------------------------------------------


def open_sign_dialog(qtbot: Any, ws: Any, ref: str, login: str) -> Any:
    from workstation.ui.opinion.sign_dialog import SignDialog

    dialog = SignDialog(ws, ref, login)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.case_label.text() == CASE_NUMBER, timeout=10_000)
    return dialog


def test_the_head_signs_and_the_opinion_is_locked(
    qtbot: Any, ws: Any, issued: str, open_editor: Any, no_libreoffice: None
) -> None:
    editor = open_editor(HEAD, issued)
    assert editor.buttons["sign"].isVisible()
    assert editor.sign_action.isEnabled()
    editor.open_sign_dialog()
    qtbot.waitUntil(
        lambda: editor.sign_dialog is not None and editor.sign_dialog.request is not None,
        timeout=10_000,
    )
    dialog = editor.sign_dialog
    assert dialog.case_label.text() == CASE_NUMBER
    assert dialog.outcome_label.text() == "退回补正"
    assert dialog.number_label.text() == NUMBER
    # The head sees what the reviewer found, point by point, before signing.
    assert "执法主体：无问题" in dialog.points_label.text()
    assert dialog.points_label.text().count("：") == 11
    assert dialog.findings_label.text() == "0"
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.sign_button.isEnabled()  # nothing typed yet

    type_text(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(editor.signed, timeout=SLOW):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    assert state(ws, issued) == "returned"
    qtbot.waitUntil(lambda: editor.view.signature is not None, timeout=10_000)
    assert all(edit.isReadOnly() for edit in editor.text_edits.values())
    fingerprint = editor.view.signature.fingerprint
    assert HEAD_NAME in editor.state_label.text()
    assert fingerprint[:16] in editor.state_label.text()
    assert not editor.buttons["sign"].isVisible()
    # Reopened, it is still the signed, locked opinion.
    again = open_editor(REVIEWER, issued)
    assert again.view.signature.signer == HEAD_NAME
    assert all(edit.isReadOnly() for edit in again.text_edits.values())


def test_a_wrong_passphrase_is_refused_and_nothing_changes(
    qtbot: Any, ws: Any, issued: str
) -> None:
    before = audit_actions(ws)
    dialog = open_sign_dialog(qtbot, ws, issued, HEAD)
    assert dialog.refused() is None

    type_text(dialog.passphrase, "不是这个口令的口令")
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: "口令不正确" in dialog.message.text(), timeout=SLOW)

    assert state(ws, issued) == "opinion_issued"
    assert audit_actions(ws) == [*before, "opinion.wrong_passphrase"]  # its one trace
    assert dialog.isVisible()
    assert dialog.passphrase.text() == ""
    assert dialog.passphrase.isEnabled()


def test_a_reviewer_cannot_sign(
    qtbot: Any, ws: Any, issued: str, open_editor: Any, no_libreoffice: None
) -> None:
    editor = open_editor(REVIEWER, issued)
    assert not editor.buttons["sign"].isVisible()  # hidden for those who never sign

    dialog = open_sign_dialog(qtbot, ws, issued, REVIEWER)
    assert "无权签发审核意见书" in dialog.message.text()
    assert dialog.message.isVisible()
    assert not dialog.passphrase.isEnabled()
    dialog.passphrase.setText(PASSPHRASE)
    assert not dialog.sign_button.isEnabled()
    dialog.sign()
    assert state(ws, issued) == "opinion_issued"


def test_a_head_without_a_key_is_told_to_register_one(qtbot: Any, ws: Any, issued: str) -> None:
    dialog = open_sign_dialog(qtbot, ws, issued, KEYLESS_HEAD)
    assert "workstation keys add" in dialog.message.text()
    assert not dialog.sign_button.isEnabled()
    assert state(ws, issued) == "opinion_issued"
