"""Administrator settings kept in `settings.toml` in the data folder.

A missing file means the defaults; an unknown section or key, or a bad value, is a ConfigError
naming it, never a silent fallback. Relative paths are relative to the settings file.
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
    # All the probing of one import: once spent, each further file gets probe_floor_s, so a
    # bundle of ten hostile files costs minutes, not ten times the per-file limit.
    probe_budget_s: float = 120.0
    probe_floor_s: float = 5.0
    max_manifest_bytes: int = 16 * 1024**2


@dataclass(frozen=True)
class OfficeSettings:
    """[office]: the office's PostgreSQL server and shared evidence folder (both or neither).

    The URL never holds the password: that comes from the OS keyring (`workstation office
    password`) or from libpq's own .pgpass/PGPASSFILE.
    """

    database_url: str
    evidence_root: Path


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
    # [media] engine: auto (QtMultimedia, libVLC when Qt cannot play a file), qt or vlc
    media_engine: str = "auto"
    # [office] database_url + evidence_root: one office on the network; None: this PC alone
    office: OfficeSettings | None = None


def load_settings(path: Path) -> Settings:
    """Read settings.toml; defaults for anything not given."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"设置文件 {path} 无法读取：{exc}") from exc
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise ConfigError(
            f"设置文件 {path} 中的 [{unknown[0]}] 不是已知的设置节（{'、'.join(SECTIONS)}）"
        )
    review = _table(path, raw, "review")
    opinion = _table(path, raw, "opinion")
    signing = _table(path, raw, "signing")
    media = _table(path, raw, "media")
    office = _table(path, raw, "office")
    return Settings(
        import_limits=_import_limits(path, raw.get("import", {})),
        rule_pack=_text(path, "review.rule_pack", review.get("rule_pack"), "规则包标识或文件路径"),
        opinion_template=_template(path, opinion.get("template")),
        allow_plaintext_keyring=_flag(
            path, "signing.allow_plaintext_keyring", signing.get("allow_plaintext_keyring", False)
        ),
        media_engine=_choice(path, "media.engine", media.get("engine", "auto"), MEDIA_ENGINES),
        office=_office(path, office) if office else None,
    )


# section → its keys ([import] is checked against ImportLimits)
SECTIONS = {
    "import": frozenset(),
    "review": frozenset({"rule_pack"}),
    "opinion": frozenset({"template"}),
    "signing": frozenset({"allow_plaintext_keyring"}),
    "media": frozenset({"engine"}),
    "office": frozenset({"database_url", "evidence_root"}),
}
MEDIA_ENGINES = ("auto", "qt", "vlc")


def _table(path: Path, raw: dict[str, object], name: str) -> dict[str, object]:
    section = raw.get(name, {})
    if not isinstance(section, dict):
        raise ConfigError(f"设置文件 {path} 中 {name} 应为一个表（[{name}]）")
    extra = sorted(set(section) - SECTIONS[name])
    if extra:
        raise ConfigError(f"设置文件 {path} 中 {name}.{extra[0]} 不是已知的设置项")
    return section


def _text(path: Path, key: str, value: object, what: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"设置文件 {path} 中 {key} 应为{what}，实际为 {value!r}")
    return value


def _flag(path: Path, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"设置文件 {path} 中 {key} 应为 true 或 false，实际为 {value!r}")
    return value


def _choice(path: Path, key: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(
            f"设置文件 {path} 中 {key} 应为 {'、'.join(choices)} 之一，实际为 {value!r}"
        )
    return str(value)


def _template(path: Path, value: object) -> Path | None:
    text = _text(path, "opinion.template", value, "意见书模板（.docx）的路径")
    if text is None:
        return None
    template = path.parent / Path(text).expanduser()
    if not template.is_file():
        raise ConfigError(f"设置文件 {path} 中 opinion.template 指向的 {template} 不存在")
    return template


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


def _office(path: Path, section: dict[str, object]) -> OfficeSettings:
    url = _text(path, "office.database_url", section.get("database_url"), "PostgreSQL 数据库地址")
    root = _text(path, "office.evidence_root", section.get("evidence_root"), "共享证据文件夹")
    if url is None or root is None:
        missing = "database_url" if url is None else "evidence_root"
        raise ConfigError(
            f"设置文件 {path} 的 [office] 缺少 {missing}：数据库地址与共享证据文件夹须一并设置"
        )
    return OfficeSettings(
        database_url=office_database_url(url, f"设置文件 {path} 中 office.database_url"),
        evidence_root=path.parent / Path(root).expanduser(),
    )


def office_database_url(url: str, where: str) -> str:
    """`url` as the driver takes it (postgresql+psycopg://…); refused if it is not a
    PostgreSQL address or carries a password (settings.toml is no place for one)."""
    scheme, separator, rest = url.strip().partition("://")
    if not separator or scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise ConfigError(
            f"{where} 应为 PostgreSQL 数据库地址（postgresql://用户@服务器:端口/数据库），"
            f"实际为 {url!r}"
        )
    credentials = rest.split("/", 1)[0].rpartition("@")[0]
    if ":" in credentials:
        raise ConfigError(
            f"{where} 中含有密码：密码不得写在设置文件里，请删去后用 "
            "workstation office password 存入系统密钥环，或写入 .pgpass"
        )
    return f"postgresql+psycopg://{rest}"
