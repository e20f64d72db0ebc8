"""What the reviewer sees is what is issued (issue 21), in the services and on the command line:
no opinion without a finished review, the outcome issued is the one on screen, a draft never
looks final, issuing locks the wording, and only those who draft export a draft."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from checklist_steps import finish_checklist
from helpers import Cli
from opinion_office import CLERK, HEAD, PASSPHRASE, REVIEWER, accepted_food_case
from sqlalchemy import func, select

from workstation.errors import IllegalActionError
from workstation.opinion.draft_mark import HEADER_MARK
from workstation.store.models import AuditEntry
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines

REASONS = "证据之间的时间记载不一致，请补正后重新送审。"


@pytest.fixture
def case(ws: Any, demo_root: Path) -> str:
    """The demo food case accepted for review, nothing reviewed yet."""
    return accepted_food_case(ws, demo_root)


def counts(ws: Any) -> tuple[int, int]:
    """(opinion rows, audit entries): what a refused action must leave unchanged."""
    with ws.db.session() as session:
        opinions = session.scalar(select(func.count()).select_from(Opinion))
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
        return int(opinions or 0), int(entries or 0)


def body(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def header_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "".join(p.text for s in document.sections for p in s.header.paragraphs)


# --- 1. no opinion without a finished review ----------------------------------------------


def test_issuing_is_refused_until_every_point_has_a_verdict_and_every_finding_is_decided(
    ws: Any, case: str
) -> None:
    ws.review.set_outcome(case, "approve", "", REVIEWER)  # the food case has no open error
    before = counts(ws)
    with pytest.raises(IllegalActionError) as refused:
        ws.workflow.act(case, "issue_opinion", REVIEWER)
    assert refused.value.message.startswith("尚有 11 项审核要点未填写结论（执法主体、")
    assert ws.workflow.state(case, REVIEWER) == "under_review"
    assert counts(ws) == before

    sections = ws.review.checklist(case, REVIEWER).sections
    for section in sections[:-1]:
        ws.review.set_verdict(case, section.section, "ok", REVIEWER)
    with pytest.raises(IllegalActionError, match=r"尚有 1 项审核要点未填写结论（涉嫌犯罪移送）"):
        ws.workflow.act(case, "issue_opinion", REVIEWER)
    ws.review.set_verdict(case, "referral", "n/a", REVIEWER)

    # Every finding still 待处理 is named, whatever the outcome.
    pending = [f.finding.rule for s in sections for f in s.findings]
    assert pending, "the demo food case has findings"
    with pytest.raises(IllegalActionError) as refused:
        ws.workflow.act(case, "issue_opinion", REVIEWER)
    message = refused.value.message
    assert message.startswith(f"尚有 {len(pending)} 项自动检查发现待处理")
    assert all(rule in message for rule in pending)
    assert ws.workflow.options(case, REVIEWER).get("issue_opinion").reason == message
    assert counts(ws)[0] == before[0]

    finish_checklist(ws, case, REVIEWER)
    assert ws.workflow.options(case, REVIEWER).get("issue_opinion").allowed
    assert ws.workflow.act(case, "issue_opinion", REVIEWER) == "opinion_issued"


def test_the_command_line_refuses_the_same_issue_with_exit_2(ws: Any, case: str, cli: Cli) -> None:
    ran = cli(REVIEWER, "review", case, "--outcome", "return", "--reasons", REASONS)
    assert ran.code == 0, ran.err
    ran = cli(REVIEWER, "workflow", case, "issue_opinion")
    assert ran.code == 2
    assert "尚有 11 项审核要点未填写结论" in ran.err
    assert ws.workflow.state(case, REVIEWER) == "under_review"

    verdicts = [f"--verdict={s.section}=ok" for s in ws.review.checklist(case, REVIEWER).sections]
    assert cli(REVIEWER, "review", case, *verdicts).code == 0
    ran = cli(REVIEWER, "workflow", case, "issue_opinion")
    assert (ran.code, "项自动检查发现待处理" in ran.err) == (2, True)
    finish_checklist(ws, case, REVIEWER)
    assert cli(REVIEWER, "workflow", case, "issue_opinion").code == 0


def test_the_head_is_shown_each_points_verdict_and_the_open_findings(ws: Any, case: str) -> None:
    finish_checklist(ws, case, REVIEWER)
    ws.review.set_verdict(case, "evidence", "issue", REVIEWER)
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    ws.workflow.act(case, "issue_opinion", REVIEWER)

    request = ws.opinions.sign_request(case, HEAD)
    assert request.refusal is None
    assert len(request.points) == 11
    assert ("证据", "存在问题") in request.points
    assert ("执法主体", "无问题") in request.points
    assert request.pending_findings == 0


# --- 2 and 3. the outcome issued is the one on screen -----------------------------------------


def test_issuing_refuses_an_outcome_on_screen_that_is_not_the_stored_one(
    ws: Any, case: str
) -> None:
    finish_checklist(ws, case, REVIEWER)
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    before = counts(ws)
    for seen in (("reject", REASONS), ("return", "另一个理由"), (None, "")):
        with pytest.raises(
            IllegalActionError, match="与已保存的（退回补正）不一致，未出具审核意见"
        ):
            ws.workflow.act(case, "issue_opinion", REVIEWER, seen=seen)
    assert counts(ws) == before
    assert ws.workflow.state(case, REVIEWER) == "under_review"

    # What was seen, saved as typed (trailing spaces aside), is what is issued.
    ws.review.set_outcome(case, "reject", "主要证据不足 ", REVIEWER)
    ws.workflow.act(case, "issue_opinion", REVIEWER, seen=("reject", "主要证据不足"))
    with ws.db.session() as session:
        [opinion] = session.scalars(select(Opinion)).all()
        assert opinion.outcome == "reject"


def test_the_outcome_is_saved_as_typed_and_a_repeat_save_logs_nothing(ws: Any, case: str) -> None:
    ws.review.set_outcome(case, "return", "", REVIEWER)  # chosen before the reasons are typed
    ws.review.set_outcome(case, "return", "证据", REVIEWER)
    _, entries = counts(ws)
    ws.review.set_outcome(case, "return", "证据", REVIEWER)
    assert counts(ws)[1] == entries
    checklist = ws.review.checklist(case, REVIEWER)
    assert (checklist.outcome, checklist.reasons) == ("return", "证据")


# --- 4. a draft never looks final; issuing locks the wording --------------------------------


def test_a_draft_has_no_number_and_is_marked_until_it_is_signed(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    finish_checklist(ws, case, REVIEWER)
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    out = tmp_path / "草稿.docx"
    ran = cli(REVIEWER, "opinion", "draft", case, "--out", out)
    assert ran.code == 0, ran.err
    draft = out.read_bytes()
    assert body(draft)[2] == "（文号待定）"
    assert HEADER_MARK in header_text(draft)
    with ws.db.session() as session:
        assert [o.number for o in session.scalars(select(Opinion))] == [""]

    ws.workflow.act(case, "issue_opinion", REVIEWER)
    issued = ws.opinions.export_current(case, REVIEWER, tmp_path / "待签发.docx").read_bytes()
    assert body(issued)[2] == "法审〔2026〕1号"  # issued: numbered, still a draft until signed
    assert HEADER_MARK in header_text(issued)

    ws.opinions.sign(case, HEAD, PASSPHRASE)
    signed = ws.opinions.export_current(case, CLERK, tmp_path / "签发.docx").read_bytes()
    assert body(signed)[2] == "法审〔2026〕1号"
    assert HEADER_MARK not in header_text(signed)


def test_issuing_locks_the_opinions_wording_with_the_checklist(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    finish_checklist(ws, case, REVIEWER)
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    ws.opinions.save_texts(case, REVIEWER, {"closing": "请依照办理。"})
    ws.workflow.act(case, "issue_opinion", REVIEWER)
    before = counts(ws)

    assert ws.opinions.view(case, REVIEWER).edit_refusal.startswith("审核意见已出具")
    with pytest.raises(IllegalActionError, match="审核意见已出具，意见书文字已与审核要点一并锁定"):
        ws.opinions.save_texts(case, REVIEWER, {"closing": "出具后改的结束语。"})
    ran = cli(
        REVIEWER,
        "opinion",
        "draft",
        case,
        "--out",
        tmp_path / "x.docx",
        "--text",
        "closing=出具后改",
    )
    assert ran.code == 2
    assert "审核意见已出具" in ran.err
    assert counts(ws) == before
    assert ws.opinions.view(case, HEAD).texts["closing"] == "请依照办理。"


# --- 5. only those who draft export a draft ------------------------------------------------


def test_a_clerk_cannot_export_the_unsigned_draft_but_can_export_the_signed_opinion(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    finish_checklist(ws, case, REVIEWER)
    ws.review.set_outcome(case, "return", REASONS, REVIEWER)
    ws.workflow.act(case, "issue_opinion", REVIEWER)
    before = counts(ws)

    view = ws.opinions.view(case, CLERK)
    assert view.export_refusal is not None
    assert view.export_refusal.startswith("意见书尚未签发，草稿只能由起草人员导出")
    out = tmp_path / "草稿.docx"
    with pytest.raises(IllegalActionError, match="草稿只能由起草人员导出"):
        ws.opinions.export_current(case, CLERK, out)
    ran = cli(CLERK, "opinion", "draft", case, "--out", out)
    assert ran.code == 2
    assert not out.exists()
    assert counts(ws) == before
    assert ws.opinions.view(case, REVIEWER).export_refusal is None

    ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert ws.opinions.view(case, CLERK).export_refusal is None
    assert ws.opinions.export_current(case, CLERK, out).is_file()
