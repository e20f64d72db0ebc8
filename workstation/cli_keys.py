"""`workstation keys add|list|remove`: the division heads' signing keys."""

from __future__ import annotations

import argparse
from typing import Any

from workstation.cli_office_root import add_passphrase_option, root_passphrase
from workstation.cli_opinion import passphrase
from workstation.errors import BundleError, IllegalActionError
from workstation.security import audit
from workstation.security.key_registry import (
    DEFAULT_VALID_DAYS,
    key_owner,
    list_keys,
    retire_keys,
)
from workstation.security.office_root import read_certificate
from workstation.security.users import actor_for
from workstation.services import Workstation
from workstation.timefmt import format_minute


def register(commands: Any) -> None:
    """Add the key commands to the CLI's sub-parsers."""
    p = commands.add_parser("keys", help="签名密钥")
    sub = p.add_subparsers(dest="keys_command", metavar="操作", required=True)
    q = sub.add_parser("add", help="为法制机构负责人生成并登记签名密钥（口令由负责人本人输入）")
    q.add_argument("login", help="负责人的登录名")
    q.add_argument(
        "--valid-days",
        type=int,
        default=DEFAULT_VALID_DAYS,
        metavar="N",
        help=f"密钥证书的有效天数（默认 {DEFAULT_VALID_DAYS}）",
    )
    add_passphrase_option(q)
    q.set_defaults(handler=cmd_keys_add, changes=True)
    q = sub.add_parser("list", help="列出已登记的公钥")
    q.set_defaults(handler=cmd_keys_list)
    q = sub.add_parser(
        "remove", help="停用负责人的签名密钥并删除本机保存的私钥（忘记口令、密钥泄露、离任）"
    )
    q.add_argument("login", help="负责人的登录名")
    q.set_defaults(handler=cmd_keys_remove, changes=True)


def cmd_keys_add(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.session() as session:  # refused before the passphrase is asked for
        name = key_owner(session, args.login, by=actor).display_name
    secret = passphrase("为签名私钥设定口令（至少 8 个字符）：", confirm=True)
    root = root_passphrase(args)  # the administrator's, to certify the new key
    where, fingerprint = ws.enrol_key(args.login, secret, actor, root, args.valid_days)
    print(where)
    print(f"已登记 {name} 的签名公钥，指纹 {fingerprint}（已由办公室根密钥签发证书）")
    return 0


def cmd_keys_remove(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.write("停用签名密钥") as session:
        owner = key_owner(session, args.login, by=actor)
        retired = retire_keys(session, owner, by=actor, at=ws.clock())
        removed = ws.keys.remove(owner.login) if ws.keys.has(owner.login) else ""
        if not retired and not removed:
            raise IllegalActionError(f"用户 {owner.login} 没有登记签名密钥")
        audit.append(
            session,
            at=ws.clock(),
            actor=actor,
            action="keys.remove",
            details={"login": owner.login, "fingerprints": retired},
        )
    if removed:
        print(removed)
    print(
        f"已停用 {owner.display_name} 的签名密钥；此前签发的意见书仍可核验。"
        f"如需继续签发，请用 workstation keys add {owner.login} 重新登记"
    )
    return 0


def cmd_keys_list(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    from workstation.cli_output import format_table

    with ws.db.session() as session:
        actor_for(session, actor, "case.read")
        rows = [
            [
                k.user.login,
                k.user.display_name,
                k.fingerprint[:16] + "…",
                format_minute(k.created_at),
                "在用" if k.active else "已停用",
                _certificate_words(k.certificate),
            ]
            for k in list_keys(session)
        ]
    print(
        format_table(["登录名", "姓名", "指纹", "登记时间", "状态", "证书有效期"], rows)
        if rows
        else "尚未登记签名密钥"
    )
    return 0


def _certificate_words(text: str | None) -> str:
    """A key's certificate window for the list (the list trusts the database; verify not)."""
    if text is None:
        return "无证书（须重新登记）"
    try:
        certificate = read_certificate(text)
    except BundleError:
        return "证书无法读取"
    start, end = certificate.window
    return f"{format_minute(start)} 至 {format_minute(end)}"
