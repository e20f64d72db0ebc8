"""`--user` is a claim, not an identity: a command that changes anything runs only for a user
who proves it with their password (typed at the terminal, or a private `--password-file`);
the audit log records the computer's account and name beside the login; a password an
administrator set must be replaced by its user before they change anything else."""

from __future__ import annotations

import io
import os
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, password_file
from sqlalchemy import select

from workstation import cli
from workstation.app import open_workstation
from workstation.errors import IllegalActionError
from workstation.security import audit
from workstation.security.key_registry import list_keys
from workstation.security.users import add_user, find_user, set_password
from workstation.services import Workstation
from workstation.store import migrate
from workstation.store.db import Database
from workstation.store.models import AuditEntry

ADMIN_PASSWORD = "admin-pass-2026"
HEAD_PASSWORD = "qian-pass-2026"
PASSPHRASE = "签名口令签名口令"

Run = Callable[..., tuple[int, str, str]]


def this_account() -> str:
    """The account this process runs as, from its user id (what the audit must record)."""
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture(autouse=True)
def _nothing_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proof or passphrase leaks in from the developer's environment."""
    for name in ("WORKSTATION_PASSWORD_FILE", "WORKSTATION_PASSPHRASE", "WORKSTATION_USER"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def office(data_dir: Path, make_bundle: Any) -> Path:
    """admin (administrator) and qian (division head), each with a password of their own
    choosing; the minimal case imported as C1."""
    ws = open_workstation(data_dir)
    try:
        with ws.db.write("登记用户") as session:
            for who, name, role, password in (
                ("admin", "管理员", "administrator", ADMIN_PASSWORD),
                ("qian", "钱法制", "division_head", HEAD_PASSWORD),
            ):
                add_user(
                    session,
                    login=who,
                    display_name=name,
                    roles=[role],
                    by=who if who == "admin" else "admin",
                    at=ws.clock(),
                    password=password,
                )
        assert ws.import_bundle(make_bundle(), actor="admin").short_id == "C1"
    finally:
        ws.close()
    return data_dir


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`workstation [--password-file F] --data-dir D --user LOGIN ARGS…` in-process, with
    `stdin` as its input (a terminal when `tty`)."""

    def go(
        user: str, *args: str, stdin: str = "", tty: bool = False, proof: Path | None = None
    ) -> tuple[int, str, str]:
        fake = io.StringIO(stdin)
        fake.isatty = lambda: tty  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stdin", fake)
        given = ["--password-file", str(proof)] if proof else []
        capsys.readouterr()
        code = cli.main([*given, "--data-dir", str(data_dir), "--user", user, *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err.strip().removeprefix("workstation: ")

    return go


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """Answer getpass prompts with these strings, in order; returns the prompts seen."""

    def answer(*answers: str) -> list[str]:
        queue: Iterator[str] = iter(answers)
        prompts: list[str] = []

        def fake_getpass(prompt: str = "") -> str:
            prompts.append(prompt)
            return next(queue)

        monkeypatch.setattr("getpass.getpass", fake_getpass)
        return prompts

    return answer


def opened(data_dir: Path) -> Workstation:
    return open_workstation(data_dir)


def logs_in(data_dir: Path, who: str, password: str) -> bool:
    ws = opened(data_dir)
    try:
        ws.log_in(who, password)
    except IllegalActionError:
        return False
    finally:
        ws.close()
    return True


def entries(data_dir: Path, *actions: str) -> list[AuditEntry]:
    """The audit entries the commands made (`actions` only, if given): the set-up's are
    made without a front end, so they have no origin."""
    ws = opened(data_dir)
    try:
        with ws.db.session() as session:
            query = select(AuditEntry).order_by(AuditEntry.seq)
            if actions:
                query = query.where(AuditEntry.action.in_(actions))
            rows = [e for e in session.scalars(query) if audit.ORIGIN_KEY in e.details]
            session.expunge_all()
            return rows
    finally:
        ws.close()


def chain_intact(data_dir: Path) -> bool:
    ws = opened(data_dir)
    try:
        with ws.db.session() as session:
            return audit.verify_chain(session).intact
    finally:
        ws.close()


def head_keys(data_dir: Path) -> tuple[int, bool]:
    """How many public keys are registered, and whether qian has a private key here."""
    ws = opened(data_dir)
    try:
        with ws.db.session() as session:
            return len(list_keys(session)), ws.keys.has("qian")
    finally:
        ws.close()


# --- the attack: `--user admin` without admin's password -------------------------------------


RESET_HEAD = ("users", "passwd", "qian", "--password-stdin")
HEAD_KEY = ("keys", "add", "qian")


def test_without_proof_an_administrator_claim_changes_nothing(
    run: Run, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)  # the key's, not admin's
    for args in (RESET_HEAD, HEAD_KEY):
        code, _, err = run("admin", *args, stdin="hijacked-pass-1\n")
        assert code == 2, args
        assert err == (
            "此命令会更改数据，须证明操作人是用户 admin：请在终端中运行并输入其登录密码，"
            "或用 --password-file 文件（环境变量 WORKSTATION_PASSWORD_FILE）给出，"
            "文件须仅本人可读"
        )
    assert logs_in(office, "qian", HEAD_PASSWORD)
    assert not logs_in(office, "qian", "hijacked-pass-1")
    assert head_keys(office) == (0, False)
    assert entries(office, "user.password_set", "keys.add", "user.login_failed") == []


def test_a_wrong_password_is_refused_and_audited_with_the_account(
    run: Run, office: Path, tmp_path: Path
) -> None:
    wrong = password_file(tmp_path / "guess", "admin-guess-1")
    code, _, err = run("admin", *RESET_HEAD, stdin="hijacked-pass-1\n", proof=wrong)
    assert (code, err) == (2, "登录名或密码不正确")
    assert logs_in(office, "qian", HEAD_PASSWORD)
    (failed,) = entries(office, "user.login_failed")
    assert (failed.actor, failed.details["login"]) == ("admin", "admin")
    assert failed.details["origin"] == {
        "via": "cli",
        "os_account": this_account(),
        "host": socket.gethostname(),
    }
    assert entries(office, "user.password_set") == []


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_password_file_others_can_read_is_refused_by_name(
    run: Run, office: Path, tmp_path: Path, mode: int
) -> None:
    exposed = password_file(tmp_path / "exposed", ADMIN_PASSWORD, mode=mode)
    code, _, err = run("admin", *RESET_HEAD, stdin="hijacked-pass-1\n", proof=exposed)
    assert code == 2
    assert err == (
        f"密码文件 {exposed} 同组或其他账户可以访问（权限 {mode:04o}），"
        "不能用作身份证明：请改为仅本人可读（chmod 600）"
    )
    assert logs_in(office, "qian", HEAD_PASSWORD)
    assert entries(office, "user.password_set", "user.login_failed") == []  # not even tried


@pytest.mark.parametrize(
    ("content", "problem"),
    [("\nadmin-pass-2026\n", "的第一行是空的"), ("x" * 5000, "过大，不是密码文件")],
)
def test_a_password_file_that_holds_no_password_is_refused(
    run: Run, office: Path, tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "odd"
    path.write_text(content, encoding="utf-8")
    path.chmod(0o600)
    code, _, err = run("admin", *RESET_HEAD, stdin="hijacked-pass-1\n", proof=path)
    assert (code, err) == (2, f"密码文件 {path} {problem}")
    missing = tmp_path / "nowhere"
    code, _, err = run("admin", *RESET_HEAD, stdin="hijacked-pass-1\n", proof=missing)
    assert code == 2
    assert err.startswith(f"无法读取密码文件 {missing}：")


def test_the_right_password_file_acts_and_the_log_names_the_account_and_computer(
    run: Run, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whoever runs the command may name anyone in $USER and $LOGNAME; the log does not ask them.
    monkeypatch.setenv("USER", "admin")
    monkeypatch.setenv("LOGNAME", "admin")
    audit._this_account_and_host.cache_clear()
    proof = password_file(tmp_path / "admin", ADMIN_PASSWORD)
    code, out, _ = run("admin", *RESET_HEAD, stdin="reset-pass-123\n", proof=proof)
    assert (code, out.strip()) == (0, "已设置用户 qian（钱法制）的登录密码")
    (reset,) = entries(office, "user.password_set")
    assert (reset.actor, reset.details["login"]) == ("admin", "qian")
    assert reset.details["origin"] == {
        "via": "cli",
        "os_account": this_account(),
        "host": socket.gethostname(),
        "proof": "password_file",
    }
    assert chain_intact(office)
    # The origin is inside the hash like the rest of the entry.
    forged = AuditEntry(**{c: getattr(reset, c) for c in ("seq", "at", "actor", "action")})
    forged.case_id, forged.prev_hash = reset.case_id, reset.prev_hash
    forged.details = {**reset.details, "origin": {**reset.details["origin"], "os_account": "x"}}
    assert audit.entry_hash(forged) != reset.hash


def test_the_password_file_may_come_from_the_environment(
    run: Run, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKSTATION_PASSWORD_FILE", str(password_file(tmp_path, ADMIN_PASSWORD)))
    assert run("admin", "users", "add", "wang", "--name", "王审核", "--role", "reviewer")[0] == 0
    (added,) = [e for e in entries(office, "user.add") if e.details["login"] == "wang"]
    assert added.details["origin"]["proof"] == "password_file"


def test_at_a_terminal_the_password_is_asked_for(
    run: Run, office: Path, typed: Callable[..., list[str]]
) -> None:
    prompts = typed("admin-guess-1")
    code, _, err = run("admin", *RESET_HEAD, stdin="reset-pass-123\n", tty=True)
    assert (code, err) == (2, "登录名或密码不正确")
    prompts = typed(ADMIN_PASSWORD, "reset-pass-123", "reset-pass-123")
    code, _, _ = run("admin", "users", "passwd", "qian", tty=True)
    assert code == 0
    assert prompts == ["用户 admin 的登录密码：", "新密码：", "再次输入新密码："]
    (reset,) = entries(office, "user.password_set")
    assert reset.details["origin"]["proof"] == "terminal"


# --- what needs no proof ------------------------------------------------------------------------


def test_reading_needs_no_proof(run: Run, office: Path, make_bundle: Any) -> None:
    for user, args in (
        ("admin", ("cases",)),
        ("admin", ("users", "list")),
        ("admin", ("keys", "list")),
        ("qian", ("review", "C1")),
        ("qian", ("workflow", "C1")),
        ("admin", ("verify",)),
        ("admin", ("verify", "C1")),
        ("admin", ("audit", "verify")),
        ("admin", ("check", str(make_bundle()))),
    ):
        code, _, err = run(user, *args)
        assert (code, err) == (0, ""), args
    # What reading logs is logged with where it came from, and no proof.
    checked = entries(office, "evidence.verify")
    assert [e.details["origin"].get("proof") for e in checked] == [None, None]
    assert {e.details["origin"]["via"] for e in checked} == {"cli"}


def test_an_edit_or_a_step_is_not_reading(run: Run, office: Path) -> None:
    for args in (
        ("review", "C1", "--verdict", "subject=ok"),
        ("review", "C1", "--outcome", "approve"),
        ("workflow", "C1", "accept"),
        ("import", "/nowhere"),
        ("export", "C1", "/tmp/nowhere-out"),
        ("audit", "export", "C1", "/tmp/nowhere.csv"),
        ("opinion", "draft", "C1", "--out", "/tmp/nowhere.docx"),
        ("users", "deactivate", "admin"),
        ("keys", "remove", "qian"),
    ):
        code, _, err = run("qian", *args)
        assert code == 2, args
        assert err.startswith("此命令会更改数据，须证明操作人是用户 qian"), args
    assert entries(office) == []


def test_only_the_very_first_user_is_added_without_proof(run: Run, tmp_path: Path) -> None:
    add = ("users", "add", "admin", "--name", "管理员", "--role", "administrator")
    code, _, _ = run("admin", *add, "--password-stdin", stdin=f"{ADMIN_PASSWORD}\n")
    assert code == 0
    code, _, err = run("admin", "users", "add", "wang", "--name", "王审核", "--role", "reviewer")
    assert code == 2
    assert err.startswith("此命令会更改数据，须证明操作人是用户 admin")


# --- a password an administrator set -----------------------------------------------------------


def test_after_a_reset_the_user_must_choose_a_new_password_first(
    run: Run, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = password_file(tmp_path / "admin", ADMIN_PASSWORD)
    assert run("admin", *RESET_HEAD, stdin="reset-pass-123\n", proof=admin)[0] == 0
    given = password_file(tmp_path / "given", "reset-pass-123")
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)

    # The administrator's password proves nothing to act on: the head must replace it first.
    code, _, err = run("qian", *HEAD_KEY, proof=given)
    assert (code, err) == (
        2,
        "用户 qian 的登录密码由系统管理员设置，须先改为只有本人知道的新密码："
        "workstation --user qian users passwd qian",
    )
    assert head_keys(office) == (0, False)
    assert run("qian", "keys", "list")[0] == 0  # reading meanwhile is fine
    # Not with the password the administrator knows, and not someone else's.
    code, _, err = run("qian", *RESET_HEAD, stdin="reset-pass-123\n", proof=given)
    assert (code, err) == (2, "新密码不能与系统管理员设置的密码相同，密码未修改")
    code, _, err = run(
        "qian", "users", "passwd", "admin", "--password-stdin", stdin="x-pass-1234\n", proof=given
    )
    assert code == 2
    assert err.startswith("用户 qian 的登录密码由系统管理员设置")

    assert run("qian", *RESET_HEAD, stdin="qian-own-pass-1\n", proof=given)[0] == 0
    own = password_file(tmp_path / "own", "qian-own-pass-1")
    # Registering a key needs the office root (the administrator's) to certify it.
    root = ["--root-passphrase-file", str(password_file(tmp_path / "root", "根密钥的口令-2026"))]
    assert run("admin", "office-root", "create", "--office", "法制科", *root, proof=admin)[0] == 0
    code, out, _ = run("qian", *HEAD_KEY, *root, proof=own)
    assert code == 0, out
    assert head_keys(office) == (1, True)
    assert not logs_in(office, "qian", "reset-pass-123")


def test_the_login_says_when_a_new_password_is_due(office: Path, clock: FixedClock) -> None:
    ws = open_workstation(office, clock=clock)
    try:
        assert not ws.log_in("qian", HEAD_PASSWORD).password_change_due
        with ws.db.write("重设密码") as session:
            set_password(session, login="qian", password="reset-pass-123", by="admin", at=clock())
        signed_in = ws.log_in("qian", "reset-pass-123")
        assert signed_in.password_change_due
        assert ws.signed_in("qian") == signed_in
        with pytest.raises(IllegalActionError, match="不能与系统管理员设置的密码相同"):
            ws.change_password("qian", "reset-pass-123", "reset-pass-123")
        with pytest.raises(IllegalActionError, match="当前密码不正确"):
            ws.change_password("qian", "not-the-one-1", "qian-own-pass-1")
        assert ws.log_in("qian", "reset-pass-123").password_change_due
        changed = ws.change_password("qian", "reset-pass-123", "qian-own-pass-1")
        assert not changed.password_change_due
        assert not ws.log_in("qian", "qian-own-pass-1").password_change_due
        # An administrator choosing their own password is no reset either.
        with ws.db.write("修改密码") as session:
            set_password(session, login="admin", password="admin-new-pass", by="admin", at=clock())
        assert not ws.log_in("admin", "admin-new-pass").password_change_due
    finally:
        ws.close()


# --- the pause after repeated failures, kept across commands ------------------------------------


def test_failed_proofs_pause_the_next_attempt_across_commands(
    run: Run, office: Path, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command is its own process: the pause is read back from the audit log."""
    monkeypatch.setattr(cli, "_open", lambda args: open_workstation(args.data_dir, clock=clock))
    right = password_file(tmp_path / "right", ADMIN_PASSWORD)
    wrong = password_file(tmp_path / "wrong", "admin-guess-1")
    add = ("users", "add", "wang", "--name", "王审核", "--role", "reviewer")

    def attempt(proof: Path, user: str = "admin", args: tuple[str, ...] = add) -> str:
        code, _, err = run(user, *args, proof=proof)
        return "done" if code == 0 else err

    assert [attempt(wrong) for _ in range(3)] == ["登录名或密码不正确"] * 3
    # What anyone may log as admin without the password does not wash the failures away.
    for _ in range(25):
        assert run("admin", "verify")[0] == 0
    assert attempt(right) == "多次登录失败，请 1 秒后再试"  # right, but not tried
    assert len(entries(office, "user.login_failed")) == 3  # nor counted
    clock.advance(seconds=1)
    assert attempt(wrong) == "登录名或密码不正确"
    assert attempt(right) == "多次登录失败，请 2 秒后再试"
    head = password_file(tmp_path / "head", HEAD_PASSWORD)
    assert attempt(head, "qian", ("keys", "remove", "qian")) == "用户 qian 没有登记签名密钥"
    clock.advance(seconds=2)
    assert attempt(right) == "done"
    # A proven command starts the count afresh.
    assert attempt(wrong, args=("users", "deactivate", "wang")) == "登录名或密码不正确"
    assert attempt(right, args=("users", "deactivate", "wang")) == "done"


# --- the migration ---------------------------------------------------------------------------------


def test_migration_0005_marks_no_existing_user(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db, tmp_path / "backups", target="0004")
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users (login, display_name, roles, active, created_at, password_hash) "
            "VALUES ('li', '李审', '[\"reviewer\"]', 1, '2026-03-01 01:00:00.000000', 'x')"
        )
    report = migrate.upgrade(db, tmp_path / "backups", target="0005")
    assert (report.from_revision, report.to_revision) == ("0004", "0005")
    with db.session() as session:
        user = find_user(session, "li")
        assert user is not None
        assert (user.password_hash, user.password_change_due) == ("x", False)
    db.dispose()
