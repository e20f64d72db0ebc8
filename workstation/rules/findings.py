"""Checklist sections and the findings the automatic checks attach to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# review-rules.md "Checklist sections", in the order the checklist and reports use.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("subject", "执法主体"),
    ("qualification", "执法人员资格"),
    ("party", "相对人认定"),
    ("facts", "事实"),
    ("evidence", "证据"),
    ("law", "法律适用"),
    ("discretion", "裁量"),
    ("procedure", "程序"),
    ("authority", "职权"),
    ("documents", "文书"),
    ("referral", "涉嫌犯罪移送"),
)
SECTION_NAMES = dict(SECTIONS)
SECTION_ORDER = {section: index for index, (section, _) in enumerate(SECTIONS)}
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}
APPROXIMATE_NOTE = "（日历未覆盖，结果仅供参考）"


@dataclass(frozen=True)
class Finding:
    """One automatic finding: a suggestion the reviewer accepts or dismisses."""

    rule: str
    section: str
    severity: str
    message: str
    refs: tuple[str, ...] = field(default_factory=tuple)
    approximate: bool = False

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "rule": self.rule,
            "section": self.section,
            "severity": self.severity,
            "message": self.message,
            "refs": list(self.refs),
        }
        if self.approximate:
            body["approximate"] = True
        return body


def finding(
    rule: str,
    section: str,
    severity: str,
    message: str,
    refs: tuple[str, ...] = (),
    *,
    approximate: bool = False,
) -> Finding:
    """A finding; an approximate one is a warning whose message says why it is uncertain."""
    if approximate:
        return Finding(rule, section, "warning", message + APPROXIMATE_NOTE, refs, True)
    return Finding(rule, section, severity, message, refs)


def ordered(findings: list[Finding]) -> list[Finding]:
    """By checklist section, then rule id; a rule's own findings keep their order."""
    return sorted(findings, key=lambda f: (SECTION_ORDER[f.section], f.rule))
