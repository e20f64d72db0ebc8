"""Why a document cannot be shown: a typed error the viewer turns into a message."""

from __future__ import annotations

from pathlib import Path

from workstation.errors import WorkstationError

# What went wrong, as a code the viewer maps to its own (translated) sentence.
MISSING = "missing"
NOT_A_DOCUMENT = "not_a_document"  # the bytes are not what the file claims to be
DAMAGED = "damaged"
ENCRYPTED = "encrypted"  # password-protected in a way we cannot open (e.g. Word)
UNSUPPORTED = "unsupported"
CONVERSION = "conversion"
STOPPED = "stopped"  # the worker reading it ran out of time or memory and was stopped


class DocumentError(WorkstationError):
    """A document cannot be shown; `problem` is one of the codes above."""

    def __init__(
        self, message: str, *, problem: str, path: Path, details: list[str] | None = None
    ) -> None:
        super().__init__(message, details)
        self.problem = problem
        self.path = path


def brief(exc: BaseException) -> str:
    """A short one-line description of a library's exception."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
