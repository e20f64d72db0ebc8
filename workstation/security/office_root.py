"""The office root key: it certifies each division head's signing key with a validity window.

A signed opinion's `.sig.json` carries the head's certificate, so a verifier needs only the
root's fingerprint — never this office's database, which someone with the data folder can
edit. The root private key is sealed with the administrator's passphrase exactly like a
head's key (`signing.generate_keypair`).

A certificate is canonical JSON (the same form as the signed payload) of the fields below,
signed by the root; its text form adds "signature". Pure functions: no database, no clock.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workstation.errors import BundleError, IllegalActionError
from workstation.security import signing

FORMAT = "legal-review-key-certificate/1"
# A certificate is about 700 bytes; the cap keeps a hostile one from costing much.
MAX_CERTIFICATE_BYTES = 8 * 1024
MAX_TEXT_CHARS = 200  # office, login and name
FIELDS = (
    "format",
    "office",
    "root",
    "root_public",
    "login",
    "name",
    "key",
    "public_key",
    "valid_from",
    "valid_until",
)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SIGNATURE_HEX = re.compile(r"[0-9a-f]{128}")
_WRONG_ROOT_PASSPHRASE = "办公室根密钥的口令不正确，无法签发密钥证书；请核对口令后重试"


class WrongRootPassphrase(IllegalActionError):
    """The passphrase does not open the office root key."""

    def __init__(self) -> None:
        super().__init__(_WRONG_ROOT_PASSPHRASE)


@dataclass(frozen=True)
class KeyCertificate:
    """A head's public key as the office root vouches for it."""

    office: str
    root: str  # fingerprint of the root public key
    root_public: str  # hex
    login: str
    name: str
    key: str  # fingerprint of the head's public key
    public_key: str  # hex
    valid_from: str  # ISO 8601, UTC, to the second
    valid_until: str
    signature: str  # the root's Ed25519 signature of `canonical()`, hex

    def fields(self) -> dict[str, str]:
        return {
            "format": FORMAT,
            "office": self.office,
            "root": self.root,
            "root_public": self.root_public,
            "login": self.login,
            "name": self.name,
            "key": self.key,
            "public_key": self.public_key,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
        }

    def canonical(self) -> bytes:
        """The bytes the root signs."""
        return _canonical(self.fields())

    def document(self) -> dict[str, str]:
        """The certificate as carried in a signature file: the fields plus "signature"."""
        return {**self.fields(), "signature": self.signature}

    def text(self) -> str:
        """The certificate as stored in the database (canonical JSON with its signature)."""
        return _canonical(self.document()).decode("utf-8")

    @property
    def window(self) -> tuple[datetime, datetime]:
        return datetime.fromisoformat(self.valid_from), datetime.fromisoformat(self.valid_until)


def utc_text(moment: datetime) -> str:
    """An instant as certificates write it: UTC, to the second (ValueError if naive)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a certificate time must carry a time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat(timespec="seconds")


def certify(
    *,
    root_private: bytes,
    root_passphrase: str,
    root_public: bytes,
    office: str,
    login: str,
    name: str,
    public_key: bytes,
    valid_from: datetime,
    valid_until: datetime,
) -> KeyCertificate:
    """The root's certificate for `login`'s `public_key`, valid within the window.

    `valid_from` is cut to the second (downwards), so a signature made in that very second,
    whose time is cut the same way, falls inside it."""
    if valid_until <= valid_from:
        raise IllegalActionError("密钥证书的有效期应晚于其生效时间")
    unsigned = KeyCertificate(
        office=office,
        root=signing.fingerprint(root_public),
        root_public=root_public.hex(),
        login=login,
        name=name,
        key=signing.fingerprint(public_key),
        public_key=public_key.hex(),
        valid_from=utc_text(valid_from),
        valid_until=utc_text(valid_until),
        signature="",
    )
    problems = _problems(unsigned.fields())
    if problems:
        raise IllegalActionError(f"无法签发密钥证书：{'；'.join(problems)}")
    try:
        signature = signing.sign(unsigned.canonical(), root_private, root_passphrase)
    except signing.WrongPassphrase:
        raise WrongRootPassphrase() from None
    certificate = KeyCertificate(**{**_without_format(unsigned.fields()), "signature": signature})
    if not signing.verify(certificate.canonical(), signature, root_public):
        # The sealed root key is not the one the database names: a certificate nobody can check.
        raise IllegalActionError(
            "本机保存的办公室根私钥与数据库登记的根公钥不一致，未签发密钥证书；"
            "请管理员核对或重新创建办公室根密钥"
        )
    return certificate


def read_certificate(doc: object, *, source: str = "密钥证书") -> KeyCertificate:
    """A certificate from a signature file's object or the database's text; BundleError
    naming what is wrong. Reading proves nothing: `check_certificate` does."""
    if isinstance(doc, bytes | str):
        raw = doc.encode("utf-8") if isinstance(doc, str) else doc
        if len(raw) > MAX_CERTIFICATE_BYTES:
            raise BundleError(f"{source} 无效：大小 {len(raw)} 字节，超过上限")
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise BundleError(f"{source} 无法读取：不是有效的 JSON") from None
    if not isinstance(doc, dict):
        raise BundleError(f"{source} 无效：应是 JSON 对象")
    expected = {*FIELDS, "signature"}
    missing = sorted(expected - doc.keys())
    unknown = sorted(str(name) for name in doc.keys() - expected)
    if missing:
        raise BundleError(f"{source} 无效：缺少字段 {'、'.join(missing)}")
    if unknown:
        raise BundleError(f"{source} 无效：含有未知字段 {'、'.join(unknown)}")
    not_text = sorted(name for name, value in doc.items() if not isinstance(value, str))
    if not_text:
        raise BundleError(f"{source} 无效：字段 {'、'.join(not_text)} 应是字符串")
    if doc["format"] != FORMAT:
        raise BundleError(f"{source} 的格式 {doc['format']!r} 不受支持，应为 {FORMAT}")
    problems = _problems(doc)
    if not _SIGNATURE_HEX.fullmatch(doc["signature"]):
        problems.append("signature 应是 128 位小写十六进制数")
    if problems:
        raise BundleError(f"{source} 无效：{'；'.join(problems)}", details=problems)
    return KeyCertificate(**_without_format(doc))


def check_certificate(
    certificate: KeyCertificate, trusted_root: str, signed_at: datetime
) -> str | None:
    """Why `certificate` does not vouch for a signature made at `signed_at` under the root
    whose fingerprint is `trusted_root` (Chinese), or None when it does."""
    if certificate.root != trusted_root:
        return (
            f"签名人的密钥证书由办公室根密钥 {certificate.root[:16]}…（{certificate.office}）签发，"
            f"不是所信任的根密钥 {trusted_root[:16]}…"
        )
    root_public = bytes.fromhex(certificate.root_public)
    if signing.fingerprint(root_public) != trusted_root:
        return "密钥证书中的根公钥与所信任的根密钥指纹不符"
    if not signing.verify(certificate.canonical(), certificate.signature, root_public):
        return "密钥证书的根签名无效：证书被改动过，或不是该办公室根密钥签发的"
    if signing.fingerprint(bytes.fromhex(certificate.public_key)) != certificate.key:
        return "密钥证书中的公钥与其指纹不符"
    valid_from, valid_until = certificate.window
    if signed_at < valid_from:
        return (
            f"签名时间 {signed_at.isoformat()} 早于签名密钥证书的生效时间 "
            f"{certificate.valid_from}（密钥当时尚未登记）"
        )
    if signed_at > valid_until:
        return (
            f"签名时间 {signed_at.isoformat()} 晚于签名密钥证书的到期时间 {certificate.valid_until}"
        )
    return None


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (upper case, spaces or colons allowed) in its stored form;
    IllegalActionError unless it is all 64 hex digits."""
    cleaned = re.sub(r"[\s:]", "", text).lower()
    if not _HEX64.fullmatch(cleaned):
        raise IllegalActionError(
            f"根密钥指纹 {text!r} 无效：应是 64 位十六进制数（workstation office-root show 显示的指纹）"
        )
    return cleaned


def _problems(fields: dict[str, Any]) -> list[str]:
    problems = []
    for name in ("root", "key"):
        if not _HEX64.fullmatch(fields[name]):
            problems.append(f"{name} 应是 64 位小写十六进制数")
    for name in ("root_public", "public_key"):
        if not _HEX64.fullmatch(fields[name]):  # a raw Ed25519 public key is 32 bytes
            problems.append(f"{name} 应是 64 位小写十六进制数")
    for name in ("office", "login", "name"):
        value = fields[name]
        if not value.strip() or len(value) > MAX_TEXT_CHARS or not value.isprintable():
            problems.append(f"{name} 应是不超过 {MAX_TEXT_CHARS} 个字符的可打印文字")
    times = []
    for name in ("valid_from", "valid_until"):
        moment = _utc_time(fields[name])
        if moment is None:
            problems.append(f"{name} 应是精确到秒的 UTC 时间（ISO 8601，+00:00）")
        times.append(moment)
    if times[0] is not None and times[1] is not None and times[1] <= times[0]:
        problems.append("valid_until 应晚于 valid_from")
    return problems


def _utc_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.utcoffset() is None or moment.utcoffset().total_seconds() != 0:  # type: ignore[union-attr]
        return None
    return moment if moment.isoformat(timespec="seconds") == text else None


def _without_format(fields: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if name != "format"}


def _canonical(fields: dict[str, str]) -> bytes:
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")
