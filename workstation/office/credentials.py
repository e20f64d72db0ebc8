"""The office database's password: in the OS keyring, or left to libpq's .pgpass.

settings.toml names the server, the database and the role, never the password. This PC
keeps it in the OS keyring (service "legal-review-workstation-office-db", username the
address without password), put there by `workstation office password` or by the first
start's question. With no keyring entry the URL goes to the server as it is, and libpq
answers from ~/.pgpass or PGPASSFILE if the office prefers that. A plain-text keyring is
used only when the administrator allowed it, as for the signing keys.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from workstation.errors import ConfigError, StorageError
from workstation.security.keystore import KeyStore

SERVICE = "legal-review-workstation-office-db"


def account(url: str) -> str:
    """The keyring username of `url`'s password: role@server:port/database."""
    parsed = make_url(url)
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or 5432}/{parsed.database}"


def without_password(url: str) -> str:
    """`url` as settings.toml may hold it: the driver's plain scheme, no password."""
    parsed = make_url(url)
    bare = URL.create(
        "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    return bare.render_as_string(hide_password=False)


def with_password(url: str, data_dir: Path, *, allow_plaintext_keyring: bool = False) -> str:
    """`url` with the password this PC keeps for it; `url` unchanged when it has none (then
    libpq's .pgpass may still answer). Never raises for a missing or locked keyring."""
    parsed = make_url(url)
    if parsed.password is not None:
        return url
    password = None
    with contextlib.suppress(ConfigError):  # a refused plain-text backend: no secret from it
        backend, _name = KeyStore(
            data_dir, allow_plaintext_keyring=allow_plaintext_keyring
        ).usable_keyring()
        if backend is not None:
            with contextlib.suppress(Exception):  # locked or broken keyring: as if absent
                password = backend.get_password(SERVICE, account(url))
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def remember_password(
    url: str, password: str, data_dir: Path, *, allow_plaintext_keyring: bool = False
) -> str:
    """Keep `password` for `url` in the OS keyring; a Chinese sentence saying where."""
    keys = KeyStore(data_dir, allow_plaintext_keyring=allow_plaintext_keyring)
    backend, name = keys.usable_keyring()
    if backend is None:
        raise StorageError(
            f"无法保存办公室数据库密码：{name}。"
            "可改用 .pgpass 文件（PGPASSFILE）提供密码，工作站不会以明文保存它"
        )
    try:
        backend.set_password(SERVICE, account(url), password)
    except Exception as exc:  # noqa: BLE001 - any backend failure means "not kept"
        raise StorageError(f"无法把办公室数据库密码存入系统密钥环（{name}）：{exc}") from None
    return f"办公室数据库密码已保存在系统密钥环（{name}）中：服务 {SERVICE}，用户 {account(url)}。"
