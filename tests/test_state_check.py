"""H1: the state tables are checked against the audit chain. Each attack is an SQL edit of a
throw-away office's database, the way an insider with the data folder would make it; the
evidence store still re-hashes clean, yet `verify` and `audit verify` name the case, the
table and field, the value in the table and the value the audit chain says, and exit 1."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from audit_tampering import DOCUMENT, rechain, signed_case
from helpers import FixedClock, minimal_case, proven
from raw_sql import RawSql
from review_desk import ADMIN, HEAD, REVIEWER, Office

from workstation.cli import main
from workstation.security.state_check import check_state
from workstation.security.version_rows import ROWS_KEY

pytestmark = pytest.mark.both_engines


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    yield office
    office.close()


@pytest.fixture
def signed(office: Office, tmp_path: Path, corpus_dir: Path) -> str:
    """A case with one stored document, reviewed, issued (reject) and signed by HEAD."""
    return signed_case(office, tmp_path, corpus_dir)


def sql(office: Office, statement: str, /, **params: object) -> None:
    RawSql(office.data_dir).run(statement, **params)


def one(office: Office, query: str, /, **params: object) -> object:
    return RawSql(office.data_dir).value(query, **params)


def run(office: Office, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(proven(["--data-dir", office.data_dir, "--user", ADMIN.login, *args]))
    return code, capsys.readouterr().out


def test_an_untouched_office_verifies_clean(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(office, capsys, "verify")
    assert code == 0, out
    assert "1 个案件的各表与审计记录一致" in out
    assert "未核对" not in out  # a new import records its rows' digests
    code, out = run(office, capsys, "audit", "verify")
    assert code == 0, out
    assert "1 个案件的状态、结论、审核与签发人员及案卷文件与审计记录一致" in out


def _seq(office: Office, action: str) -> int:
    return int(
        str(one(office, "SELECT max(seq) FROM audit_log WHERE action = :action", action=action))
    )


def _review_state(office: Office) -> str:
    state = str(one(office, "SELECT review_state FROM cases"))
    sql(office, "UPDATE cases SET review_state = 'approved'")
    seq = _seq(office, "workflow.sign")
    return (
        f"：cases.review_state 与审计记录不符——表中为“approved”，审计记录（第 {seq} 条）为“{state}”"
    )


def _transition_actor(office: Office) -> str:
    sql(office, "UPDATE transitions SET actor = :actor WHERE action = 'accept'", actor=HEAD.login)
    seq = _seq(office, "workflow.accept")
    return (
        f" 第 1 次流转：transitions.actor 与审计记录不符——表中为“{HEAD.login}”，"
        f"审计记录（第 {seq} 条）为“{REVIEWER.login}”"
    )


def _party_name(office: Office) -> str:
    sql(office, "UPDATE parties SET name = '枣庄市另一家超市有限公司'")
    seq = _seq(office, "case.import")
    return (
        " 第 1 版：parties.name 与审计记录不符——表中为“枣庄市另一家超市有限公司（摘要 "
    ) + f"…）”，审计记录（第 {seq} 条）为“导入时内容的摘要 "


def _opinion_outcome(office: Office) -> str:
    sql(office, "UPDATE opinions SET outcome = 'approve'")
    seq = _seq(office, "opinion.sign")
    return (
        " 第 1 稿意见书：opinions.outcome 与审计记录不符——表中为“approve”，"
        f"审计记录（第 {seq} 条）为“reject”"
    )


def _reviewer(office: Office) -> str:
    user = one(office, "SELECT id FROM users WHERE login = :login", login=HEAD.login)
    sql(office, "UPDATE case_reviews SET reviewer_id = :user", user=user)
    seq = _seq(office, "workflow.accept")
    return (
        f"：case_reviews.reviewer_id 与审计记录不符——表中为“{HEAD.login}”，"
        f"审计记录（第 {seq} 条）为“{REVIEWER.login}”"
    )


def _signer(office: Office) -> str:
    user = one(office, "SELECT id FROM users WHERE login = :login", login=REVIEWER.login)
    sql(office, "UPDATE opinions SET signed_by = :user", user=user)
    seq = _seq(office, "opinion.sign")
    return (
        f" 第 1 稿意见书：opinions.signed_by 与审计记录不符——表中为“{REVIEWER.login}”，"
        f"审计记录（第 {seq} 条）为“{HEAD.login}”"
    )


ATTACKS = {
    "review state": _review_state,
    "transition actor": _transition_actor,
    "party name": _party_name,
    "opinion outcome": _opinion_outcome,
    "reviewer": _reviewer,
    "signer": _signer,
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_edited_state_table_is_named_by_verify_and_audit_verify(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str], attack: str
) -> None:
    says = ATTACKS[attack](office)
    case = f"C1 {minimal_case()['case']['number']}"
    for command in (["verify"], ["audit", "verify"]):
        code, out = run(office, capsys, *command)
        assert code == 1, out
        if "（摘要 " in says:  # a digest: the message shows both digests' beginnings
            head, tail = says.split("…）”")
            assert f"{case}{head}" in out, out
            assert tail in out, out
        else:
            assert f"{case}{says}" in out, out
    # The evidence itself is untouched: only the comparison with the chain tells.
    assert "全部完好" in run(office, capsys, "verify")[1]


def test_a_document_repointed_to_a_doctored_file_is_caught(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = str(one(office, "SELECT evidence_sha256 FROM documents"))
    doctored = b"%PDF-1.4\n% a doctored inspection record\n"
    forged = hashlib.sha256(doctored).hexdigest()
    # Stored under its own hash, with its own evidence row: re-hashing finds nothing wrong.
    path = office.ws.store.path_for(forged)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(doctored)
    sql(
        office,
        "INSERT INTO evidence_files (sha256, size, media_kind, condition, reason, details,"
        " stored_at) SELECT :forged, :size, media_kind, condition, reason, details, stored_at"
        " FROM evidence_files WHERE sha256 = :original",
        forged=forged,
        size=len(doctored),
        original=original,
    )
    sql(office, "UPDATE documents SET evidence_sha256 = :forged", forged=forged)
    repoint = "UPDATE bundle_files SET sha256 = :new WHERE sha256 = :old"
    sql(office, repoint, new=forged, old=original)

    code, out = run(office, capsys, "verify")
    assert code == 1, out
    assert "全部完好" in out  # every stored file matches its hash
    assert "第 1 版：bundle_files（路径与 SHA-256 的摘要） 与审计记录不符" in out
    assert f"第 1 版：documents.evidence_sha256 与审计记录不符——表中为“{forged}" in out
    code, out = run(office, capsys, "audit", "verify")
    assert code == 1, out
    assert "bundle_files（路径与 SHA-256 的摘要）" in out

    # Only the document row repointed, the bundle's list left alone: named with its path.
    sql(office, repoint, new=original, old=forged)
    code, out = run(office, capsys, "verify")
    assert code == 1, out
    assert (
        f"documents.evidence_sha256（{DOCUMENT}） 与审计记录不符——表中为“{forged}”，"
        f"审计记录为“{original}”" in out
    )


def test_an_import_recorded_before_the_row_digests_is_noted_not_failed(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An office upgraded from a version whose import entries had no row digests: those
    rows are skipped with a note; the rest is still compared."""
    with office.ws.db.session() as session:
        report = check_state(session)
    assert report.intact
    assert not report.notes

    # As the old version wrote it (the chain recomputed: this is not the attack).
    old = _rewritten_without_rows(office, int(str(one(office, "SELECT count(*) FROM audit_log"))))
    assert old
    code, out = run(office, capsys, "verify")
    assert code == 0, out
    assert (
        f"未核对：C1 {minimal_case()['case']['number']} 第 1 版：导入记录（第 {old} 条）早于本检查"
        in out
    )


def _rewritten_without_rows(office: Office, count: int) -> int:
    """Drop the row digests from the import entry and re-chain every entry after it, the
    head file moved along; returns the import entry's seq."""
    found: list[int] = []

    def drop_digests(entries: list[Any]) -> list[Any]:
        (entry,) = [e for e in entries if e.action == "case.import"]
        entry.details = {k: v for k, v in entry.details.items() if k != ROWS_KEY}
        found.append(entry.seq)
        assert len(entries) == count  # the services read the rows the database holds
        return entries

    rechain(office, drop_digests)
    return found[0]
