"""The office root in tests: created on first use, certifying keys the tests made themselves
(so that a test keeps the private key to sign or forge with)."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import Any

from helpers import password_file

from workstation.security import key_registry
from workstation.security.users import find_user

ROOT_PASSPHRASE = "办公室根密钥的口令2026"
OFFICE = "测试市司法局法制科"


def office_root(ws: Any, admin: str = "admin") -> str:
    """The workstation's root fingerprint; created by `admin` if there is none yet."""
    existing = ws.office_root()
    if existing is not None:
        return str(existing[1])
    return str(ws.create_office_root(ROOT_PASSPHRASE, OFFICE, admin)[1])


def register_certified(
    ws: Any,
    login: str,
    public: bytes,
    *,
    admin: str = "admin",
    at: datetime | None = None,
    valid_days: int = key_registry.DEFAULT_VALID_DAYS,
) -> str:
    """Register `public` as `login`'s key, certified by the office root from `at` (now by
    default), as `keys add` would; returns its fingerprint. The private key is the test's."""
    office_root(ws, admin)
    when = at or ws.clock()
    with ws.db.write("登记签名密钥") as session:
        user = find_user(session, login)
        assert user is not None
        certificate = key_registry.certify_key(
            session, ws.keys, user, public, ROOT_PASSPHRASE, when, valid_days
        )
        return str(key_registry.register_key(session, user, certificate, when).fingerprint)


def root_passphrase_file(ws: Any) -> Path:
    """A private file holding ROOT_PASSPHRASE, for `--root-passphrase-file`."""
    return password_file(ws.paths.data_dir.parent / "root-passphrase", ROOT_PASSPHRASE)


def with_root(ws: Any) -> list[str]:
    """The option `keys add` needs to certify the new key."""
    return ["--root-passphrase-file", str(root_passphrase_file(ws))]


def commands_on(clock: Any, monkeypatch: Any) -> None:
    """Commands run in-process keep `clock`, as the services a test drives do: a key
    registered on the command line is then valid from the test's time, not the real one."""
    from workstation import app

    monkeypatch.setattr(
        app, "open_workstation", functools.partial(app.open_workstation, clock=clock)
    )
