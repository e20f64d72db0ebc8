"""Administrator settings kept in `settings.toml` in the data folder.

Only the import limits live here so far. A missing file means the defaults; a bad value is a
ConfigError naming the key, never a silent fallback.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from workstation.errors import ConfigError

GIB = 1024**3


@dataclass(frozen=True)
class ImportLimits:
    """Limits that keep a hostile or broken bundle from exhausting the machine."""

    max_entries: int = 10_000
    max_total_bytes: int = 20 * GIB
    max_compression_ratio: float = 200.0
    # Per-file probing runs in a child process and is killed after this long.
    probe_timeout_s: float = 60.0
    max_manifest_bytes: int = 16 * 1024**2


@dataclass(frozen=True)
class Settings:
    """Everything an administrator may configure."""

    import_limits: ImportLimits = field(default_factory=ImportLimits)
    # [review] rule_pack: the office's pack (an id or a file), else the national baseline
    rule_pack: str | None = None
    # [opinion] template: the office's own opinion template (a .docx), else the shipped one
    opinion_template: Path | None = None
    # [signing] allow_plaintext_keyring: only an administrator's explicit choice
    allow_plaintext_keyring: bool = False


def load_settings(path: Path) -> Settings:
    """Read settings.toml; defaults for anything not given."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"设置文件 {path} 无法读取：{exc}") from exc
    unknown = sorted(set(raw) - {"import", "review"})
    if unknown:
        raise ConfigError(f"设置文件 {path} 中的 [{unknown[0]}] 不是已知的设置节（import、review）")
    return Settings(
        import_limits=_import_limits(path, raw.get("import", {})),
        rule_pack=_rule_pack(path, raw.get("review", {})),
    )


def _rule_pack(path: Path, section: object) -> str | None:
    if not isinstance(section, dict):
        raise ConfigError(f"设置文件 {path} 中 review 应为一个表（[review]）")
    extra = sorted(set(section) - {"rule_pack"})
    if extra:
        raise ConfigError(f"设置文件 {path} 中 review.{extra[0]} 不是已知的设置项")
    value = section.get("rule_pack")
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"设置文件 {path} 中 review.rule_pack 应为规则包标识或文件路径")
    return value


def _import_limits(path: Path, section: object) -> ImportLimits:
    limits = ImportLimits()
    if not isinstance(section, dict):
        raise ConfigError(f"设置文件 {path} 中 import 应为一个表（[import]）")
    known = {f.name: f for f in fields(ImportLimits)}
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"设置文件 {path} 中 import.{key} 不是已知的设置项")
        default = getattr(limits, key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"设置文件 {path} 中 import.{key} 应为正数，实际为 {value!r}")
        limits = replace(limits, **{key: type(default)(value)})
    return limits
