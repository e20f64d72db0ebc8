"""The registered public keys of division heads and the office root that certifies them.

A signature is verified through the certificate it carries (`office_root`), not through
these rows; they say which key a head signs with now, and when each stopped signing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import BundleError, IllegalActionError
from workstation.security import office_root
from workstation.security.keystore import OFFICE_ROOT, KeyStore
from workstation.security.office_root import KeyCertificate
from workstation.security.signing import fingerprint
from workstation.security.users import actor_for, find_user
from workstation.store.review_models import OfficeRoot, SigningKey, User

DEFAULT_VALID_DAYS = 1095  # three years: a head's term, roughly


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


def current_root(session: Session) -> OfficeRoot | None:
    """The office root that certifies keys now (None until an administrator creates one)."""
    return session.scalar(select(OfficeRoot).where(OfficeRoot.retired_at.is_(None)))


def root_by_fingerprint(session: Session, print_: str) -> OfficeRoot | None:
    """One of this office's roots, current or replaced."""
    return session.scalar(select(OfficeRoot).where(OfficeRoot.fingerprint == print_))


def add_root(
    session: Session, office: str, public_raw: bytes, at: datetime, by: User
) -> OfficeRoot:
    """Make `public_raw` the office root from `at`; the current one (if any) retires."""
    old = current_root(session)
    if old is not None:
        old.retired_at = at
        session.flush()
    root = OfficeRoot(
        office=office,
        fingerprint=fingerprint(public_raw),
        public_key=public_raw.hex(),
        created_at=at,
        created_by=by.id,
    )
    session.add(root)
    session.flush()
    return root


def active_fingerprints(session: Session, user: User) -> list[str]:
    """The keys `user` signs with now (registering another retires them)."""
    return list(
        session.scalars(
            select(SigningKey.fingerprint).where(
                SigningKey.user_id == user.id, SigningKey.active.is_(True)
            )
        )
    )


def certify_key(
    session: Session,
    keys: KeyStore,
    user: User,
    public_raw: bytes,
    root_passphrase: str,
    at: datetime,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> KeyCertificate:
    """The current office root's certificate for `user`'s key, valid from `at` for
    `valid_days`; the root's sealed private key is opened with `root_passphrase`."""
    root = current_root(session)
    if root is None:
        raise IllegalActionError(
            "本办公室尚未创建办公室根密钥，无法为签名密钥签发证书；"
            "请管理员先用 workstation office-root create 创建"
        )
    if not 1 <= valid_days <= 3660:
        raise IllegalActionError(f"密钥证书的有效天数应在 1 至 3660 之间，实际为 {valid_days}")
    return office_root.certify(
        root_private=keys.load(OFFICE_ROOT),
        root_passphrase=root_passphrase,
        root_public=bytes.fromhex(root.public_key),
        office=root.office,
        login=user.login,
        name=user.display_name,
        public_key=public_raw,
        valid_from=at,
        valid_until=at + timedelta(days=valid_days),
    )


def register_key(
    session: Session, user: User, certificate: KeyCertificate, at: datetime
) -> SigningKey:
    """Register `user`'s certified public key; earlier keys of the user stop signing at
    `at`. Who may ask for it is `key_owner`'s to check (the service does, before this)."""
    if "division_head" not in user.roles:
        raise IllegalActionError(f"用户 {user.login} 不是法制机构负责人，不能登记签名密钥")
    if certificate.login != user.login:
        raise IllegalActionError(
            f"密钥证书是为用户 {certificate.login} 签发的，不能登记为 {user.login} 的签名密钥"
        )
    _retire(session, user, at)
    key = SigningKey(
        user_id=user.id,
        fingerprint=certificate.key,
        public_key=certificate.public_key,
        created_at=at,
        active=True,
        certificate=certificate.text(),
    )
    session.add(key)
    session.flush()
    return key


def retire_keys(session: Session, user: User, *, by: str, at: datetime) -> list[str]:
    """Stop `user`'s keys from signing from `at` (the service clock), if `by` may
    (`key_owner`); returns the fingerprints retired. Retired keys stay registered, so what
    they signed before stays verifiable here, and a signature dated later is refused."""
    key_owner(session, user.login, by=by)
    return _retire(session, user, at)


def _retire(session: Session, user: User, at: datetime) -> list[str]:
    retired = []
    for old in session.scalars(
        select(SigningKey).where(SigningKey.user_id == user.id, SigningKey.active.is_(True))
    ):
        old.active = False
        old.retired_at = at
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
    """Any registered key, active or retired (when it retired decides what it signed)."""
    return session.scalar(select(SigningKey).where(SigningKey.fingerprint == print_))


def signing_certificate(session: Session, key: SigningKey, at: datetime) -> KeyCertificate:
    """The certificate `key` signs with at `at`: issued by the office's current root, for
    this key, with `at` in its window; IllegalActionError saying why not (in Chinese)."""
    user = key.user
    again = f"请管理员用 workstation keys add {user.login} 为其重新登记签名密钥"
    if key.certificate is None:
        raise IllegalActionError(
            f"{user.display_name}（{user.login}）的签名密钥没有办公室根密钥签发的证书"
            f"（在创建办公室根密钥之前登记），不能签发；{again}"
        )
    try:
        certificate = office_root.read_certificate(key.certificate, source="签名密钥的证书")
    except BundleError as exc:
        raise IllegalActionError(f"{exc.message}；{again}") from None
    root = current_root(session)
    if root is None or certificate.root != root.fingerprint:
        raise IllegalActionError(
            f"{user.display_name}（{user.login}）的签名密钥证书不是本办公室当前的根密钥签发的"
            f"（办公室根密钥已更换），不能签发；{again}"
        )
    if certificate.key != key.fingerprint or certificate.login != user.login:
        raise IllegalActionError(f"签名密钥的证书与登记的密钥或用户不符，不能签发；{again}")
    problem = office_root.check_certificate(certificate, root.fingerprint, at)
    if problem:
        raise IllegalActionError(f"{problem}，不能签发；{again}")
    return certificate


def list_keys(session: Session) -> list[SigningKey]:
    return list(session.scalars(select(SigningKey).order_by(SigningKey.id)))
