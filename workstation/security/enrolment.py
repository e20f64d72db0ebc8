"""Registering a head's signing key and creating the office root that certifies it.

Each is one transaction with its audit entry; the private key goes to the key store inside
it, and is taken out again when the transaction does not commit, so no private key is left
without its registration. A wrong root passphrase is refused and audited.
"""

from __future__ import annotations

import contextlib

from workstation.clock import Clock
from workstation.errors import IllegalActionError, WorkstationError
from workstation.security import audit, signing
from workstation.security.key_registry import (
    DEFAULT_VALID_DAYS,
    active_fingerprints,
    add_root,
    certify_key,
    current_root,
    key_owner,
    register_key,
)
from workstation.security.keystore import OFFICE_ROOT, KeyStore
from workstation.security.office_root import WrongRootPassphrase
from workstation.security.users import actor_for
from workstation.store.db import Database
from workstation.store.review_models import OfficeRoot


class KeyEnrolment:
    """The heads' keys and the office root, as `keys add` and `office-root create` use them."""

    def __init__(self, db: Database, keys: KeyStore, clock: Clock) -> None:
        self.db, self.keys, self.clock = db, keys, clock

    def enrol_key(
        self,
        login: str,
        secret: str,
        actor: str,
        root_passphrase: str,
        valid_days: int = DEFAULT_VALID_DAYS,
    ) -> tuple[str, str]:
        """Generate and register a head's signing key sealed with `secret`, certified by the
        office root (opened with `root_passphrase`) from now for `valid_days`; returns where
        the private key is kept and the public key's fingerprint. Nothing is left behind
        when it fails; a wrong root passphrase is audited."""
        private, public = signing.generate_keypair(secret)
        stored = False
        try:
            with self.db.write("登记签名密钥") as session:
                owner = key_owner(session, login, by=actor)
                now = self.clock()
                certificate = certify_key(
                    session, self.keys, owner, public, root_passphrase, now, valid_days
                )
                replaced = active_fingerprints(session, owner)
                key = register_key(session, owner, certificate, now)
                # Inside the transaction: a key already stored refuses, and rolls this back.
                where = self.keys.store(owner.login, private)
                stored = True
                audit.append(
                    session,
                    at=now,
                    actor=actor,
                    action="keys.add",
                    details={
                        "login": owner.login,
                        "fingerprint": key.fingerprint,
                        "root": certificate.root,
                        "valid_from": certificate.valid_from,
                        "valid_until": certificate.valid_until,
                        "replaces": replaced,
                    },
                )
        except WrongRootPassphrase:
            self._audit_wrong_root_passphrase(actor, "keys.add", login)
            raise
        except BaseException:
            if stored:  # the registration did not commit: no private key without its public one
                with contextlib.suppress(WorkstationError):
                    self.keys.remove(login)
            raise
        return where, key.fingerprint

    def create_office_root(
        self, root_passphrase: str, office_name: str, actor: str, *, replace: bool = False
    ) -> tuple[str, str]:
        """Create the office root key (administrators only), sealed with `root_passphrase`;
        returns where the private key is kept and the root's fingerprint. An existing root
        is replaced only when `replace` says so: the heads' keys must then be registered
        again, and opinions signed before verify with the old root's fingerprint."""
        office = office_name.strip()
        if not office or len(office) > 200 or not office.isprintable():
            raise IllegalActionError("办公室名称不能为空，不超过 200 个字符，且不能含控制字符")
        private, public = signing.generate_keypair(root_passphrase)
        stored = False
        previous: bytes | None = None  # the old sealed root, removed until this commits
        try:
            with self.db.write("创建办公室根密钥") as session:
                acting = actor_for(session, actor, "users.manage")
                if acting.user is None:
                    raise IllegalActionError("请先登记系统管理员，再由其创建办公室根密钥")
                now = self.clock()
                old = current_root(session)
                if (old is not None or self.keys.has(OFFICE_ROOT)) and not replace:
                    raise IllegalActionError(
                        f"本办公室已有办公室根密钥（{_root_words(old)}），未覆盖；"
                        "如确需更换，请加 --replace（更换后各负责人须重新登记签名密钥）"
                    )
                root = add_root(session, office, public, now, acting.user)
                if self.keys.has(OFFICE_ROOT):
                    previous = self.keys.load(OFFICE_ROOT)
                    self.keys.remove(OFFICE_ROOT)
                where = self.keys.store(OFFICE_ROOT, private)
                stored = True
                details = {"office": office, "fingerprint": root.fingerprint}
                if old is not None:
                    details["replaces"] = old.fingerprint
                audit.append(
                    session,
                    at=now,
                    actor=actor,
                    action="office_root.replace" if old is not None else "office_root.create",
                    details=details,
                )
        except BaseException:
            with contextlib.suppress(WorkstationError):
                if stored:
                    self.keys.remove(OFFICE_ROOT)
                if previous is not None:  # put back the key the rolled-back replacement removed
                    self.keys.store(OFFICE_ROOT, previous)
            raise
        return where, root.fingerprint

    def office_root(self) -> tuple[str, str] | None:
        """(office name, fingerprint) of this office's current root; None before one exists."""
        with self.db.session() as session:
            root = current_root(session)
            return (root.office, root.fingerprint) if root is not None else None

    def _audit_wrong_root_passphrase(self, actor: str, action: str, login: str) -> None:
        """A wrong root passphrase leaves a row (the attempt itself rolled back)."""
        with self.db.write("记录根密钥口令错误") as session:
            audit.append(
                session,
                at=self.clock(),
                actor=actor,
                action="office_root.wrong_passphrase",
                details={"for": action, "login": login},
            )


def _root_words(root: OfficeRoot | None) -> str:
    """An existing root for a refusal: its fingerprint, or that only its key is left."""
    if root is not None:
        return f"指纹 {root.fingerprint}"
    return "数据库中没有其根公钥，但本机保存有根私钥"
