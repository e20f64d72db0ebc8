"""SQLAlchemy models of the review: users, the checklist, decisions on findings, workflow
transitions, collective-discussion minutes, written opinions, signing keys and the office
root that certifies them.

Everything here is what the office adds; none of it touches the imported case rows or the
evidence. Checklist data belongs to a case version (a resubmitted version is reviewed
afresh); workflow and opinions belong to the case.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workstation.store.models import SHA256, Base


class User(Base):
    """Someone who uses the workstation, with the roles that decide what they may do."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    # The name as it appears in case files: used for recusal (回避) against officers.
    display_name: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    # scrypt$n$r$p$salt$hash (security/passwords.py); None until an administrator sets one.
    password_hash: Mapped[str | None] = mapped_column(Text)
    password_set_at: Mapped[datetime | None]
    # Set by someone else (an administrator's reset): the user must choose a new password
    # before doing anything else, so a password someone else knows is not theirs for long.
    password_change_due: Mapped[bool] = mapped_column(default=False, server_default=false())


class CaseReview(Base):
    """The review of one case: who reviews it, its deadline and how the dispute went."""

    __tablename__ = "case_reviews"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    extension_requested: Mapped[bool] = mapped_column(default=False)
    extensions: Mapped[int] = mapped_column(default=0)
    re_reviews: Mapped[int] = mapped_column(default=0)
    negotiations: Mapped[int] = mapped_column(default=0)
    discussed: Mapped[bool] = mapped_column(default=False)  # the heads' decision ends the dispute
    outcome: Mapped[str | None] = mapped_column(String(16))  # approve, return, reject
    outcome_reasons: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]

    reviewer: Mapped[User | None] = relationship()


class SectionReview(Base):
    """The reviewer's verdict and comment on one checklist section of one version."""

    __tablename__ = "section_reviews"
    __table_args__ = (UniqueConstraint("version_id", "section", name="version_section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    verdict: Mapped[str | None] = mapped_column(String(8))  # ok, issue, n/a
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Citation(Base):
    """Where the reviewer's point is in the file: a page (and rectangle) of a document, or a
    time range of a recording in media time (shown on the case clock with the offset)."""

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # document, recording
    target: Mapped[str] = mapped_column(String(64))  # the document or recording id
    page: Mapped[int | None]  # 1-based
    rect: Mapped[list[Any] | None]  # [x0, y0, x1, y1] in PDF points
    start_ms: Mapped[int | None]
    end_ms: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class FindingDecision(Base):
    """The reviewer accepting or dismissing one automatic finding (by its fingerprint)."""

    __tablename__ = "finding_decisions"
    __table_args__ = (UniqueConstraint("version_id", "fingerprint", name="version_fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(SHA256)
    rule: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16))  # accepted, dismissed
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime]
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Transition(Base):
    """One step of the workflow: who did what, when, from which state to which."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(Text)  # the login, kept even if the user goes
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DiscussionMinutes(Base):
    """The agency heads' collective discussion of a disputed review (集体讨论)."""

    __tablename__ = "discussion_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    held_on: Mapped[date]
    attendees: Mapped[list[str]] = mapped_column(default=list)
    decision: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))  # approve, return, reject
    opinion_adopted: Mapped[bool]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Opinion(Base):
    """One revision of the written opinion (法制审核意见书); a signed one is never changed."""

    __tablename__ = "opinions"
    __table_args__ = (UniqueConstraint("case_id", "revision", name="case_revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"))
    revision: Mapped[int]
    number: Mapped[str] = mapped_column(Text)  # the opinion's document number (文号)
    texts: Mapped[dict[str, Any]] = mapped_column(default=dict)  # edited free-text parts
    outcome: Mapped[str] = mapped_column(String(16))
    docx_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None]
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    key_fingerprint: Mapped[str | None] = mapped_column(SHA256)
    signature: Mapped[str | None] = mapped_column(Text)  # hex Ed25519 signature
    signature_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))


class SigningKey(Base):
    """A division head's registered public key; the private key never enters the database."""

    __tablename__ = "signing_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(SHA256, unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 public key, hex
    created_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(default=True)
    # When it stopped signing (replaced or `keys remove`); a signature dated later is refused.
    retired_at: Mapped[datetime | None]
    # The office root's certificate (office_root.KeyCertificate.text()); signing carries it.
    certificate: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship()


class OfficeRoot(Base):
    """The office root's public key, which certifies the heads' keys. The private key is
    sealed in the key store; replacing the root retires the row instead of deleting it."""

    __tablename__ = "office_roots"

    id: Mapped[int] = mapped_column(primary_key=True)
    office: Mapped[str] = mapped_column(Text)  # the office's name, as certificates carry it
    fingerprint: Mapped[str] = mapped_column(SHA256, unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 public key, hex
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[datetime | None]
