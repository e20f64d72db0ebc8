"""What an event's v2 fields say, in a few words for the navigator and the status bar:
a delivery's method, result and signer, the measures a notice announced, a suspension's
reason and end, who held a collective discussion (case-bundle.md)."""

from __future__ import annotations

from typing import Any

from workstation.labels import (
    DELIVERY_METHODS,
    DELIVERY_RESULTS,
    DISCUSSION_BODIES,
    MEASURE_TYPES,
    RECIPIENT_ROLES,
    SUSPENSION_REASONS,
)
from workstation.store.models import Event


def event_label(label: str, event: Event) -> str:
    """`label` (送达) with what the event's own fields add: 送达（公告送达）."""
    detail = "；".join(part for part in _details(event) if part)
    return f"{label}（{detail}）" if detail else label


def _details(event: Event) -> list[str]:
    if event.type == "delivery":
        signer = event.recipient or {}
        role = RECIPIENT_ROLES.get(signer.get("role", ""), signer.get("role", ""))
        who = f"{signer['name']}（{role}）" if signer.get("name") else role
        return [
            DELIVERY_METHODS.get(event.method or "", ""),
            DELIVERY_RESULTS["failed"] if event.result == "failed" else "",
            f"签收人：{who}" if who else "",
        ]
    if event.type == "notice_of_intent" and event.proposed_measures:
        return ["拟处：" + "、".join(_measure(m) for m in event.proposed_measures)]
    if event.type == "suspension":
        until = f"至{event.until.isoformat()}" if event.until else ""
        return [SUSPENSION_REASONS.get(event.reason or "", ""), until]
    if event.type == "collective_discussion" and event.body == "other":
        return [f"{DISCUSSION_BODIES['other']}讨论，非行政机关负责人"]
    return []


def _measure(measure: dict[str, Any]) -> str:
    name = MEASURE_TYPES.get(str(measure.get("type")), str(measure.get("type")))
    for field, unit in (("amount", "元"), ("value", "元"), ("days", "日")):
        if isinstance(measure.get(field), int | float):
            number = f"{measure[field]:.2f}".rstrip("0").rstrip(".")
            return f"{name}{number}{unit}"
    return name
