"""Audit checkpoints signed by the office root (issue 17, C2).

An administrator runs `workstation audit checkpoint --out FILE` now and then (weekly, say):
the newest audit entry's number and hash, signed with the office root key, go into FILE —
to be kept off this PC (a USB stick, a printout) — and into the audit trail itself.
`audit verify` checks the checkpoints the trail records, and any FILE it is given: whoever
rewrites the trail and recomputes its hashes cannot re-sign them. Deleting the recorded
checkpoints along with the rewrite is caught only by a FILE kept elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.security import audit, signing
from workstation.security.key_registry import current_root, root_by_fingerprint
from workstation.security.keystore import OFFICE_ROOT, KeyStore
from workstation.security.office_root import WrongRootPassphrase
from workstation.store.db import Database
from workstation.store.models import AuditEntry

FORMAT = "legal-review-audit-checkpoint/1"
ACTION = "audit.checkpoint"
_FIELDS = ("format", "office", "root", "seq", "hash", "at")
MAX_FILE_BYTES = 8 * 1024


@dataclass(frozen=True)
class Checkpoint:
    """What a checkpoint says: entry `seq` had `hash`, signed by the root `root` at `at`."""

    office: str
    root: str
    seq: int
    hash: str
    at: str
    signature: str

    def payload(self) -> bytes:
        fields = {
            "format": FORMAT,
            "office": self.office,
            "root": self.root,
            "seq": str(self.seq),
            "hash": self.hash,
            "at": self.at,
        }
        return json.dumps(
            fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode()

    def document(self) -> bytes:
        body = {**json.loads(self.payload()), "signature": self.signature}
        return (json.dumps(body, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def make_checkpoint(
    db: Database, keys: KeyStore, root_passphrase: str, *, actor: str, at: datetime
) -> Checkpoint:
    """Sign the newest audit entry with the office root and record it (administrators;
    who may is the caller's to check). A wrong root passphrase is audited and refused."""
    try:
        with db.write("记录审计检查点") as session:
            root = current_root(session)
            if root is None:
                raise IllegalActionError(
                    "本办公室尚未创建办公室根密钥，无法签署审计检查点；"
                    "请先用 workstation office-root create 创建"
                )
            last = audit.last_entry(session)
            if last is None:
                raise IllegalActionError("审计记录为空，无需检查点")
            unsigned = Checkpoint(root.office, root.fingerprint, last.seq, last.hash, _text(at), "")
            try:
                signature = signing.sign(
                    unsigned.payload(), keys.load(OFFICE_ROOT), root_passphrase
                )
            except signing.WrongPassphrase:
                raise WrongRootPassphrase() from None
            checkpoint = Checkpoint(**{**vars(unsigned), "signature": signature})
            details = {**vars(checkpoint)}
            audit.append(session, at=at, actor=actor, action=ACTION, details=details)
    except WrongRootPassphrase:
        with db.write("记录根密钥口令错误") as session:
            audit.append(
                session,
                at=at,
                actor=actor,
                action="office_root.wrong_passphrase",
                details={"for": ACTION},
            )
        raise
    return checkpoint


def read_checkpoint(raw: bytes, source: str) -> Checkpoint:
    """A checkpoint file's content; IllegalActionError naming what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise IllegalActionError(f"{source} 不是审计检查点文件（超过 {MAX_FILE_BYTES} 字节）")
    try:
        body = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise IllegalActionError(f"{source} 不是审计检查点文件（不是 JSON 文本）") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise IllegalActionError(f"{source} 不是审计检查点文件（格式应为 {FORMAT}）")
    if body.keys() != {*_FIELDS, "signature"} or not all(isinstance(v, str) for v in body.values()):
        raise IllegalActionError(f"{source} 的字段不完整或不是文本")
    if not body["seq"].isdigit():
        raise IllegalActionError(f"{source} 的 seq 应为审计记录序号")
    return Checkpoint(
        body["office"], body["root"], int(body["seq"]), body["hash"], body["at"], body["signature"]
    )


def checkpoint_problem(session: Session, checkpoint: Checkpoint, where: str) -> str | None:
    """Why the trail no longer holds what `checkpoint` vouches for (Chinese), or None.
    The root must be one of this office's (current or replaced)."""
    root = root_by_fingerprint(session, checkpoint.root)
    if root is None:
        return f"{where}由办公室根密钥 {checkpoint.root[:16]}… 签署，不是本办公室的根密钥"
    if not signing.verify(
        checkpoint.payload(), checkpoint.signature, bytes.fromhex(root.public_key)
    ):
        return f"{where}的签名无效（检查点被改动过）"
    return audit.vouched_entry_problem(session, checkpoint.seq, checkpoint.hash, where)


def recorded_problems(session: Session) -> list[str]:
    """Every checkpoint the trail records, checked against the trail (Chinese lines)."""
    problems = []
    for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.action == ACTION).order_by(AuditEntry.seq)
    ):
        where = f"第 {entry.seq} 条审计记录中的检查点"
        try:
            checkpoint = Checkpoint(**{k: entry.details[k] for k in _RECORDED})
        except (KeyError, TypeError):
            problems.append(f"{where}不完整")
            continue
        problem = checkpoint_problem(session, checkpoint, where)
        if problem:
            problems.append(problem)
    return problems


_RECORDED = ("office", "root", "seq", "hash", "at", "signature")


def _text(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("a checkpoint's time must carry a time zone")
    return at.isoformat(timespec="seconds")
