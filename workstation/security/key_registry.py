"""The registered public keys of division heads, by which signed opinions are verified."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.security.signing import fingerprint
from workstation.store.review_models import SigningKey, User


def register_key(session: Session, user: User, public_raw: bytes, at: datetime) -> SigningKey:
    """Register `user`'s public key; earlier keys of the user stop being used to sign."""
    if "division_head" not in user.roles:
        raise IllegalActionError(f"用户 {user.login} 不是法制机构负责人，不能登记签名密钥")
    retire_keys(session, user)
    key = SigningKey(
        user_id=user.id,
        fingerprint=fingerprint(public_raw),
        public_key=public_raw.hex(),
        created_at=at,
        active=True,
    )
    session.add(key)
    session.flush()
    return key


def retire_keys(session: Session, user: User) -> list[str]:
    """Stop `user`'s keys from signing; returns the fingerprints retired. Retired keys stay
    registered, so what they signed stays verifiable."""
    retired = []
    for old in session.scalars(
        select(SigningKey).where(SigningKey.user_id == user.id, SigningKey.active.is_(True))
    ):
        old.active = False
        retired.append(old.fingerprint)
    return retired


def active_key(session: Session, user: User) -> SigningKey:
    key = session.scalar(
        select(SigningKey).where(SigningKey.user_id == user.id, SigningKey.active.is_(True))
    )
    if key is None:
        raise IllegalActionError(
            f"{user.display_name}（{user.login}）尚未登记签名密钥，"
            f"请先用 workstation keys add {user.login} 登记"
        )
    return key


def key_by_fingerprint(session: Session, print_: str) -> SigningKey | None:
    """Any registered key, active or retired: old signatures stay verifiable."""
    return session.scalar(select(SigningKey).where(SigningKey.fingerprint == print_))


def list_keys(session: Session) -> list[SigningKey]:
    return list(session.scalars(select(SigningKey).order_by(SigningKey.id)))
