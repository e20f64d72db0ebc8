"""`workstation export CASE OUT --dossier` and `workstation verify-dossier DIR`: a case's
review dossier, written for another office and checked there (no database needed)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workstation.paths import AppPaths
from workstation.services import Workstation


def register(commands: Any) -> None:
    """Give `export` its --dossier flag (its handler then chooses) and add `verify-dossier`."""
    export = commands.choices["export"]
    export.add_argument(
        "--dossier",
        action="store_true",
        help="导出审核档案（文件夹）：审核要点、自动检查发现及处理、各稿意见书及签名、"
        "集体讨论纪要、书签与附图、本案审计记录，附 SHA-256 清单",
    )
    bundle = export.get_default("handler")

    def choose(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
        handler = cmd_export_dossier if args.dossier else bundle
        return int(handler(ws, args, actor))

    export.set_defaults(handler=choose)  # still a change: --user must be proven
    p = commands.add_parser(
        "verify-dossier", help="核对审核档案：逐一重算 SHA-256，指出被改动、缺少或多出的文件"
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p.set_defaults(handler=cmd_verify_dossier, needs_database=False)


def cmd_export_dossier(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    result = ws.export_dossier(args.case, args.out, actor=actor)
    print(f"已导出审核档案到 {result.out}（{result.files} 个文件，清单 MANIFEST.sha256）")
    print(f"清单的 SHA-256：{result.manifest_sha256}（可另行告知接收方备查）")
    return 0


def cmd_verify_dossier(paths: AppPaths, args: argparse.Namespace, actor: str) -> int:
    report = Workstation.verify_dossier(args.folder)
    if report.intact:
        print(f"审核档案完好：清单所列 {report.checked} 个文件均与 SHA-256 相符")
        return 0
    problems = report.problems()
    print(f"审核档案不完整（{len(problems)} 处）：")
    for line in problems:
        print(f"  {line}")
    return 1
