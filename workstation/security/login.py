"""Logging in to the desktop: the password check, its audit entry, and a growing delay after
repeated failures.

The check reads (scrypt takes a tenth of a second, so no write lock is held meanwhile); only
a successful login writes, recording `user.login` and replacing a hash made with weaker
parameters than today's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.errors import IllegalActionError

if TYPE_CHECKING:
    from workstation.clock import Clock
    from workstation.store.db import Database

# The database layer is imported inside the functions: the login dialog (SignedIn,
# LoginThrottle) shows at start-up while that layer is still loading.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedIn:
    """Who logged in, as plain data for the front end."""

    login: str
    display_name: str
    roles: tuple[str, ...]


def users_registered(db: Database) -> bool:
    """Whether any user exists; before that the desktop runs in first-run set-up mode."""
    from workstation.security.users import users_exist

    with db.session() as session:
        return users_exist(session)


def log_in(db: Database, clock: Clock, login: str, password: str) -> SignedIn:
    """Check `login` and `password`; a refusal is an IllegalActionError in Chinese."""
    from workstation.security import audit, passwords
    from workstation.security.users import WRONG_CREDENTIALS, authenticate, find_user

    login = login.strip()
    with db.session() as session:
        try:
            user = authenticate(session, login, password)
        except IllegalActionError as exc:
            log.warning("login refused for %r: %s", login, exc.message)
            raise
        stored = user.password_hash
    fresher = (
        passwords.hash_password(password) if stored and passwords.needs_rehash(stored) else None
    )
    with db.write("记录登录") as session:
        current = find_user(session, login)
        if current is None or not current.active:  # changed since the check a moment ago
            raise IllegalActionError(WRONG_CREDENTIALS)
        if fresher is not None and current.password_hash == stored:
            current.password_hash = fresher
        audit.append(session, at=clock(), actor=login, action="user.login")
        signed_in = SignedIn(current.login, current.display_name, tuple(current.roles))
    log.info("user %s logged in", login)
    return signed_in


class LoginThrottle:
    """How long to wait before the next attempt: nothing for the first few, then doubling
    (1 s, 2 s, 4 s … up to `cap`), which makes guessing at the dialog slow without locking
    anyone out of an offline PC."""

    def __init__(self, free: int = 3, base: float = 1.0, cap: float = 30.0) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.failures = 0

    def delay(self) -> float:
        """Seconds to wait before the next attempt is checked."""
        over = self.failures - self.free
        return 0.0 if over < 0 else min(self.cap, self.base * 2**over)

    def failed(self) -> None:
        """Count one more refused attempt."""
        self.failures += 1

    def succeeded(self) -> None:
        """Start again from nothing."""
        self.failures = 0
