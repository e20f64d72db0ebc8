"""`workstation opinion …` and `workstation keys …`: the written opinion and its signature."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from workstation.errors import IllegalActionError
from workstation.review.workflow_rules import OUTCOMES, STATES
from workstation.services import Workstation

PASSPHRASE_ENV = "WORKSTATION_PASSPHRASE"


def register(commands: Any) -> None:
    """Add the opinion and key commands to the CLI's sub-parsers."""
    p = commands.add_parser("opinion", help="审核意见书：起草、签发、导出、验证")
    sub = p.add_subparsers(dest="opinion_command", metavar="操作", required=True)
    q = sub.add_parser(
        "draft", help="按当前审核意见起草意见书（.docx，或经 LibreOffice 导出 .pdf）"
    )
    q.add_argument("case", metavar="CASE")
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    q.add_argument(
        "--text",
        action="append",
        default=[],
        metavar="PART=TEXT",
        help="可编辑部分：opening（开头语）、closing（结束语）",
    )
    q.set_defaults(handler=cmd_draft, changes=True)
    q = sub.add_parser("sign", help="法制机构负责人签发意见书（需要签名口令）")
    q.add_argument("case", metavar="CASE")
    q.add_argument("--out", type=Path, metavar="FILE", help="同时导出签发后的意见书")
    q.set_defaults(handler=cmd_sign, changes=True)
    q = sub.add_parser("export", help="导出已签发的意见书及其签名文件")
    q.add_argument("case", metavar="CASE")
    q.add_argument("out", type=Path, metavar="FILE")
    q.add_argument("--revision", type=int)
    q.set_defaults(handler=cmd_export, changes=True)
    q = sub.add_parser("verify", help="经办公室根密钥核验意见书的签名")
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument(
        "--root",
        metavar="FINGERPRINT",
        help="所信任的办公室根密钥指纹（签发办公室 office-root show 显示）；默认本办公室的",
    )
    q.set_defaults(handler=cmd_verify)


def cmd_draft(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    texts = {}
    for item in args.text:
        key, sep, value = item.partition("=")
        if not sep:
            raise IllegalActionError(f"--text 的格式应为 部分=文字，实际为 {item}")
        texts[key.strip()] = value
    out = ws.opinions.draft(args.case, actor, args.out, texts)
    print(f"已起草意见书：{out}")
    return 0


def cmd_sign(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    opinion = ws.opinions.sign(args.case, actor, passphrase("签名口令："))
    state = ws.workflow.state(args.case, actor)
    print(
        f"已签发第 {opinion.revision} 稿意见书（{opinion.number}，{OUTCOMES[opinion.outcome]}），"
        f"案件状态为“{STATES[state]}”"
    )
    if args.out:
        print(f"已导出：{ws.opinions.export(args.case, actor, args.out, opinion.revision)}")
    return 0


def cmd_export(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    out = ws.opinions.export(args.case, actor, args.out, args.revision)
    if out.suffix.lower() == ".pdf":
        print(f"已导出打印件：{out}（签名针对 DOCX 原件，核验请导出 .docx）")
    else:
        print(f"已导出：{out}（签名：{out.name}.sig.json）")
    return 0


def cmd_verify(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    result = ws.opinions.verify_file(args.file, args.root)
    print("\n".join(result.lines()))
    return 0 if result.valid else 1


def passphrase(prompt: str, *, confirm: bool = False) -> str:
    """From $WORKSTATION_PASSPHRASE (scripts, tests), else asked on the terminal."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise IllegalActionError(f"需要签名口令：请在终端中运行，或设置环境变量 {PASSPHRASE_ENV}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入口令：") != first:
        raise IllegalActionError("两次输入的口令不一致")
    return first
