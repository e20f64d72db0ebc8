"""The audit trail as the heads' signatures vouch for it (issue 17, C2).

Every signed opinion's signed payload names the newest audit entry at signing (its number
and hash). Whoever can write the data folder can edit the audit table and recompute every
hash after the edit, and rewrite the head file too — but not re-sign the opinions: so an
entry a signature vouches for must still be there with that hash, or the trail before it
was rewritten. Pure over the session; the filed signature files are read by the caller's
`read_filed` (the evidence store).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import BundleError, IllegalActionError, StorageError
from workstation.security import audit, office_root, signing
from workstation.security.key_registry import root_by_fingerprint
from workstation.store.models import Case
from workstation.store.review_models import Opinion


def audit_head_now(session: Session) -> tuple[int, str]:
    """The (seq, hash) of the newest audit entry, for a signature to vouch for."""
    last = audit.last_entry(session)
    if last is None:
        raise IllegalActionError("审计记录为空，无法签发：请先运行 workstation audit verify 检查")
    return last.seq, last.hash


def check_signed_heads(session: Session, read_filed: Callable[[str], bytes]) -> list[str]:
    """Why the audit trail disagrees with what the filed signatures vouch for (Chinese, one
    line each); empty when every signed head is still in the chain with its hash."""
    problems: list[str] = []
    rows = session.execute(
        select(Opinion, Case.number)
        .join(Case, Case.id == Opinion.case_id)
        .where(Opinion.signature_sha256.is_not(None))
        .order_by(Opinion.id)
    )
    for opinion, number in rows:
        what = f"案件 {number} 第 {opinion.revision} 版意见书（{opinion.number}）"
        assert opinion.signature_sha256 is not None
        try:
            raw = read_filed(opinion.signature_sha256)
            document = signing.read_signature_document(raw, source=f"{what}的签名文件")
        except (BundleError, StorageError, OSError) as exc:
            problems.append(f"{what}：签名文件无法读取或无效（{_text(exc)}）")
            continue
        problem = _vouched(session, document)
        if problem:
            problems.append(f"{what}：{problem}")
            continue
        seq, digest = signing.audit_head(document.fields)
        problem = audit.vouched_entry_problem(session, seq, digest, f"{what}签发时")
        if problem:
            problems.append(problem)
    return problems


def _vouched(session: Session, document: signing.SignatureFile) -> str | None:
    """Why the signature file is not one a head of this office made, or None."""
    try:
        certificate = office_root.read_certificate(document.certificate)
    except BundleError as exc:
        return exc.message
    if root_by_fingerprint(session, certificate.root) is None:
        return f"签名所用的密钥证书不是本办公室的根密钥（{certificate.root[:16]}…）签发的"
    signed_at = datetime.fromisoformat(document.fields["signed_at"])
    problem = office_root.check_certificate(certificate, certificate.root, signed_at)
    if problem:
        return problem
    if certificate.key != document.fields["key"] or not signing.verify(
        document.payload, document.signature, bytes.fromhex(certificate.public_key)
    ):
        return "签名无效（签名文件被改动过）"
    return None


def _text(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) else str(exc)
