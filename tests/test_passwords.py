"""Login passwords: scrypt hashes that describe themselves, the login's refusals, the
password column's migration, and the delay after repeated failures."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock
from sqlalchemy import select

from workstation.errors import IllegalActionError
from workstation.security import passwords
from workstation.security.login import (
    LoginDelayed,
    LoginThrottle,
    log_in,
    signed_in_user,
    users_registered,
)
from workstation.security.users import (
    WRONG_CREDENTIALS,
    add_user,
    authenticate,
    deactivate_user,
    find_user,
    set_password,
)
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.models import AuditEntry

pytestmark = pytest.mark.both_engines

GOOD = "审核-2026-春"


def test_a_hash_verifies_its_password_and_nothing_else() -> None:
    stored = passwords.hash_password(GOOD)
    assert passwords.verify_password(GOOD, stored)
    assert not passwords.verify_password(GOOD + " ", stored)
    assert not passwords.verify_password("审核-2026-夏", stored)
    assert not passwords.verify_password("", stored)
    assert passwords.hash_password(GOOD) != stored  # a fresh salt each time


def test_the_stored_string_records_scrypt_and_its_parameters() -> None:
    stored = passwords.hash_password(GOOD)
    scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    salt, key = base64.b64decode(salt_b64), base64.b64decode(key_b64)
    assert (len(salt), len(key)) == (16, 32)
    assert 128 * int(n) * int(r) == 32 * 1024**2  # memory-hard: 32 MiB per guess
    # Recomputing scrypt with the recorded parameters gives the stored key: it is scrypt.
    again = hashlib.scrypt(
        GOOD.encode(), salt=salt, n=int(n), r=int(r), p=int(p), maxmem=64 * 1024**2, dklen=32
    )
    assert again == key


def test_lower_recorded_parameters_still_verify_and_ask_for_a_rehash() -> None:
    weak = passwords.hash_password(GOOD, n=2**10)
    assert weak.split("$")[1] == "1024"
    assert passwords.verify_password(GOOD, weak)
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password(GOOD))


def _tampered(stored: str) -> list[str]:
    scheme, n, r, p, salt, key = stored.split("$")
    flipped = base64.b64encode(bytes([base64.b64decode(key)[0] ^ 1]) + base64.b64decode(key)[1:])
    return [
        "$".join([scheme, n, r, p, salt, flipped.decode()]),  # one bit of the key
        "$".join([scheme, n, r, p, base64.b64encode(b"x" * 16).decode(), key]),  # the salt
        "$".join([scheme, str(2**14), r, p, salt, key]),  # the work factor
        "$".join(["pbkdf2", n, r, p, salt, key]),  # another scheme
        "$".join([scheme, str(2**30), r, p, salt, key]),  # gigabytes: refused unrun
        "$".join([scheme, "1000", r, p, salt, key]),  # n not a power of two
        "$".join([scheme, n, r, p, salt, key + "!"]),  # not base64
        "$".join([scheme, n, r, p, salt]),  # a part missing
        "",
    ]


def test_a_tampered_or_malformed_hash_string_never_verifies() -> None:
    stored = passwords.hash_password(GOOD)
    for bad in _tampered(stored):
        assert not passwords.verify_password(GOOD, bad), bad
    assert not passwords.verify_password(GOOD, None)


@pytest.mark.parametrize(
    ("password", "words"),
    [("short7!", "至少需要 8 个字符"), (" padded-pass", "开头和结尾"), ("aaaaaaaaab", "过于简单")],
)
def test_weak_passwords_are_refused(password: str, words: str) -> None:
    with pytest.raises(IllegalActionError, match=words):
        passwords.check_new_password(password, "li")
    with pytest.raises(IllegalActionError, match="过于简单"):
        passwords.check_new_password("Li-Login", "li-login")  # the login itself


# --- authenticate ----------------------------------------------------------------------------


@pytest.fixture
def office(ws: Any) -> Any:
    """admin (with a password), li (reviewer, with a password), zhao (clerk, none yet)."""
    with ws.db.write("登记用户") as session:
        add_user(
            session,
            login="admin",
            display_name="管理员",
            roles=["administrator"],
            by="admin",
            at=ws.clock(),
            password="admin-pass-1",
        )
        add_user(
            session,
            login="li",
            display_name="李审",
            roles=["reviewer"],
            by="admin",
            at=ws.clock(),
            password=GOOD,
        )
        add_user(
            session, login="zhao", display_name="赵办", roles=["clerk"], by="admin", at=ws.clock()
        )
    return ws


def _refusal(ws: Any, login: str, password: str) -> str:
    with ws.db.session() as session, pytest.raises(IllegalActionError) as refused:
        authenticate(session, login, password)
    return refused.value.message


def test_the_right_password_authenticates(office: Any) -> None:
    with office.db.session() as session:
        assert authenticate(session, " li ", GOOD).login == "li"


def test_unknown_login_and_wrong_password_get_the_same_words(office: Any) -> None:
    assert _refusal(office, "li", "审核-2026-夏") == WRONG_CREDENTIALS == "登录名或密码不正确"
    assert _refusal(office, "nobody", GOOD) == WRONG_CREDENTIALS
    assert _refusal(office, "", GOOD) == "请输入登录名"
    assert _refusal(office, "li", "") == "请输入密码"


def test_a_user_without_a_password_is_told_to_ask_the_administrator(office: Any) -> None:
    assert _refusal(office, "zhao", "anything-1") == (
        "用户 zhao 尚未设置密码，请系统管理员用 workstation users passwd zhao 设置"
    )


def test_a_deactivated_user_cannot_log_in(office: Any) -> None:
    with office.db.write("停用") as session:
        deactivate_user(session, login="li", by="admin", at=office.clock())
    # Only the right password learns that the account is deactivated.
    assert _refusal(office, "li", "wrong-password-9") == WRONG_CREDENTIALS
    assert "已停用，不能登录" in _refusal(office, "li", GOOD)


def test_log_in_records_the_login_and_upgrades_a_weak_hash(office: Any) -> None:
    with office.db.write("弱哈希") as session:
        user = find_user(session, "li")
        assert user is not None
        user.password_hash = passwords.hash_password(GOOD, n=2**10)
    signed_in = log_in(office.db, office.clock, "li", GOOD)
    assert (signed_in.login, signed_in.display_name, signed_in.roles) == (
        "li",
        "李审",
        ("reviewer",),
    )
    with office.db.session() as session:
        user = find_user(session, "li")
        assert user is not None
        assert user.password_hash is not None
        assert user.password_hash.split("$")[1] == str(2**15)
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None
        assert (last.actor, last.action) == ("li", "user.login")
    with pytest.raises(IllegalActionError, match=WRONG_CREDENTIALS):
        log_in(office.db, office.clock, "li", "wrong-password-9")


def test_setting_passwords_admin_for_anyone_users_for_themselves(office: Any) -> None:
    at = office.clock()
    with office.db.write("设置") as session:
        set_password(session, login="zhao", password="zhao-pass-1", by="admin", at=at)
    with office.db.session() as session:
        assert authenticate(session, "zhao", "zhao-pass-1").login == "zhao"
    with (
        office.db.write("设置") as session,
        pytest.raises(IllegalActionError, match="无权管理用户"),
    ):
        set_password(session, login="zhao", password="other-pass-1", by="li", at=at)
    with (
        office.db.write("设置") as session,
        pytest.raises(IllegalActionError, match="当前密码不正确"),
    ):
        set_password(session, login="li", password="new-pass-22", by="li", at=at, current="nope")
    with office.db.write("设置") as session:
        set_password(session, login="li", password="new-pass-22", by="li", at=at, current=GOOD)
    assert _refusal(office, "li", GOOD) == WRONG_CREDENTIALS
    with office.db.session() as session:
        actions = [
            (e.actor, e.action, e.details)
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action.like("user.pass%")))
        ]
        assert all("hash" not in str(d) for _, _, d in actions)  # never the hash in the log
    assert actions[-2:] == [
        ("admin", "user.password_set", {"login": "zhao"}),
        ("li", "user.password_set", {"login": "li"}),
    ]


def test_users_registered_is_false_on_a_fresh_office(ws: Any) -> None:
    assert not users_registered(ws.db)
    assert not ws.users_registered()


def test_the_delay_grows_after_a_few_failures_and_resets_on_success() -> None:
    throttle = LoginThrottle(free=3, base=1.0, cap=8.0)
    delays = []
    for _ in range(8):
        delays.append(throttle.delay())
        throttle.failed()
    assert delays == [0, 0, 0, 1, 2, 4, 8, 8]
    throttle.succeeded()
    assert throttle.delay() == 0


def test_the_pause_is_counted_from_the_last_failure_and_refuses_unchecked(office: Any) -> None:
    now = [100.0]
    throttle = LoginThrottle(free=1, base=4.0, clock=lambda: now[0])
    checked: list[str] = []

    def attempt(login: str, password: str) -> Any:
        checked.append(login)
        return log_in(office.db, office.clock, login, password)

    with pytest.raises(IllegalActionError, match=WRONG_CREDENTIALS):
        throttle.check(lambda: attempt("li", "wrong-password-9"))
    assert throttle.remaining() == 4.0
    now[0] += 1.2
    assert throttle.remaining() == pytest.approx(2.8)
    # During the pause even the right password is not looked at.
    with pytest.raises(LoginDelayed) as delayed:
        throttle.check(lambda: attempt("li", GOOD))
    assert delayed.value.message == "多次登录失败，请 3 秒后再试"
    assert checked == ["li"]
    now[0] += 2.8
    # An unknown login earns the same pause as a wrong password: it tells nothing.
    with pytest.raises(IllegalActionError, match=WRONG_CREDENTIALS):
        throttle.check(lambda: attempt("nobody", "wrong-password-9"))
    assert throttle.remaining() == 8.0
    now[0] += 8.0
    assert throttle.check(lambda: attempt("li", GOOD)).login == "li"
    assert throttle.remaining() == 0
    assert throttle.delay() == 0


def test_who_is_signed_in_and_what_they_may_not_do(office: Any) -> None:
    li = signed_in_user(office.db, "li")
    assert li is not None
    assert (li.display_name, li.role_names) == ("李审", "审核人员")
    assert li.refusal("case.import") is None
    assert li.refusal("users.manage") == "李审（审核人员）无权管理用户，需要角色：系统管理员"
    assert signed_in_user(office.db, "nobody") is None


# --- migration -------------------------------------------------------------------------------


def test_migration_0003_keeps_existing_users_without_a_password(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "office.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db, tmp_path / "backups", target="0002")
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            "INSERT INTO users (login, display_name, roles, active, created_at) "
            "VALUES ('li', '李审', '[\"reviewer\"]', 1, '2026-03-01 01:00:00.000000')"
        )
    report = migrate.upgrade(db, tmp_path / "backups", target="0003")
    assert (report.from_revision, report.to_revision) == ("0002", "0003")
    assert report.backup is not None
    migrate.upgrade(db, tmp_path / "backups")  # the models are today's: read at the head
    with db.session() as session:
        user = find_user(session, "li")
        assert user is not None
        assert (user.display_name, user.roles, user.active) == ("李审", ["reviewer"], True)
        assert (user.password_hash, user.password_set_at) == (None, None)
        with pytest.raises(IllegalActionError, match="尚未设置密码"):
            authenticate(session, "li", GOOD)
    db.dispose()
