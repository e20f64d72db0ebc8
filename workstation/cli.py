"""`workstation` — the command line (see shared/spec/cli.md for the conventions).

No business rule lives here: each command parses its arguments, calls one service and
prints the result. Errors the user can act on print one Chinese line on stderr and exit with
their code; anything unexpected is logged with its traceback and reported in one line that
names the log file.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import workstation
from workstation import cli_identity
from workstation.cli_output import ProgressBar, format_table, print_json
from workstation.display import missing_display_message
from workstation.durable import write_durably
from workstation.errors import WorkstationError
from workstation.labels import ACTION_TYPES, REVIEW_STATES
from workstation.logsetup import configure_logging
from workstation.paths import AppPaths, resolve_paths
from workstation.security import audit
from workstation.services import Workstation
from workstation.settings import load_settings
from workstation.timefmt import format_minute

log = logging.getLogger(__name__)

EXIT_OK, EXIT_NOT_INTACT, EXIT_BAD_INPUT, EXIT_BAD_CONFIG, EXIT_FAILED = 0, 1, 2, 3, 4
USER_ENV = "WORKSTATION_USER"
DEMO_PACK = "demo-zaozhuang-2026"
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"参数错误：{message}（workstation --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workstation", description="法制审核工作站：重大行政执法决定法制审核")
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {workstation.__version__}"
    )
    parser.add_argument(
        "--data-dir", help="数据文件夹（数据库、证据库、日志）；环境变量 WORKSTATION_DATA_DIR"
    )
    parser.add_argument(
        "--db", help="SQLAlchemy 数据库地址；环境变量 WORKSTATION_DB；默认数据文件夹中的 SQLite"
    )
    parser.add_argument(
        "--user",
        help="操作人（与本机账户一并记入审计日志）；环境变量 WORKSTATION_USER；"
        "更改数据的命令须输入其登录密码或用 --password-file 给出",
    )
    cli_identity.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="命令")

    p = commands.add_parser("import", help="导入案卷包（文件夹或 ZIP）")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(handler=cmd_import, changes=True)

    p = commands.add_parser("cases", help="列出案件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_cases)

    p = commands.add_parser("verify", help="重新计算证据文件哈希，报告被改动或丢失的文件")
    p.add_argument("case", nargs="?", metavar="CASE", help="只校验这个案件（默认全部）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_verify)

    p = commands.add_parser("export", help="把案件导出为案卷包（文件夹或 .zip）")
    p.add_argument("case", metavar="CASE")
    p.add_argument("out", type=Path, metavar="OUT")
    p.set_defaults(handler=cmd_export, changes=True)  # case files leave the office

    p = commands.add_parser("check", help="自动检查案卷包（不导入）")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument(
        "--rule-pack", metavar="ID_OR_FILE", help="规则包标识或 YAML 文件（默认本机关设置）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_check, needs_database=False)

    from workstation import (
        cli_admin,
        cli_dossier,
        cli_keys,
        cli_office,
        cli_office_root,
        cli_opinion,
        cli_review,
    )

    cli_review.register(commands)
    cli_opinion.register(commands)
    cli_keys.register(commands)
    cli_office_root.register(commands)
    cli_office.register(commands)
    cli_admin.register(commands)
    cli_dossier.register(commands)  # export --dossier, verify-dossier

    p = commands.add_parser("demo", help="生成并导入演示案件")
    p.add_argument(
        "--out", type=Path, help="演示案卷包的存放文件夹（默认数据文件夹下 demo-bundles）"
    )
    p.set_defaults(handler=cmd_demo, changes=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `workstation` command."""
    args = build_parser().parse_args(argv)
    paths = resolve_paths(args.data_dir)
    log_file = configure_logging(paths.log_file)
    actor = args.user or os.environ.get(USER_ENV) or getpass.getuser()
    try:
        if args.command is None:
            with audit.recording_origin(audit.origin_of("desktop")):
                return _run_desktop(args, actor)
        if not getattr(args, "needs_database", True):
            return int(args.handler(paths, args, actor))
        ws = _open(args)
        try:
            # A failed proof is audited too, with the account and computer it came from.
            with audit.recording_origin(cli_identity.origin(None)):
                args.proof = cli_identity.prove(ws, args, actor)
            with audit.recording_origin(cli_identity.origin(args.proof)):
                code = int(args.handler(ws, args, actor))
        finally:
            ws.close()
        sys.stdout.flush()  # a closed pipe shows here, inside the handling below
        return code
    except WorkstationError as exc:
        log.info("command %s refused: %s", args.command, exc.message)
        _err(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        _err("已中断")
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`workstation cases | head`): stop quietly, like other tools;
        # stdout is pointed at nothing so that Python's own flush at exit does not complain.
        log.info("command %s: output pipe closed by the reader", args.command)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as exc:
        log.exception("unexpected error in command %s", args.command)
        where = f"，详情见日志 {log_file}" if log_file else ""
        _err(f"内部错误：{type(exc).__name__}: {exc}{where}")
        return EXIT_FAILED


def main_demo() -> int:
    """`make run`: open the app on the demo cases, creating them on first start."""
    problem = missing_display_message()
    if problem:
        _err(problem)
        return EXIT_FAILED
    from workstation.app import open_workstation

    ws = open_workstation()
    try:
        empty = not ws.has_cases()
        settings_file = ws.paths.settings_file
    finally:
        ws.close()
    if empty:
        code = main(["demo"])
        if code != EXIT_OK:
            return code
        if not settings_file.exists():  # a fresh demo folder checks with the demo's own rules
            write_durably(settings_file, f'[review]\nrule_pack = "{DEMO_PACK}"\n'.encode())
        _add_demo_office()
    return main(["--user", "zhaomin"]) if empty else main([])


def _add_demo_office() -> None:
    """The demo office's users, so each role can log in (their password is printed)."""
    from workstation.app import open_workstation
    from workstation.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, add_demo_accounts

    ws = open_workstation()
    try:
        if add_demo_accounts(ws):
            print("演示用户（密码均为 " + DEMO_PASSWORD + "，负责人的签名口令相同）：")
            for account in DEMO_ACCOUNTS:
                print(f"  {account.login:<10} {account.name}  {'、'.join(account.roles)}")
    finally:
        ws.close()


def _open(args: argparse.Namespace) -> Workstation:
    from workstation.app import open_workstation

    return open_workstation(args.data_dir, args.db)


def _run_desktop(args: argparse.Namespace, actor: str) -> int:
    from workstation.app import begin_opening
    from workstation.ui.shell.launcher import launch

    problem = missing_display_message()
    if problem:
        _err(problem)
        return EXIT_FAILED
    # The services finish loading while the login is on screen (app.Opening).
    opening = _begin_desktop(args, begin_opening)
    try:
        return launch(opening, actor)
    finally:
        opening.close()


def _begin_desktop(args: argparse.Namespace, begin: Any) -> Any:
    """`begin_opening`; an office PC whose database password is missing or wrong asks for it
    (the first start) and tries again."""
    from workstation.errors import DatabasePasswordError

    for _attempt in range(3):
        try:
            return begin(args.data_dir, args.db)
        except DatabasePasswordError as exc:
            from workstation.ui.shell.office_password import ask_office_password

            if not ask_office_password(resolve_paths(args.data_dir), exc.message):
                raise
    return begin(args.data_dir, args.db)


# --- commands ---------------------------------------------------------------------------


def cmd_import(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ProgressBar(enabled=not args.json) as bar:
        result = ws.import_bundle(args.path, actor=actor, progress=bar.update)
    if args.json:
        print_json(
            {
                "outcome": result.outcome,
                "case": result.short_id,
                "number": result.number,
                "version": result.version,
                "findings": [vars(f) for f in result.findings],
                "review_note": result.review_note,
            }
        )
        return EXIT_OK
    if result.outcome == "unchanged":
        print(f"{result.short_id} {result.number}：内容与第 {result.version} 版相同，未作更改")
        return EXIT_OK
    print(f"已导入 {result.short_id} {result.number} 第 {result.version} 版")
    for finding in result.findings:
        print(f"  [{SEVERITY_LABELS[finding.severity]}] {finding.message}")
    if result.review_note:
        print(result.review_note)
    return EXIT_OK


def cmd_cases(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    cases = ws.list_cases(actor)
    if args.json:
        print_json(
            [
                {
                    "id": c.short_id,
                    "number": c.number,
                    "title": c.title,
                    "agency": c.agency,
                    "party": c.first_party,
                    "action_type": c.action_type,
                    "versions": c.versions,
                    "review_state": c.review_state,
                    "submitted_at": c.submitted_at.isoformat(),
                    "due": c.due_on.isoformat() if c.due_on else None,
                }
                for c in cases
            ]
        )
        return EXIT_OK
    if not cases:
        print(
            "尚未导入任何案件（workstation import PATH 导入案卷包，workstation demo 导入演示案件）"
        )
        return EXIT_OK
    header = ["编号", "案号", "案由", "当事人", "类别", "版本", "送审时间", "审核状态", "审核期限"]
    rows = [
        [
            c.short_id,
            c.number,
            c.title,
            c.first_party,
            ACTION_TYPES.get(c.action_type, c.action_type),
            str(c.versions),
            format_minute(c.submitted_at),
            REVIEW_STATES.get(c.review_state, c.review_state),
            c.due_on.isoformat() if c.due_on else "—",
        ]
        for c in cases
    ]
    print(format_table(header, rows))
    return EXIT_OK


def cmd_verify(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ProgressBar(enabled=not args.json) as bar:
        report = ws.verify(args.case, actor=actor, progress=bar.update)
    if args.json:
        print_json(
            {
                "checked": report.checked,
                "intact": report.intact,
                "damaged": [
                    {"sha256": d.sha256, "problem": d.problem, "used_as": d.used_as}
                    for d in report.damaged
                ],
                "state_mismatches": [m.message for m in report.state.mismatches],
                "not_checked": report.state.notes,
            }
        )
        return EXIT_OK if report.intact else EXIT_NOT_INTACT
    print("\n".join(report.lines()))
    return EXIT_OK if report.intact else EXIT_NOT_INTACT


def cmd_export(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ProgressBar() as bar:
        out = ws.export(args.case, args.out, actor=actor, progress=bar.update)
    print(f"已导出到 {out}")
    return EXIT_OK


def cmd_check(paths: AppPaths, args: argparse.Namespace, actor: str) -> int:
    from workstation.casefile.examine import read_for_check
    from workstation.rules.engine import check_case
    from workstation.rules.report import readable
    from workstation.rules.rulepack import RulePackLibrary

    settings = load_settings(paths.settings_file)
    pack = RulePackLibrary(paths.rulepack_dir).load(args.rule_pack or settings.rule_pack)
    with ProgressBar(enabled=not args.json) as bar:
        manifest, files = read_for_check(args.path, settings.import_limits, progress=bar.update)
    report = check_case(manifest, pack, files)
    if args.json:
        print_json(report.to_json())
    else:
        print(readable(report))
    return EXIT_OK


def cmd_demo(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    from workstation.demo import generate_demo_bundles

    out = args.out or ws.paths.data_dir / "demo-bundles"
    bundles = generate_demo_bundles(out)
    for bundle in bundles:
        with ProgressBar() as bar:
            result = ws.import_bundle(bundle, actor=actor, progress=bar.update)
        state = "已导入" if result.outcome == "imported" else "已存在"
        print(f"{state} {result.short_id} {result.number}（{bundle.name}）")
    print(f"演示案件按演示规则包检查：workstation check PATH --rule-pack {DEMO_PACK}")
    return EXIT_OK


def _err(message: str) -> None:
    print(f"workstation: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
