"""Typed errors with messages a user can act on.

Every message is Chinese and names the file or case and the problem. Front ends map these
to exit codes (CLI) or dialogs (desktop) in one place; domain code never shows anything.
"""

from __future__ import annotations


class WorkstationError(Exception):
    """An error the user can act on; `message` is one Chinese sentence."""

    exit_code = 2

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: list[str] = list(details or [])

    def __str__(self) -> str:
        return self.message


class BundleError(WorkstationError):
    """The case bundle cannot be read: missing, not a bundle, unreadable."""


class HostileBundleError(BundleError):
    """The bundle tries something dangerous (path escape, symlink, ZIP bomb…)."""


class ManifestError(BundleError):
    """case.json is not valid; `details` lists every problem with its JSON path."""


class CaseNotFoundError(WorkstationError):
    """No case matches what the user named."""


class AmbiguousCaseError(WorkstationError):
    """Several cases match; `details` lists the candidates."""


class IllegalActionError(WorkstationError):
    """The action is not allowed in the current state or for this user."""


class ConfigError(WorkstationError):
    """Settings or a rule pack are invalid."""

    exit_code = 3


class StorageError(WorkstationError):
    """The data folder or database cannot be written (disk full, read-only, locked)."""

    exit_code = 4


class DatabasePasswordError(StorageError):
    """The office's database server refused this PC's password, or this PC has none."""


class CancelledError(WorkstationError):
    """The user cancelled long work; nothing was kept."""

    exit_code = 4


class MediaEngineMissingError(WorkstationError):
    """A playback engine's system library (libVLC) is not on this machine."""
