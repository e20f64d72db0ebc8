"""A `pg_dump` of the office's database before its schema is upgraded.

The counterpart of the SQLite copy an upgrade makes on a single PC: a custom-format dump
(`pg_restore` reads it back) in the backups folder, private to this account. No dump, no
upgrade: a schema change without a way back is not something to do to a whole office.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from workstation.durable import create_private_file, make_private_dirs
from workstation.errors import ConfigError


def pg_tool(name: str) -> Path | None:
    """A PostgreSQL client program (`pg_dump`, `pg_restore`): PATH, else the newest of
    Debian's versioned folders (a newer client reads an older server; not the reverse)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]) if versions else None


def libpq_environment(url: str) -> dict[str, str]:
    """The PG* variables that point a libpq program at the database of `url` (its password
    too, if the URL carries one; else libpq's own .pgpass/PGPASSFILE answers)."""
    parsed = make_url(url)
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", parsed.port),
        ("PGUSER", parsed.username),
        ("PGPASSWORD", parsed.password),
        ("PGDATABASE", parsed.database),
    ):
        if value is not None:
            env[variable] = str(value)
    return env


def dump(url: str, backup_dir: Path, revision: str) -> Path:
    """Dump the database of `url` into `backup_dir`; the dump's path."""
    program = pg_tool("pg_dump")
    database = make_url(url).database or "workstation"
    if program is None:
        raise ConfigError(
            f"找不到 pg_dump，无法在升级前备份办公室数据库 {database}："
            "请安装 PostgreSQL 客户端（postgresql-client）后重试"
        )
    make_private_dirs(backup_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{database}-{revision}-{stamp}.pgdump"
    create_private_file(target)
    result = subprocess.run(
        [str(program), "--format=custom", "--no-password", f"--file={target}"],
        env=libpq_environment(url),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ConfigError(
            f"升级前备份办公室数据库 {database} 失败，未作升级："
            f"{detail[-1] if detail else f'pg_dump 退出码 {result.returncode}'}"
        )
    return target
