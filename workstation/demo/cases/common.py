"""Small builders shared by the demo case definitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from workstation.demo.model import Block, DocumentSpec, Para, Sign, Table, Title, at, iso

# Label/value form rows: label, value, label, value.
FORM_WIDTHS = (0.17, 0.33, 0.17, 0.33)
# Reports the handling unit writes and edits come as Word files; everything else as PDF.
DOCX_KINDS = frozenset({"investigation_report", "discretion_statement"})


def document(
    author: str, did: str, kind: str, title: str, name: str, when: str, *blocks: Block
) -> DocumentSpec:
    """A document spec stored as `docs/<number>-<name>.pdf|docx`, dated `when` (local time)."""
    suffix = ".docx" if kind in DOCX_KINDS else ".pdf"
    return DocumentSpec(
        id=did,
        kind=kind,
        title=title,
        path=f"docs/{did[1:]}-{name}{suffix}",
        author=author,
        dated=at(when),
        blocks=blocks,
    )


def event(eid: str, kind: str, when: str, **fields: Any) -> dict[str, Any]:
    """A manifest event; `when` and any `*_at` field are local times like "2026-03-02 10:15"."""
    entry: dict[str, Any] = {"id": eid, "type": kind, "at": iso(at(when))}
    for name, value in fields.items():
        entry[name] = iso(at(value)) if name.endswith("_at") else value
    return entry


def officer(
    name: str,
    certificate: str,
    valid_until: str,
    scope: str,
    legal_qualification: bool | None = None,
) -> dict[str, Any]:
    """A manifest officer entry."""
    entry: dict[str, Any] = {
        "name": name,
        "certificate_no": certificate,
        "certificate_valid_until": valid_until,
        "scope": scope,
    }
    if legal_qualification is not None:
        entry["legal_qualification"] = legal_qualification
    return entry


def cn_date(day: date | str) -> str:
    """`2026-03-02` as 2026年3月2日, the way documents write dates."""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{value.year}年{value.month}月{value.day}日"


def form(
    title: str,
    number: str | None,
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...] = FORM_WIDTHS,
) -> tuple[Title, Table]:
    """A form's title and its ruled table."""
    return Title(title, number), Table(tuple(rows), widths)


def signed(*lines: str, seal: str | None = None) -> Sign:
    """Right-aligned signature lines, optionally under a seal."""
    return Sign(tuple(lines), seal)


def paras(*texts: str) -> tuple[Para, ...]:
    """Several body paragraphs."""
    return tuple(Para(text) for text in texts)
