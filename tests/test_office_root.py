"""Issue 17, C1 and M6: a head's signature verifies only through the office root.

Each test performs the attack an insider with the data folder (or a copy of a head's key
file) would try, and asserts it is refused with a Chinese message: a key row forged into
the database, a certificate from another root, a signature back-dated before the key
existed or made after it was retired. And the promise: an opinion signed on one office
verifies on a fresh one given only the root's fingerprint, and not under another root.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, proven
from memory_keyring import MemoryKeyring, use_keyring
from office_roots import (
    OFFICE,
    ROOT_PASSPHRASE,
    commands_on,
    office_root,
    register_certified,
    with_root,
)
from raw_sql import RawSql, another_office_database
from review_desk import ADMIN, HEAD, HEAD2, PASSPHRASE, REVIEWER, Office
from sqlalchemy import select

from workstation.app import open_workstation
from workstation.cli import main
from workstation.errors import BundleError, IllegalActionError
from workstation.opinion.root_mark import LABEL
from workstation.security import office_root as roots
from workstation.security import signing
from workstation.security.key_registry import list_keys
from workstation.security.keystore import OFFICE_ROOT, SERVICE
from workstation.store.models import AuditEntry
from workstation.timefmt import office_time

pytestmark = pytest.mark.both_engines

FORGER = "内部人员自己的口令"


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    yield office
    office.close()


@pytest.fixture
def head_key(office: Office) -> tuple[bytes, bytes]:
    """HEAD's key pair, registered and certified; the sealed private key is what a copied
    key file holds."""
    keypair = signing.generate_keypair(PASSPHRASE)
    office.give_key(HEAD, keypair)
    return keypair


@pytest.fixture
def signed(office: Office, head_key: tuple[bytes, bytes], tmp_path: Path) -> Path:
    """The minimal case signed by HEAD an hour after registration, exported: the DOCX."""
    ref = office.bring(tmp_path / "bundle")
    office.issued(ref)
    office.clock.advance(hours=1)
    office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    return office.ws.opinions.export(ref, HEAD.login, tmp_path / "意见书.docx")


def sidecar_of(docx: Path) -> Path:
    return docx.with_name(docx.name + ".sig.json")


def forge(
    docx: Path,
    keypair: tuple[bytes, bytes],
    passphrase: str,
    certificate: dict[str, str],
    *,
    signed_at: datetime,
    outcome: str = "approve",
) -> None:
    """Write `docx`'s signature file as an insider's own tool would: over the file's real
    hash, in HEAD's name, with the key and certificate given."""
    private, public = keypair
    payload = signing.signing_payload(
        docx_sha256=hashlib.sha256(docx.read_bytes()).hexdigest(),
        case_number=json.loads(sidecar_of(docx).read_text("utf-8"))["case"],
        outcome=outcome,
        signed_at=signed_at,
        signer=HEAD.login,
        key_fingerprint=signing.fingerprint(public),
        root_fingerprint=certificate["root"],
        audit_head=signing.audit_head(json.loads(sidecar_of(docx).read_text("utf-8"))),
    )
    signature = signing.sign(payload, private, passphrase)
    document = {**json.loads(payload), "signature": signature, "certificate": certificate}
    sidecar_of(docx).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def own_certificate(
    keypair: tuple[bytes, bytes], passphrase: str, *, login: str = HEAD.login
) -> dict[str, str]:
    """A certificate for `keypair` signed by a root the forger made himself."""
    root_private, root_public = signing.generate_keypair(passphrase)
    moment = datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    return roots.certify(
        root_private=root_private,
        root_passphrase=passphrase,
        root_public=root_public,
        office=OFFICE,  # the same name: names are not what is trusted
        login=login,
        name=HEAD.name,
        public_key=keypair[1],
        valid_from=moment,
        valid_until=moment + timedelta(days=3650),
    ).document()


def entries(office: Office, action: str) -> list[dict[str, Any]]:
    """The actor and details of each audit entry of `action` (less where it came from)."""
    with office.ws.db.session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        )
        return [
            {"actor": e.actor, **{k: v for k, v in e.details.items() if k != "origin"}}
            for e in rows
        ]


def run(data_dir: Path, user: str, *args: str | Path) -> int:
    return main(proven(["--data-dir", data_dir, "--user", user, *args]))


# --- the promise ------------------------------------------------------------------------------


def test_a_signed_opinion_verifies_under_its_office_root_and_names_it(
    office: Office, signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = office_root(office.ws)
    result = office.ws.opinions.verify_file(signed)
    assert (result.valid, result.problem) == (True, None)
    assert (result.trusted_root, result.trusted_office) == (root, OFFICE)
    assert result.signer_name == HEAD.name

    assert run(office.data_dir, ADMIN.login, "opinion", "verify", signed) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("签名有效")
    assert f"{HEAD.name}（{HEAD.login}）" in lines[0]
    assert lines[1] == f"信任的办公室根密钥：{OFFICE} {root}"


def test_every_page_of_the_signed_opinion_prints_the_root_fingerprint(
    office: Office, signed: Path, tmp_path: Path
) -> None:
    import docx

    line = f"{LABEL}{office_root(office.ws)}"
    section = docx.Document(str(signed)).sections[0]
    for footer in (section.footer, section.even_page_footer):
        assert line in [paragraph.text for paragraph in footer.paragraphs]
    # A draft is signed by no one: no root to print.
    ref = office.bring(tmp_path / "another", number="薛市监罚〔2026〕99号")
    office.act(ref, "accept", REVIEWER)
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    draft = office.ws.opinions.draft(ref, REVIEWER.login, tmp_path / "草稿.docx")
    footers = docx.Document(str(draft)).sections[0]
    assert LABEL not in "".join(p.text for p in footers.footer.paragraphs)


def test_a_fresh_office_verifies_given_only_the_root_fingerprint(
    office: Office, signed: Path, tmp_path: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    root = office_root(office.ws)
    # No users, no root, no keys: a data folder (and database) of its own.
    fresh = open_workstation(
        tmp_path / "fresh", db_url=another_office_database(request), clock=clock
    )
    try:
        without = fresh.opinions.verify_file(signed)
        assert not without.valid
        assert without.problem is not None
        assert "本机尚未创建办公室根密钥" in without.problem
        assert "--root" in without.problem

        typed = " ".join(root[i : i + 4] for i in range(0, 64, 4)).upper()  # as read aloud
        given = fresh.opinions.verify_file(signed, typed)
        assert (given.valid, given.problem) == (True, None)
        assert (given.trusted_root, given.trusted_office) == (root, OFFICE)
        assert given.signer_name == HEAD.name

        with pytest.raises(IllegalActionError, match="根密钥指纹 .* 无效"):
            fresh.opinions.verify_file(signed, root[:16])
    finally:
        fresh.close()


def test_an_office_whose_root_differs_refuses_it(
    office: Office,
    signed: Path,
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    use_keyring(monkeypatch, MemoryKeyring())  # another office: another PC's keyring
    other = Office(tmp_path / "other", clock, db_url=another_office_database(request))
    try:
        other_root = office_root(other.ws)
        result = other.ws.opinions.verify_file(signed)
        assert not result.valid
        assert result.trusted_root == other_root
        assert result.problem is not None
        assert f"不是所信任的根密钥 {other_root[:16]}…" in result.problem
        # Given the right fingerprint, the other office verifies it too.
        assert other.ws.opinions.verify_file(signed, office_root(office.ws)).valid
    finally:
        other.close()


# --- C1: the forged key row -------------------------------------------------------------------


def test_a_forged_key_row_and_a_self_signed_docx_are_refused(
    office: Office, signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The insider's own key, written into signing_keys as the head's retired key.
    forger = signing.generate_keypair(FORGER)
    sql = RawSql(office.data_dir)
    genuine_key = sql.one(
        "SELECT user_id, signing_keys.created_at FROM signing_keys"
        " JOIN users ON users.id = user_id WHERE login = :login",
        login=HEAD.login,
    )
    sql.run(
        "INSERT INTO signing_keys (user_id, fingerprint, public_key, created_at, active)"
        " VALUES (:user_id, :fingerprint, :public_key, :created_at, :active)",
        user_id=genuine_key["user_id"],
        fingerprint=signing.fingerprint(forger[1]),
        public_key=forger[1].hex(),
        created_at=genuine_key["created_at"],
        active=False,
    )
    genuine = json.loads(sidecar_of(signed).read_text("utf-8"))["certificate"]
    at = office_time(office.clock()).replace(microsecond=0)

    # With the head's genuine certificate: it is not for the forger's key.
    forge(signed, forger, FORGER, genuine, signed_at=at)
    assert run(office.data_dir, ADMIN.login, "opinion", "verify", signed) == 1
    out = capsys.readouterr().out
    assert "签名无效：签名内容所列的根密钥或签名密钥与所附的密钥证书不符" in out
    assert "签名有效" not in out

    # With a certificate from a root of the forger's own: not the office's root.
    forge(signed, forger, FORGER, own_certificate(forger, FORGER), signed_at=at)
    result = office.ws.opinions.verify_file(signed)
    assert not result.valid
    assert result.problem is not None
    assert f"不是所信任的根密钥 {office_root(office.ws)[:16]}…" in result.problem


def test_a_root_forged_into_the_database_does_not_fool_a_verifier_who_knows_the_root(
    office: Office, signed: Path
) -> None:
    real_root = office_root(office.ws)
    forger = signing.generate_keypair(FORGER)
    certificate = own_certificate(forger, FORGER)
    RawSql(office.data_dir).run(
        "UPDATE office_roots SET fingerprint = :root", root=certificate["root"]
    )
    forge(
        signed,
        forger,
        FORGER,
        certificate,
        signed_at=datetime.fromisoformat("2026-03-12T18:00:00+08:00"),
    )
    result = office.ws.opinions.verify_file(signed, real_root)
    assert not result.valid
    assert result.problem is not None
    assert "不是所信任的根密钥" in result.problem


def test_a_certificate_whose_fields_were_edited_is_refused(office: Office, signed: Path) -> None:
    sidecar = sidecar_of(signed)
    for field, value in (("valid_from", "2020-01-01T00:00:00+00:00"), ("name", "刘伪造")):
        document = json.loads(sidecar.read_text("utf-8"))
        original = dict(document["certificate"])
        document["certificate"][field] = value
        sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        result = office.ws.opinions.verify_file(signed)
        assert (result.valid, result.problem) == (
            False,
            "密钥证书的根签名无效：证书被改动过，或不是该办公室根密钥签发的",
        )
        document["certificate"] = original
        sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert office.ws.opinions.verify_file(signed).valid


def test_an_old_format_signature_is_refused_as_such(office: Office, signed: Path) -> None:
    sidecar = sidecar_of(signed)
    document = json.loads(sidecar.read_text("utf-8"))
    document["format"] = "legal-review-opinion-signature/1"
    del document["certificate"], document["root"]
    sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = office.ws.opinions.verify_file(signed)
    assert not result.valid
    assert result.problem is not None
    assert "旧格式签名，不含办公室根证书" in result.problem


# --- M6: a copied key file ------------------------------------------------------------------


def test_a_signature_back_dated_before_the_key_existed_is_refused(
    office: Office, signed: Path, head_key: tuple[bytes, bytes]
) -> None:
    genuine = json.loads(sidecar_of(signed).read_text("utf-8"))["certificate"]
    before = datetime.fromisoformat(genuine["valid_from"]) - timedelta(days=30)
    forge(signed, head_key, PASSPHRASE, genuine, signed_at=before)
    result = office.ws.opinions.verify_file(signed)
    assert not result.valid
    assert result.problem is not None
    assert "早于签名密钥证书的生效时间" in result.problem
    assert "密钥当时尚未登记" in result.problem


def test_a_copied_key_file_cannot_sign_after_keys_remove(
    office: Office,
    signed: Path,
    head_key: tuple[bytes, bytes],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commands_on(office.clock, monkeypatch)
    filed = sidecar_of(signed).read_bytes()
    genuine = json.loads(filed)["certificate"]
    office.clock.advance(days=2)
    assert run(office.data_dir, ADMIN.login, "keys", "remove", HEAD.login) == 0
    retired_at = office.clock()
    [removal] = entries(office, "keys.remove")
    assert removal["fingerprints"] == [genuine["key"]]
    capsys.readouterr()

    # Signed with the copy a day after the removal: refused where the key was registered.
    later = office_time(retired_at + timedelta(days=1)).replace(microsecond=0)
    forge(signed, head_key, PASSPHRASE, genuine, signed_at=later)
    result = office.ws.opinions.verify_file(signed)
    assert not result.valid
    assert result.problem is not None
    assert "晚于该签名密钥停用的时间" in result.problem

    # Dated back into the key's active period: the certificate cannot tell, but the office
    # knows every signature it made — this one it never filed.
    earlier = office_time(retired_at - timedelta(days=1)).replace(microsecond=0)
    forge(signed, head_key, PASSPHRASE, genuine, signed_at=earlier)
    result = office.ws.opinions.verify_file(signed)
    assert (result.valid, result.problem) == (
        False,
        "本办公室没有签发过这份签名：它不在本办公室的签发存档中"
        "（可能是在工作站之外用复制的签名密钥签的）",
    )
    # What the head really signed before the removal stays valid.
    sidecar_of(signed).write_bytes(filed)
    assert office.ws.opinions.verify_file(signed).valid


def test_a_signature_after_the_certificate_expired_is_refused(
    office: Office, tmp_path: Path
) -> None:
    keypair = signing.generate_keypair(PASSPHRASE)
    register_certified(office.ws, HEAD.login, keypair[1], valid_days=1)
    office.ws.keys.store(HEAD.login, keypair[0])
    ref = office.bring(tmp_path / "bundle")
    office.issued(ref)
    office.clock.advance(days=2)
    with pytest.raises(IllegalActionError, match="晚于签名密钥证书的到期时间.*不能签发"):
        office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    assert office.ws.workflow.state(ref, HEAD.login) == "opinion_issued"


def test_a_key_without_a_certificate_does_not_sign(office: Office, tmp_path: Path) -> None:
    keypair = signing.generate_keypair(PASSPHRASE)
    office.give_key(HEAD, keypair)
    # As registered before migration 0006.
    RawSql(office.data_dir).run("UPDATE signing_keys SET certificate = NULL")
    ref = office.bring(tmp_path / "bundle")
    office.issued(ref)
    with pytest.raises(IllegalActionError, match="没有办公室根密钥签发的证书") as refused:
        office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    assert f"workstation keys add {HEAD.login}" in refused.value.message
    request = office.ws.opinions.sign_request(ref, HEAD.login)
    assert request.refusal is not None
    assert "没有办公室根密钥签发的证书" in request.refusal


# --- registration needs the root ----------------------------------------------------------------


def test_registration_needs_the_root_passphrase_and_a_wrong_one_is_audited(
    office: Office,
) -> None:
    ws = office.ws
    with pytest.raises(IllegalActionError, match="尚未创建办公室根密钥"):
        ws.enrol_key(HEAD.login, "新的签名口令口令", ADMIN.login, ROOT_PASSPHRASE)
    root = office_root(ws, ADMIN.login)

    with pytest.raises(roots.WrongRootPassphrase, match="办公室根密钥的口令不正确"):
        ws.enrol_key(HEAD.login, "新的签名口令口令", ADMIN.login, "猜的根密钥口令")
    with ws.db.session() as session:
        assert list_keys(session) == []
    assert not ws.keys.has(HEAD.login)
    assert entries(office, "keys.add") == []
    assert entries(office, "office_root.wrong_passphrase") == [
        {"actor": ADMIN.login, "for": "keys.add", "login": HEAD.login}
    ]

    ws.enrol_key(HEAD2.login, "新的签名口令口令", HEAD2.login, ROOT_PASSPHRASE, valid_days=30)
    [added] = entries(office, "keys.add")
    with ws.db.session() as session:
        [key] = list_keys(session)
        certificate = roots.read_certificate(key.certificate)
    assert (added["login"], added["fingerprint"], added["root"]) == (
        HEAD2.login,
        key.fingerprint,
        root,
    )
    assert (certificate.login, certificate.name, certificate.key) == (
        HEAD2.login,
        HEAD2.name,
        key.fingerprint,
    )
    start, end = certificate.window
    assert start == office.clock().replace(microsecond=0)
    assert end - start == timedelta(days=30)
    assert added["valid_until"] == certificate.valid_until


def test_replacing_a_key_is_audited_with_both_fingerprints(office: Office) -> None:
    ws = office.ws
    office_root(ws, ADMIN.login)
    first = ws.enrol_key(HEAD.login, "第一把签名私钥的口令", ADMIN.login, ROOT_PASSPHRASE)[1]
    office.clock.advance(days=1)
    ws.keys.remove(HEAD.login)  # the private key gone: a new one replaces the registration
    second = ws.enrol_key(HEAD.login, "第二把签名私钥的口令", ADMIN.login, ROOT_PASSPHRASE)[1]
    assert [(e["fingerprint"], e["replaces"]) for e in entries(office, "keys.add")] == [
        (first, []),
        (second, [first]),
    ]
    with ws.db.session() as session:
        old, new = list_keys(session)
        assert (old.active, old.retired_at, new.active) == (False, office.clock(), True)


# --- creating the root ------------------------------------------------------------------------


def test_only_an_administrator_creates_the_root_and_never_twice_by_accident(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = office.ws
    with pytest.raises(IllegalActionError, match="无权管理用户"):
        ws.create_office_root(ROOT_PASSPHRASE, OFFICE, HEAD.login)
    with pytest.raises(IllegalActionError, match="无权管理用户"):
        ws.create_office_root(ROOT_PASSPHRASE, OFFICE, REVIEWER.login)
    assert ws.office_root() is None

    root_args = ["--office", OFFICE, *with_root(ws)]
    assert run(office.data_dir, ADMIN.login, "office-root", "create", *root_args) == 0
    created = capsys.readouterr().out
    [(office_name, fingerprint)] = [ws.office_root()]
    assert (office_name, fingerprint in created) == (OFFICE, True)
    assert entries(office, "office_root.create") == [
        {"actor": ADMIN.login, "office": OFFICE, "fingerprint": fingerprint}
    ]

    assert run(office.data_dir, ADMIN.login, "office-root", "create", *root_args) == 2
    assert "已有办公室根密钥" in capsys.readouterr().err
    assert ws.office_root() == (OFFICE, fingerprint)

    assert run(office.data_dir, REVIEWER.login, "office-root", "show") == 0
    assert capsys.readouterr().out == f"办公室：{OFFICE}\n根密钥指纹：{fingerprint}\n"

    replace = ["office-root", "create", "--replace", *root_args]
    assert run(office.data_dir, ADMIN.login, *replace) == 0
    new = ws.office_root()
    assert new is not None
    assert new[1] != fingerprint
    assert entries(office, "office_root.replace") == [
        {"actor": ADMIN.login, "office": OFFICE, "fingerprint": new[1], "replaces": fingerprint}
    ]


def test_keys_signed_under_a_replaced_root_must_be_registered_again(
    office: Office, signed: Path
) -> None:
    old = office_root(office.ws)
    office.ws.create_office_root(ROOT_PASSPHRASE, OFFICE, ADMIN.login, replace=True)
    # The old opinion verifies with the old root's fingerprint, not under the new root.
    assert not office.ws.opinions.verify_file(signed).valid
    assert office.ws.opinions.verify_file(signed, old).valid


def test_the_root_key_lives_under_a_name_no_login_can_take(
    office: Office, memory_keyring: Any
) -> None:
    office_root(office.ws)
    assert (SERVICE, OFFICE_ROOT) in memory_keyring.entries
    with pytest.raises(IllegalActionError, match="不能用于私钥文件名"):
        office.ws.keys.key_file(f"{OFFICE_ROOT}x")
    assert office.ws.keys.key_file(OFFICE_ROOT).name == "office-root.key"
    assert not office.ws.keys.has("office-root")


# --- the certificate itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        (b"{", "不是有效的 JSON"),
        (b"[]", "应是 JSON 对象"),
        (b" " * (roots.MAX_CERTIFICATE_BYTES + 1), "超过上限"),
        ({"format": roots.FORMAT}, "缺少字段"),
    ],
    ids=["truncated", "array", "huge", "missing"],
)
def test_a_malformed_certificate_is_refused_naming_the_problem(doc: Any, problem: str) -> None:
    with pytest.raises(BundleError, match=problem):
        roots.read_certificate(doc)


def test_the_demo_office_has_a_root_that_certified_its_heads_keys(ws: Any) -> None:
    from workstation.demo.accounts import DEMO_OFFICE, SIGNING_HEADS, add_demo_accounts

    assert add_demo_accounts(ws)
    root = ws.office_root()
    assert root is not None
    assert root[0] == DEMO_OFFICE
    with ws.db.session() as session:
        certified = [
            (key.user.login, roots.read_certificate(key.certificate).root)
            for key in list_keys(session)
        ]
    assert certified == [(head, root[1]) for head in SIGNING_HEADS]
