"""Ed25519 signatures under a division head's written opinion.

What is signed is a small canonical JSON payload: the SHA-256 of the DOCX bytes plus the case
number, outcome, time and signer, the fingerprint of the key that signs and that of the office
root which certified it. The portable signature file (`opinion.docx.sig.json`) carries the same
fields plus the signature and the head's key certificate (`office_root`), so anyone who knows
the office root's fingerprint can re-derive the exact payload bytes and check it.

Pure functions: no files, no keyring, no clock. Errors a user can act on are the project's
typed errors with Chinese messages; nothing from `cryptography` leaks out as a traceback.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workstation.errors import BundleError, IllegalActionError

FORMAT = "legal-review-opinion-signature/2"
# /1 named only the key, which the verifying office's database had to vouch for.
OLD_FORMATS = frozenset({"legal-review-opinion-signature/1"})
KEY_HEADER = "-----BEGIN WORKSTATION SEALED ED25519 KEY-----"
KEY_FOOTER = "-----END WORKSTATION SEALED ED25519 KEY-----"
_KEY_FORMAT = "legal-review-signing-key/1"
_SCRYPT_N = 2**15
MIN_PASSPHRASE_CHARS = 8
# A real signature file is well under 2 KiB; the cap keeps a hostile file from costing much.
MAX_DOCUMENT_BYTES = 64 * 1024

PAYLOAD_FIELDS = (
    "format",
    "docx_sha256",
    "case",
    "outcome",
    "signed_at",
    "signer",
    "key",
    "root",
    "audit",  # "seq:hash" of the newest audit entry when it was signed (C2)
)
_DOCUMENT_FIELDS = frozenset((*PAYLOAD_FIELDS, "signature", "certificate"))
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_SIGNATURE_HEX = re.compile(r"[0-9a-f]{128}")
_AUDIT_HEAD = re.compile(r"([1-9][0-9]{0,17}):([0-9a-f]{64})")  # Ed25519 signatures are 64 bytes
_WRONG_PASSPHRASE = (
    "口令不正确，无法解开签名私钥；请核对口令后重试（若确认口令无误，私钥可能已损坏）"
)


class WrongPassphrase(IllegalActionError):
    """The passphrase does not open the sealed private key (or the sealed body is damaged,
    which cannot be told apart). Signing counts these: audited, and paused when repeated."""

    def __init__(self) -> None:
        super().__init__(_WRONG_PASSPHRASE)


def generate_keypair(passphrase: str) -> tuple[bytes, bytes]:
    """A new Ed25519 key: (the private key sealed with `passphrase`, raw 32-byte public key).

    The seal is scrypt (memory-hard, 2^15 × 8: about 32 MiB and a tenth of a second per try)
    and AES-256-GCM, armored as text. cryptography's PKCS#8 encryption would use PBKDF2 with
    2048 iterations, which makes guessing a stolen key file's passphrase cheap.
    """
    if not passphrase.strip():
        raise IllegalActionError("签名私钥的口令不能为空")
    secret = _secret(passphrase)
    if len(secret.decode("utf-8")) < MIN_PASSPHRASE_CHARS:
        raise IllegalActionError(f"签名私钥的口令太短：至少需要 {MIN_PASSPHRASE_CHARS} 个字符")
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(secret, salt, _SCRYPT_N)).encrypt(nonce, raw, _KEY_FORMAT.encode())
    body = json.dumps(
        {
            "format": _KEY_FORMAT,
            "kdf": "scrypt",
            "n": _SCRYPT_N,
            "r": 8,
            "p": 1,
            "salt": salt.hex(),
            "nonce": nonce.hex(),
            "sealed": sealed.hex(),
        },
        sort_keys=True,
    ).encode()
    armored = base64.encodebytes(body).decode("ascii")
    return f"{KEY_HEADER}\n{armored}{KEY_FOOTER}\n".encode("ascii"), _public_raw(key.public_key())


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 hex of the raw public key."""
    return hashlib.sha256(public_raw).hexdigest()


def signing_payload(
    *,
    docx_sha256: str,
    case_number: str,
    outcome: str,
    signed_at: datetime,
    signer: str,
    key_fingerprint: str,
    root_fingerprint: str,
    audit_head: tuple[int, str],
) -> bytes:
    """The canonical UTF-8 JSON bytes that are signed; ValueError on a caller's mistake.

    `audit_head` is the (seq, hash) of the newest audit entry at signing: the head vouches
    for the audit trail up to there, which no one without the head's key can re-sign."""
    if signed_at.tzinfo is None or signed_at.utcoffset() is None:
        # Without an offset the same text names different instants on different PCs.
        raise ValueError("signed_at must carry a time zone")
    fields = {
        "format": FORMAT,
        "docx_sha256": docx_sha256,
        "case": case_number,
        "outcome": outcome,
        "signed_at": signed_at.isoformat(timespec="seconds"),
        "signer": signer,
        "key": key_fingerprint,
        "root": root_fingerprint,
        "audit": f"{audit_head[0]}:{audit_head[1]}",
    }
    problems = _field_problems(fields)
    if problems:
        raise ValueError("; ".join(problems))
    return _canonical(fields)


def sign(payload: bytes, private_pem: bytes, passphrase: str) -> str:
    """Hex Ed25519 signature of `payload` with the key in `private_pem`."""
    key = _load_private_key(private_pem, passphrase)
    claimed = _claimed_key(payload)
    own = fingerprint(_public_raw(key.public_key()))
    if claimed is not None and claimed != own:
        # The payload names the key a verifier will look up; signing with another one would
        # produce a signature file that can never verify.
        raise IllegalActionError(
            f"签名内容登记的密钥指纹 {claimed[:16]}… 与所用私钥的指纹 {own[:16]}… 不一致，未签名"
        )
    return key.sign(payload).hex()


def verify(payload: bytes, signature_hex: str, public_raw: bytes) -> bool:
    """Whether `signature_hex` is a valid signature of `payload` by `public_raw`."""
    if not _SIGNATURE_HEX.fullmatch(signature_hex) or len(public_raw) != 32:
        return False
    claimed = _claimed_key(payload)
    if claimed is not None and claimed != fingerprint(public_raw):
        return False  # signed by a key other than the one the payload names
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(bytes.fromhex(signature_hex), payload)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SignatureFile:
    """What a signature file holds, read but not yet checked."""

    fields: dict[str, str]  # the payload's fields
    payload: bytes  # the exact bytes that were signed, re-derived
    signature: str  # hex
    certificate: object  # the signer's key certificate, as parsed JSON (office_root reads it)


def signature_document(payload: bytes, signature_hex: str, certificate: dict[str, str]) -> bytes:
    """The portable signature file: the payload fields plus "signature" and the signer's
    key "certificate" (`office_root.KeyCertificate.document()`), as UTF-8 JSON."""
    fields = _parse_payload(payload)
    if fields is None or _canonical(fields) != payload:
        raise ValueError("payload is not a canonical signing_payload()")
    if not _SIGNATURE_HEX.fullmatch(signature_hex):
        raise ValueError("signature must be 128 lowercase hex digits")
    if certificate.get("key") != fields["key"] or certificate.get("root") != fields["root"]:
        raise ValueError("the certificate is not for the key and root the payload names")
    document = {**fields, "signature": signature_hex, "certificate": certificate}
    # Indented for people who open it; the payload is re-derived canonically when read.
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


def read_signature_document(raw: bytes, *, source: str = "签名文件") -> SignatureFile:
    """The payload fields, exact payload bytes, signature and certificate of a signature
    file's bytes; BundleError naming what is wrong."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise BundleError(f"{source} 不是签名文件：大小 {len(raw)} 字节，超过上限")
    try:
        # utf-8-sig: Notepad may have added a BOM; the payload is re-derived, so it is harmless.
        document = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_refuse_duplicates)
    except UnicodeDecodeError:
        raise BundleError(f"{source} 无法读取：不是 UTF-8 文本") from None
    except _DuplicateKeyError as exc:
        raise BundleError(f"{source} 无效：字段 {exc.key} 出现了不止一次") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        where = (
            f"（第 {exc.lineno} 行第 {exc.colno} 列）"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise BundleError(f"{source} 无法读取：不是有效的 JSON{where}") from None
    if not isinstance(document, dict):
        raise BundleError(f"{source} 无效：顶层应是 JSON 对象")
    if document.get("format") in OLD_FORMATS:
        raise BundleError(
            f"{source} 是旧格式签名，不含办公室根证书（{document['format']}），无法核验；"
            "请签发人用本版本重新签发"
        )
    missing = sorted(_DOCUMENT_FIELDS - document.keys())
    unknown = sorted(document.keys() - _DOCUMENT_FIELDS)
    if missing:
        raise BundleError(f"{source} 无效：缺少字段 {'、'.join(missing)}")
    if unknown:
        raise BundleError(f"{source} 无效：含有未知字段 {'、'.join(unknown)}")
    certificate = document.pop("certificate")
    not_text = sorted(name for name, value in document.items() if not isinstance(value, str))
    if not_text:
        raise BundleError(f"{source} 无效：字段 {'、'.join(not_text)} 应是字符串")
    if document["format"] != FORMAT:
        raise BundleError(f"{source} 的格式 {document['format']!r} 不受支持，应为 {FORMAT}")
    signature_hex = document.pop("signature")
    problems = _field_problems(document)
    if not _SIGNATURE_HEX.fullmatch(signature_hex):
        problems.append("signature 应是 128 位小写十六进制数")
    if problems:
        raise BundleError(f"{source} 无效：{'；'.join(problems)}", details=problems)
    return SignatureFile(dict(document), _canonical(document), signature_hex, certificate)


class _DuplicateKeyError(ValueError):
    """A JSON object names the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last duplicate silently; two readers could then see different fields.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _field_problems(fields: dict[str, str]) -> list[str]:
    """Chinese descriptions of what is wrong with payload fields; empty when all is well."""
    problems = []
    if fields["format"] != FORMAT:
        problems.append(f"format 应为 {FORMAT}")
    for name in ("docx_sha256", "key", "root"):
        if not _SHA256_HEX.fullmatch(fields[name]):
            problems.append(f"{name} 应是 64 位小写十六进制数")
    for name in ("case", "outcome", "signer"):
        if not fields[name].strip():
            problems.append(f"{name} 不能为空")
    if not _is_canonical_time(fields["signed_at"]):
        problems.append("signed_at 应是精确到秒、带时区偏移的 ISO 8601 时间")
    if not _AUDIT_HEAD.fullmatch(fields["audit"]):
        problems.append("audit 应是“审计记录序号:64 位小写十六进制哈希”")
    return problems


def audit_head(fields: dict[str, str]) -> tuple[int, str]:
    """The (seq, hash) of the audit entry a checked payload's signer vouched for."""
    match = _AUDIT_HEAD.fullmatch(fields["audit"])
    if match is None:
        raise ValueError("not a checked payload")
    return int(match.group(1)), match.group(2)


def _is_canonical_time(text: str) -> bool:
    # Only the exact form signing_payload writes: anything else would re-derive other bytes.
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.utcoffset() is not None and moment.isoformat(timespec="seconds") == text


def _canonical(fields: dict[str, str]) -> bytes:
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


def _parse_payload(payload: bytes) -> dict[str, str] | None:
    """The fields of a payload made by signing_payload, or None for any other bytes."""
    try:
        fields = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if (
        not isinstance(fields, dict)
        or fields.keys() != set(PAYLOAD_FIELDS)
        or not all(isinstance(value, str) for value in fields.values())
        or _field_problems(fields)
    ):
        return None
    return fields


def _claimed_key(payload: bytes) -> str | None:
    """The key fingerprint a payload names, if it is one of ours."""
    fields = _parse_payload(payload)
    return fields["key"] if fields is not None else None


def _secret(passphrase: str) -> bytes:
    # NFC: the same Chinese passphrase typed through different input methods is the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _load_private_key(private_pem: bytes, passphrase: str) -> Ed25519PrivateKey:
    text = private_pem.decode("ascii", errors="replace").strip()
    if not text.startswith(KEY_HEADER) or not text.endswith(KEY_FOOTER):
        raise IllegalActionError("签名私钥已损坏或未加密：不是本工作站以口令加密的签名私钥")
    if not passphrase:
        raise WrongPassphrase()
    try:
        body = json.loads(base64.b64decode(text[len(KEY_HEADER) : -len(KEY_FOOTER)]))
        if body.get("format") != _KEY_FORMAT or body.get("kdf") != "scrypt":
            raise ValueError("format")
        kek = _kek(_secret(passphrase), bytes.fromhex(body["salt"]), int(body["n"]))
        raw = AESGCM(kek).decrypt(
            bytes.fromhex(body["nonce"]), bytes.fromhex(body["sealed"]), _KEY_FORMAT.encode()
        )
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error, UnsupportedAlgorithm):
        # from None: the cryptography traceback says nothing the user can act on. A damaged
        # key body fails the same way as a wrong passphrase, hence the second clause.
        raise WrongPassphrase() from None


def _kek(secret: bytes, salt: bytes, n: int) -> bytes:
    """The key that seals the private key, from the passphrase (memory-hard)."""
    if n < 2**14 or n > 2**20:
        raise ValueError("scrypt cost out of range")
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(secret)


def _public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
