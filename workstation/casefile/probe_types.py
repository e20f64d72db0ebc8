"""What probing a file finds: the result type and the conditions a file can be in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OK, REPAIRED, DAMAGED, UNSUPPORTED, PASSWORD = (
    "ok",
    "repaired",
    "damaged",
    "unsupported",
    "password",
)


@dataclass
class ProbeResult:
    """What probing found; `details` is plain JSON-able data."""

    media_kind: str
    condition: str = OK
    reason: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def brief(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "…"
