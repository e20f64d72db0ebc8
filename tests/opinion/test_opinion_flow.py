"""The written opinion end to end on a demo case: draft, sign, lock, file (入卷), export, verify.

Behaviour tests through the service layer (`ws.opinions`, `ws.review`, `ws.workflow`) and the
command line (`workstation opinion …`, `workstation keys …`), on the demo food case
(demo-01-食品) under the demo pack demo-zaozhuang-2026. The demo bundles are generated once
per test session and shared with test_audit_trail.py.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from checklist_steps import finish_checklist
from helpers import (
    Cli,
    FixedClock,
    assert_store_consistent,
    row_counts,
    staging_leftovers,
    store_files,
)
from keyring.backends import fail
from memory_keyring import MemoryKeyring, use_keyring
from office_roots import (
    OFFICE,
    ROOT_PASSPHRASE,
    commands_on,
    office_root,
    register_certified,
    with_root,
)
from sqlalchemy import select

from workstation.errors import IllegalActionError, StorageError
from workstation.opinion.docx_writer import SIGN_HERE, TITLE
from workstation.review.checklist import CitationSpec
from workstation.security import key_registry, signing
from workstation.security.keystore import SERVICE
from workstation.security.users import add_user, find_user
from workstation.store import models, staging
from workstation.store.hashing import hash_file
from workstation.store.review_models import Opinion, SigningKey, Transition
from workstation.store.staging import Staging, import_lock

pytestmark = pytest.mark.both_engines

# --- the office, the case and what the reviewer writes -----------------------------------------

FOOD = "demo-01-食品"

ADMIN, REVIEWER, HEAD, CLERK = "admin", "li", "wang", "zhao"
REVIEWER_NAME, HEAD_NAME = "李审核", "王负责"
PASSPHRASE = "王负责的签名口令2026"

CASE_NUMBER = "薛市监罚〔2026〕12号"
CASE_TITLE = "枣庄惠民佳购物广场有限公司销售超过保质期食品案"
PARTY = "枣庄惠民佳购物广场有限公司（法人或其他组织，统一社会信用代码 91370403MA3C8Q1R5K）"
AGENCY = "枣庄市薛城区市场监督管理局"
PROPOSED = (
    "拟作出的决定：没收违法所得1206.70元；没收非法财物（没收超过保质期的预包装食品6种共87件；"
    "价值2619.50元）；罚款80000元"
)
PROVISIONS = "法律依据：《中华人民共和国食品安全法》第一百二十四条第一款第五项。"
PACK_NAME = "演示：枣庄市薛城区本地规则（2026，虚构）"

SUBJECT_COMMENT = "执法主体适格，在法定职权范围内作出决定。"
EVIDENCE_COMMENT = "执法记录仪录像与现场检查笔录记载的时间需要核对。\n请承办单位补充说明录像时间。"
REASONS = "证据之间的时间记载不一致，请补正后重新送审。"
DISMISS_REASON = "听证程序已另行审查，无需在本意见书中列明"
# Citations as the opinion must print them: a document page, and recordings with their media
# time span and the wall-clock time of the start. A02's clock runs 2 s fast
# (clock_offset_ms −2000): it started at 10:15:04 on its own clock, so media 00:00:05 is
# 10:15:07 true time. The hearing recorder T01 has no offset.
DOC_CITATION = "《现场检查笔录》第1页：检查时间"
A02_CITATION = "执法记录仪 A02 00:00:05–00:00:12（2026年3月2日10时15分07秒起）"
T01_CITATION = "听证室录音设备 T01 00:00:03–00:00:09（2026年4月10日9时30分03秒起）"
SECTION_NAMES = (
    "执法主体",
    "执法人员资格",
    "相对人认定",
    "事实",
    "证据",
    "法律适用",
    "裁量",
    "程序",
    "职权",
    "文书",
    "涉嫌犯罪移送",
)
OUTCOME_WORDS = {"approve": "同意", "return": "退回补正", "reject": "不同意"}
OUTCOME_STATE = {"approve": "approved", "return": "returned", "reject": "rejected"}


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def case(ws: Any, demo_root: Path) -> str:
    """Users and the head's key registered, the food case imported and accepted: its ref."""
    register_users(ws)
    register_key(ws, HEAD, PASSPHRASE)
    result = ws.import_bundle(demo_root / FOOD, actor=CLERK)
    assert result.outcome == "imported"
    assert ws.workflow.act(result.short_id, "accept", REVIEWER) == "under_review"
    return str(result.short_id)


# --- helpers ----------------------------------------------------------------------------


def register_users(ws: Any) -> None:
    people = [
        (ADMIN, "管理员", "administrator"),
        (REVIEWER, REVIEWER_NAME, "reviewer"),
        (HEAD, HEAD_NAME, "division_head"),
        (CLERK, "赵承办", "clerk"),
    ]
    with ws.db.write("登记用户") as session:
        for login, name, role in people:
            add_user(session, login=login, display_name=name, roles=[role], by=ADMIN, at=ws.clock())


def register_key(ws: Any, login: str, passphrase: str) -> str:
    """A head's key as `keys add` makes it: public key certified by the office root and
    registered, sealed key in the keyring."""
    private, public = signing.generate_keypair(passphrase)
    fingerprint = register_certified(ws, login, public, admin=ADMIN)
    ws.keys.store(login, private)
    return fingerprint


def review_food(ws: Any, ref: str, outcome: str = "return", reasons: str = REASONS) -> None:
    """The reviewer's checklist: verdicts, comments, citations, findings, the outcome."""
    review = ws.review
    review.set_verdict(ref, "subject", "ok", REVIEWER)
    review.set_comment(ref, "subject", SUBJECT_COMMENT, REVIEWER)
    review.set_verdict(ref, "evidence", "issue", REVIEWER)
    review.set_comment(ref, "evidence", EVIDENCE_COMMENT, REVIEWER)
    review.add_citation(
        ref, "evidence", CitationSpec("document", "d05", page=1, note="检查时间"), REVIEWER
    )
    review.add_citation(
        ref, "evidence", CitationSpec("recording", "r2", start_ms=5000, end_ms=12000), REVIEWER
    )
    review.add_citation(
        ref, "procedure", CitationSpec("recording", "r3", start_ms=3000, end_ms=9000), REVIEWER
    )
    review.set_verdict(ref, "referral", "n/a", REVIEWER)
    review.decide(ref, "SCOPE-01", "accepted", "", REVIEWER)
    review.decide(ref, "SCOPE-02", "dismissed", DISMISS_REASON, REVIEWER)
    review.set_outcome(ref, outcome, reasons, REVIEWER)


def issue(ws: Any, ref: str) -> None:
    finish_checklist(ws, ref, REVIEWER)
    assert ws.workflow.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"


def reviewed_and_issued(ws: Any, ref: str, outcome: str = "return") -> None:
    review_food(ws, ref, outcome, "" if outcome == "approve" else REASONS)
    issue(ws, ref)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def opinion_rows(ws: Any) -> list[dict[str, Any]]:
    with ws.db.session() as session:
        rows = session.scalars(select(Opinion).order_by(Opinion.case_id, Opinion.revision))
        return [{c.name: getattr(o, c.name) for c in Opinion.__table__.columns} for o in rows]


def signed_bytes(ws: Any, opinion: Opinion) -> tuple[bytes, bytes]:
    """The signed DOCX and its signature document, as filed in the evidence store."""
    assert opinion.docx_sha256
    assert opinion.signature_sha256
    return (
        ws.store.path_for(opinion.docx_sha256).read_bytes(),
        ws.store.path_for(opinion.signature_sha256).read_bytes(),
    )


def case_state(ws: Any, ref: str) -> str:
    """Read straight from the database (the service's reader is itself a write unit)."""
    case_id = ws.resolve(ref).case_id
    with ws.db.session() as session:
        return str(session.get_one(models.Case, case_id).review_state)


def snapshot(ws: Any, ref: str) -> dict[str, Any]:
    """Everything a refused signing must leave as it was."""
    with ws.db.session() as session:
        audit = [
            (e.seq, e.action, e.hash)
            for e in session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq))
        ]
        keys = [(k.fingerprint, k.active) for k in session.scalars(select(SigningKey))]
    return {
        "state": case_state(ws, ref),
        "opinions": opinion_rows(ws),
        "rows": row_counts(ws),
        "audit": audit,
        "keys": keys,
        "store": store_files(ws.paths.data_dir),
        "staging": staging_leftovers(ws.paths.data_dir),
    }


def but_the_wrong_passphrase_entry(after: dict[str, Any]) -> dict[str, Any]:
    """`after` (a snapshot) less the one trace a wrong passphrase leaves: its audit entry."""
    *earlier, (_seq, action, _hash) = after["audit"]
    assert action == "opinion.wrong_passphrase"
    rows = {**after["rows"], "audit_log": after["rows"]["audit_log"] - 1}
    return {**after, "audit": earlier, "rows": rows}


def flip_hex(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


def export_signed(cli: Cli, ref: str, out: Path) -> tuple[Path, Path]:
    ran = cli(REVIEWER, "opinion", "export", ref, out)
    assert ran.code == 0, ran.err
    sidecar = out.with_name(out.name + ".sig.json")
    return out, sidecar


def copy_of_food(demo_root: Path, tmp_path: Path, number: str) -> Path:
    """Another case of the same agency: the food bundle under another case number."""
    bundle = tmp_path / f"food-{number}"
    shutil.copytree(demo_root / FOOD, bundle)
    manifest = bundle / "case.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["case"]["number"] = number
    manifest.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return bundle


def issued_number(ws: Any, bundle: Path, tmp_path: Path) -> str:
    """The document number the case's opinion gets on issue, as its export prints it."""
    ref = ws.import_bundle(bundle, actor=CLERK).short_id
    ws.workflow.act(ref, "accept", REVIEWER)
    ws.review.set_outcome(ref, "return", REASONS, REVIEWER)
    issue(ws, ref)
    return paragraphs(ws.opinions.draft(ref, REVIEWER, tmp_path / f"{ref}.docx").read_bytes())[2]


# --- the draft --------------------------------------------------------------------------


def test_the_draft_states_case_party_decision_basis_and_provisions(
    ws: Any, case: str, tmp_path: Path
) -> None:
    review_food(ws, case)
    out = ws.opinions.draft(case, REVIEWER, tmp_path / "意见书.docx")
    texts = paragraphs(out.read_bytes())

    assert texts[:3] == [AGENCY, TITLE, "（文号待定）"]  # numbered when issued
    assert texts[3:8] == [
        f"案号：{CASE_NUMBER}",
        f"案由：{CASE_TITLE}",
        f"当事人：{PARTY}",
        "承办单位：临城市场监督管理所",
        "报送日期：2026年4月14日",
    ]
    assert PROPOSED in texts
    assert PROVISIONS in texts
    basis = next(t for t in texts if t.startswith("审核依据："))
    assert "《中华人民共和国行政处罚法》" in basis
    assert PACK_NAME in basis


def test_the_draft_has_each_sections_verdict_comment_findings_and_citations(
    ws: Any, case: str, tmp_path: Path
) -> None:
    review_food(ws, case)
    texts = paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx").read_bytes())

    numbers = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
    names = (*SECTION_NAMES, "审核结论")
    expected = [f"{n}、{name}" for n, name in zip(numbers, names, strict=True)]
    assert [t for t in texts if t in expected] == expected  # every heading, in order

    def after(heading: str) -> list[str]:
        start = texts.index(heading) + 1
        end = next(i for i in range(start, len(texts)) if texts[i] in expected)
        return texts[start:end]

    assert after("一、执法主体") == [f"审核情况：无问题。{SUBJECT_COMMENT}"]
    assert after("五、证据") == [
        "审核情况：存在问题。执法记录仪录像与现场检查笔录记载的时间需要核对。",
        "请承办单位补充说明录像时间。",
        f"引用材料：{DOC_CITATION}；{A02_CITATION}。",
    ]
    procedure = after("八、程序")
    assert procedure[0] == "审核情况：未审核。"
    # SCOPE-01 (accepted) is a 提示: why the case is reviewed, not a defect; SCOPE-02 dismissed.
    assert not any(t.startswith("（") for t in procedure)
    assert procedure[-1] == f"引用材料：{T01_CITATION}。"
    assert after("十一、涉嫌犯罪移送") == ["审核情况：不适用。"]
    assert after("二、执法人员资格") == ["审核情况：未审核。"]


def test_the_draft_states_outcome_reasons_and_a_blank_signature_block(
    ws: Any, case: str, tmp_path: Path
) -> None:
    review_food(ws, case)
    texts = paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx").read_bytes())

    conclusion = texts.index("十二、审核结论")
    assert texts[conclusion + 1 : conclusion + 3] == ["审核结论：退回补正。", f"理由：{REASONS}"]
    assert texts[-3:] == [
        f"审核人员：{REVIEWER_NAME}",
        f"法制机构负责人：{SIGN_HERE}",
        "2026年4月15日",
    ]
    assert not any(HEAD_NAME in t for t in texts)


def test_drafting_needs_an_outcome_and_known_text_parts(ws: Any, case: str, tmp_path: Path) -> None:
    with pytest.raises(IllegalActionError, match="请先填写审核结论"):
        ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx")
    review_food(ws, case)
    with pytest.raises(IllegalActionError, match="意见书没有可编辑部分 preface"):
        ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx", {"preface": "前言"})
    assert not (tmp_path / "d.docx").exists()


def test_opinion_draft_on_the_command_line_writes_the_docx_with_edited_texts(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    review_food(ws, case)
    out = tmp_path / "草稿" / "意见书.docx"
    ran = cli(
        REVIEWER,
        "opinion",
        "draft",
        CASE_NUMBER,
        "--out",
        out,
        "--text",
        "opening=经审查，现提出审核意见如下：",
        "--text",
        "closing=请依照本意见办理。",
    )
    assert ran.code == 0, ran.err
    assert str(out) in ran.out
    texts = paragraphs(out.read_bytes())
    assert f"案号：{CASE_NUMBER}" in texts
    opening = texts.index("经审查，现提出审核意见如下：")
    assert texts[opening + 1] == "一、执法主体"
    assert texts[texts.index(f"理由：{REASONS}") + 1] == "请依照本意见办理。"


def test_a_pdf_draft_is_a4_with_the_chinese_text_extractable(
    ws: Any, case: str, tmp_path: Path
) -> None:
    review_food(ws, case)
    out = ws.opinions.draft(case, REVIEWER, tmp_path / "意见书.pdf")

    assert out == tmp_path / "意见书.pdf"
    assert out.read_bytes()[:5] == b"%PDF-"
    with pymupdf.open(out) as pdf:
        assert pdf.page_count >= 2
        for page in pdf:
            assert abs(page.rect.width - 595.3) < 1
            assert abs(page.rect.height - 841.9) < 1
        text = "".join("".join(page.get_text().split()) for page in pdf)
    for expected in (TITLE, CASE_NUMBER, CASE_TITLE, "枣庄惠民佳购物广场有限公司", REASONS):
        assert expected in text
    assert "审核结论：退回补正" in text
    assert f"审核人员：{REVIEWER_NAME}" in text


def test_the_document_number_carries_the_office_year(
    ws: Any, case: str, clock: FixedClock, tmp_path: Path
) -> None:
    """The number's year is the office's (Beijing) year, like the date printed under it."""
    clock.now = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # 2027-01-01 01:30 in Beijing
    review_food(ws, case)
    texts = paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx").read_bytes())
    assert texts[2] == "（文号待定）"  # a draft has no number until it is issued
    issue(ws, case)
    texts = paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx").read_bytes())
    assert texts[-1] == "2027年1月1日"
    assert texts[2] == "法审〔2027〕1号"


def test_no_two_opinions_share_a_document_number(
    ws: Any, case: str, demo_root: Path, tmp_path: Path
) -> None:
    """A case's second revision and the next case's opinion never get the same 文号."""
    reviewed_and_issued(ws, case)
    first = ws.opinions.sign(case, HEAD, PASSPHRASE).number
    ws.workflow.act(case, "request_re_review", CLERK, reason="当事人已补充说明")
    ws.opinions.draft(case, REVIEWER, tmp_path / "复审.docx")
    assert opinion_rows(ws)[1]["number"] == ""  # drafted, not issued: no number used up
    issue(ws, case)
    revised = opinion_rows(ws)[1]["number"]

    other = issued_number(ws, copy_of_food(demo_root, tmp_path, "薛市监罚〔2026〕13号"), tmp_path)

    assert first == "法审〔2026〕1号"
    assert other not in (first, revised)


def test_document_numbers_restart_each_year(
    ws: Any, case: str, clock: FixedClock, demo_root: Path, tmp_path: Path
) -> None:
    """法审〔year〕n号 counts within the year (docs/architecture.md)."""
    review_food(ws, case)
    issue(ws, case)
    assert paragraphs(ws.opinions.draft(case, REVIEWER, tmp_path / "a.docx").read_bytes())[2] == (
        "法审〔2026〕1号"
    )
    clock.now = datetime(2027, 1, 5, 1, 30, tzinfo=UTC)

    number = issued_number(ws, copy_of_food(demo_root, tmp_path, "薛市监罚〔2027〕1号"), tmp_path)

    assert number == "法审〔2027〕1号"


# --- signing ----------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["approve", "return", "reject"])
def test_signing_moves_the_case_to_the_outcomes_state(
    ws: Any, case: str, clock: FixedClock, outcome: str
) -> None:
    reviewed_and_issued(ws, case, outcome)
    clock.advance(hours=2)

    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)

    assert case_state(ws, case) == OUTCOME_STATE[outcome]
    assert opinion.revision == 1
    assert opinion.outcome == outcome
    assert opinion.signed_at == clock.now
    with ws.db.session() as session:
        head = find_user(session, HEAD)
        assert head is not None
        assert opinion.signed_by == head.id
        last = session.scalars(select(Transition).order_by(Transition.id.desc())).first()
        assert last is not None
        assert (last.action, last.actor, last.from_state, last.to_state) == (
            "sign",
            HEAD,
            "opinion_issued",
            OUTCOME_STATE[outcome],
        )
    data, _ = signed_bytes(ws, opinion)
    assert f"审核结论：{OUTCOME_WORDS[outcome]}。" in paragraphs(data)


def test_the_signed_opinion_names_the_head_and_keeps_the_edited_texts(
    ws: Any, case: str, clock: FixedClock, tmp_path: Path
) -> None:
    review_food(ws, case)
    ws.opinions.draft(
        case,
        REVIEWER,
        tmp_path / "1.docx",
        {"opening": "开头语：初稿。", "closing": "结束语：初稿。"},
    )
    # Edited again before issuing: only the closing changes.
    ws.opinions.draft(case, REVIEWER, tmp_path / "2.docx", {"closing": "结束语：定稿。"})
    issue(ws, case)
    # Issuing locks the wording with the checklist: the head signs what was issued.
    with pytest.raises(IllegalActionError, match="审核意见已出具，意见书文字已与审核要点一并锁定"):
        ws.opinions.save_texts(case, REVIEWER, {"closing": "结束语：出具后再改。"})
    with pytest.raises(IllegalActionError, match="审核意见已出具"):
        ws.opinions.draft(case, REVIEWER, tmp_path / "3.docx", {"closing": "结束语：出具后再改。"})
    clock.advance(days=1)  # signed the next day

    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)

    assert opinion.texts == {"opening": "开头语：初稿。", "closing": "结束语：定稿。"}
    texts = paragraphs(signed_bytes(ws, opinion)[0])
    assert "开头语：初稿。" in texts
    assert "结束语：定稿。" in texts
    assert "结束语：初稿。" not in texts
    assert texts[-3:] == [
        f"审核人员：{REVIEWER_NAME}",
        f"法制机构负责人：{HEAD_NAME}",
        "2026年4月16日",
    ]
    assert not any(SIGN_HERE in t for t in texts)
    # Everything else the draft said is in the signed version too.
    assert f"引用材料：{DOC_CITATION}；{A02_CITATION}。" in texts
    assert f"理由：{REASONS}" in texts


def test_the_signed_opinion_and_its_signature_are_filed_into_the_evidence_store(
    ws: Any, case: str, clock: FixedClock
) -> None:
    reviewed_and_issued(ws, case)
    before = store_files(ws.paths.data_dir)

    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)

    assert store_files(ws.paths.data_dir) - before == {
        opinion.docx_sha256,
        opinion.signature_sha256,
    }
    data, document = signed_bytes(ws, opinion)
    assert hash_file(ws.store.path_for(opinion.docx_sha256)) == opinion.docx_sha256
    assert hash_file(ws.store.path_for(opinion.signature_sha256)) == opinion.signature_sha256
    read = signing.read_signature_document(document)
    fields, payload, signature = read.fields, read.payload, read.signature
    assert fields == {
        "format": signing.FORMAT,
        "docx_sha256": opinion.docx_sha256,
        "case": CASE_NUMBER,
        "outcome": "return",
        "signed_at": "2026-04-15T09:30:00+08:00",
        "signer": HEAD,
        "key": opinion.key_fingerprint,
        "root": office_root(ws),
        "audit": fields["audit"],  # what it vouches for: tests/test_signed_heads.py
    }
    assert read.certificate["key"] == opinion.key_fingerprint  # type: ignore[index]
    assert signature == opinion.signature
    with ws.db.session() as session:
        key = key_registry.key_by_fingerprint(session, opinion.key_fingerprint)
        assert key is not None
        assert key.user.login == HEAD
        public = bytes.fromhex(key.public_key)
        kinds = {
            row.sha256: row.media_kind
            for row in session.scalars(
                select(models.EvidenceFile).where(
                    models.EvidenceFile.sha256.in_([opinion.docx_sha256, opinion.signature_sha256])
                )
            )
        }
    assert signing.verify(payload, signature, public)
    assert kinds == {opinion.docx_sha256: "docx", opinion.signature_sha256: "json"}
    assert paragraphs(data)[3] == f"案号：{CASE_NUMBER}"
    assert staging_leftovers(ws.paths.data_dir) == []
    assert_store_consistent(ws)
    assert ws.verify(None, actor=ADMIN).intact


def test_an_altered_filed_opinion_is_caught_by_verify(ws: Any, case: str) -> None:
    reviewed_and_issued(ws, case)
    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)
    stored = ws.store.path_for(opinion.docx_sha256)
    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    stored.write_bytes(stored.read_bytes() + b"\0")

    report = ws.verify(None, actor=ADMIN)

    assert [(d.sha256, d.problem) for d in report.damaged] == [(opinion.docx_sha256, "altered")]


def test_verifying_the_case_covers_its_filed_opinion(ws: Any, case: str) -> None:
    reviewed_and_issued(ws, case)
    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)
    stored = ws.store.path_for(opinion.docx_sha256)
    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    stored.write_bytes(stored.read_bytes() + b"\0")

    report = ws.verify(case, actor=ADMIN)

    assert not report.intact
    assert opinion.docx_sha256 in {d.sha256 for d in report.damaged}


def test_a_signed_revision_is_locked_and_a_re_review_makes_revision_two(
    ws: Any, case: str, clock: FixedClock, cli: Cli, tmp_path: Path
) -> None:
    reviewed_and_issued(ws, case)
    first = ws.opinions.sign(case, HEAD, PASSPHRASE)
    first_row = opinion_rows(ws)
    first_docx, first_sig = signed_bytes(ws, first)

    # Locked: the review and the opinion cannot be edited while the case is returned.
    with pytest.raises(IllegalActionError, match="审核意见只能在受理后、出具意见前修改"):
        ws.review.set_comment(case, "facts", "签发后再改", REVIEWER)
    with pytest.raises(IllegalActionError, match="尚未出具审核意见的案件可以起草或修改意见书"):
        ws.opinions.draft(case, REVIEWER, tmp_path / "x.docx", {"closing": "改"})
    assert opinion_rows(ws) == first_row

    # The handling unit asks for a re-review; the reviewer edits and drafts again.
    clock.advance(days=2)
    assert ws.workflow.act(case, "request_re_review", CLERK, reason="当事人已补充说明") == (
        "re_review"
    )
    ws.review.set_comment(case, "facts", "复审：承办单位已补充录像时间说明。", REVIEWER)
    ws.opinions.draft(case, REVIEWER, tmp_path / "复审.docx", {"closing": "复审意见。"})

    rows = opinion_rows(ws)
    assert [r["revision"] for r in rows] == [1, 2]
    assert rows[0] == first_row[0]  # revision 1 untouched
    assert rows[1]["signed_at"] is None
    assert rows[1]["texts"] == {"closing": "复审意见。"}
    assert signed_bytes(ws, first) == (first_docx, first_sig)

    issue(ws, case)
    clock.advance(hours=1)
    second = ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert second.revision == 2
    assert second.docx_sha256 != first.docx_sha256
    rows = opinion_rows(ws)
    assert rows[0] == first_row[0]
    assert rows[1]["signed_at"] is not None
    assert "审核情况：无问题。复审：承办单位已补充录像时间说明。" not in paragraphs(first_docx)
    assert "审核情况：无问题。复审：承办单位已补充录像时间说明。" in paragraphs(
        signed_bytes(ws, second)[0]
    )

    # Both revisions stay exportable and verifiable; the default is the latest.
    latest, _ = export_signed(cli, case, tmp_path / "latest.docx")
    assert latest.read_bytes() == signed_bytes(ws, second)[0]
    ran = cli(REVIEWER, "opinion", "export", case, tmp_path / "r1.docx", "--revision", "1")
    assert ran.code == 0, ran.err
    assert (tmp_path / "r1.docx").read_bytes() == first_docx
    assert (tmp_path / "r1.docx.sig.json").read_bytes() == first_sig
    for path in (latest, tmp_path / "r1.docx"):
        verified = cli(ADMIN, "opinion", "verify", path)
        assert verified.code == 0, verified.out + verified.err
    assert_store_consistent(ws)


def test_signing_on_the_command_line(
    ws: Any, case: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewed_and_issued(ws, case)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    ran = cli(HEAD, "opinion", "sign", case, "--out", tmp_path / "签发.docx")

    assert ran.code == 0, ran.err
    assert "已签发第 1 稿意见书（法审〔2026〕1号，退回补正）" in ran.out
    assert case_state(ws, case) == "returned"
    assert (tmp_path / "签发.docx").is_file()
    assert (tmp_path / "签发.docx.sig.json").is_file()


# --- refusals: wrong passphrase, wrong person, no key -------------------------------------------


def test_a_wrong_passphrase_is_refused_and_changes_nothing(
    ws: Any, case: str, clock: FixedClock
) -> None:
    reviewed_and_issued(ws, case)
    before = snapshot(ws, case)
    clock.advance(minutes=5)

    with pytest.raises(IllegalActionError, match="口令不正确") as refused:
        ws.opinions.sign(case, HEAD, "不是这个口令12345")

    assert "请核对口令后重试" in refused.value.message
    after = but_the_wrong_passphrase_entry(snapshot(ws, case))
    assert after == before
    assert after["state"] == "opinion_issued"
    assert not any(action == "opinion.sign" for _, action, _ in after["audit"])
    # And the right passphrase still works afterwards.
    assert ws.opinions.sign(case, HEAD, PASSPHRASE).revision == 1


def test_a_wrong_passphrase_on_the_command_line_exits_2_in_chinese(
    ws: Any, case: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewed_and_issued(ws, case)
    before = snapshot(ws, case)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", "不是这个口令12345")

    ran = cli(HEAD, "opinion", "sign", case)

    assert ran.code == 2
    assert "口令不正确" in ran.err
    assert "Traceback" not in ran.err
    assert but_the_wrong_passphrase_entry(snapshot(ws, case)) == before


def test_a_reviewer_cannot_sign(ws: Any, case: str) -> None:
    reviewed_and_issued(ws, case)
    before = snapshot(ws, case)

    with pytest.raises(IllegalActionError, match="无权签发审核意见书") as refused:
        ws.opinions.sign(case, REVIEWER, PASSPHRASE)

    assert "法制机构负责人" in refused.value.message
    assert snapshot(ws, case) == before


def test_only_an_issued_unsigned_opinion_can_be_signed(ws: Any, case: str, tmp_path: Path) -> None:
    review_food(ws, case)
    ws.opinions.draft(case, REVIEWER, tmp_path / "d.docx")  # a draft exists, not yet issued
    before = snapshot(ws, case)
    with pytest.raises(
        IllegalActionError,
        match="案件当前状态为“审核中”，不能签发审核意见书（仅在已出具意见，待签发时可以）",
    ):
        ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert snapshot(ws, case) == before

    issue(ws, case)
    ws.opinions.sign(case, HEAD, PASSPHRASE)
    signed = snapshot(ws, case)
    with pytest.raises(IllegalActionError, match="案件当前状态为“退回补正”，不能签发审核意见书"):
        ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert snapshot(ws, case) == signed


def test_a_head_without_a_registered_key_is_told_to_run_keys_add(ws: Any, case: str) -> None:
    with ws.db.write("登记用户") as session:
        add_user(
            session,
            login="zhou",
            display_name="周负责",
            roles=["division_head"],
            by=ADMIN,
            at=ws.clock(),
        )
    reviewed_and_issued(ws, case)
    before = snapshot(ws, case)

    with pytest.raises(IllegalActionError) as refused:
        ws.opinions.sign(case, "zhou", PASSPHRASE)

    assert "尚未登记签名密钥" in refused.value.message
    assert "workstation keys add zhou" in refused.value.message
    assert snapshot(ws, case) == before


# --- export and verify -------------------------------------------------------------------------


@pytest.fixture
def exported(ws: Any, case: str, cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    """The signed food opinion exported by `opinion export`: (DOCX, .sig.json)."""
    reviewed_and_issued(ws, case)
    ws.opinions.sign(case, HEAD, PASSPHRASE)
    return export_signed(cli, case, tmp_path / "出具" / "意见书.docx")


def test_opinion_export_writes_the_docx_and_its_signature(
    ws: Any, case: str, exported: tuple[Path, Path]
) -> None:
    out, sidecar = exported
    [row] = opinion_rows(ws)
    assert hash_file(out) == row["docx_sha256"]
    assert hash_file(sidecar) == row["signature_sha256"]
    assert json.loads(sidecar.read_text(encoding="utf-8"))["case"] == CASE_NUMBER


def test_a_signed_opinion_exports_as_an_a4_pdf_print_copy(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    reviewed_and_issued(ws, case)
    ws.opinions.sign(case, HEAD, PASSPHRASE)
    out = tmp_path / "打印件.pdf"

    ran = cli(REVIEWER, "opinion", "export", case, out)

    assert ran.code == 0, ran.err
    assert "签名针对 DOCX 原件" in ran.out
    assert not out.with_name(out.name + ".sig.json").exists()
    with pymupdf.open(out) as pdf:
        assert all(abs(page.rect.width - 595.3) < 1 for page in pdf)
        text = "".join("".join(page.get_text().split()) for page in pdf)
    assert f"法制机构负责人：{HEAD_NAME}" in text
    assert CASE_NUMBER in text


def test_opinion_verify_says_valid_and_names_case_outcome_and_signer(
    cli: Cli, exported: tuple[Path, Path]
) -> None:
    ran = cli(ADMIN, "opinion", "verify", exported[0])

    assert ran.code == 0, ran.out + ran.err
    assert ran.out.startswith("签名有效")
    for expected in (
        CASE_NUMBER,
        "退回补正",
        f"{HEAD_NAME}（{HEAD}）",
        "2026-04-15T09:30:00+08:00",
    ):
        assert expected in ran.out


def test_verify_uses_the_database_when_the_signature_file_is_absent(
    cli: Cli, exported: tuple[Path, Path]
) -> None:
    out, sidecar = exported
    sidecar.unlink()

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 0, ran.out + ran.err
    assert CASE_NUMBER in ran.out
    assert HEAD in ran.out


def _edit_docx(path: Path, old: str, new: str) -> None:
    document = docx.Document(str(path))
    [paragraph] = [p for p in document.paragraphs if p.text == old]
    paragraph.text = new
    document.save(str(path))


@pytest.mark.parametrize("with_sidecar", [True, False], ids=["with-sig-json", "sig-json-gone"])
def test_a_tampered_docx_is_invalid(
    cli: Cli, exported: tuple[Path, Path], with_sidecar: bool
) -> None:
    out, sidecar = exported
    _edit_docx(out, "审核结论：退回补正。", "审核结论：同意。")
    if not with_sidecar:
        sidecar.unlink()

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 1
    assert ran.out.startswith("签名无效")
    reason = "内容与签名不符（文件已被改动）" if with_sidecar else "找不到 意见书.docx 的签名"
    assert reason in ran.out


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("outcome", "approve", "签名与内容或签名人的公钥不符"),
        ("case", "薛市监罚〔2026〕99号", "签名与内容或签名人的公钥不符"),
        ("signed_at", "2026-04-15T09:30:01+08:00", "签名与内容或签名人的公钥不符"),
        ("signer", ADMIN, f"签名者 {ADMIN} 与密钥证书所属用户 {HEAD} 不一致"),
        ("signature", None, "签名与内容或签名人的公钥不符"),  # one hex digit changed
    ],
)
def test_a_tampered_signature_file_is_invalid(
    cli: Cli, exported: tuple[Path, Path], field: str, value: str | None, problem: str
) -> None:
    out, sidecar = exported
    document = json.loads(sidecar.read_text(encoding="utf-8"))
    document[field] = value if value is not None else flip_hex(document[field])
    sidecar.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 1, ran.err
    assert "签名无效" in ran.out
    assert problem in ran.out


@pytest.mark.parametrize("damage", ["field-removed", "not-json"])
def test_a_damaged_signature_file_is_reported_invalid(
    cli: Cli, exported: tuple[Path, Path], damage: str
) -> None:
    out, sidecar = exported
    if damage == "field-removed":
        document = json.loads(sidecar.read_text(encoding="utf-8"))
        del document["signature"]
        sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    else:
        sidecar.write_bytes(sidecar.read_bytes()[:40])

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 1, ran.err
    assert "签名无效" in ran.out


def _resign(
    sidecar: Path,
    private: bytes,
    passphrase: str,
    public: bytes,
    signer: str,
    certificate: dict[str, str] | None = None,
) -> None:
    """Replace the signature file with one made by another key over the same DOCX, carrying
    `certificate` (by default the original one, which is for another key)."""
    fields = json.loads(sidecar.read_text(encoding="utf-8"))
    carried = certificate or fields["certificate"]
    payload = signing.signing_payload(
        docx_sha256=fields["docx_sha256"],
        case_number=fields["case"],
        outcome=fields["outcome"],
        signed_at=datetime.fromisoformat(fields["signed_at"]),
        signer=signer,
        key_fingerprint=signing.fingerprint(public),
        root_fingerprint=fields["root"],
        audit_head=signing.audit_head(fields),
    )
    signature = signing.sign(payload, private, passphrase)
    # Put together by hand: signature_document() refuses a certificate for another key.
    document = {**json.loads(payload), "signature": signature, "certificate": carried}
    sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_a_signature_by_a_key_the_office_root_did_not_certify_is_invalid(
    cli: Cli, exported: tuple[Path, Path]
) -> None:
    out, sidecar = exported
    private, public = signing.generate_keypair("伪造者的口令2026")
    _resign(sidecar, private, "伪造者的口令2026", public, HEAD)

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 1
    assert "签名无效" in ran.out
    assert "签名内容所列的根密钥或签名密钥与所附的密钥证书不符" in ran.out


def test_a_signature_by_another_heads_key_in_the_heads_name_is_invalid(
    ws: Any, cli: Cli, exported: tuple[Path, Path]
) -> None:
    with ws.db.write("登记用户") as session:
        add_user(
            session,
            login="zhou",
            display_name="周负责",
            roles=["division_head"],
            by=ADMIN,
            at=ws.clock(),
        )
    private, public = signing.generate_keypair("周负责的口令2026")
    register_certified(ws, "zhou", public, admin=ADMIN)
    with ws.db.session() as session:
        zhou_key = key_registry.key_by_fingerprint(session, signing.fingerprint(public))
        assert zhou_key is not None
        assert zhou_key.certificate is not None
        certificate = json.loads(zhou_key.certificate)
    out, sidecar = exported
    # zhou's key and zhou's genuine certificate, "signed by wang"
    _resign(sidecar, private, "周负责的口令2026", public, HEAD, certificate)

    ran = cli(ADMIN, "opinion", "verify", out)

    assert ran.code == 1
    assert f"签名者 {HEAD} 与密钥证书所属用户 zhou 不一致" in ran.out


def test_a_docx_without_any_signature_is_invalid(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    review_food(ws, case)
    draft = ws.opinions.draft(case, REVIEWER, tmp_path / "未签发.docx")

    ran = cli(ADMIN, "opinion", "verify", draft)

    assert ran.code == 1
    assert ran.out.startswith("签名无效")
    assert "找不到 未签发.docx 的签名" in ran.out
    assert "本机也没有签发过内容相同的意见书" in ran.out


def test_exporting_before_signing_is_refused(ws: Any, case: str, cli: Cli, tmp_path: Path) -> None:
    reviewed_and_issued(ws, case)

    ran = cli(REVIEWER, "opinion", "export", case, tmp_path / "x.docx")

    assert ran.code == 2
    assert f"{CASE_NUMBER} 没有已签发的审核意见书" in ran.err
    assert not (tmp_path / "x.docx").exists()


# --- keys ---------------------------------------------------------------------------------


@pytest.fixture
def users_only(ws: Any, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The staff registered and the office root created; commands on the test's clock."""
    commands_on(clock, monkeypatch)
    register_users(ws)
    office_root(ws, ADMIN)
    return ws


def test_keys_add_stores_the_sealed_key_in_the_keyring_and_registers_it(
    users_only: Any,
    cli: Cli,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = users_only
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    ran = cli(ADMIN, "keys", "add", HEAD, *with_root(ws))

    assert ran.code == 0, ran.err
    assert "系统密钥环" in ran.out
    assert f"已登记 {HEAD_NAME} 的签名公钥" in ran.out
    stored = memory_keyring.entries[(SERVICE, HEAD)]
    assert stored.startswith(signing.KEY_HEADER)
    assert not ws.keys.key_file(HEAD).exists()
    with ws.db.session() as session:
        [key] = key_registry.list_keys(session)
        assert key.user.login == HEAD
        assert key.active
        assert key.fingerprint in ran.out
    listed = cli(ADMIN, "keys", "list")
    assert listed.code == 0
    [line] = [row for row in listed.out.splitlines() if row.startswith(HEAD)]
    assert HEAD_NAME in line
    assert key.fingerprint[:16] in line
    assert "在用" in line


def test_keys_add_falls_back_to_the_sealed_key_file_without_a_keyring(
    users_only: Any, cli: Cli, monkeypatch: pytest.MonkeyPatch, demo_root: Path
) -> None:
    ws = users_only
    use_keyring(monkeypatch, fail.Keyring())
    # The root's sealed key follows: the keyring it was kept in is gone.
    ws.create_office_root(ROOT_PASSPHRASE, OFFICE, ADMIN, replace=True)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    ran = cli(ADMIN, "keys", "add", HEAD, *with_root(ws))

    assert ran.code == 0, ran.err
    key_file = ws.keys.key_file(HEAD)
    assert "系统密钥环不可用" in ran.out
    assert str(key_file) in ran.out
    assert key_file.read_bytes().startswith(signing.KEY_HEADER.encode())
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "在用" in cli(ADMIN, "keys", "list").out

    # The head signs with the key from the file.
    ref = ws.import_bundle(demo_root / FOOD, actor=CLERK).short_id
    ws.workflow.act(ref, "accept", REVIEWER)
    reviewed_and_issued(ws, ref)
    opinion = ws.opinions.sign(ref, HEAD, PASSPHRASE)
    assert case_state(ws, ref) == "returned"
    assert opinion.key_fingerprint in ran.out


def test_keys_add_is_only_for_division_heads(
    users_only: Any, cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = users_only
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    ran = cli(ADMIN, "keys", "add", REVIEWER, *with_root(ws))

    assert ran.code == 2
    assert "不是法制机构负责人，不能登记签名密钥" in ran.err
    assert (SERVICE, REVIEWER) not in memory_keyring.entries
    assert not ws.keys.key_file(REVIEWER).exists()
    assert "尚未登记签名密钥" in cli(ADMIN, "keys", "list").out


def test_keys_add_never_replaces_an_existing_key(
    users_only: Any, cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = users_only
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    assert cli(ADMIN, "keys", "add", HEAD, *with_root(ws)).code == 0
    first = dict(memory_keyring.entries)

    again = cli(ADMIN, "keys", "add", HEAD, *with_root(ws))

    assert again.code == 2
    assert "未覆盖" in again.err
    assert memory_keyring.entries == first
    with ws.db.session() as session:
        assert [k.active for k in key_registry.list_keys(session)] == [True]


def test_a_key_is_replaced_by_removing_it_first(
    users_only: Any, cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = users_only
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    assert cli(HEAD, "keys", "add", HEAD, *with_root(ws)).code == 0
    refused = cli(REVIEWER, "keys", "remove", HEAD)
    assert refused.code == 2
    assert "无权登记签名密钥" in refused.err

    removed = cli(HEAD, "keys", "remove", HEAD)

    assert removed.code == 0, removed.err
    assert "此前签发的意见书仍可核验" in removed.out
    assert (SERVICE, HEAD) not in memory_keyring.entries
    with ws.db.session() as session:
        assert [k.active for k in key_registry.list_keys(session)] == [False]
    assert cli(HEAD, "keys", "add", HEAD, *with_root(ws)).code == 0  # a new passphrase, a new key
    with ws.db.session() as session:
        assert [k.active for k in key_registry.list_keys(session)] == [False, True]
    assert "keys.remove" in [e.action for e in audit_entries(ws)]


def test_a_private_key_is_not_kept_when_its_registration_fails(
    users_only: Any, cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = users_only
    root_entries = dict(memory_keyring.entries)  # the office root's sealed key
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    def full_disk(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("磁盘已满，无法写入数据库")

    # The last step of the registration fails, after the private key was stored.
    from workstation.security import audit as audit_log

    append = audit_log.append
    monkeypatch.setattr(audit_log, "append", full_disk)
    ran = cli(ADMIN, "keys", "add", HEAD, *with_root(ws))
    assert ran.code == 4
    assert "磁盘已满" in ran.err
    assert memory_keyring.entries == root_entries
    monkeypatch.setattr(audit_log, "append", append)
    assert (
        cli(ADMIN, "keys", "add", HEAD, *with_root(ws)).code == 0
    )  # nothing left behind to refuse it


def test_a_deactivated_head_neither_acts_nor_signs(
    ws: Any, case: str, cli: Cli, tmp_path: Path
) -> None:
    reviewed_and_issued(ws, case)
    ran = cli(ADMIN, "users", "deactivate", HEAD)
    assert ran.code == 0, ran.err
    assert "其签名密钥已停用（1 个）" in ran.out
    with pytest.raises(IllegalActionError, match="已停用"):
        ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert "停用" in cli(ADMIN, "users", "list").out
    assert cli(ADMIN, "users", "deactivate", ADMIN).code == 2  # not oneself


def test_an_export_that_cannot_be_written_is_not_logged_and_leaves_nothing(
    ws: Any, case: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewed_and_issued(ws, case)
    ws.opinions.sign(case, HEAD, PASSPHRASE)
    monkeypatch.setattr("workstation.documents.libreoffice.find_libreoffice", lambda: None)
    out = tmp_path / "出具" / "意见书.pdf"

    ran = cli(REVIEWER, "opinion", "export", case, out)

    assert ran.code == 3
    assert "LibreOffice" in ran.err
    assert "opinion.export" not in [e.action for e in audit_entries(ws)]
    assert list(out.parent.iterdir()) == []


def test_a_failed_write_keeps_the_earlier_file_whole(
    ws: Any, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review_food(ws, case)
    out = tmp_path / "出具" / "意见书.docx"
    ws.opinions.draft(case, REVIEWER, out)
    before = out.read_bytes()

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("workstation.opinion.service.os.fsync", no_space)
    with pytest.raises(StorageError, match=f"写入 {re.escape(str(out))} 失败"):
        ws.opinions.draft(case, REVIEWER, out, {"closing": "新的结束语。"})
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["意见书.docx"]


def test_a_full_disk_while_signing_is_a_chinese_storage_error(
    ws: Any, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewed_and_issued(ws, case)
    before = snapshot(ws, case)

    def no_space(*_args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Staging, "adopt", no_space)  # the evidence store's disk is full
    with pytest.raises(StorageError, match="无法把文件存入证据库"):
        ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert snapshot(ws, case) == before


def test_signing_while_the_store_is_held_too_long_says_so_in_the_heads_words(
    ws: Any, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewed_and_issued(ws, case)
    monkeypatch.setattr(staging, "LOCK_WAIT_S", 0.5)
    with (
        import_lock(ws.paths.data_dir, db=ws.db),
        pytest.raises(StorageError, match="请稍后再签发"),
    ):
        ws.opinions.sign(case, HEAD, PASSPHRASE)
    assert case_state(ws, case) == "opinion_issued"


def test_an_export_whose_filed_opinion_is_gone_names_the_problem(
    ws: Any, case: str, tmp_path: Path
) -> None:
    reviewed_and_issued(ws, case)
    opinion = ws.opinions.sign(case, HEAD, PASSPHRASE)
    stored = ws.store.path_for(opinion.docx_sha256)
    stored.chmod(0o600)
    stored.unlink()
    with pytest.raises(StorageError, match="无法读取.*workstation verify"):
        ws.opinions.export(case, REVIEWER, tmp_path / "意见书.docx")
    assert not (tmp_path / "意见书.docx").exists()


def audit_entries(ws: Any) -> list[models.AuditEntry]:
    with ws.db.session() as session:
        return list(session.scalars(select(models.AuditEntry).order_by(models.AuditEntry.seq)))
