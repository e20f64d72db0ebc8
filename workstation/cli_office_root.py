"""`workstation office-root create|show`: the key that certifies the heads' signing keys."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from workstation.cli_identity import read_password_file
from workstation.errors import IllegalActionError
from workstation.security.users import actor_for
from workstation.services import Workstation

FILE_OPTION = "--root-passphrase-file"


def register(commands: Any) -> None:
    """Add the office-root commands to the CLI's sub-parsers."""
    p = commands.add_parser("office-root", help="办公室根密钥：为负责人的签名密钥签发证书")
    sub = p.add_subparsers(dest="office_root_command", metavar="操作", required=True)
    q = sub.add_parser("create", help="创建办公室根密钥（系统管理员；口令由管理员本人设定）")
    q.add_argument("--office", required=True, metavar="NAME", help="办公室（法制机构）名称")
    q.add_argument(
        "--replace",
        action="store_true",
        help="更换已有的根密钥（各负责人须重新登记签名密钥；旧意见书用旧指纹核验）",
    )
    add_passphrase_option(q)
    q.set_defaults(handler=cmd_create, changes=True)
    q = sub.add_parser("show", help="显示本办公室根密钥的指纹（供外单位核验意见书）")
    q.set_defaults(handler=cmd_show)


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        FILE_OPTION,
        type=Path,
        metavar="PATH",
        help="从此文件第一行读取办公室根密钥的口令（文件须仅本人可读）；不给则在终端中输入",
    )


def root_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The office root's passphrase: from the private file the option names, else typed."""
    named: Path | None = getattr(args, FILE_OPTION.lstrip("-").replace("-", "_"), None)
    if named is not None:
        return read_password_file(named)
    if sys.stdin is None or not sys.stdin.isatty():
        raise IllegalActionError(
            f"需要办公室根密钥的口令：请在终端中运行并输入，或用 {FILE_OPTION} 文件给出"
        )
    first = getpass.getpass("办公室根密钥的口令：")
    if confirm and getpass.getpass("再次输入口令：") != first:
        raise IllegalActionError("两次输入的口令不一致")
    return first


def cmd_create(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.session() as session:  # refused before the passphrase is asked for
        actor_for(session, actor, "users.manage")
    secret = root_passphrase(args, confirm=True)
    where, fingerprint = ws.create_office_root(secret, args.office, actor, replace=args.replace)
    print(where)
    print(f"已{'更换' if args.replace else '创建'}办公室根密钥（{args.office.strip()}），指纹：")
    print(fingerprint)
    print("请把该指纹告知需要核验本办公室意见书的单位：workstation opinion verify FILE --root 指纹")
    return 0


def cmd_show(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    root = ws.office_root()
    if root is None:
        raise IllegalActionError(
            "本办公室尚未创建办公室根密钥；请管理员用 workstation office-root create 创建"
        )
    office, fingerprint = root
    print(f"办公室：{office}")
    print(f"根密钥指纹：{fingerprint}")
    return 0
