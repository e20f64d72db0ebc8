"""No lost update (issue #12): a reviewer and a division head editing the same case on two
PCs never silently overwrite each other. An edit made on top of a change the editor has not
seen is refused, naming who made it and when; the editor's own later changes never block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import register_users
from sqlalchemy import func, select

from workstation.review.stale_edits import StaleEditError
from workstation.store.models import AuditEntry

pytestmark = pytest.mark.both_engines

REVIEWER, HEAD = "li", "wang"


@pytest.fixture
def case(ws: Any, make_bundle: Any) -> str:
    register_users(
        ws,
        ("admin", "管理员", "administrator"),
        (REVIEWER, "李审核", "reviewer"),
        (HEAD, "王负责", "division_head"),
        ("zhao", "赵承办", "clerk"),
    )
    ref = str(ws.import_bundle(make_bundle(), actor="zhao").short_id)
    ws.workflow.act(ref, "accept", REVIEWER)
    return ref


def _entries(ws: Any) -> int:
    with ws.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _section(ws: Any, ref: str, login: str, name: str) -> Any:
    return next(s for s in ws.review.checklist(ref, login).sections if s.section == name)


def test_a_comment_on_a_section_someone_else_changed_is_refused_and_names_them(
    ws: Any, case: str
) -> None:
    seen_by_reviewer = _section(ws, case, REVIEWER, "facts").seen
    ws.review.set_comment(
        case,
        "facts",
        "负责人：事实部分需补充询问笔录",
        HEAD,
        seen=_section(ws, case, HEAD, "facts").seen,
    )
    before = _entries(ws)
    ws.clock.advance(minutes=3)
    with pytest.raises(StaleEditError) as refused:
        ws.review.set_comment(case, "facts", "审核人：事实清楚", REVIEWER, seen=seen_by_reviewer)
    message = refused.value.message
    assert "审核要点“" in message
    assert "已由王负责（wang）于 2026-03-12" in message
    assert "你的修改未保存" in message
    assert _entries(ws) == before  # nothing stored, nothing logged
    assert _section(ws, case, REVIEWER, "facts").comment == "负责人：事实部分需补充询问笔录"

    # Having read the newer text, the reviewer's edit goes through.
    fresh = _section(ws, case, REVIEWER, "facts").seen
    ws.review.set_comment(case, "facts", "审核人：已见负责人意见，事实清楚", REVIEWER, seen=fresh)
    assert _section(ws, case, HEAD, "facts").comment == "审核人：已见负责人意见，事实清楚"


def test_verdicts_and_other_sections_are_their_own_and_own_edits_never_block(
    ws: Any, case: str
) -> None:
    seen = {s.section: s.seen for s in ws.review.checklist(case, REVIEWER).sections}
    ws.review.set_verdict(case, "law", "issue", HEAD, seen=seen["law"])
    # Another section is untouched by the head's change.
    ws.review.set_verdict(case, "facts", "ok", REVIEWER, seen=seen["facts"])
    # Two edits queued from one screen carry the same `seen`: the second is not refused.
    ws.review.set_comment(case, "facts", "第一稿", REVIEWER, seen=seen["facts"])
    ws.review.set_comment(case, "facts", "第二稿", REVIEWER, seen=seen["facts"])
    with pytest.raises(StaleEditError, match="王负责"):
        ws.review.set_verdict(case, "law", "ok", REVIEWER, seen=seen["law"])
    # Scripts that say nothing about what they saw are not checked.
    ws.review.set_verdict(case, "law", "ok", REVIEWER)
    assert _section(ws, case, HEAD, "law").verdict == "ok"


def test_the_outcome_is_guarded_too(ws: Any, case: str) -> None:
    seen = ws.review.checklist(case, REVIEWER).outcome_seen
    ws.review.set_outcome(case, "return", "证据不足", HEAD, seen=seen)
    with pytest.raises(StaleEditError, match="审核结论已由王负责"):
        ws.review.set_outcome(case, "reject", "程序违法", REVIEWER, seen=seen)
    assert ws.review.checklist(case, REVIEWER).reasons == "证据不足"


def test_the_opinions_wording_is_guarded_too(ws: Any, case: str, tmp_path: Path) -> None:
    ws.review.set_outcome(case, "return", "证据不足", REVIEWER)
    seen = ws.opinions.view(case, REVIEWER).texts_seen
    ws.opinions.save_texts(case, HEAD, {"opening": "负责人改写的开头"}, seen=seen)
    with pytest.raises(StaleEditError, match="意见书文字已由王负责"):
        ws.opinions.save_texts(case, REVIEWER, {"opening": "审核人的开头"}, seen=seen)
    assert ws.opinions.view(case, REVIEWER).texts["opening"] == "负责人改写的开头"
