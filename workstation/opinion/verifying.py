"""Checking a signed opinion: through the office root alone.

The signature file carries the head's key certificate; the check trusts one root
fingerprint (given, or this office's) and nothing else the database says about keys. Only
when the trusted root is one of this office's own does it also ask when the key retired.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import BundleError, WorkstationError
from workstation.os_errors import os_error_text
from workstation.review.workflow_rules import OUTCOMES
from workstation.security import office_root, signing
from workstation.security.key_registry import (
    current_root,
    key_by_fingerprint,
    root_by_fingerprint,
)
from workstation.store.db import Database
from workstation.store.review_models import Opinion
from workstation.timefmt import office_time

# Verification.problem says what is wrong; the front end says 签名无效 before it, once.
SIGNATURE_MISMATCH = "签名与内容或签名人的公钥不符"


@dataclass(frozen=True)
class Verification:
    """What checking a signed opinion found."""

    valid: bool
    problem: str | None
    case: str | None = None
    outcome: str | None = None
    signer: str | None = None
    signed_at: str | None = None
    signer_name: str | None = None  # the name the signer's certificate gives
    trusted_root: str | None = None  # the office root fingerprint this check trusted
    trusted_office: str | None = None  # that root's office, when known

    def lines(self) -> list[str]:
        """What `opinion verify` prints and the desktop shows."""
        if self.valid:
            outcome = OUTCOMES.get(self.outcome or "", self.outcome)
            said = [
                f"签名有效：{self.case}，{outcome}，"
                f"由 {self.signer_name}（{self.signer}）于 {self.signed_at} 签发"
            ]
        else:
            said = [f"签名无效：{self.problem}"]
        if self.trusted_root:
            office = f"{self.trusted_office} " if self.trusted_office else ""
            said.append(f"信任的办公室根密钥：{office}{self.trusted_root}")
        return said


def verify_signed_file(
    db: Database,
    path: Path,
    trusted_root: str | None,
    stored: Callable[[str, str], bytes],
) -> Verification:
    """Check the signed opinion `path` (its .sig.json beside it, else the filed signature
    of a DOCX with the same hash, read by `stored`) through the office root `trusted_root`
    (a fingerprint), or else this office's own root."""
    trusted = office_root.normalise_fingerprint(trusted_root) if trusted_root else None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"无法读取 {path}：{os_error_text(exc)}") from exc
    docx_sha = hashlib.sha256(data).hexdigest()
    sidecar = path.with_name(path.name + ".sig.json")
    with db.session() as session:
        own = root_by_fingerprint(session, trusted) if trusted else current_root(session)
        trusted = trusted or (own.fingerprint if own is not None else None)
        office = own.office if own is not None else None
        if sidecar.is_file():
            try:
                raw = sidecar.read_bytes()
            except OSError as exc:
                raise BundleError(f"无法读取 {sidecar}：{os_error_text(exc)}") from exc
            source = sidecar.name
        else:
            opinion = session.scalar(select(Opinion).where(Opinion.docx_sha256 == docx_sha))
            if opinion is None or opinion.signature_sha256 is None:
                return Verification(
                    False,
                    f"找不到 {path.name} 的签名（既没有 {sidecar.name}，"
                    f"本机也没有签发过内容相同的意见书）",
                    trusted_root=trusted,
                    trusted_office=office,
                )
            raw = stored(opinion.signature_sha256, opinion.number)
            source = f"本机存档的 {opinion.number} 签名"
        try:
            document = signing.read_signature_document(raw, source=source)
        except BundleError as exc:  # a damaged signature document proves nothing
            return Verification(False, exc.message, trusted_root=trusted, trusted_office=office)
        fields = document.fields

        def invalid(problem: str) -> Verification:
            return Verification(
                False,
                problem,
                fields["case"],
                fields["outcome"],
                fields["signer"],
                fields["signed_at"],
                trusted_root=trusted,
                trusted_office=office,
            )

        if fields["docx_sha256"] != docx_sha:
            return invalid(f"{path.name} 的内容与签名不符（文件已被改动）")
        if trusted is None:
            return invalid(
                "本机尚未创建办公室根密钥，不知道该信任哪个办公室的根密钥；"
                "请用 --root 指定签发办公室的根密钥指纹，"
                "或由管理员用 workstation office-root create 创建本办公室的根密钥"
            )
        try:
            certificate = office_root.read_certificate(
                document.certificate, source=f"{source} 中的密钥证书"
            )
        except BundleError as exc:
            return invalid(exc.message)
        if certificate.root != fields["root"] or certificate.key != fields["key"]:
            return invalid("签名内容所列的根密钥或签名密钥与所附的密钥证书不符")
        signed_at = datetime.fromisoformat(fields["signed_at"])
        problem = office_root.check_certificate(certificate, trusted, signed_at)
        if problem:
            return invalid(problem)
        office = office or certificate.office  # vouched for by the trusted root now
        if certificate.login != fields["signer"]:
            return invalid(
                f"签名者 {fields['signer']} 与密钥证书所属用户 {certificate.login} 不一致"
            )
        if not signing.verify(
            document.payload, document.signature, bytes.fromhex(certificate.public_key)
        ):
            return invalid(SIGNATURE_MISMATCH)
        if own is not None:  # the issuing office knows its keys and what it signed
            problem = _retirement_problem(session, certificate, signed_at) or _filing_problem(
                session, docx_sha, document.payload, stored
            )
            if problem:
                return invalid(problem)
    return Verification(
        True,
        None,
        fields["case"],
        fields["outcome"],
        fields["signer"],
        fields["signed_at"],
        certificate.name,
        trusted_root=trusted,
        trusted_office=office,
    )


def _filing_problem(
    session: Session, docx_sha: str, payload: bytes, stored: Callable[[str, str], bytes]
) -> str | None:
    """On the issuing office: every signature it made is filed with its opinion, so a signed
    statement (the payload: document, signer, time, audit head) it did not file was made
    outside the workstation — with a copied key file, say, dated back into the key's active
    period (M6), which the certificate alone cannot tell."""
    filed = session.execute(
        select(Opinion.signature_sha256, Opinion.number).where(
            Opinion.docx_sha256 == docx_sha, Opinion.signature_sha256.is_not(None)
        )
    ).all()
    for signature_sha, number in filed:
        try:
            document = signing.read_signature_document(stored(str(signature_sha), number))
        except WorkstationError:
            continue  # a damaged or missing filed copy is `verify`'s to report
        if document.payload == payload:
            return None
    return (
        "本办公室没有签发过这份签名：它不在本办公室的签发存档中"
        "（可能是在工作站之外用复制的签名密钥签的）"
    )


def _retirement_problem(
    session: Session, certificate: office_root.KeyCertificate, signed_at: datetime
) -> str | None:
    """On the office whose root issued `certificate`: why a signature at `signed_at` by its
    key is not one the office allowed (the key stopped signing, or was never registered)."""
    key = key_by_fingerprint(session, certificate.key)
    if key is None:
        return f"签名密钥 {certificate.key[:16]}… 虽有本办公室根密钥的证书，但本机没有它的登记记录"
    if key.retired_at is not None and signed_at >= key.retired_at:
        return (
            f"签名时间 {signed_at.isoformat()} 晚于该签名密钥停用的时间 "
            f"{office_time(key.retired_at).isoformat(timespec='seconds')}"
            "（密钥已更换或已用 keys remove 停用）"
        )
    return None
