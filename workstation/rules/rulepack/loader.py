"""Finding, reading, merging and validating rule packs.

Packs live in the shipped `resources/rulepacks/` and in the data folder's `rulepacks/`; a
pack in the data folder replaces a shipped one with the same id, so an office can adapt one
without touching the installation. `extends` merges maps key by key and replaces lists
wholesale. Every problem is a ConfigError naming the file and the key path, in Chinese.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from workstation.errors import ConfigError
from workstation.os_errors import os_error_text
from workstation.resource_paths import resource_path
from workstation.rules.rulepack.model import RulePack, from_document
from workstation.schema_messages import schema_problems, short

log = logging.getLogger(__name__)

BASELINE_ID = "cn-national-baseline"
_PACK_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUFFIXES = (".yaml", ".yml")
_PATTERNS = {
    r"^\d{4}-\d{2}-\d{2}$": "应为日期，格式 YYYY-MM-DD",
    r"^([01]\d|2[0-3]):[0-5]\d$": "应为时刻，格式 HH:MM（请加引号）",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "规则包标识只能由小写字母、数字和 - 组成",
    r"^[+-]\d{2}:\d{2}$": "应为时区偏移，格式 +08:00",
    r"^[a-z][a-z0-9_]*$": "类别名只能由小写字母、数字和下划线组成",
    r"^\S(.*\S)?$": "执法领域名不能为空，首尾不能有空格",
}


class _PackLoader(yaml.CSafeLoader):
    """The C loader, but dates and times stay text: the schema checks them, and "22:00"
    must not become 1320 (YAML 1.1 reads it as base-60)."""


_PackLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"), list("-+0123456789")
)
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"
    ),
    list("-+0123456789."),
)


class RulePackLibrary:
    """The packs an office can use: shipped ones and those in its data folder."""

    def __init__(self, data_pack_dir: Path | None = None) -> None:
        dirs = [resource_path("rulepacks")]
        if data_pack_dir is not None:
            dirs.insert(0, data_pack_dir)  # the office's own packs win
        self.dirs = dirs

    def load(self, reference: str | None = None) -> RulePack:
        """A pack by id or by file path; the baseline when `reference` is None."""
        reference = reference or BASELINE_ID
        path = Path(reference)
        if path.suffix.lower() in _SUFFIXES or path.is_file():
            if not path.is_file():
                raise ConfigError(f"找不到规则包文件 {path}")
            return self._load_chain(path.resolve())
        return self._load_chain(self._find(reference))

    def available(self) -> list[tuple[str, str, Path]]:
        """(id, name, file) of every pack found, office packs first."""
        found: dict[str, tuple[str, str, Path]] = {}
        for directory in self.dirs:
            for file in _pack_files(directory):
                try:
                    raw = _read(file)
                except ConfigError:
                    continue
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    found.setdefault(raw["id"], (raw["id"], str(raw.get("name", "")), file))
        return sorted(found.values())

    def _find(self, pack_id: str) -> Path:
        for directory in self.dirs:  # the office's folder first, whatever its files are named
            direct = directory / f"{pack_id}.yaml"
            if direct.is_file():
                return direct.resolve()
            for file in _pack_files(directory):
                try:
                    raw = _read(file)
                except ConfigError:
                    continue  # another pack's problem; it is reported when that one is used
                if isinstance(raw, dict) and raw.get("id") == pack_id:
                    return file.resolve()
        searched = "、".join(str(d) for d in self.dirs)
        raise ConfigError(f"找不到规则包 {pack_id}（已查找：{searched}）")

    def _load_chain(self, path: Path) -> RulePack:
        chain: list[tuple[Path, dict[str, Any]]] = []
        keys: list[tuple[str, int, int]] = []
        seen: set[str] = set()
        current: Path | None = path
        while current is not None:
            # Stat before reading: a file edited in between is cached under its older
            # version's key, which the next load no longer matches — never stale content.
            keys.append(_file_key(current))
            raw = _header_checked(current)
            if raw["id"] in seen:
                names = " → ".join(p.name for p, _ in chain)
                raise ConfigError(f"规则包 {path} 的 extends 形成循环：{names} → {current.name}")
            seen.add(raw["id"])
            chain.append((current, raw))
            parent = raw.get("extends")
            current = self._find(parent) if parent else None
        key = tuple(keys)
        built = _BUILT.get(key)
        if built is not None:  # merging and validating cost ~20 ms; every review action asks
            return built
        merged: dict[str, Any] = {}
        for _, raw in reversed(chain):
            merged = merge(merged, raw)
        merged["id"], merged["name"] = chain[0][1]["id"], chain[0][1]["name"]
        merged.pop("extends", None)
        # One validation of the merged pack: a child may override part of a block (say
        # review.deadline_days) and inherit the rest. Each problem names the file that wrote it.
        problems = _schema(merged) or _meaning(merged)
        if problems:
            located = [f"{_origin(chain, line)}：{line}" for line in problems]
            raise ConfigError(
                f"规则包 {chain[0][1]['id']} 无效（{len(problems)} 处问题）：{located[0]}",
                details=located,
            )
        pack = from_document(merged, tuple(p for p, _ in chain))
        _BUILT[key] = pack
        return pack


# Built packs by the exact versions of the files in their chain (path, mtime, size): an
# edited file is a new key, so an office changing its pack sees the change at once.
_BUILT: dict[tuple[tuple[str, int, int], ...], RulePack] = {}


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"无法读取规则包文件 {path}：{os_error_text(exc)}") from exc
    return (str(path), stat.st_mtime_ns, stat.st_size)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Maps merge key by key; lists and values are replaced wholesale."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


def _pack_files(directory: Path) -> Iterable[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in _SUFFIXES)


def _header_checked(path: Path) -> dict[str, Any]:
    """Enough of one file to follow its `extends`; the whole pack is validated merged."""
    raw = _read(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"规则包 {path} 无效：顶层应为键值表（YAML 映射）")
    for key in ("format", "id", "name"):
        if not isinstance(raw.get(key), str):
            raise ConfigError(f"规则包 {path} 无效：{key}：缺少必填字段或不是文本")
    if raw["format"] != "legal-review-rulepack/1":
        raise ConfigError(f"规则包 {path} 无效：format：应为 legal-review-rulepack/1")
    if not _PACK_ID.fullmatch(raw["id"]) or (
        "extends" in raw
        and not (isinstance(raw["extends"], str) and _PACK_ID.fullmatch(raw["extends"]))
    ):
        raise ConfigError(f"规则包 {path} 无效：id 或 extends 只能由小写字母、数字和 - 组成")
    return raw


def _origin(chain: list[tuple[Path, dict[str, Any]]], problem: str) -> Path:
    """The nearest file in the chain that wrote the key a problem is about."""
    key_path = problem.split("：", 1)[0]
    parts = re.findall(r"[^.\[\]]+", key_path)
    for path, raw in chain:
        node: Any = raw
        for part in parts:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                break
        else:
            return path
    return chain[0][0]


def _read(path: Path) -> Any:
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@cache
def _parse(path: Path, _mtime_ns: int, _size: int) -> Any:
    """Parsed once per file version: the key includes the modification time and size."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"规则包 {path} 无法读取：{exc}") from exc
    try:
        return yaml.load(text, Loader=_PackLoader)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"规则包 {path} {where}：YAML 格式错误（{problem}）") from exc


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(resource_path("schema", "rulepack.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema(document: dict[str, Any]) -> list[str]:
    return schema_problems(_validator(), document, root="（顶层）", patterns=_PATTERNS)


def _meaning(doc: dict[str, Any]) -> list[str]:
    """What the schema cannot say: real dates, sensible ranges, unique ids."""
    problems: list[str] = []

    def real_date(key: str, value: str) -> date | None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            problems.append(f"{key}：日期不存在：{value}")
            return None

    calendar = doc.get("calendar", {})
    for name in ("holidays", "adjusted_workdays"):
        for index, value in enumerate(calendar.get(name, [])):
            if not isinstance(value, str) or not _DATE.fullmatch(value):
                problems.append(
                    f"calendar.{name}[{index}]：应为日期，格式 YYYY-MM-DD，实际为 {value!r}"
                )
            else:
                real_date(f"calendar.{name}[{index}]", value)
    start, end = (
        real_date(f"calendar.{k}", calendar[k]) if k in calendar else None
        for k in ("covered_from", "covered_through")
    )
    if start and end and start > end:
        problems.append("calendar：covered_from 晚于 covered_through")
    listed = {
        name: {d for d in calendar.get(name, []) if isinstance(d, str)}
        for name in ("holidays", "adjusted_workdays")
    }
    both = listed["holidays"] & listed["adjusted_workdays"]
    if both:
        problems.append(f"calendar：{sorted(both)[0]} 同时列为节假日和调休工作日")
    for key in ("valid_from", "valid_until"):
        if key in doc:
            real_date(key, doc[key])
    for index, provision in enumerate(doc.get("provisions", [])):
        _check_range(provision.get("fine", {}), f"provisions[{index}].fine", problems)
        _check_range(
            provision.get("fine", {}).get("or_multiple_of", {}),
            f"provisions[{index}].fine.or_multiple_of",
            problems,
        )
    ids = [b["id"] for b in doc.get("discretion_benchmarks", [])]
    for index, bench in enumerate(doc.get("discretion_benchmarks", [])):
        if ids.count(bench["id"]) > 1:
            problems.append(f"discretion_benchmarks[{index}].id：标识 {bench['id']} 重复")
        for tier, body in bench["tiers"].items():
            _check_range(
                body.get("fine", {}), f"discretion_benchmarks[{index}].tiers.{tier}.fine", problems
            )
    _check_v2_keys(doc, problems)
    return problems


def _check_v2_keys(doc: dict[str, Any], problems: list[str]) -> None:
    """The v2 keys beyond the schema, which takes 10.0 for an integer and YAML's 2026: for a
    key: day counts written as whole numbers, domain names as text, a finite factor."""
    demand = doc.get("periods", {}).get("demand_notice_days")
    if isinstance(demand, float):
        problems.append(
            f"periods.demand_notice_days：应为整数（不带小数点），实际为 {short(demand)}"
        )
    for domain, days in doc.get("case_deadline_days_by_domain", {}).items():
        if not isinstance(domain, str):
            problems.append(
                f"case_deadline_days_by_domain：执法领域名应为文本（请加引号），实际为 {short(domain)}"
            )
        elif isinstance(days, float):
            problems.append(
                f"case_deadline_days_by_domain.{domain}：应为整数（不带小数点），实际为 {short(days)}"
            )
    factor = doc.get("gross_overrun_factor")
    if isinstance(factor, float) and not math.isfinite(factor):
        problems.append("gross_overrun_factor：数值过大，应为有限的倍数（如 2 或 1.5）")


def _check_range(body: dict[str, Any], where: str, problems: list[str]) -> None:
    low, high = body.get("min"), body.get("max")
    if low is not None and high is not None and low > high:
        problems.append(f"{where}：min（{low}）大于 max（{high}）")
