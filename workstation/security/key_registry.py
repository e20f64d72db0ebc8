"""The registered public keys of division heads, by which signed opinions are verified."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.security.signing import fingerprint
from workstation.security.users import actor_for, find_user
from workstation.store.review_models import SigningKey, User


def key_owner(session: Session, login: str, *, by: str) -> User:
    """The head `login` whose signing key `by` may register, replace or retire: a system
    administrator's for anyone, a division head's own; any other actor is refused."""
    acting = actor_for(session, by, "keys.manage")
    owner = find_user(session, login)
    if owner is None:
        raise IllegalActionError(f"用户 {login} 未登记")
    roles = acting.user.roles if acting.user is not None else []
    if acting.login != owner.login and "administrator" not in roles:
        raise IllegalActionError(
            f"用户 {by} 只能管理自己的签名密钥；为 {owner.display_name}（{owner.login}）"
            "登记、更换或停用签名密钥须由系统管理员办理"
        )
    return owner


def register_key(session: Session, user: User, public_raw: bytes, at: datetime) -> SigningKey:
    """Register `user`'s public key; earlier keys of the user stop being used to sign. Who
    may ask for it is `key_owner`'s to check (the service does, before this)."""
    if "division_head" not in user.roles:
        raise IllegalActionError(f"用户 {user.login} 不是法制机构负责人，不能登记签名密钥")
    _retire(session, user)
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


def retire_keys(session: Session, user: User, *, by: str) -> list[str]:
    """Stop `user`'s keys from signing, if `by` may (`key_owner`); returns the fingerprints
    retired. Retired keys stay registered, so what they signed stays verifiable."""
    key_owner(session, user.login, by=by)
    return _retire(session, user)


def _retire(session: Session, user: User) -> list[str]:
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
