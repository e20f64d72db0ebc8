"""Building cases and packs for rule tests in a few lines."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from helpers import minimal_case

from workstation.casefile.manifest import parse_manifest
from workstation.casefile.model import CaseManifest, FileFacts
from workstation.rules.engine import CheckReport, check_case
from workstation.rules.findings import Finding
from workstation.rules.rulepack import RulePack, RulePackLibrary

_SCRATCH = Path(tempfile.mkdtemp(prefix="review-packs-"))
_COUNTER = iter(range(1_000_000))


def case(**fields: Any) -> CaseManifest:
    """A schema-valid case: minimal_case() with `case` fields replaced (deep-copied)."""
    document = minimal_case(**copy.deepcopy(fields))
    return parse_manifest(json.dumps(document, ensure_ascii=False).encode("utf-8"))


def case_from(document: dict[str, Any]) -> CaseManifest:
    """A case from a whole case.json document."""
    return parse_manifest(json.dumps(document, ensure_ascii=False).encode("utf-8"))


def pack(
    body: dict[str, Any] | None = None, *, extends: str | None = "cn-national-baseline", **keys: Any
) -> RulePack:
    """A rule pack with these keys, extending the baseline unless told otherwise."""
    document: dict[str, Any] = {
        "format": "legal-review-rulepack/1",
        "id": f"test-pack-{next(_COUNTER)}",
        "name": "测试规则包",
    }
    if extends:
        document["extends"] = extends
    document.update(body or {})
    document.update(keys)
    path = _SCRATCH / f"{document['id']}.yaml"
    # Dates and times must reach the loader as text, as an administrator would write them.
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return RulePackLibrary(_SCRATCH).load(str(path))


def shipped(pack_id: str) -> RulePack:
    return RulePackLibrary().load(pack_id)


def check(
    the_case: CaseManifest, the_pack: RulePack | None = None, files: FileFacts | None = None
) -> CheckReport:
    return check_case(the_case, the_pack or shipped("cn-national-baseline"), files)


def fired(report: CheckReport, rule: str) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in report.findings if f.rule == rule]


def rule_ids(report: CheckReport) -> list[str]:
    return [f.rule for f in report.findings]
