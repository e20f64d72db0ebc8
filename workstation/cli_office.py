"""`workstation office init|doctor|password|migrate`: one office on the internal network."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from workstation.app import DB_URL_ENV
from workstation.cli_identity import read_password_file
from workstation.errors import ConfigError, IllegalActionError
from workstation.paths import AppPaths
from workstation.services import Workstation
from workstation.settings import Settings, load_settings

_MARKS = {(True, True): "✓", (False, True): "✗", (False, False): "!", (True, False): "✓"}


def register(commands: Any) -> None:
    """Add the office commands to the CLI's sub-parsers."""
    p = commands.add_parser("office", help="办公室（多台电脑共用的数据库与证据文件夹）")
    sub = p.add_subparsers(dest="office_command", metavar="操作", required=True)
    q = sub.add_parser(
        "init", help="创建或升级办公室数据库（升级前用 pg_dump 备份），准备共享证据文件夹"
    )
    _evidence_option(q)
    q.add_argument(
        "--app-role",
        metavar="ROLE",
        help="各台电脑连接所用的数据库角色：授予其所需权限，审计记录只能追加（以所有者身份运行）",
    )
    q.set_defaults(handler=cmd_init, needs_database=False)
    q = sub.add_parser("doctor", help="检查本机能否正常使用办公室数据库与共享证据文件夹")
    _evidence_option(q)
    q.set_defaults(handler=cmd_doctor, needs_database=False)
    q = sub.add_parser("password", help="把办公室数据库的密码存入本机的系统密钥环")
    q.add_argument(
        "--from-file", type=Path, metavar="PATH", help="从此文件第一行读取（文件须仅本人可读）"
    )
    q.set_defaults(handler=cmd_password, needs_database=False)
    q = sub.add_parser("migrate", help="把本机（单机）的全部数据迁入办公室（系统管理员）")
    q.add_argument("--to", required=True, metavar="URL", help="办公室 PostgreSQL 数据库地址")
    q.add_argument("--evidence", required=True, type=Path, metavar="DIR", help="共享证据文件夹")
    q.set_defaults(handler=cmd_migrate, changes=True)


def _evidence_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--evidence",
        type=Path,
        metavar="DIR",
        help="共享证据文件夹（默认 settings.toml 的 [office]）",
    )


def _named_url(args: argparse.Namespace, settings: Settings) -> str | None:
    """The office database this command is about, as the desktop would open it: --db, then
    WORKSTATION_DB, then settings.toml's [office] (None: this PC names none)."""
    office_url = settings.office.database_url if settings.office else None
    return args.db or os.environ.get(DB_URL_ENV) or office_url


def _target(paths: AppPaths, args: argparse.Namespace) -> tuple[Settings, str, Path]:
    """(settings, the office database's URL with this PC's password, the evidence folder)."""
    from workstation.office.credentials import with_password

    settings = load_settings(paths.settings_file)
    office = settings.office
    url = _named_url(args, settings)
    if url is None:
        raise ConfigError(
            f"本机未设置办公室：请在 {paths.settings_file} 的 [office] 中设置 database_url 与 "
            "evidence_root，或用 --db 给出数据库地址"
        )
    evidence = getattr(args, "evidence", None) or (office.evidence_root if office else None)
    if evidence is None:
        raise ConfigError(
            f"未给出共享证据文件夹：请在 {paths.settings_file} 的 [office] 中设置 evidence_root，"
            "或用 --evidence 给出"
        )
    url = with_password(
        url, paths.data_dir, allow_plaintext_keyring=settings.allow_plaintext_keyring
    )
    return settings, url, Path(evidence)


def cmd_init(paths: AppPaths, args: argparse.Namespace, actor: str) -> int:
    from workstation.office.setup import init_office
    from workstation.store.db import Database

    _settings, url, evidence = _target(paths, args)
    db = Database(url)
    try:
        report = init_office(db, evidence, paths.backup_dir, args.app_role)
    finally:
        db.dispose()
    upgrade = report.upgrade
    if upgrade.from_revision is None:
        print(f"已创建办公室数据库结构（版本 {upgrade.to_revision}）")
    elif upgrade.from_revision != upgrade.to_revision:
        print(
            f"已升级办公室数据库：{upgrade.from_revision} → {upgrade.to_revision}，备份 {upgrade.backup}"
        )
    else:
        print(f"办公室数据库已是当前版本（{upgrade.to_revision}）")
    return _print_findings(report.findings)


def cmd_doctor(paths: AppPaths, args: argparse.Namespace, actor: str) -> int:
    from workstation.office.doctor import check_evidence, check_server
    from workstation.office.roles import check_role
    from workstation.store.db import Database

    _settings, url, evidence = _target(paths, args)
    db = Database(url)
    try:
        findings = check_server(db)
        reachable = findings[0].ok
        if reachable and findings[1].ok:  # a schema to own
            findings.append(check_role(db))
        findings += check_evidence(evidence, db if reachable else None)
    finally:
        db.dispose()
    return _print_findings(findings)


def _print_findings(findings: list[Any]) -> int:
    for finding in findings:
        print(f"{_MARKS[(finding.ok, finding.serious)]} {finding.text}")
    problems = [f for f in findings if not f.ok and f.serious]
    if problems:
        print(f"发现 {len(problems)} 个问题，请按上面标 ✗ 的各条处理")
        return 1
    print("本机可以正常使用办公室数据库与共享证据文件夹")
    return 0


def cmd_password(paths: AppPaths, args: argparse.Namespace, actor: str) -> int:
    from workstation.office.credentials import remember_password

    settings = load_settings(paths.settings_file)
    url = _named_url(args, settings)
    if url is None:
        raise ConfigError(
            f"本机未设置办公室：请先在 {paths.settings_file} 的 [office] 中设置 database_url"
        )
    if args.from_file is not None:
        password = read_password_file(args.from_file)
    elif sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass("办公室数据库的密码：")
    else:
        raise IllegalActionError(
            "需要办公室数据库的密码：请在终端中运行并输入，或用 --from-file 给出"
        )
    print(
        remember_password(
            url, password, paths.data_dir, allow_plaintext_keyring=settings.allow_plaintext_keyring
        )
    )
    return 0


def cmd_migrate(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    from workstation.office.credentials import with_password, without_password
    from workstation.office.transfer import describe, transfer
    from workstation.security.users import actor_for
    from workstation.store.db import Database

    with ws.db.session() as session:
        actor_for(session, actor, "users.manage")  # administrators only
    if ws.db.engine_name != "sqlite":
        raise IllegalActionError("只能从单机（SQLite）迁入办公室；本机已在使用办公室数据库")
    url = with_password(
        args.to, ws.paths.data_dir, allow_plaintext_keyring=ws.settings.allow_plaintext_keyring
    )
    target = Database(url)
    try:
        result = transfer(ws.db, ws.store, target, args.evidence, ws.paths.backup_dir, say=print)
    finally:
        target.dispose()
    for line in describe(result):
        print(line)
    print(
        "各台电脑的 settings.toml 中加入以下设置后即使用办公室数据（密码另用 workstation office password 保存）："
    )
    print("[office]")
    print(f'database_url = "{without_password(args.to)}"')
    print(f'evidence_root = "{args.evidence}"')
    return 0
