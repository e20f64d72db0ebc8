"""Logging in to the desktop: the password check, its audit entry, and a growing delay after
repeated failures.

The check reads (scrypt takes a tenth of a second, so no write lock is held meanwhile); only
a successful login writes, recording `user.login` and replacing a hash made with weaker
parameters than today's.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
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

    @property
    def role_names(self) -> str:
        """The roles in words: 审核人员、培训教员."""
        from workstation.security.users import ROLES

        return "、".join(ROLES.get(role, role) for role in self.roles) or "无角色"

    def refusal(self, permission: str) -> str | None:
        """Why this user may not do `permission` (as the service would refuse it), or None
        when one of the roles allows it."""
        from workstation.security.users import missing_role

        return missing_role(self.display_name, self.roles, permission)


def signed_in_user(db: Database, login: str) -> SignedIn | None:
    """The registered, active user `login` as plain data (name, roles); None for anyone
    else, e.g. the computer's login during first-run set-up."""
    from workstation.security.users import find_user

    with db.session() as session:
        user = find_user(session, login)
        if user is None or not user.active:
            return None
        return SignedIn(user.login, user.display_name, tuple(user.roles))


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


class LoginDelayed(IllegalActionError):
    """An attempt made before the pause after repeated failures is over; `seconds` is what
    is left of it. The password is not checked, so the refusal tells nothing about it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(wait_message(seconds))


def wait_message(seconds: float) -> str:
    """How long to wait before the next login attempt, in whole seconds (rounded up)."""
    return f"多次登录失败，请 {max(1, math.ceil(seconds))} 秒后再试"


class LoginThrottle:
    """The pause after repeated failures: nothing for the first few, then doubling (1 s,
    2 s, 4 s … up to `cap`) from the moment of the last failure, which makes guessing at the
    dialog slow without locking anyone out of an offline PC.

    Failures are counted whatever the login was (known or not, with or without a password),
    and an attempt during the pause is refused before the password is looked at: neither
    the pause nor its refusal tells which logins exist. `remaining()` is what the dialog
    counts down.
    """

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.failures = 0
        self._clock = clock
        self._open_at = 0.0  # on `clock`: when the next attempt may be checked
        self._lock = threading.Lock()  # the check runs on a worker, the dialog reads remaining()

    def delay(self) -> float:
        """The pause the failures so far earn (from the last of them)."""
        over = self.failures - self.free
        return 0.0 if over < 0 else min(self.cap, self.base * 2**over)

    def remaining(self) -> float:
        """Seconds until the next attempt is checked; 0 when it may be made now."""
        with self._lock:
            return max(0.0, self._open_at - self._clock())

    def failed(self) -> None:
        """Count one more refused attempt; the pause starts now."""
        with self._lock:
            self.failures += 1
            self._open_at = self._clock() + self.delay()

    def succeeded(self) -> None:
        """Start again from nothing."""
        with self._lock:
            self.failures = 0
            self._open_at = 0.0

    def check(self, attempt: Callable[[], SignedIn]) -> SignedIn:
        """Run `attempt` (a login check) unless the pause is on: LoginDelayed then, without
        running it. A refusal counts as a failure, a success clears them."""
        left = self.remaining()
        if left > 0:
            raise LoginDelayed(left)
        try:
            signed_in = attempt()
        except IllegalActionError:
            self.failed()
            raise
        self.succeeded()
        return signed_in
