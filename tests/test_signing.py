"""Signatures under written opinions, and where the division heads' keys are kept."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import keyring.backend
import pytest
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from memory_keyring import (
    ForgetfulKeyring,
    LockedKeyring,
    MemoryKeyring,
    PlaintextKeyring,
    UnreachableKeyring,
    use_keyring,
)

from workstation.errors import BundleError, ConfigError, IllegalActionError
from workstation.security import keystore, office_root, signing
from workstation.security.keystore import SERVICE, KeyStore

PASSPHRASE = "正确的口令 horse"
DOCX_SHA = hashlib.sha256(b"opinion docx bytes").hexdigest()
SIGNED_AT = datetime(2026, 3, 12, 17, 30, 5, 123456, tzinfo=timezone(timedelta(hours=8)))

# One key for the whole module: generation is cheap, but the tests read better with one head.
PRIVATE_PEM, PUBLIC_RAW = signing.generate_keypair(PASSPHRASE)
KEY = signing.fingerprint(PUBLIC_RAW)
ROOT_PASSPHRASE = "办公室根密钥口令"
ROOT_PEM, ROOT_RAW = signing.generate_keypair(ROOT_PASSPHRASE)
ROOT = signing.fingerprint(ROOT_RAW)
CERTIFICATE = office_root.certify(
    root_private=ROOT_PEM,
    root_passphrase=ROOT_PASSPHRASE,
    root_public=ROOT_RAW,
    office="京市监法制科",
    login="zhang.san",
    name="张三",
    public_key=PUBLIC_RAW,
    valid_from=SIGNED_AT - timedelta(days=1),
    valid_until=SIGNED_AT + timedelta(days=365),
)


AUDIT_HEAD = (42, hashlib.sha256(b"the 42nd audit entry").hexdigest())


def payload(**changes: object) -> bytes:
    fields: dict[str, object] = {
        "docx_sha256": DOCX_SHA,
        "case_number": "京市监罚〔2026〕17号",
        "outcome": "同意",
        "signed_at": SIGNED_AT,
        "signer": "zhang.san",
        "key_fingerprint": KEY,
        "root_fingerprint": ROOT,
        "audit_head": AUDIT_HEAD,
    }
    fields.update(changes)
    return signing.signing_payload(**fields)  # type: ignore[arg-type]


def flip_last_hex(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


# --- signing ---------------------------------------------------------------------------


def test_a_signed_payload_verifies() -> None:
    signature = signing.sign(payload(), PRIVATE_PEM, PASSPHRASE)
    assert len(signature) == 128
    assert signing.verify(payload(), signature, PUBLIC_RAW)


def test_the_payload_is_canonical_json() -> None:
    assert payload().decode("utf-8") == (
        f'{{"audit":"42:{AUDIT_HEAD[1]}",'
        '"case":"京市监罚〔2026〕17号",'
        f'"docx_sha256":"{DOCX_SHA}",'
        '"format":"legal-review-opinion-signature/2",'
        f'"key":"{KEY}",'
        '"outcome":"同意",'
        f'"root":"{ROOT}",'
        '"signed_at":"2026-03-12T17:30:05+08:00",'
        '"signer":"zhang.san"}'
    )


@pytest.mark.parametrize(
    "change",
    [
        {"docx_sha256": flip_last_hex(DOCX_SHA)},
        {"case_number": "京市监罚〔2026〕18号"},
        {"outcome": "不同意"},
        {"signed_at": SIGNED_AT + timedelta(seconds=1)},
        {"signer": "li.si"},
        {"root_fingerprint": flip_last_hex(ROOT)},
        {"audit_head": (43, AUDIT_HEAD[1])},
        {"audit_head": (42, flip_last_hex(AUDIT_HEAD[1]))},
    ],
    ids=["docx", "case", "outcome", "time", "signer", "root", "audit seq", "audit hash"],
)
def test_any_changed_field_fails_verification(change: dict[str, object]) -> None:
    signature = signing.sign(payload(), PRIVATE_PEM, PASSPHRASE)
    assert not signing.verify(payload(**change), signature, PUBLIC_RAW)


def test_a_changed_byte_or_another_key_fails_verification() -> None:
    signed = payload()
    signature = signing.sign(signed, PRIVATE_PEM, PASSPHRASE)
    tampered = signed.replace(b"17:30:05", b"17:30:06")
    assert not signing.verify(tampered, signature, PUBLIC_RAW)
    _other_pem, other_raw = signing.generate_keypair("another passphrase")
    assert not signing.verify(signed, signature, other_raw)


def test_verify_answers_false_for_malformed_input() -> None:
    signature = signing.sign(payload(), PRIVATE_PEM, PASSPHRASE)
    assert not signing.verify(payload(), signature[:-2], PUBLIC_RAW)
    assert not signing.verify(payload(), signature.upper(), PUBLIC_RAW)
    assert not signing.verify(payload(), "zz" * 64, PUBLIC_RAW)
    assert not signing.verify(payload(), signature, PUBLIC_RAW[:31])


def test_a_signature_by_a_key_other_than_the_named_one_is_invalid() -> None:
    other_pem, other_raw = signing.generate_keypair("another passphrase")
    names_ours = payload()
    # Signed directly, bypassing sign()'s check, as a forger's tool would.
    other_key = signing._load_private_key(other_pem, "another passphrase")
    forged = other_key.sign(names_ours).hex()
    assert not signing.verify(names_ours, forged, other_raw)


def test_sign_refuses_a_payload_that_names_another_key() -> None:
    _other_pem, other_raw = signing.generate_keypair("another passphrase")
    with pytest.raises(IllegalActionError, match="指纹"):
        signing.sign(
            payload(key_fingerprint=signing.fingerprint(other_raw)), PRIVATE_PEM, PASSPHRASE
        )


@pytest.mark.parametrize("wrong", ["wrong passphrase", "", PASSPHRASE + " "])
def test_a_wrong_passphrase_is_refused_in_plain_chinese(wrong: str) -> None:
    with pytest.raises(IllegalActionError, match="^口令不正确") as caught:
        signing.sign(payload(), PRIVATE_PEM, wrong)
    error = caught.value
    # No cryptography exception is chained: a CLI or log shows one sentence, no traceback.
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    assert "Traceback" not in str(error)
    assert "cryptography" not in str(error)


def test_a_damaged_or_unencrypted_key_is_refused() -> None:
    with pytest.raises(IllegalActionError):
        signing.sign(payload(), PRIVATE_PEM[:80] + PRIVATE_PEM[100:], PASSPHRASE)
    with pytest.raises(IllegalActionError, match="未加密"):
        signing.sign(payload(), b"-----BEGIN PRIVATE KEY-----\n...", PASSPHRASE)


@pytest.mark.parametrize("passphrase", ["", "        ", "seven77", "七个字的口令啊"])
def test_an_empty_or_short_passphrase_is_refused(passphrase: str) -> None:
    with pytest.raises(IllegalActionError, match="口令"):
        signing.generate_keypair(passphrase)


def test_an_eight_character_chinese_passphrase_is_enough() -> None:
    pem, _raw = signing.generate_keypair("八个字的中文口令")
    assert pem.startswith(signing.KEY_HEADER.encode())


def test_the_passphrase_is_compared_in_normal_form() -> None:
    composed = "café passphrase"
    pem, raw = signing.generate_keypair(composed)
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    signed = payload(key_fingerprint=signing.fingerprint(raw))
    assert signing.verify(signed, signing.sign(signed, pem, decomposed), raw)


def test_the_generated_key_is_sealed_with_a_memory_hard_kdf() -> None:
    import base64

    text = PRIVATE_PEM.decode("ascii").strip()
    assert text.startswith(signing.KEY_HEADER)
    assert text.endswith(signing.KEY_FOOTER)
    body = json.loads(base64.b64decode(text[len(signing.KEY_HEADER) : -len(signing.KEY_FOOTER)]))
    assert (body["kdf"], body["n"], body["r"]) == ("scrypt", 2**15, 8)
    assert bytes(32).hex() not in PRIVATE_PEM.decode()  # nothing in the clear
    assert len(PUBLIC_RAW) == 32


def test_the_fingerprint_is_a_stable_sha256() -> None:
    assert signing.fingerprint(PUBLIC_RAW) == signing.fingerprint(bytes(PUBLIC_RAW))
    assert signing.fingerprint(bytes(32)) == hashlib.sha256(bytes(32)).hexdigest()
    _pem, other_raw = signing.generate_keypair("another passphrase")
    assert signing.fingerprint(other_raw) != KEY


def test_the_time_is_kept_with_its_offset_to_the_second() -> None:
    fields = json.loads(payload(signed_at=datetime(2026, 3, 12, 9, 30, 0, 999, tzinfo=UTC)))
    assert fields["signed_at"] == "2026-03-12T09:30:00+00:00"


@pytest.mark.parametrize(
    "change",
    [
        {"signed_at": datetime(2026, 3, 12, 9, 30)},
        {"docx_sha256": DOCX_SHA.upper()},
        {"key_fingerprint": "abc"},
        {"root_fingerprint": ""},
        {"case_number": " "},
    ],
    ids=["naive-time", "upper-hash", "short-key", "no-root", "blank-case"],
)
def test_a_payload_from_bad_arguments_is_a_programming_error(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the caller's bug, not a user's
        payload(**change)


# --- the signature file ------------------------------------------------------------------


def signed_document() -> bytes:
    signed = payload()
    signature = signing.sign(signed, PRIVATE_PEM, PASSPHRASE)
    return signing.signature_document(signed, signature, CERTIFICATE.document())


def test_the_signature_file_round_trips_to_the_exact_payload() -> None:
    document = signed_document()
    read = signing.read_signature_document(document)
    assert read.payload == payload()
    assert read.fields["case"] == "京市监罚〔2026〕17号"
    assert "signature" not in read.fields
    assert "certificate" not in read.fields
    assert signing.verify(read.payload, read.signature, PUBLIC_RAW)
    assert json.loads(document)["signature"] == read.signature
    assert office_root.read_certificate(read.certificate) == CERTIFICATE
    assert "京市监罚" in document.decode("utf-8")  # readable, not \u-escaped


def test_a_signature_file_saved_with_a_bom_still_reads() -> None:
    read = signing.read_signature_document("\ufeff".encode() + signed_document())
    assert read.payload == payload()


def test_an_edited_signature_file_reads_but_does_not_verify() -> None:
    document = json.loads(signed_document())
    document["outcome"] = "不同意"
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    read = signing.read_signature_document(raw)
    assert not signing.verify(read.payload, read.signature, PUBLIC_RAW)


def test_a_signature_file_carries_only_the_certificate_of_its_own_key() -> None:
    signed = payload()
    signature = signing.sign(signed, PRIVATE_PEM, PASSPHRASE)
    with pytest.raises(ValueError):  # noqa: PT011 - the caller's bug
        signing.signature_document(signed, signature, {**CERTIFICATE.document(), "key": ROOT})


def edited(**changes: object) -> bytes:
    document = json.loads(signed_document())
    for name, value in changes.items():
        if value is None:
            del document[name]
        else:
            document[name] = value
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b'{"format": ', "JSON"),
        (b"[]", "JSON 对象"),
        (b"[" * 20_000 + b"]" * 20_000, "JSON"),
        (b" " * (signing.MAX_DOCUMENT_BYTES + 1), "超过上限"),
        (edited(signature=None), "缺少字段 signature"),
        (edited(case=None, key=None), "缺少字段 case、key"),
        (edited(comment="x"), "未知字段 comment"),
        (edited(signed_at=12), "signed_at 应是字符串"),
        (edited(format="legal-review-opinion-signature/3"), "不受支持"),
        (edited(format="legal-review-opinion-signature/1"), "旧格式签名，不含办公室根证书"),
        (edited(certificate=None), "缺少字段 certificate"),
        (edited(docx_sha256="abc"), "docx_sha256"),
        (edited(signature="00" * 63), "signature"),
        (edited(signed_at="2026-03-12T09:30:00Z"), "signed_at"),
        (edited(signed_at="2026-03-12T09:30:00"), "signed_at"),
        (edited(signer=""), "signer 不能为空"),
        (b'{"case": "a", "case": "b"}', "case 出现了不止一次"),
    ],
    ids=[
        "not-utf8",
        "truncated",
        "array",
        "deep",
        "huge",
        "no-signature",
        "two-missing",
        "unknown-field",
        "number",
        "format",
        "old-format",
        "no-certificate",
        "hash",
        "signature-hex",
        "z-time",
        "naive-time",
        "empty-signer",
        "duplicate",
    ],
)
def test_a_malformed_signature_file_is_refused_naming_the_problem(raw: bytes, problem: str) -> None:
    with pytest.raises(BundleError, match="opinion.docx.sig.json") as caught:
        signing.read_signature_document(raw, source="opinion.docx.sig.json")
    assert problem in caught.value.message


def test_only_a_canonical_payload_becomes_a_signature_file() -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        signing.signature_document(b'{"format":"x"}', "00" * 64, CERTIFICATE.document())
    with pytest.raises(ValueError):  # noqa: PT011
        signing.signature_document(payload(), "not hex", CERTIFICATE.document())


# --- the key store -----------------------------------------------------------------------


def test_the_keyring_keeps_the_key(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    store = KeyStore(data_dir)
    assert not store.has("zhang.san")
    message = store.store("zhang.san", PRIVATE_PEM)
    assert "系统密钥环" in message
    assert "memory_keyring.MemoryKeyring" in message
    assert memory_keyring.entries == {(SERVICE, "zhang.san"): PRIVATE_PEM.decode("ascii")}
    assert store.has("zhang.san")
    assert store.load("zhang.san") == PRIVATE_PEM
    assert not (data_dir / "keys").exists()


def test_a_second_key_for_the_same_head_is_refused(
    data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    store = KeyStore(data_dir)
    store.store("zhang.san", PRIVATE_PEM)
    other_pem, _raw = signing.generate_keypair("another passphrase")
    with pytest.raises(IllegalActionError, match="已有签名私钥.*未覆盖"):
        store.store("zhang.san", other_pem)
    assert store.load("zhang.san") == PRIVATE_PEM


def test_without_a_keyring_the_key_goes_to_a_private_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring(monkeypatch, fail.Keyring())
    store = KeyStore(data_dir)
    message = store.store("zhang.san", PRIVATE_PEM)
    key_file = data_dir / "keys" / "zhang.san.pem"
    assert message.startswith("系统密钥环不可用（")
    assert f"私钥已用口令加密保存在 {key_file}" in message
    assert key_file.read_bytes() == PRIVATE_PEM
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert store.has("zhang.san")
    loaded = store.load("zhang.san")
    signed = payload()
    assert signing.verify(signed, signing.sign(signed, loaded, PASSPHRASE), PUBLIC_RAW)


def test_a_second_key_file_is_refused_and_the_first_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring(monkeypatch, fail.Keyring())
    store = KeyStore(data_dir)
    store.store("zhang.san", PRIVATE_PEM)
    other_pem, _raw = signing.generate_keypair("another passphrase")
    with pytest.raises(IllegalActionError, match="zhang.san.pem.*未覆盖"):
        store.store("zhang.san", other_pem)
    assert (data_dir / "keys" / "zhang.san.pem").read_bytes() == PRIVATE_PEM


def test_a_key_file_that_appears_after_the_check_is_not_overwritten(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring(monkeypatch, fail.Keyring())
    KeyStore(data_dir).store("zhang.san", PRIVATE_PEM)
    # As if another process created the file between store()'s check and its write.
    monkeypatch.setattr(keystore, "_exists_exactly", lambda _path: False)
    other_pem, _raw = signing.generate_keypair("another passphrase")
    with pytest.raises(IllegalActionError, match="已存在，未覆盖"):
        KeyStore(data_dir).store("zhang.san", other_pem)
    assert (data_dir / "keys" / "zhang.san.pem").read_bytes() == PRIVATE_PEM


def test_a_key_file_blocks_a_later_keyring_copy(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring(monkeypatch, fail.Keyring())
    KeyStore(data_dir).store("zhang.san", PRIVATE_PEM)
    backend = use_keyring(monkeypatch, MemoryKeyring())
    store = KeyStore(data_dir)
    assert store.has("zhang.san")
    assert store.load("zhang.san") == PRIVATE_PEM
    with pytest.raises(IllegalActionError, match="未覆盖"):
        store.store("zhang.san", PRIVATE_PEM)
    assert backend.entries == {}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (null.Keyring(), "优先级 -1 低于 1"),
        (LockedKeyring(), "出错：the collection is locked"),
        (UnreachableKeyring(), "出错：org.freedesktop.DBus.Error.ServiceUnknown"),
        (ForgetfulKeyring(), "读回的内容不一致"),
    ],
    ids=["null", "locked", "unreachable", "forgetful"],
)
def test_an_unusable_keyring_falls_back_to_the_file_and_says_why(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, backend: MemoryKeyring, reason: str
) -> None:
    use_keyring(monkeypatch, backend)
    store = KeyStore(data_dir)
    message = store.store("zhang.san", PRIVATE_PEM)
    assert "系统密钥环不可用" in message
    assert reason in message
    assert store.load("zhang.san") == PRIVATE_PEM
    if isinstance(backend, ForgetfulKeyring):
        assert backend.entries == {}  # the truncated copy was removed


def test_a_plaintext_keyring_is_refused_unless_allowed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = use_keyring(monkeypatch, PlaintextKeyring())
    with pytest.raises(ConfigError) as caught:
        KeyStore(data_dir).store("zhang.san", PRIVATE_PEM)
    message = caught.value.message
    assert "memory_keyring.PlaintextKeyring" in message
    assert "[signing]" in message
    assert "allow_plaintext_keyring = true" in message
    assert backend.entries == {}  # type: ignore[attr-defined]
    assert not (data_dir / "keys").exists()

    allowed = KeyStore(data_dir, allow_plaintext_keyring=True)
    assert "明文" in allowed.store("zhang.san", PRIVATE_PEM)
    assert allowed.load("zhang.san") == PRIVATE_PEM


def test_a_chained_keyring_is_judged_by_the_backend_it_writes_to(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chainer asks keyring for every installed backend; answer with test ones only.
    plaintext = PlaintextKeyring()
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [plaintext])
    use_keyring(monkeypatch, ChainerBackend())
    with pytest.raises(ConfigError, match="PlaintextKeyring"):
        KeyStore(data_dir).store("zhang.san", PRIVATE_PEM)

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [memory])
    KeyStore(data_dir).store("zhang.san", PRIVATE_PEM)
    assert memory.entries == {(SERVICE, "zhang.san"): PRIVATE_PEM.decode("ascii")}


@pytest.mark.parametrize("backend", [MemoryKeyring(), fail.Keyring()], ids=["keyring", "file"])
def test_a_missing_key_names_the_head_and_the_command(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, backend: keyring.backend.KeyringBackend
) -> None:
    use_keyring(monkeypatch, backend)
    with pytest.raises(IllegalActionError, match=r"zhang\.san.*workstation keys add"):
        KeyStore(data_dir).load("zhang.san")


def test_a_missing_key_behind_a_locked_keyring_says_to_unlock_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_keyring(monkeypatch, LockedKeyring())
    with pytest.raises(IllegalActionError, match="解锁密钥环"):
        KeyStore(data_dir).load("zhang.san")


def test_only_encrypted_keys_and_safe_logins_are_stored(data_dir: Path) -> None:
    store = KeyStore(data_dir)
    with pytest.raises(IllegalActionError, match="加密"):
        store.store("zhang.san", b"-----BEGIN PRIVATE KEY-----\nMC4CAQ...\n")
    for login in ("../evil", "a/b", "", " zhang", "CON", ".hidden"):
        with pytest.raises(IllegalActionError, match="登录名"):
            store.store(login, PRIVATE_PEM)


def test_a_removed_key_can_be_registered_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KeyStore(data_dir)
    store.store("zhang.san", PRIVATE_PEM)
    assert "系统密钥环" in store.remove("zhang.san")
    assert not store.has("zhang.san")
    use_keyring(monkeypatch, fail.Keyring())
    store.store("zhang.san", PRIVATE_PEM)
    assert "zhang.san.pem" in store.remove("zhang.san")
    assert not store.has("zhang.san")
    with pytest.raises(IllegalActionError, match="没有登记"):
        store.remove("zhang.san")
