"""C2: the audit trail as the heads' signatures vouch for it. Whoever can write the data
folder can edit the audit table, recompute every hash after the edit and rewrite the head
file; `audit verify` still finds it, because each signed opinion's payload names the
newest audit entry at signing, and no one without the head's key can re-sign that."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from audit_tampering import rechain, signed_case
from helpers import FixedClock, proven
from review_desk import ADMIN, Office
from sqlalchemy import select

from workstation.cli import main
from workstation.errors import BundleError
from workstation.security import signing
from workstation.store.models import AuditEntry
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    yield office
    office.close()


@pytest.fixture
def signed(office: Office, tmp_path: Path, corpus_dir: Path) -> str:
    """A case with one stored document, reviewed, issued and signed by HEAD."""
    return signed_case(office, tmp_path, corpus_dir)


def audit_verify(office: Office, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(proven(["--data-dir", office.data_dir, "--user", ADMIN.login, "audit", "verify"]))
    return code, capsys.readouterr().out


def vouched_head(office: Office) -> tuple[int, str]:
    """The audit head the filed signature vouches for."""
    with office.ws.db.session() as session:
        opinion = session.scalars(
            select(Opinion).where(Opinion.signature_sha256.is_not(None))
        ).one()
        assert opinion.signature_sha256 is not None
        raw = office.ws.store.path_for(opinion.signature_sha256).read_bytes()
    return signing.audit_head(signing.read_signature_document(raw).fields)


def test_an_untouched_trail_holds_what_the_signatures_vouch_for(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seq, digest = vouched_head(office)
    with office.ws.db.session() as session:
        sign_entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "opinion.sign")
        ).one()
        vouched = session.scalars(select(AuditEntry).where(AuditEntry.seq == seq)).one()
    assert vouched.hash == digest
    assert seq < sign_entry.seq  # the newest entry before the signing's own
    code, out = audit_verify(office, capsys)
    assert code == 0, out
    assert "已签发意见书签名及审计检查点所确认的审计记录均未被改写" in out


def test_an_edited_entry_with_the_chain_recomputed_is_found(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def backdate_the_import(entries: list[AuditEntry]) -> list[AuditEntry]:
        (entry,) = [e for e in entries if e.action == "case.import"]
        entry.at = entry.at - timedelta(days=3)  # as if the case had arrived earlier
        return entries

    seq, _digest = vouched_head(office)
    rechain(office, backdate_the_import)
    code, out = audit_verify(office, capsys)
    assert code == 1
    assert f"签发时确认的第 {seq} 条审计记录的哈希已变" in out
    assert "此前的审计记录被改写后重算过哈希" in out


def test_entries_cut_up_to_the_signed_head_are_found(
    office: Office, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seq, _digest = vouched_head(office)
    rechain(office, lambda entries: entries[: seq - 2])  # the vouched entry goes too
    code, out = audit_verify(office, capsys)
    assert code == 1
    assert f"签发时确认的第 {seq} 条审计记录已不存在（审计记录被删改）" in out


def test_a_signature_file_whose_payload_names_no_audit_head_is_refused() -> None:
    fields = {
        "format": signing.FORMAT,
        "docx_sha256": "a" * 64,
        "case": "C",
        "outcome": "approve",
        "signed_at": "2026-03-12T17:30:05+08:00",
        "signer": "zhang",
        "key": "b" * 64,
        "root": "c" * 64,
        "audit": "0:" + "d" * 64,  # no entry 0: not a head a signer could vouch for
        "signature": "e" * 128,
        "certificate": {},
    }
    with pytest.raises(BundleError, match="audit 应是"):
        signing.read_signature_document(json.dumps(fields).encode())
