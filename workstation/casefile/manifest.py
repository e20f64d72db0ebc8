"""Reading `case.json`: parse, validate against the bundle schema, build the case model.

Every problem is reported at once, in Chinese, with its JSON path
(`case.parties[0].id_number：…`), so the handling unit can fix the bundle in one pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from workstation.casefile import manifest_values as values
from workstation.casefile.model import (
    Agency,
    CaseManifest,
    DocumentEntry,
    Event,
    Officer,
    Party,
    Recipient,
    RecordingEntry,
    Violation,
)
from workstation.errors import ManifestError
from workstation.resource_paths import resource_path
from workstation.schema_messages import json_path as _json_path
from workstation.schema_messages import schema_problems as _schema_problems

MANIFEST_NAME = "case.json"
EXERCISE_NAME = "exercise.json"

# What each named pattern in the schema's $defs means, for the error message.
_PATTERN_MEANINGS = {
    "date": "应为日期，格式 YYYY-MM-DD",
    "datetime": "应为带时区的时间，格式 YYYY-MM-DDThh:mm:ss+08:00",
    "sha256": "应为 64 位十六进制 SHA-256 值",
    "id": "标识只能由字母、数字、_ . - 组成，长度 1–64",
}


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(resource_path("schema", "case-bundle.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _pattern_meanings() -> dict[str, str]:
    defs = _validator().schema["$defs"]
    return {defs[name]["pattern"]: text for name, text in _PATTERN_MEANINGS.items()}


def parse_manifest(raw: bytes, source: str = MANIFEST_NAME) -> CaseManifest:
    """Parse and validate case.json bytes; raises ManifestError listing every problem."""
    document = _load_json(raw, source)
    problems = schema_problems(document)
    case: dict[str, Any] = {}
    if not problems:
        case, problems = _checked_case(document["case"])
    if problems:
        raise ManifestError(
            f"{source} 不符合案卷包格式（{len(problems)} 处问题）：{problems[0]}",
            details=problems,
        )
    return _build(case)


def _load_json(raw: bytes, source: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")  # Windows tools like to add a BOM
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{source} 不是 UTF-8 编码的文本（第 {exc.start} 字节）") from exc

    duplicates: list[str] = []

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    def no_constants(name: str) -> Any:
        raise ValueError(f"JSON 不允许 {name}")

    try:
        document = json.loads(
            text, object_pairs_hook=no_duplicate_keys, parse_constant=no_constants
        )
    except json.JSONDecodeError as exc:
        raise ManifestError(
            f"{source} 第 {exc.lineno} 行第 {exc.colno} 列："
            f"JSON 格式错误（{_json_problem(exc.msg)}）"
        ) from exc
    except RecursionError as exc:
        raise ManifestError(f"{source}：JSON 嵌套层次过深") from exc
    except ValueError as exc:  # NaN (our words), or an integer too long to convert
        said = str(exc) if str(exc).startswith("JSON 不允许") else "数字的位数过多"
        raise ManifestError(f"{source}：JSON 内容无效（{said}）") from exc
    if duplicates:
        names = "、".join(sorted(set(duplicates)))
        raise ManifestError(f"{source} 中同一对象内有重复的字段：{names}")
    return document


# The json module's English messages (by their start) → what they mean.
_JSON_PROBLEMS = (
    ("Expecting value", "此处应为一个值"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name", "字段名应写在双引号中"),
    ("Unterminated string", "字符串缺少结尾的引号"),
    ("Invalid control character", "字符串中有控制字符（如未转义的换行）"),
    ("Extra data", "JSON 结束后还有多余的内容"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义"),
    ("Invalid \\escape", "无效的转义符"),
)


def _json_problem(message: str) -> str:
    return next((said for start, said in _JSON_PROBLEMS if message.startswith(start)), "无法解析")


def schema_problems(document: Any) -> list[str]:
    """Every schema violation of a parsed case.json, as Chinese lines with JSON paths."""
    return _schema_problems(
        _validator(),
        document,
        root=MANIFEST_NAME,
        patterns=_pattern_meanings(),
        negations="路径必须是案卷内的相对路径，用 / 分隔，不得以 / 或盘符开头，不得含 \\ 或 ..",
    )


def json_path(parts: Iterable[str | int]) -> str:
    """`['case', 'parties', 0, 'id_number']` → `case.parties[0].id_number`."""
    return _json_path(parts, MANIFEST_NAME)


def _checked_case(case: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What the schema cannot say (sane text, numbers and dates; unique ids): the case with
    its text as it is stored, and every problem found."""
    problems: list[str] = []
    checked = _checked(case, ["case"], "case", problems)
    if len(checked["parties"]) > values.MAX_PARTIES:
        problems.append(
            f"case.parties：当事人 {len(checked['parties'])} 个，超过上限 {values.MAX_PARTIES} 个"
        )
    for collection, most in values.MAX_ITEMS.items():
        count = len(checked.get(collection, []))
        if count > most:
            problems.append(f"case.{collection}：共 {count} 项，超过上限 {most} 项")
            continue
        seen: dict[str, int] = {}
        for index, item in enumerate(checked.get(collection, [])):
            first = seen.setdefault(item["id"], index)
            if first != index:
                problems.append(
                    f"case.{collection}[{index}].id：标识 {item['id']} 与 "
                    f"case.{collection}[{first}] 重复"
                )
    return checked, problems


def _checked(node: Any, path: list[str | int], key: str, problems: list[str]) -> Any:
    """`node` with its text cleaned; items of a list are judged by the list's field name."""
    if isinstance(node, dict):
        return {k: _checked(v, [*path, k], k, problems) for k, v in node.items()}
    if isinstance(node, list):
        return [_checked(item, [*path, i], key, problems) for i, item in enumerate(node)]
    problem: str | None = None
    if isinstance(node, str):
        node, problem = values.text(key, node)
    elif isinstance(node, int | float) and not isinstance(node, bool):
        problem = values.number(key, node)
    if problem:
        problems.append(f"{json_path(path)}：{problem}")
    return node


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return tuple(value) if value is not None else None


def _build(case: dict[str, Any]) -> CaseManifest:
    agency = case["agency"]
    violation = case.get("violation", {})
    return CaseManifest(
        number=case["number"],
        title=case["title"],
        agency=Agency(agency["name"], agency.get("code"), _tuple(agency.get("authorities"))),
        action_type=case["action_type"],
        submitted_at=datetime.fromisoformat(case["submitted_at"]),
        parties=tuple(Party(**p) for p in case["parties"]),
        officers=tuple(
            Officer(
                **{**o, "certificate_valid_until": date.fromisoformat(o["certificate_valid_until"])}
            )
            for o in case["officers"]
        ),
        proposed_decision=case["proposed_decision"],
        unit=case.get("unit"),
        procedure=case.get("procedure", "ordinary"),
        place=case.get("place"),
        domain=case.get("domain"),
        flags=tuple(case.get("flags", [])),
        violation=Violation(
            began_on=_date(violation.get("began_on")),
            ended_on=_date(violation.get("ended_on")),
            discovered_on=_date(violation.get("discovered_on")),
            description=violation.get("description"),
        ),
        filed_on=_date(case.get("filed_on")),
        events=tuple(_event(e) for e in case.get("events", [])),
        documents=tuple(DocumentEntry(**d) for d in case.get("documents", [])),
        recordings=tuple(_recording(r) for r in case.get("recordings", [])),
    )


def _event(raw: dict[str, Any]) -> Event:
    return Event(
        id=raw["id"],
        type=raw["type"],
        at=datetime.fromisoformat(raw["at"]),
        officers=tuple(raw.get("officers", ())),
        documents=tuple(raw.get("documents", ())),
        recordings=tuple(raw.get("recordings", ())),
        note=raw.get("note"),
        until=_date(raw.get("until")),
        rights=_tuple(raw.get("rights")),
        hearing_at=_datetime(raw.get("hearing_at")),
        method=raw.get("method"),
        approved_at=_datetime(raw.get("approved_at")),
        emergency=raw.get("emergency"),
        host=raw.get("host"),
        waived=raw.get("waived"),
        result=raw.get("result"),
        recipient=Recipient(**raw["recipient"]) if "recipient" in raw else None,
        proposed_measures=_measures(raw.get("proposed_measures")),
        body=raw.get("body"),
        reason=raw.get("reason"),
    )


def _measures(value: list[dict[str, Any]] | None) -> tuple[dict[str, Any], ...] | None:
    return tuple(dict(m) for m in value) if value is not None else None


def _recording(raw: dict[str, Any]) -> RecordingEntry:
    return RecordingEntry(
        **{
            **raw,
            "started_at": datetime.fromisoformat(raw["started_at"]),
            "archived_at": datetime.fromisoformat(raw["archived_at"]),
        }
    )
