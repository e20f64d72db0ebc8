"""In-memory keyring backends, so tests choose a backend and never touch the user's keyring.

The classes are taken out of keyring's registry of known backends: keyring's auto-detection
in this or any later test must never pick them up. `use_keyring` selects one explicitly.
"""

from __future__ import annotations

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A recommended (priority 1) backend that keeps passwords in a dict."""

    @properties.classproperty
    def priority(cls) -> float:
        return 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring: detected by its name."""


class LockedKeyring(MemoryKeyring):
    """A recommended backend whose every use fails, like a keyring the user did not unlock."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


class BusError(Exception):
    """Like jeepney's DBusErrorResponse: not a keyring error, raised through the backend."""


class UnreachableKeyring(MemoryKeyring):
    """A backend whose D-Bus service went away: it raises an error keyring does not wrap."""

    def get_password(self, service: str, username: str) -> str | None:
        raise BusError("org.freedesktop.DBus.Error.ServiceUnknown")


class ForgetfulKeyring(MemoryKeyring):
    """A backend that accepts a password and silently keeps something else."""

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password[:20])


for _test_backend in (
    MemoryKeyring,
    PlaintextKeyring,
    LockedKeyring,
    UnreachableKeyring,
    ForgetfulKeyring,
):
    # The metaclass registered it; without this, detection could choose a test backend.
    KeyringBackend._classes.discard(_test_backend)


def use_keyring(monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend) -> KeyringBackend:
    """Make `backend` keyring's active backend for this test only."""
    kind = type(backend)
    # The variable covers anything that re-runs keyring's detection during the test: it
    # builds this class again instead of probing the real keyring or reading keyringrc.cfg.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{kind.__module__}.{kind.__qualname__}")
    # Saved and restored by monkeypatch; reading the private global avoids get_keyring(),
    # which would run detection (D-Bus, Keychain…) when nothing is selected yet.
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    keyring.set_keyring(backend)
    return backend
