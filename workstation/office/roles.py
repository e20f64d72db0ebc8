"""The office database's two roles: the owner that `office init` runs as, and the role the
workstations connect as.

Whoever owns a table can switch its triggers off; so the audit log's append-only triggers
(migration 0007) hold against the people at the PCs only if the workstations' role does not
own the tables. `office init --app-role NAME` (run as the owner) gives that role what the
program needs and no more: it reads and writes the case tables, but may only add to
`audit_log` (no UPDATE, DELETE or TRUNCATE) and only read `alembic_version` (the schema is
the owner's to upgrade). Granted again by each `office init`, so tables a new version adds
are covered.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from workstation.errors import ConfigError
from workstation.office.doctor import Finding
from workstation.store.db import Database

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_READ_ONLY = ("alembic_version",)
_APPEND_ONLY = ("audit_log",)


def refuse_unusable_role(db: Database, role: str) -> None:
    """ConfigError unless `role` names another role that exists (checked before anything
    is changed)."""
    if not _ROLE_NAME.fullmatch(role):
        raise ConfigError(f"数据库角色名 {role!r} 无效：只能由小写字母、数字和 _ 组成")
    with db.engine.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        current = connection.scalar(text("SELECT current_user"))
    if not exists:
        raise ConfigError(
            f"数据库服务器上没有角色 {role}：请先由数据库管理员创建"
            f"（CREATE ROLE {role} LOGIN PASSWORD '…'）"
        )
    if current == role:
        raise ConfigError(
            f"office init 正以 {role} 的身份连接：请以数据库所有者的身份运行，"
            f"再把 {role} 交给各台电脑使用"
        )


def grant_app_role(db: Database, role: str) -> None:
    """Give `role` the workstation's rights on this database (as its owner)."""
    refuse_unusable_role(db, role)
    with db.engine.begin() as connection:
        database = connection.scalar(text("SELECT current_database()"))
        for statement in (
            f'GRANT CONNECT ON DATABASE "{database}" TO {role}',
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
            *(f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM {role}" for t in _APPEND_ONLY),
            *(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {t} FROM {role}" for t in _READ_ONLY),
        ):
            connection.execute(text(statement))


def check_role(db: Database) -> Finding:
    """Whether the role this PC connects as owns `audit_log`: then anyone with this PC's
    database password could switch off the triggers that keep it append-only."""
    with db.engine.connect() as connection:
        owner = connection.scalar(
            text("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'")
        )
        user = connection.scalar(text("SELECT current_user"))
    if owner is None or owner != user:
        return Finding(True, f"本机以 {user} 身份连接，不是数据表的所有者：审计记录只能追加")
    return Finding(
        False,
        f"本机以数据表的所有者 {user} 的身份连接：持有该密码的人可以关闭审计记录的保护；"
        "请另建一个角色，以所有者身份运行 workstation office init --app-role 角色名，"
        "并让各台电脑以该角色连接",
        serious=False,
    )
