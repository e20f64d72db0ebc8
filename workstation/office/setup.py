"""`workstation office init`: create or upgrade the office's database, prepare its folder.

The schema is brought to this program's version (an existing database is dumped with
pg_dump first, under the server-side lock so two PCs cannot upgrade at once), the shared
evidence folder is created if need be and marked as this database's, and the doctor's
checks of the folder run at the end so the person setting up sees what is left to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from workstation.errors import ConfigError
from workstation.office.doctor import (
    MARKER_FILE,
    Finding,
    check_evidence,
    check_server,
    raise_for,
    write_marker,
)
from workstation.office.roles import check_role, grant_app_role, refuse_unusable_role
from workstation.store import migrate, office_identity
from workstation.store.db import Database
from workstation.store.evidence import SHARED_DIR


@dataclass(frozen=True)
class InitReport:
    upgrade: migrate.UpgradeReport
    findings: list[Finding]


def init_office(
    db: Database, evidence_root: Path, backup_dir: Path, app_role: str | None = None
) -> InitReport:
    """Bring the office database to this version and mark `evidence_root` as its folder;
    with `app_role`, give that role the workstations' rights (`office/roles.py`)."""
    if db.engine_name != "postgresql":
        raise ConfigError(
            f"办公室数据库须为 PostgreSQL，{db.shown_url} 不是；单机使用无需 office init"
        )
    server = check_server(db)
    raise_for(server[:1])  # unreachable or login refused: nothing more to try
    if app_role is not None:
        refuse_unusable_role(db, app_role)
    upgrade = migrate.upgrade(db, backup_dir)
    _refuse_another_offices_folder(evidence_root, db)
    try:
        evidence_root.mkdir(mode=SHARED_DIR, parents=True, exist_ok=True)
        write_marker(evidence_root, db)
    except OSError as exc:
        raise ConfigError(f"无法准备共享证据文件夹 {evidence_root}：{exc.strerror or exc}") from exc
    if app_role is not None:
        grant_app_role(db, app_role)
        role = Finding(True, f"已授予角色 {app_role} 各台电脑所需的权限（审计记录只能追加）")
    else:
        role = check_role(db)
    return InitReport(upgrade, [*check_server(db), role, *check_evidence(evidence_root, db)])


def _refuse_another_offices_folder(root: Path, db: Database) -> None:
    try:
        marker = json.loads((root / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no marker yet (or unreadable: replaced by ours)
    ours = office_identity.read(db)
    theirs = marker.get("database") if isinstance(marker, dict) else None
    if theirs and theirs != ours:
        raise ConfigError(f"{root} 已属于另一个办公室数据库（{theirs}），未作改动；请换一个文件夹")
