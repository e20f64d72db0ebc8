"""JSON Schema violations as Chinese lines with the path of the offending key.

Shared by case.json validation and rule-pack validation: `case.parties[0].id_number：…`,
`catalog[2].min_amount.value：…`.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from workstation.redact import PERSONAL_KEYS, mask

_JSON_TYPES = {
    "string": "字符串",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值（true/false）",
    "array": "列表",
    "object": "对象",
    "null": "空值（null）",
}


def json_path(parts: Iterable[str | int], root: str) -> str:
    """`['case', 'parties', 0, 'id_number']` → `case.parties[0].id_number`; `root` if empty."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or root


def schema_problems(
    validator: Draft202012Validator,
    document: Any,
    *,
    root: str,
    patterns: dict[str, str] | None = None,
    negations: str = "格式不符",
) -> list[str]:
    """Every violation, sorted, one Chinese line each.

    `patterns` maps a schema pattern to what it means ("应为日期，格式 YYYY-MM-DD");
    `negations` is the message for a failed `not` (the schema's only use of it says what).
    """
    lines = {
        line
        for error in validator.iter_errors(document)
        for line in _describe(error, root, patterns or {}, negations)
    }
    return sorted(lines)


def _describe(
    error: ValidationError, root: str, patterns: dict[str, str], negations: str
) -> list[str]:
    path = list(error.absolute_path)
    where = json_path(path, root)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if path and path[-1] in PERSONAL_KEYS and isinstance(instance, str | int):
        # A wrong ID number is still someone's: the message goes to the log and reports.
        instance = _Masked(mask(str(instance)))
    if kind == "required":
        missing = ast.literal_eval(error.message.split(" is a required property")[0])
        return [f"{json_path([*path, missing], root)}：缺少必填字段"]
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in instance if k not in allowed)
        if not allowed:  # a map whose values are checked, e.g. class → threshold
            return [f"{json_path([*path, k], root)}：{error.message}" for k in extra][:1]
        return [f"{json_path([*path, k], root)}：格式中没有这个字段" for k in extra]
    if kind == "type":
        names = [value] if isinstance(value, str) else value
        wanted = "或".join(_JSON_TYPES.get(t, t) for t in names)
        return [f"{where}：应为{wanted}，实际为 {short(instance)}"]
    if kind == "enum":
        options = "、".join(str(v) for v in value)
        return [f"{where}：取值 {short(instance)} 无效，应为以下之一：{options}"]
    if kind == "const":
        return [f"{where}：应为 {value}，实际为 {short(instance)}"]
    if kind == "pattern":
        meaning = patterns.get(value, f"格式不符（应匹配 {value}）")
        return [f"{where}：{meaning}，实际为 {short(instance)}"]
    if kind == "not":
        return [f"{where}：{negations}，实际为 {short(instance)}"]
    if kind == "minLength":
        return [f"{where}：不能为空"]
    if kind in ("minItems", "minProperties"):
        return [f"{where}：至少需要 {value} 项"]
    if kind == "minimum":
        return [f"{where}：不能小于 {value}，实际为 {short(instance)}"]
    if kind == "exclusiveMinimum":
        return [f"{where}：应大于 {value}，实际为 {short(instance)}"]
    if kind == "uniqueItems":
        return [f"{where}：不能有重复项"]
    if kind == "oneOf":
        return [f"{where}：取值 {short(instance)} 不符合要求"]
    if kind == "propertyNames":
        return [f"{where}：键名 {short(error.instance)} 无效（只能用小写字母、数字和下划线）"]
    return [f"{where}：{error.message}"]


class _Masked(str):
    """A personal value already masked: shown bare, not quoted as a JSON string."""


def short(value: Any) -> str:
    """A value as it would appear in the file, cut to 60 characters."""
    if isinstance(value, _Masked):
        return f"{value}（部分字符已隐去）"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"
