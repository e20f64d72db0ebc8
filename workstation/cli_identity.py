"""Who is acting on the command line, proven (shared/spec/cli.md, `--user`).

A command that changes anything runs only once its user has proved to be that user: the
password typed at the terminal or, for scripts, the first line of the file that
`--password-file` / WORKSTATION_PASSWORD_FILE names, which no other account may read.
Read-only commands need no proof, nor does anything before the first user exists (the
first administrator adds itself). The check is the desktop login's (security/login.py
`prove`), so failures are audited and paused alike. A user whose password an administrator
set may do nothing but choose their own.

Each command says in its parser whether it changes anything: `set_defaults(changes=True)`,
or a function of its arguments (`review` with edits, `workflow` with an action).
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workstation.errors import IllegalActionError
from workstation.os_errors import os_error_text
from workstation.security import audit
from workstation.security import login as logins
from workstation.security.users import password_change_refusal
from workstation.services import Workstation

PASSWORD_FILE_ENV = "WORKSTATION_PASSWORD_FILE"
_MAX_FILE_BYTES = 4096  # a password file holds one line; anything bigger is the wrong file


@dataclass(frozen=True)
class Proof:
    """The user a command runs for, proven by `password` given `how`."""

    login: str
    password: str
    how: str  # "terminal" or "password_file"


def add_options(parser: argparse.ArgumentParser) -> None:
    """The global option that names a password file."""
    parser.add_argument(
        "--password-file",
        metavar="PATH",
        help=(
            "更改数据的命令须证明操作人身份：从此文件第一行读取 --user 的登录密码"
            f"（文件须仅本人可读）；环境变量 {PASSWORD_FILE_ENV}；不给则在终端中输入"
        ),
    )


def changes(args: argparse.Namespace) -> bool:
    """Whether the parsed command changes anything (and so needs its user proven)."""
    said: bool | Callable[[argparse.Namespace], bool] = getattr(args, "changes", False)
    return said(args) if callable(said) else bool(said)


def prove(ws: Workstation, args: argparse.Namespace, actor: str) -> Proof | None:
    """The proof a changing command needs that `actor` is who runs it; None for a read-only
    command or while nobody is registered. Refusals are IllegalActionErrors (exit 2)."""
    if not changes(args) or not ws.users_registered():
        return None
    password, how = _password(args, actor)
    signed_in = logins.prove(ws.db, ws.clock, actor, password)
    if signed_in.password_change_due and not _chooses_own_password(args, signed_in.login):
        raise IllegalActionError(password_change_refusal(signed_in.login))
    return Proof(signed_in.login, password, how)


def origin(proof: Proof | None) -> dict[str, str]:
    """What the audit entries of this command record about where it came from."""
    return audit.origin_of("cli", **({"proof": proof.how} if proof else {}))


def _chooses_own_password(args: argparse.Namespace, login: str) -> bool:
    return bool(getattr(args, "sets_password", False)) and args.login == login


def _password(args: argparse.Namespace, actor: str) -> tuple[str, str]:
    named = args.password_file or os.environ.get(PASSWORD_FILE_ENV)
    if named:
        return read_password_file(Path(named)), "password_file"
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"用户 {actor} 的登录密码："), "terminal"
    raise IllegalActionError(
        f"此命令会更改数据，须证明操作人是用户 {actor}：请在终端中运行并输入其登录密码，"
        f"或用 --password-file 文件（环境变量 {PASSWORD_FILE_ENV}）给出，文件须仅本人可读"
    )


def read_password_file(path: Path) -> str:
    """The first line of `path`, refused unless it is a file only this account can read."""
    # O_NONBLOCK: a named pipe is refused below instead of waiting here for a writer.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise IllegalActionError(f"无法读取密码文件 {path}：{os_error_text(exc)}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise IllegalActionError(f"密码文件 {path} 不是普通文件")
        problem = _others_can_read(info)
        if problem:
            raise IllegalActionError(
                f"密码文件 {path} {problem}，不能用作身份证明：请改为仅本人可读（chmod 600）"
            )
        data = handle.read(_MAX_FILE_BYTES + 1)
    if len(data) > _MAX_FILE_BYTES:
        raise IllegalActionError(f"密码文件 {path} 过大，不是密码文件")
    try:
        text = data.decode("utf-8-sig")  # Notepad's byte-order mark is not the password's
    except UnicodeDecodeError:
        raise IllegalActionError(f"密码文件 {path} 不是 UTF-8 文本") from None
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first:
        raise IllegalActionError(f"密码文件 {path} 的第一行是空的")
    return first


def _others_can_read(info: os.stat_result) -> str | None:
    """Why accounts other than this one can read a file, or None. POSIX modes only: on
    Windows the ACLs decide, and a file in one's own profile is private by default."""
    if os.name != "posix":
        return None
    if info.st_uid != os.geteuid():
        return "属于其他账户"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        return f"同组或其他账户可以访问（权限 {mode:04o}）"
    return None
