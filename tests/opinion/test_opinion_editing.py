"""The reading side of the opinion the desktop editor uses: what it shows, saving the free text
as typed, the document for a preview, the signing pre-check, export of what is shown, and a
LibreOffice conversion that can be cancelled. Service level, no Qt."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from pathlib import Path
from typing import Any

import docx
import pytest
from checklist_steps import finish_checklist
from helpers import require_libreoffice
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
from sqlalchemy import select

from workstation.documents import libreoffice as pdf
from workstation.errors import CancelledError, IllegalActionError
from workstation.opinion import template as tpl
from workstation.opinion.docx_writer import TITLE, render_opinion
from workstation.opinion.editing import NO_OUTCOME, NUMBER_PENDING
from workstation.opinion.preview import docx_paragraphs, opinion_html
from workstation.store import models
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines

REASONS = "证据之间的时间记载不一致，请补正后重新送审。"
OPENING = "经审查，现提出审核意见如下："


@pytest.fixture
def case(ws: Any, demo_root: Path) -> str:
    """Staff and the head's key registered, the food case imported and accepted: its ref."""
    return accepted_food_case(ws, demo_root)


def audit(ws: Any) -> list[models.AuditEntry]:
    with ws.db.session() as session:
        return list(session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq)))


def opinions(ws: Any) -> list[Opinion]:
    with ws.db.session() as session:
        return list(session.scalars(select(Opinion)))


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_before_an_outcome_there_is_nothing_to_show_and_reading_stores_nothing(
    ws: Any, case: str
) -> None:
    before = len(audit(ws))
    view = ws.opinions.view(case, REVIEWER)
    assert view.content is None
    assert view.problem == NO_OUTCOME
    assert view.edit_refusal == NO_OUTCOME

    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    after_outcome = len(audit(ws))
    view = ws.opinions.view(case, REVIEWER)
    assert view.editable
    assert view.revision is None  # a draft on screen only
    assert view.content is not None
    assert view.content.number == NUMBER_PENDING
    assert view.content.case_number == CASE_NUMBER
    assert view.texts == {"opening": "", "closing": ""}
    assert opinions(ws) == []
    assert len(audit(ws)) == after_outcome == before + 1  # only the outcome was logged


def test_saving_the_free_text_stores_and_logs_only_what_changed(ws: Any, case: str) -> None:
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)

    assert ws.opinions.save_texts(case, REVIEWER, {"opening": OPENING, "closing": ""}) == 1
    assert ws.opinions.save_texts(case, REVIEWER, {"opening": OPENING, "closing": ""}) == 1

    view = ws.opinions.view(case, REVIEWER)
    assert view.revision == 1
    assert view.content is not None
    assert view.content.number == NUMBER_PENDING  # numbered when it is issued
    assert view.content.draft
    assert view.texts == {"opening": OPENING, "closing": ""}
    saved = [e for e in audit(ws) if e.action == "opinion.text"]
    assert len(saved) == 1
    assert saved[0].details == {"revision": 1, "texts": {"opening": OPENING}}
    with pytest.raises(IllegalActionError, match="意见书没有可编辑部分 preface"):
        ws.opinions.save_texts(case, REVIEWER, {"preface": "前言"})
    with pytest.raises(IllegalActionError, match="无权起草审核意见书"):
        ws.opinions.save_texts(case, CLERK, {"opening": "改"})


def test_the_preview_document_shows_unsaved_text_without_storing_it(
    ws: Any, case: str, tmp_path: Path
) -> None:
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    entries = len(audit(ws))

    texts = paragraphs(ws.opinions.document(case, REVIEWER, {"closing": "尚未保存的结束语。"}))
    out = ws.opinions.preview(case, REVIEWER, tmp_path / "p.docx", {"opening": OPENING})

    assert "尚未保存的结束语。" in texts
    assert f"案号：{CASE_NUMBER}" in texts
    assert OPENING in paragraphs(out.read_bytes())
    assert len(audit(ws)) == entries
    assert opinions(ws) == []


def test_the_signing_pre_check_says_what_would_be_signed_or_why_not(ws: Any, case: str) -> None:
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    early = ws.opinions.sign_request(case, HEAD)
    assert early.refusal is not None  # not issued yet: the workflow's reason

    finish_checklist(ws, case, REVIEWER)
    ws.workflow.act(case, "issue_opinion", REVIEWER)
    request = ws.opinions.sign_request(case, HEAD)
    assert request.refusal is None
    assert (request.case_number, request.outcome, request.number, request.revision) == (
        CASE_NUMBER,
        "退回补正",
        "法审〔2026〕1号",
        1,
    )
    assert request.key_fingerprint is not None
    assert ws.opinions.view(case, HEAD).signer_role
    assert ws.opinions.view(case, HEAD).sign_refusal is None

    reviewer = ws.opinions.sign_request(case, REVIEWER)
    assert reviewer.refusal is not None
    assert "无权签发审核意见书" in reviewer.refusal
    assert not ws.opinions.view(case, REVIEWER).signer_role
    keyless = ws.opinions.sign_request(case, KEYLESS_HEAD)
    assert keyless.refusal is not None
    assert "workstation keys add" in keyless.refusal


def test_a_signed_opinion_shows_locked_as_filed_and_exports_with_its_signature(
    ws: Any, case: str, tmp_path: Path
) -> None:
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    ws.opinions.save_texts(case, REVIEWER, {"opening": OPENING})
    draft = ws.opinions.export_current(case, REVIEWER, tmp_path / "草稿.docx")
    assert OPENING in paragraphs(draft.read_bytes())
    assert audit(ws)[-1].action == "opinion.draft"
    finish_checklist(ws, case, REVIEWER)
    ws.workflow.act(case, "issue_opinion", REVIEWER)
    signed = ws.opinions.sign(case, HEAD, PASSPHRASE)

    view = ws.opinions.view(case, REVIEWER)
    assert view.signature is not None
    assert (view.signature.signer, view.signature.login) == (HEAD_NAME, HEAD)
    assert view.signature.fingerprint == signed.key_fingerprint
    assert not view.editable
    assert "已签发" in (view.edit_refusal or "")
    assert view.texts["opening"] == OPENING
    # The preview of a signed opinion is the filed file itself.
    data = ws.opinions.document(case, REVIEWER)
    assert hashlib.sha256(data).hexdigest() == signed.docx_sha256

    out = ws.opinions.export_current(case, REVIEWER, tmp_path / "签发.docx")
    assert out.read_bytes() == data
    assert (tmp_path / "签发.docx.sig.json").is_file()
    assert audit(ws)[-1].action == "opinion.export"
    assert ws.opinions.verify_file(out).valid


def test_pdf_problem_names_the_missing_libreoffice(
    ws: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: None)
    problem = ws.opinions.pdf_problem()
    assert problem is not None
    assert "未找到 LibreOffice" in problem


def test_a_cancelled_conversion_stops_promptly_and_leaves_nothing(tmp_path: Path) -> None:
    require_libreoffice()
    from workstation.demo.opinion_sample import sample_opinion

    source = tmp_path / "a.docx"
    source.write_bytes(render_opinion(sample_opinion()))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        pdf.docx_to_pdf(source, tmp_path / "a.pdf", cancel=cancel)
    assert time.monotonic() - started < 5
    assert not (tmp_path / "a.pdf").exists()


def test_the_rich_text_preview_keeps_the_documents_paragraphs_and_styles() -> None:
    from workstation.demo.opinion_sample import sample_opinion

    found = docx_paragraphs(render_opinion(sample_opinion()))
    styles = {p.text: p.style for p in found}
    assert styles[TITLE] == tpl.STYLE_TITLE
    assert any(p.style == tpl.STYLE_HEADING and p.text.startswith("一、") for p in found)
    page = opinion_html(found, "说明<注意>")
    assert "说明&lt;注意&gt;" in page
    assert '<p align="center"' in page.split(TITLE)[0].rsplit("\n", 1)[-1]
