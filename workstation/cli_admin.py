"""`workstation users`, `workstation audit`: administration from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workstation.cli_office_root import add_passphrase_option, root_passphrase
from workstation.durable import write_durably
from workstation.errors import IllegalActionError, StorageError
from workstation.os_errors import os_error_text
from workstation.security import audit, audit_anchor, checkpoints
from workstation.security.audit_export import case_audit_csv
from workstation.security.key_registry import retire_keys
from workstation.security.signed_heads import check_signed_heads
from workstation.security.state_check import check_state
from workstation.security.users import (
    ROLES,
    actor_for,
    add_user,
    deactivate_user,
    list_users,
    needs_current_password,
    set_password,
)
from workstation.services import Workstation


def register(commands: Any) -> None:
    """Add the administration commands to the CLI's sub-parsers."""
    p = commands.add_parser("users", help="用户管理")
    sub = p.add_subparsers(dest="users_command", metavar="操作", required=True)
    q = sub.add_parser("add", help="登记用户（第一个用户须为系统管理员）")
    q.add_argument("login")
    q.add_argument("--name", required=True, help="姓名（与案卷中的人名一致，用于回避审查）")
    q.add_argument(
        "--role",
        action="append",
        required=True,
        choices=list(ROLES),
        help="角色，可多次：" + "、".join(f"{k} {v}" for k, v in ROLES.items()),
    )
    q.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取登录密码（一行）；不给则暂不设置，之后用 users passwd 设置",
    )
    q.set_defaults(handler=cmd_users_add, changes=True)
    q = sub.add_parser(
        "passwd",
        help="设置登录密码（管理员可设置任何人的，对方须在下次登录时改为自己的新密码）",
    )
    q.add_argument("login")
    q.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取新密码（一行），供脚本使用",
    )
    # The one change a user whose password an administrator set may make (cli_identity).
    q.set_defaults(handler=cmd_users_passwd, changes=True, sets_password=True)
    q = sub.add_parser("list", help="列出用户")
    q.set_defaults(handler=cmd_users_list)
    q = sub.add_parser("deactivate", help="停用用户（离任、调岗），并停用其签名密钥")
    q.add_argument("login")
    q.set_defaults(handler=cmd_users_deactivate, changes=True)

    p = commands.add_parser("audit", help="审计记录")
    sub = p.add_subparsers(dest="audit_command", metavar="操作", required=True)
    q = sub.add_parser(
        "verify", help="逐条核对审计记录的哈希链，并核对案件状态等各表与审计记录是否一致"
    )
    q.add_argument(
        "--checkpoint",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="另行核对一个库外保存的审计检查点文件（可多次给出）",
    )
    q.set_defaults(handler=cmd_audit_verify)
    q = sub.add_parser(
        "checkpoint",
        help="用办公室根密钥签署当前末条审计记录，写入检查点文件（系统管理员；请另行保存）",
    )
    q.add_argument("--out", type=Path, required=True, metavar="FILE", help="检查点文件")
    add_passphrase_option(q)
    q.set_defaults(handler=cmd_audit_checkpoint, changes=True)
    q = sub.add_parser(
        "anchor",
        help="库外末条哈希文件丢失或损坏时，由系统管理员核实后重新记录（记入审计）",
    )
    q.add_argument("--reason", required=True, help="为何重新记录（如：备份恢复后文件丢失）")
    q.set_defaults(handler=cmd_audit_anchor, changes=True)
    q = sub.add_parser("export", help="把一个案件的审计记录导出为 CSV")
    q.add_argument("case", metavar="CASE")
    q.add_argument("out", type=Path, metavar="OUT")
    q.set_defaults(handler=cmd_audit_export, changes=True)


def cmd_users_add(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    password = _stdin_line("密码") if args.password_stdin else None
    with ws.db.write("登记用户") as session:
        user = add_user(
            session,
            login=args.login,
            display_name=args.name,
            roles=args.role,
            by=actor,
            at=ws.clock(),
            password=password,
        )
    print(
        f"已登记用户 {user.login}（{user.display_name}：{'、'.join(ROLES[r] for r in user.roles)}）"
    )
    if password is None:
        print(f"尚未设置登录密码：用 workstation users passwd {user.login} 设置后才能登录桌面程序")
    return 0


def cmd_users_passwd(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.session() as session:
        own = needs_current_password(session, login=args.login, by=actor)
    # Users changing their own password proved it with the current one (cli_identity).
    current = args.proof.password if own and args.proof else None
    if args.password_stdin:
        password = _stdin_line("新密码")
    else:
        password = _prompt("新密码：")
        if _prompt("再次输入新密码：") != password:
            raise IllegalActionError("两次输入的密码不一致，密码未修改")
    with ws.db.write("设置密码") as session:
        user = set_password(
            session, login=args.login, password=password, by=actor, at=ws.clock(), current=current
        )
    print(f"已设置用户 {user.login}（{user.display_name}）的登录密码")
    return 0


def _stdin_line(what: str) -> str:
    """One line of standard input without its line ending (a password may hold spaces)."""
    line = sys.stdin.readline()
    if not line:
        raise IllegalActionError(f"标准输入中没有{what}（--password-stdin 须从标准输入给出）")
    return line.rstrip("\r\n")


def _prompt(prompt: str) -> str:
    """A password typed at the terminal, not echoed."""
    if not sys.stdin or not sys.stdin.isatty():
        raise IllegalActionError(
            "没有可输入密码的终端：请在终端中运行，或用 --password-stdin 从标准输入读取密码"
        )
    return getpass.getpass(prompt)


def cmd_users_deactivate(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.write("停用用户") as session:
        user = deactivate_user(session, login=args.login, by=actor, at=ws.clock())
        retired = retire_keys(session, user, by=actor, at=ws.clock())
    keys = f"，其签名密钥已停用（{len(retired)} 个）" if retired else ""
    print(f"已停用用户 {user.login}（{user.display_name}）{keys}")
    return 0


def cmd_users_list(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    from workstation.cli_output import format_table

    with ws.db.session() as session:
        actor_for(session, actor, "case.read")  # any registered user; anyone before set-up
        users = list_users(session)
    rows = [
        [
            u.login,
            u.display_name,
            "、".join(ROLES.get(r, r) for r in u.roles),
            "在用" if u.active else "停用",
        ]
        for u in users
    ]
    print(format_table(["登录名", "姓名", "角色", "状态"], rows) if rows else "尚未登记用户")
    return 0


def cmd_audit_verify(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    anchor = ws.audit_anchor_file
    with ws.db.session() as session:
        actor_for(session, actor, "audit.read")
        try:
            head = audit_anchor.read_head(anchor, ws.db.url)
        except ValueError as exc:
            print(f"审计记录无法完整核对：{exc}")
            return 1
        report = audit.verify_chain(session, head)
        last = audit.last_entry(session)
        state = check_state(session) if report.intact else None
        # Even a chain recomputed after an edit must still hold what the heads signed,
        # and what the office root signed in checkpoints (recorded, or kept elsewhere).
        vouched = check_signed_heads(session, lambda sha: ws.store.path_for(sha).read_bytes())
        vouched += checkpoints.recorded_problems(session)
        kept = [_kept_checkpoint_problem(session, path) for path in args.checkpoint]
        vouched += [problem for problem in kept if problem]
    if vouched:
        print(f"审计记录与签名所确认的不符（{len(vouched)} 处）：")
        for problem in vouched:
            print(f"  {problem}")
        return 1
    if not report.intact:
        print(f"审计记录已被改动：第 {report.first_broken_seq} 条起哈希链断裂（{report.problem}）")
        return 1
    if head is None and last is not None:
        print(
            f"审计记录无法完整核对：{anchor} 中没有本数据库的末条哈希，"
            f"无法确认末尾的记录未被删除（共 {report.entries} 条，哈希链逐条核对无误）；"
            f"须由系统管理员核实后用 workstation audit anchor --reason 原因 重新记录"
        )
        return 1
    assert state is not None
    for note in state.notes:
        print(f"未核对：{note}")
    if not state.intact:
        print(f"各表与审计记录不符（{len(state.mismatches)} 处）：")
        for mismatch in state.mismatches:
            print(f"  {mismatch.message}")
        return 1
    print(
        f"审计记录完整：共 {report.entries} 条，哈希链逐条核对无误；"
        f"{state.cases} 个案件的状态、结论、审核与签发人员及案卷文件与审计记录一致；"
        "已签发意见书签名及审计检查点所确认的审计记录均未被改写"
    )
    if last is not None:
        print(f"末条：第 {last.seq} 条，哈希 {last.hash}（可另行抄录备查）")
    return 0


def _kept_checkpoint_problem(session: Session, path: Path) -> str | None:
    where = f"检查点文件 {path.name} "
    try:
        checkpoint = checkpoints.read_checkpoint(path.read_bytes(), where)
    except OSError as exc:
        return f"{where}无法读取：{os_error_text(exc)}"
    except IllegalActionError as exc:
        return exc.message
    return checkpoints.checkpoint_problem(session, checkpoint, where)


def cmd_audit_checkpoint(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    with ws.db.session() as session:
        actor_for(session, actor, "users.manage")  # administrators only
    secret = root_passphrase(args)
    checkpoint = checkpoints.make_checkpoint(ws.db, ws.keys, secret, actor=actor, at=ws.clock())
    try:
        write_durably(args.out, checkpoint.document())
    except OSError as exc:
        raise StorageError(f"无法写入 {args.out}：{os_error_text(exc)}") from exc
    print(f"已签署审计检查点：第 {checkpoint.seq} 条，哈希 {checkpoint.hash}")
    print(
        f"检查点文件：{args.out}（请保存在本机以外，核对时：workstation audit verify --checkpoint 文件）"
    )
    return 0


def cmd_audit_anchor(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    anchor = ws.audit_anchor_file
    with ws.db.session() as session:
        actor_for(session, actor, "users.manage")  # administrators only
    done = audit_anchor.reanchor(ws.db, anchor, actor=actor, reason=args.reason, at=ws.clock())
    seq, digest = done.anchored
    print(f"已重新记录审计记录的末条哈希（此前 {anchor} 中：{done.before}）")
    print(f"核实至第 {seq} 条（哈希 {digest}），重新记录本身为第 {done.head[0]} 条")
    print(f"末条：第 {done.head[0]} 条，哈希 {done.head[1]}（可另行抄录备查）")
    return 0


def cmd_audit_export(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    version = ws.resolve(args.case)
    with ws.db.session() as session:
        actor_for(session, actor, "audit.read")
        text = case_audit_csv(session, version.case_id)
    try:
        # UTF-8 with BOM, bytes as they are (the CSV has its own CRLF): Excel on Chinese
        # Windows reads it right. "xb": never overwrite a file, even one that just appeared.
        with args.out.open("xb") as out:
            out.write(text.encode("utf-8-sig"))
    except FileExistsError:
        raise IllegalActionError(f"导出目标 {args.out} 已存在") from None
    except OSError as exc:
        args.out.unlink(missing_ok=True)
        raise StorageError(f"写入 {args.out} 失败：{os_error_text(exc)}") from exc
    try:
        with ws.db.write("记录审计导出") as session:
            audit.append(
                session,
                at=ws.clock(),
                actor=actor,
                action="audit.export",
                case_id=version.case_id,
                details={"out": str(args.out)},
            )
    except BaseException:
        args.out.unlink(missing_ok=True)  # an export the log does not show must not exist
        raise
    print(f"已导出 {version.case.number} 的审计记录到 {args.out}")
    return 0
