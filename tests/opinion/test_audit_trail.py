"""The audit trail of a review: every action with who, when and what, hash-chained.

`workstation audit verify` walks the chain and names the first broken row (rows are edited
and deleted directly in the database here); `workstation audit export CASE OUT` writes the case's
rows as CSV for Excel. Every edit is committed as it is made: a reviewer's process killed
between (or inside) edits loses nothing already accepted (kill_review.py is the child).
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from checklist_steps import finish_checklist
from helpers import Cli, FixedClock
from office_roots import OFFICE, commands_on, with_root
from raw_sql import RawSql
from sqlalchemy import select

from workstation.app import open_workstation
from workstation.errors import IllegalActionError
from workstation.review.checklist import CitationSpec
from workstation.review.workflow_service import Minutes
from workstation.rules.findings import SECTIONS
from workstation.security import audit
from workstation.security.audit_export import COLUMNS
from workstation.security.key_registry import list_keys
from workstation.security.users import add_user
from workstation.store.models import AuditEntry
from workstation.store.review_models import Citation, Opinion, SectionReview

pytestmark = pytest.mark.both_engines

HERE = Path(__file__).resolve().parent
FOOD = "demo-01-食品"
OTHER = "demo-02-城管查封"

ADMIN, REVIEWER, HEAD, CLERK, AGENCY_HEAD = "admin", "li", "wang", "zhao", "chen"
PEOPLE = (
    (ADMIN, "管理员", "administrator"),
    (REVIEWER, "李审核", "reviewer"),
    (HEAD, "王负责", "division_head"),
    (CLERK, "赵承办", "clerk"),
    (AGENCY_HEAD, "陈局长", "agency_head"),
)
PASSPHRASE = "王负责的签名口令2026"
DISMISS_REASON = "听证程序已另行审查"
REASONS = "证据之间的时间记载不一致，请补正后重新送审。"

# The action names of the review below, in order, after the users, the office root and the key
# (users.add ×5, office_root.create, keys.add): each is one audit entry.
REVIEW_ACTIONS = [
    "case.import",
    "workflow.accept",
    "review.verdict",
    "review.comment",
    "review.citation_add",
    "review.citation_add",
    "review.finding_accepted",
    "review.finding_dismissed",
    *["review.verdict"] * 10,  # the other points: issuing needs every one
    "review.outcome",
    "opinion.draft",
    "workflow.issue_opinion",
    "opinion.sign",
    "workflow.sign",
    "workflow.request_re_review",
    "review.verdict",
    "review.citation_remove",
    "workflow.refer",
    "workflow.record_minutes",
    "opinion.export",
]


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def office(ws: Any, cli: Cli, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The five users registered, the office root created and the head's key added, through
    the command line."""
    commands_on(clock, monkeypatch)
    for login, name, role in PEOPLE:
        ran = cli(ADMIN, "users", "add", login, "--name", name, "--role", role)
        assert ran.code == 0, ran.err
    ran = cli(ADMIN, "office-root", "create", "--office", OFFICE, *with_root(ws))
    assert ran.code == 0, ran.err
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    ran = cli(HEAD, "keys", "add", HEAD, *with_root(ws))
    assert ran.code == 0, ran.err
    monkeypatch.delenv("WORKSTATION_PASSPHRASE")
    return ws


@pytest.fixture
def reviewed(office: Any, demo_root: Path, clock: FixedClock, tmp_path: Path) -> str:
    """The food case through a whole review and signed (returned): its ref."""
    ws = office
    ref = str(ws.import_bundle(demo_root / FOOD, actor=CLERK).short_id)
    ws.workflow.act(ref, "accept", REVIEWER)
    edit_review(ws, ref)
    ws.opinions.draft(ref, REVIEWER, tmp_path / "draft.docx", {"closing": "请依照办理。"})
    ws.workflow.act(ref, "issue_opinion", REVIEWER)
    ws.opinions.sign(ref, HEAD, PASSPHRASE)
    return ref


# --- helpers ----------------------------------------------------------------------------


def edit_review(ws: Any, ref: str) -> None:
    """The reviewer's edits: 17 audit entries, review.verdict … review.outcome."""
    review = ws.review
    review.set_verdict(ref, "subject", "ok", REVIEWER)
    review.set_comment(ref, "subject", "执法主体适格。", REVIEWER)
    review.add_citation(
        ref, "evidence", CitationSpec("document", "d05", page=1, note="检查时间"), REVIEWER
    )
    review.add_citation(
        ref, "evidence", CitationSpec("recording", "r2", start_ms=5000, end_ms=12000), REVIEWER
    )
    review.decide(ref, "SCOPE-01", "accepted", "", REVIEWER)
    review.decide(ref, "SCOPE-02", "dismissed", DISMISS_REASON, REVIEWER)
    finish_checklist(ws, ref, REVIEWER)  # the other ten points
    review.set_outcome(ref, "return", REASONS, REVIEWER)


def entries(ws: Any, after: int = 0) -> list[AuditEntry]:
    with ws.db.session() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
            )
        )


def seq_of(ws: Any, action: str) -> int:
    """The first entry of `action` (a review gives every point its verdict)."""
    return next(e.seq for e in entries(ws) if e.action == action)


@pytest.fixture
def sql(ws: Any) -> RawSql:
    """Direct access to the database, as someone with the folder (or the server's password)
    could have."""
    return RawSql(ws.paths.data_dir)


# --- who, when, what --------------------------------------------------------------------


def test_a_full_review_is_audited_in_order_with_who_when_and_what(
    office: Any, demo_root: Path, clock: FixedClock, cli: Cli, tmp_path: Path
) -> None:
    ws = office
    start = entries(ws)
    assert [(e.actor, e.action, e.details.get("login")) for e in start] == [
        *((ADMIN, "user.add", login) for login, _, _ in PEOPLE),
        (ADMIN, "office_root.create", None),
        (HEAD, "keys.add", HEAD),
    ]
    with ws.db.session() as session:
        [key] = list_keys(session)
        assert start[-1].details["fingerprint"] == key.fingerprint
    baseline = start[-1].seq
    expected: list[tuple[str, str, datetime]] = []

    def step(actor: str, actions: list[str], action: Callable[[], Any]) -> Any:
        clock.advance(minutes=7)
        result = action()
        expected.extend((actor, name, clock.now) for name in actions)
        return result

    ref = step(CLERK, ["case.import"], lambda: ws.import_bundle(demo_root / FOOD, actor=CLERK))
    ref = str(ref.short_id)
    step(REVIEWER, ["workflow.accept"], lambda: ws.workflow.act(ref, "accept", REVIEWER))
    review = ws.review
    step(
        REVIEWER, ["review.verdict"], lambda: review.set_verdict(ref, "evidence", "issue", REVIEWER)
    )
    step(
        REVIEWER,
        ["review.comment"],
        lambda: review.set_comment(ref, "evidence", "录像时间与笔录不一致。", REVIEWER),
    )
    document = CitationSpec("document", "d05", page=1, note="检查时间")
    recording = CitationSpec("recording", "r2", start_ms=5000, end_ms=12000)
    step(
        REVIEWER,
        ["review.citation_add"],
        lambda: review.add_citation(ref, "evidence", document, REVIEWER),
    )
    recording_id = step(
        REVIEWER,
        ["review.citation_add"],
        lambda: review.add_citation(ref, "evidence", recording, REVIEWER),
    )
    step(
        REVIEWER,
        ["review.finding_accepted"],
        lambda: review.decide(ref, "SCOPE-01", "accepted", "", REVIEWER),
    )
    step(
        REVIEWER,
        ["review.finding_dismissed"],
        lambda: review.decide(ref, "SCOPE-02", "dismissed", DISMISS_REASON, REVIEWER),
    )
    step(REVIEWER, ["review.verdict"] * 10, lambda: finish_checklist(ws, ref, REVIEWER))
    step(REVIEWER, ["review.outcome"], lambda: review.set_outcome(ref, "return", REASONS, REVIEWER))
    step(
        REVIEWER,
        ["opinion.draft"],
        lambda: ws.opinions.draft(ref, REVIEWER, tmp_path / "d.docx", {"closing": "请依照办理。"}),
    )
    step(
        REVIEWER,
        ["workflow.issue_opinion"],
        lambda: ws.workflow.act(ref, "issue_opinion", REVIEWER),
    )
    opinion = step(
        HEAD, ["opinion.sign", "workflow.sign"], lambda: ws.opinions.sign(ref, HEAD, PASSPHRASE)
    )
    step(
        CLERK,
        ["workflow.request_re_review"],
        lambda: ws.workflow.act(ref, "request_re_review", CLERK, reason="录像时间已另行说明"),
    )
    step(REVIEWER, ["review.verdict"], lambda: review.set_verdict(ref, "evidence", "ok", REVIEWER))
    step(
        REVIEWER,
        ["review.citation_remove"],
        lambda: review.remove_citation(ref, recording_id, REVIEWER),
    )
    step(
        REVIEWER,
        ["workflow.refer"],
        lambda: ws.workflow.act(ref, "refer", REVIEWER, reason="复审后仍有分歧"),
    )
    minutes = Minutes(date(2026, 4, 20), ["陈局长", "王负责"], "同意作出处罚决定", "approve", False)
    step(
        AGENCY_HEAD,
        ["workflow.record_minutes"],
        lambda: ws.workflow.act(ref, "record_minutes", AGENCY_HEAD, minutes=minutes),
    )
    step(
        REVIEWER,
        ["opinion.export"],
        lambda: ws.opinions.export(ref, REVIEWER, tmp_path / "出具.docx"),
    )

    rows = entries(ws, after=baseline)
    assert [e.action for e in rows] == REVIEW_ACTIONS
    assert [(e.actor, e.action, e.at) for e in rows] == expected
    case_id = ws.resolve(ref).case_id
    assert {e.case_id for e in rows} == {case_id}
    what = [e.details for e in rows]
    assert what[0]["version"] == 1
    assert what[0]["source"] == str(demo_root / FOOD)
    assert what[1] == {
        "from_state": "submitted",
        "to_state": "under_review",
        "version": 1,
        "reviewer": REVIEWER,
    }
    assert what[2] == {"section": "evidence", "verdict": "issue"}
    assert what[3] == {"section": "evidence", "comment": "录像时间与笔录不一致。"}
    assert what[4] | {"citation": None} == {
        "section": "evidence",
        "citation": None,
        "kind": "document",
        "target": "d05",
        "page": 1,
        "rect": None,
        "start_ms": None,
        "end_ms": None,
        "note": "检查时间",
    }
    assert (what[5]["kind"], what[5]["target"], what[5]["start_ms"], what[5]["end_ms"]) == (
        "recording",
        "r2",
        5000,
        12000,
    )
    assert (what[6]["rule"], what[6]["reason"]) == ("SCOPE-01", "")
    assert (what[7]["rule"], what[7]["reason"]) == ("SCOPE-02", DISMISS_REASON)
    others = [section for section, _name in SECTIONS if section != "evidence"]
    assert what[8:18] == [{"section": section, "verdict": "ok"} for section in others]
    assert what[18] == {"outcome": "return", "reasons": REASONS}
    assert what[19]["revision"] == 1
    assert what[19]["texts"] == {"closing": "请依照办理。"}
    assert what[20]["to_state"] == "opinion_issued"
    assert what[21] == {
        "revision": 1,
        "docx_sha256": opinion.docx_sha256,
        "key": opinion.key_fingerprint,
        "root": ws.office_root()[1],
        "outcome": "return",
    }
    assert (what[22]["from_state"], what[22]["to_state"]) == ("opinion_issued", "returned")
    assert what[23]["reason"] == "录像时间已另行说明"
    assert what[24] == {"section": "evidence", "verdict": "ok"}  # the verdict changed
    assert what[25] == {"citation": recording_id}
    assert what[26]["to_state"] == "collective_discussion"
    assert what[27] | {"from_state": None} == {
        "from_state": None,
        "to_state": "approved",
        "held_on": "2026-04-20",
        "attendees": ["陈局长", "王负责"],
        "decision": "同意作出处罚决定",
        "outcome": "approve",
        "opinion_adopted": False,
    }
    assert what[28]["revision"] == 1
    assert audit_chain_intact(ws)
    verified = cli(ADMIN, "audit", "verify")
    assert verified.code == 0, verified.out + verified.err
    assert f"共 {rows[-1].seq} 条" in verified.out


def audit_chain_intact(ws: Any) -> bool:
    with ws.db.session() as session:
        return audit.verify_chain(session).intact


def test_refused_actions_leave_no_audit_entry(reviewed: str, office: Any) -> None:
    ws = office
    before = [(e.seq, e.hash) for e in entries(ws)]
    refusals: list[Callable[[], Any]] = [
        lambda: ws.review.set_comment(reviewed, "facts", "签发后再改", REVIEWER),
        lambda: ws.workflow.act(reviewed, "accept", REVIEWER),
        lambda: ws.opinions.sign(reviewed, HEAD, PASSPHRASE),
        lambda: ws.workflow.act(reviewed, "request_re_review", CLERK, reason=""),
    ]
    for refused in refusals:
        with pytest.raises(IllegalActionError):
            refused()
    assert [(e.seq, e.hash) for e in entries(ws)] == before


def test_each_edit_is_committed_before_the_call_returns(
    office: Any, demo_root: Path, sql: RawSql
) -> None:
    ws = office
    ref = ws.import_bundle(demo_root / FOOD, actor=CLERK).short_id
    ws.workflow.act(ref, "accept", REVIEWER)
    count = "SELECT count(*) FROM audit_log"
    for number, edit in enumerate(
        [
            lambda: ws.review.set_verdict(ref, "subject", "ok", REVIEWER),
            lambda: ws.review.set_comment(ref, "subject", "执法主体适格。", REVIEWER),
            lambda: ws.review.add_citation(
                ref, "evidence", CitationSpec("document", "d05", page=1), REVIEWER
            ),
        ]
    ):
        before = sql.value(count)
        edit()
        # Another connection (another process, after a crash) already sees it.
        assert sql.value(count) == before + 1, f"edit {number + 1}"
    subject = sql.one("SELECT verdict, comment FROM section_reviews WHERE section = 'subject'")
    assert dict(subject) == {"verdict": "ok", "comment": "执法主体适格。"}
    assert dict(sql.one("SELECT target, page FROM citations")) == {"target": "d05", "page": 1}


# --- audit verify: tampering in the database ----------------------------------------------------


def test_audit_verify_reports_an_intact_chain(reviewed: str, cli: Cli) -> None:
    ran = cli(ADMIN, "audit", "verify")

    assert ran.code == 0, ran.err
    assert ran.out.startswith("审计记录完整")


def test_audit_verify_needs_the_right_role(reviewed: str, cli: Cli) -> None:
    ran = cli(REVIEWER, "audit", "verify")

    assert ran.code == 2
    assert "无权查看审计记录" in ran.err


@pytest.mark.parametrize(
    ("action", "column", "value"),
    [
        pytest.param(
            "review.finding_dismissed", "details", {"reason": "无需理由"}, id="dismissal-reason"
        ),
        pytest.param("review.outcome", "details", {"outcome": "approve"}, id="outcome"),
        pytest.param("opinion.sign", "actor", "admin", id="signer"),
        pytest.param("review.verdict", "action", "review.comment", id="action"),
        pytest.param("workflow.accept", "at", "2026-04-14 08:00:00.000000", id="time"),
    ],
)
def test_a_row_edited_in_the_database_is_caught(
    reviewed: str, office: Any, cli: Cli, sql: RawSql, action: str, column: str, value: Any
) -> None:
    seq = seq_of(office, action)
    row = (
        "SELECT actor, action, at, CAST(details AS TEXT) AS details FROM audit_log WHERE seq = :seq"
    )
    before = sql.one(row, seq=seq)
    if column == "details":  # one key of the JSON changed, the others kept
        value = json.dumps({**json.loads(before["details"]), **value}, ensure_ascii=False)

    sql.rewrite_audit_log(
        f"UPDATE audit_log SET {column} = :value WHERE seq = :seq", value=value, seq=seq
    )

    assert sql.one(row, seq=seq) != before
    ran = cli(ADMIN, "audit", "verify")
    assert ran.code == 1, ran.out + ran.err
    assert f"第 {seq} 条起哈希链断裂" in ran.out
    assert f"第 {seq} 条记录的内容已被改动" in ran.out


def test_a_row_rewritten_with_its_own_hash_breaks_the_next_link(
    reviewed: str, office: Any, cli: Cli, sql: RawSql
) -> None:
    """Someone who also recomputes the edited row's hash is caught at the following row."""
    ws = office
    seq = seq_of(ws, "review.finding_dismissed")
    [entry] = [e for e in entries(ws) if e.seq == seq]
    entry.details = {**entry.details, "reason": "无需理由"}
    sql.rewrite_audit_log(
        "UPDATE audit_log SET details = :details, hash = :hash WHERE seq = :seq",
        details=json.dumps(entry.details, ensure_ascii=False),
        hash=audit.entry_hash(entry),
        seq=seq,
    )

    ran = cli(ADMIN, "audit", "verify")

    assert ran.code == 1
    assert f"第 {seq + 1} 条起哈希链断裂" in ran.out
    assert "前序哈希与链不符" in ran.out


def test_a_row_deleted_in_the_database_is_caught(
    reviewed: str, office: Any, cli: Cli, sql: RawSql
) -> None:
    seq = seq_of(office, "review.finding_dismissed")

    sql.rewrite_audit_log("DELETE FROM audit_log WHERE seq = :seq", seq=seq)

    ran = cli(ADMIN, "audit", "verify")
    assert ran.code == 1, ran.out
    assert f"第 {seq} 条记录缺失" in ran.out
    with office.db.session() as session:
        report = audit.verify_chain(session)
    assert report.first_broken_seq == seq + 1  # the first row that no longer fits


def test_the_newest_rows_deleted_in_the_database_are_caught(
    reviewed: str, office: Any, cli: Cli, sql: RawSql
) -> None:
    seq = seq_of(office, "opinion.sign")

    sql.rewrite_audit_log("DELETE FROM audit_log WHERE seq >= :seq", seq=seq)

    ran = cli(ADMIN, "audit", "verify")
    assert ran.code == 1, ran.out


# --- audit export -------------------------------------------------------------------------


def test_audit_export_writes_the_cases_rows_as_excel_friendly_csv(
    reviewed: str, office: Any, demo_root: Path, cli: Cli, tmp_path: Path
) -> None:
    ws = office
    other = ws.import_bundle(demo_root / OTHER, actor=CLERK).short_id
    ws.workflow.act(other, "accept", REVIEWER)
    ws.review.set_comment(other, "subject", "另一案件。", REVIEWER)
    case_id = ws.resolve(reviewed).case_id
    assert ws.resolve(other).case_id != case_id
    out = tmp_path / "审计记录.csv"

    ran = cli(ADMIN, "audit", "export", reviewed, out)

    assert ran.code == 0, ran.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese correctly
    text = raw.decode("utf-8-sig")
    assert "执法主体适格。" in text  # Chinese as text, not \u escapes
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert (
        table[0]
        == COLUMNS
        == [
            "seq",
            "at",
            "actor",
            "action",
            "case_id",
            "details",
            "prev_hash",
            "hash",
        ]
    )
    wanted = [e for e in entries(ws) if e.case_id == case_id and e.action != "audit.export"]
    assert [int(row[0]) for row in table[1:]] == [e.seq for e in wanted]
    for row, entry in zip(table[1:], wanted, strict=True):
        assert datetime.fromisoformat(row[1]) == entry.at
        assert row[2:5] == [entry.actor, entry.action, str(case_id)]
        assert json.loads(row[5]) == entry.details
        assert row[6:] == [entry.prev_hash, entry.hash]
    actions = [row[3] for row in table[1:]]
    assert actions[:2] == ["case.import", "workflow.accept"]
    assert "opinion.sign" in actions
    assert "review.finding_dismissed" in actions
    assert not any(row[3] == "user.add" for row in table[1:])  # not the case's
    assert "另一案件。" not in text
    # The export itself is audited, and the file is never overwritten.
    assert entries(ws)[-1].action == "audit.export"
    assert entries(ws)[-1].details["out"] == str(out)
    # With where it came from: the command line, the computer's account, a proven user.
    assert entries(ws)[-1].details["origin"]["via"] == "cli"
    assert entries(ws)[-1].details["origin"]["proof"] == "password_file"
    again = cli(ADMIN, "audit", "export", reviewed, out)
    assert again.code == 2
    assert out.read_bytes() == raw


# --- autosave: a process killed mid-sequence ----------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    ref: str
    baseline: int  # the last audit seq before the child starts


def _prepare(data_dir: Path, demo_root: Path, clock: FixedClock) -> Prepared:
    ws = open_workstation(data_dir, clock=clock)
    try:
        with ws.db.write("登记用户") as session:
            for login, name, role in PEOPLE:
                add_user(
                    session, login=login, display_name=name, roles=[role], by=ADMIN, at=clock()
                )
        ref = str(ws.import_bundle(demo_root / FOOD, actor=CLERK).short_id)
        ws.workflow.act(ref, "accept", REVIEWER)
        return Prepared(ref, entries(ws)[-1].seq)
    finally:
        ws.close()


@pytest.mark.parametrize("point", ["between", "during"])
def test_a_review_killed_mid_sequence_keeps_exactly_the_accepted_edits(
    data_dir: Path, demo_root: Path, clock: FixedClock, cli: Cli, point: str
) -> None:
    prepared = _prepare(data_dir, demo_root, clock)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    child = subprocess.run(
        [sys.executable, str(HERE / "kill_review.py"), str(data_dir), prepared.ref, point],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )

    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.split() == ["done", "1", "done", "2", "done", "3"]
    ws = open_workstation(data_dir, clock=clock)
    try:
        rows = entries(ws, after=prepared.baseline)
        assert [(e.actor, e.action, e.details) for e in rows] == [
            (REVIEWER, "review.verdict", {"section": "subject", "verdict": "ok"}),
            (REVIEWER, "review.comment", {"section": "subject", "comment": "执法主体适格。"}),
            (
                REVIEWER,
                "review.citation_add",
                {
                    "section": "evidence",
                    "citation": rows[2].details["citation"],
                    "kind": "document",
                    "target": "d05",
                    "page": 1,
                    "rect": None,
                    "start_ms": None,
                    "end_ms": None,
                    "note": "检查时间",
                },
            ),
        ]
        assert audit_chain_intact(ws)
        with ws.db.session() as session:
            sections = {
                s.section: (s.verdict, s.comment) for s in session.scalars(select(SectionReview))
            }
            citations = [(c.section, c.target, c.page) for c in session.scalars(select(Citation))]
            opinions = list(session.scalars(select(Opinion)))
        assert sections == {"subject": ("ok", "执法主体适格。")}
        assert citations == [("evidence", "d05", 1)]
        assert opinions == []
        checklist = ws.review.checklist(prepared.ref, REVIEWER)
        assert checklist.outcome is None  # the 4th edit never happened
        assert checklist.state == "under_review"
        # Work goes on where it stopped, and the chain stays whole.
        ws.review.set_outcome(prepared.ref, "return", REASONS, REVIEWER)
        assert entries(ws)[-1].seq == prepared.baseline + 4
    finally:
        ws.close()
    verified = cli(ADMIN, "audit", "verify")
    assert verified.code == 0, verified.out + verified.err
