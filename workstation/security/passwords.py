"""Login passwords: scrypt hashes in a self-describing string.

scrypt is memory-hard: every guess costs 128·n·r bytes (32 MiB at n=2^15, r=8) and about a
tenth of a second, so a stolen database is expensive to attack with GPUs. The stored form is
`scrypt$n$r$p$salt$hash` (salt and hash in base64), so the parameters can be raised later:
`needs_rehash` says when a stored hash is weaker than today's parameters, and the next
successful login stores a fresh one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from workstation.errors import IllegalActionError

SCHEME = "scrypt"
N, R, P = 2**15, 8, 1  # 32 MiB, ~0.1 s per hash on an office PC
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 8

# Bounds on what a stored string may ask for: a tampered row must not make a login use
# gigabytes of memory or minutes of CPU.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
_MAX_MEMORY = 1024**3


@dataclass(frozen=True)
class ScryptHash:
    """A parsed `scrypt$n$r$p$salt$hash` string."""

    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    def encode(self) -> str:
        """The stored form."""
        return "$".join(
            [SCHEME, str(self.n), str(self.r), str(self.p), _b64(self.salt), _b64(self.key)]
        )


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    """A new salted scrypt hash of `password`, in its stored form."""
    salt = secrets.token_bytes(SALT_BYTES)
    return ScryptHash(n, r, p, salt, _derive(password, salt, n, r, p, KEY_BYTES)).encode()


def verify_password(password: str, stored: str | None) -> bool:
    """Whether `password` matches `stored`; False for a malformed or tampered string."""
    parsed = parse(stored) if stored else None
    if parsed is None:
        return False
    candidate = _derive(password, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.key))
    return hmac.compare_digest(candidate, parsed.key)


def needs_rehash(stored: str) -> bool:
    """Whether `stored` was made with weaker parameters than today's."""
    parsed = parse(stored)
    return parsed is None or (parsed.n, parsed.r, parsed.p) < (N, R, P)


def burn_time(password: str) -> None:
    """Spend the time of one verification: a login for an unknown user or one without a
    password must take as long as a wrong password, so timing does not tell them apart."""
    _derive(password, b"\0" * SALT_BYTES, N, R, P, KEY_BYTES)


def parse(stored: str) -> ScryptHash | None:
    """The parts of a stored hash, or None if it is not one we can safely check."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    sane = (
        1 < n <= _MAX_N
        and n & (n - 1) == 0
        and 0 < r <= _MAX_R
        and 0 < p <= _MAX_P
        and 128 * n * r <= _MAX_MEMORY
        and len(salt) >= 8
        and 16 <= len(key) <= 64
    )
    return ScryptHash(n, r, p, salt, key) if sane else None


def check_new_password(password: str, login: str) -> None:
    """Refuse a password too weak to protect a review account."""
    if len(password) < MIN_LENGTH:
        raise IllegalActionError(f"密码至少需要 {MIN_LENGTH} 个字符")
    if password.strip() != password:
        raise IllegalActionError("密码的开头和结尾不能是空格")
    if password.casefold() == login.casefold() or len(set(password)) < 3:
        raise IllegalActionError("密码过于简单（不能与登录名相同，也不能只由一两个字符重复组成）")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=128 * n * r * p + 128 * r * p + 2 * 1024**2,  # OpenSSL's default cap is 32 MiB
        dklen=length,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
