"""Logging in: the password check, its audit entry, and a growing delay after repeated
failures. The desktop logs in once; a command that changes anything proves its `--user`
the same way (`prove`).

The check reads (scrypt takes a tenth of a second, so no write lock is held meanwhile); then
a successful login writes `user.login` (replacing a hash made with weaker parameters than
today's), a refused one `user.login_failed` with the login name (a placeholder for a name
that is not registered: it may be a password typed into the wrong field). Someone whose
password an administrator set is told so (`SignedIn.password_change_due`) and must choose
their own (`change_own_password`) before anything else.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING

from workstation.errors import IllegalActionError
from workstation.security.throttle import Delayed, Throttle, whole_seconds

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from workstation.clock import Clock
    from workstation.store.db import Database
    from workstation.store.review_models import User

# The database layer is imported inside the functions: the login dialog (SignedIn,
# LoginThrottle) shows at start-up while that layer is still loading.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedIn:
    """Who logged in, as plain data for the front end."""

    login: str
    display_name: str
    roles: tuple[str, ...]
    password_change_due: bool = False  # set by an administrator: choose a new one first

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
        return _signed_in(user)


def users_registered(db: Database) -> bool:
    """Whether any user exists; before that the desktop runs in first-run set-up mode."""
    from workstation.security.users import users_exist

    with db.session() as session:
        return users_exist(session)


def log_in(db: Database, clock: Clock, login: str, password: str) -> SignedIn:
    """Check `login` and `password`; a refusal is an IllegalActionError in Chinese."""
    from workstation.security import audit, passwords
    from workstation.security.users import WRONG_CREDENTIALS, find_user

    login = login.strip()
    stored = _checked(db, clock, login, password).password_hash
    fresher = (
        passwords.hash_password(password) if stored and passwords.needs_rehash(stored) else None
    )
    with db.write("记录登录") as session:
        current = find_user(session, login)
        if current is None or not current.active:  # changed since the check a moment ago
            raise IllegalActionError(WRONG_CREDENTIALS)
        if fresher is not None and current.password_hash == stored:
            current.password_hash = fresher
        audit.append(session, at=clock(), actor=login, action=LOGGED_IN)
        signed_in = _signed_in(current)
    log.info("user %s logged in", login)
    return signed_in


def change_own_password(db: Database, clock: Clock, login: str, current: str, new: str) -> SignedIn:
    """`login` choosing their own password (`current` is the one they logged in with): what
    a password set by an administrator requires before anything else."""
    from workstation.security.users import set_password

    with db.write("修改密码") as session:
        user = set_password(
            session,
            login=login.strip(),
            password=new,
            by=login.strip(),
            at=clock(),
            current=current,
        )
        signed_in = _signed_in(user)
    log.info("user %s chose a new password", signed_in.login)
    return signed_in


def prove(db: Database, clock: Clock, login: str, password: str) -> SignedIn:
    """A command's proof that its user is `login`: the login's check, a failure audited
    alike, after the pause earlier failures earn. Each command is a process of its own, so
    that pause is read from the audit log, not kept in memory as the dialog's is. Success
    writes nothing of its own: the command's entries say it was proven (`origin.proof`)."""
    login = login.strip()
    _pause_from_the_log(db, clock, login).refuse_if_paused()
    return _signed_in(_checked(db, clock, login, password))


def _checked(db: Database, clock: Clock, login: str, password: str) -> User:
    """The user `login` whose password is `password` (detached); a refusal is audited."""
    from workstation.security.users import authenticate

    refusal: IllegalActionError | None = None
    with db.session() as session:
        try:
            user = authenticate(session, login, password)
            session.expunge(user)
            return user
        except IllegalActionError as exc:
            refusal = exc
        recorded = recorded_login(session, login)
    log.warning("login refused for %r: %s", recorded, refusal.message)
    if login and password:  # a blank field is no attempt at a password
        _record_failure(db, clock, recorded)
    raise refusal


UNKNOWN_LOGIN = "（未登记的用户名）"


def recorded_login(session: Session, login: str) -> str:
    """How a refused login is written to the log and the audit trail: the login if it is
    registered, else a placeholder. What was typed may be a password typed into the wrong
    field (L2); the failures of all unknown names then share one pause."""
    from workstation.security.users import find_user

    return login[:_MAX_LOGIN_CHARS] if find_user(session, login) is not None else UNKNOWN_LOGIN


def _pause_from_the_log(db: Database, clock: Clock, login: str) -> LoginThrottle:
    """A LoginThrottle that has seen `login`'s failures since their last success (a login,
    or a proven command's entry), at the moments they happened, and is asked about now."""
    from sqlalchemy import or_, select

    from workstation.security.audit import ORIGIN_KEY
    from workstation.store.models import AuditEntry

    # Only failures and successes: the entries of unproven commands (anyone may run `verify`
    # as anyone) must not push the failures out of sight.
    proven = AuditEntry.details[(ORIGIN_KEY, "proof")].as_string().is_not(None)
    with db.session() as session:
        recorded = recorded_login(session, login)
        recent = session.execute(
            select(AuditEntry.action, AuditEntry.at)
            .where(
                AuditEntry.actor == recorded,
                or_(AuditEntry.action.in_((FAILED_LOGIN, LOGGED_IN)), proven),
            )
            .order_by(AuditEntry.seq.desc())
            .limit(_ENTRIES_THAT_MATTER)
        ).all()
    failed_at = [
        row.at.timestamp() for row in takewhile(lambda r: r.action == FAILED_LOGIN, recent)
    ]
    moment = 0.0
    throttle = LoginThrottle(clock=lambda: moment)
    for at in reversed(failed_at):
        moment = at
        throttle.failed()
    moment = clock().timestamp()
    return throttle


def _signed_in(user: User) -> SignedIn:
    return SignedIn(
        user.login, user.display_name, tuple(user.roles), bool(user.password_change_due)
    )


LOGGED_IN = "user.login"
FAILED_LOGIN = "user.login_failed"
_MAX_LOGIN_CHARS = 100  # what the dialog lets one type; the log keeps no more
_ENTRIES_THAT_MATTER = 20  # more failures than it takes the pause to reach its cap


def _record_failure(db: Database, clock: Clock, recorded: str) -> None:
    """Audit a refused login under `recorded_login`'s name. One wording whatever the reason
    (wrong password, no password yet, deactivated), so the entry does not tell which."""
    from workstation.security import audit

    with db.write("记录登录失败") as session:
        audit.append(
            session, at=clock(), actor=recorded, action=FAILED_LOGIN, details={"login": recorded}
        )


# The login's pause (security/throttle.py, shared with the signing passphrase's): failures
# are counted whatever the login was (known or not, with or without a password), and an
# attempt during the pause is refused before the password is looked at, so neither the
# pause nor its refusal tells which logins exist.
LoginDelayed = Delayed


def wait_message(seconds: float) -> str:
    """How long to wait before the next login attempt, in whole seconds (rounded up)."""
    return f"多次登录失败，请 {whole_seconds(seconds)} 秒后再试"


class LoginThrottle(Throttle):
    """The login dialog's Throttle, saying the pause in the login's words."""

    def __init__(
        self,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(free, base, cap, clock, wait=wait_message)
