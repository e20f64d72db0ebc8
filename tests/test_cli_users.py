"""`workstation users add … --password-stdin` and `workstation users passwd LOGIN`; each
user proves who they are with their password (a private file, or typed at the terminal)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import password_file

from workstation import cli
from workstation.app import open_workstation
from workstation.errors import IllegalActionError

Run = Callable[..., tuple[int, str, str]]
ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def run(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Run:
    """`workstation --data-dir D --user LOGIN ARGS…` in-process with `stdin` as its input;
    `proof`: the password in a private file (admin's by default for admin), None for none."""

    def go(
        login: str, *args: str, stdin: str = "", tty: bool = False, proof: str | None = None
    ) -> tuple[int, str, str]:
        fake = io.StringIO(stdin)
        fake.isatty = lambda: tty  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stdin", fake)
        proof = proof or (ADMIN_PASSWORD if login == "admin" else None)
        given = ["--password-file", str(password_file(tmp_path / "proof", proof))] if proof else []
        capsys.readouterr()
        try:
            code = cli.main([*given, "--data-dir", str(data_dir), "--user", login, *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err.strip().removeprefix("workstation: ")

    return go


def logs_in(data_dir: Path, login: str, password: str) -> bool:
    ws = open_workstation(data_dir)
    try:
        ws.log_in(login, password)
    except IllegalActionError:
        return False
    finally:
        ws.close()
    return True


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """Answer getpass prompts with these strings, in order; returns the prompts seen."""

    def answer(*answers: str) -> list[str]:
        queue: Iterator[str] = iter(answers)
        prompts: list[str] = []

        def fake_getpass(prompt: str = "") -> str:
            prompts.append(prompt)
            return next(queue)

        monkeypatch.setattr("workstation.cli_admin.getpass.getpass", fake_getpass)
        return prompts

    return answer


@pytest.fixture
def office(run: Run, data_dir: Path) -> Path:
    """admin (password admin-pass-1), li (reviewer, no password yet)."""
    code, out, _ = run(
        "setup",
        *("users", "add", "admin", "--name", "管理员", "--role", "administrator"),
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    assert code == 0, out
    assert "尚未设置登录密码" not in out
    code, out, _ = run("admin", "users", "add", "li", "--name", "李审", "--role", "reviewer")
    assert code == 0
    assert "尚未设置登录密码：用 workstation users passwd li 设置后才能登录桌面程序" in out
    return data_dir


def test_the_first_administrator_is_added_with_a_password_from_stdin(office: Path) -> None:
    assert logs_in(office, "admin", ADMIN_PASSWORD)
    assert not logs_in(office, "li", "anything-12")


def test_an_administrator_sets_a_password_from_stdin(run: Run, office: Path) -> None:
    code, out, _ = run(
        "admin", "users", "passwd", "li", "--password-stdin", stdin="li-pass-123\r\n"
    )
    assert (code, out.strip()) == (0, "已设置用户 li（李审）的登录密码")
    assert logs_in(office, "li", "li-pass-123")  # the line ending is not part of it


def test_passwd_asks_twice_at_the_terminal(
    run: Run, office: Path, typed: Callable[..., list[str]]
) -> None:
    typed("li-pass-123", "li-pass-124")
    code, _, err = run("admin", "users", "passwd", "li", tty=True)
    assert (code, err) == (2, "两次输入的密码不一致，密码未修改")
    assert not logs_in(office, "li", "li-pass-123")
    prompts = typed("li-pass-123", "li-pass-123")
    code, _, _ = run("admin", "users", "passwd", "li", tty=True)
    assert code == 0
    assert prompts == ["新密码：", "再次输入新密码："]
    assert logs_in(office, "li", "li-pass-123")


def test_passwd_without_a_terminal_needs_password_stdin(run: Run, office: Path) -> None:
    code, _, err = run("admin", "users", "passwd", "li", stdin="li-pass-123\n")
    assert code == 2
    assert "--password-stdin" in err
    code, _, err = run("admin", "users", "passwd", "li", "--password-stdin", stdin="")
    assert (code, err) == (2, "标准输入中没有新密码（--password-stdin 须从标准输入给出）")


def test_a_user_changes_their_own_password_with_the_current_one(
    run: Run, office: Path, typed: Callable[..., list[str]]
) -> None:
    run("admin", "users", "passwd", "li", "--password-stdin", stdin="li-pass-123\n")
    code, _, err = run(
        "li", "users", "passwd", "li", "--password-stdin", stdin="li-new-pass-9\n", proof="wrong"
    )
    assert (code, err) == (2, "登录名或密码不正确")
    # At the terminal the current password is the proof, asked for first.
    prompts = typed("li-pass-123", "li-new-pass-9", "li-new-pass-9")
    code, _, _ = run("li", "users", "passwd", "li", tty=True)
    assert code == 0
    assert prompts == ["用户 li 的登录密码：", "新密码：", "再次输入新密码："]
    assert logs_in(office, "li", "li-new-pass-9")
    assert not logs_in(office, "li", "li-pass-123")


def test_weak_passwords_and_other_peoples_passwords_are_refused(run: Run, office: Path) -> None:
    code, _, err = run("admin", "users", "passwd", "li", "--password-stdin", stdin="short\n")
    assert (code, err) == (2, "密码至少需要 8 个字符")
    run("admin", "users", "passwd", "li", "--password-stdin", stdin="li-pass-123\n")
    mine = ("users", "passwd", "li", "--password-stdin")
    assert run("li", *mine, stdin="li-own-pass-1\n", proof="li-pass-123")[0] == 0
    code, _, err = run(
        "li",
        "users",
        "passwd",
        "admin",
        "--password-stdin",
        stdin="hijacked-1\n",
        proof="li-own-pass-1",
    )
    assert code == 2
    assert "无权管理用户" in err
    code, _, err = run(
        "admin",
        *("users", "add", "wang", "--name", "王", "--role", "reviewer", "--password-stdin"),
        stdin="wang\n",
    )
    assert (code, err) == (2, "密码至少需要 8 个字符")
    assert logs_in(office, "admin", ADMIN_PASSWORD)
