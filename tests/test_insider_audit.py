"""What an insider tries at the keyboard leaves a trace and is slowed or refused: failed
logins and wrong signing passphrases are audited, repeated wrong passphrases pause the
signer as repeated failed logins do, only an administrator (or a head for their own key)
manages signing keys, a trainee verifies exercises only, and a bad signature is said once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, minimal_case, proven
from office_roots import OFFICE, ROOT_PASSPHRASE, office_root
from review_desk import ADMIN, CLERK, HEAD, HEAD2, OFFICER, PASSPHRASE, REVIEWER, Office
from sqlalchemy import select

from workstation.cli import main
from workstation.errors import IllegalActionError
from workstation.opinion.service import passphrase_throttles
from workstation.security import audit, signing
from workstation.security.key_registry import list_keys, retire_keys
from workstation.security.login import UNKNOWN_LOGIN
from workstation.security.throttle import Delayed
from workstation.security.users import WRONG_CREDENTIALS, add_user, find_user, set_password
from workstation.store.models import AuditEntry

pytestmark = pytest.mark.both_engines

TRAINEE_LOGIN = "feng"
REAL_NUMBER = "薛市监罚〔2026〕12号"  # the minimal case's
EXERCISE_NUMBER = "薛市监罚〔2026〕90号"


class Stopwatch:
    """A monotonic clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    """The review office's staff, a trainee, and passwords for the reviewer and a head."""
    office = Office(tmp_path / "office", clock)
    with office.ws.db.write("登记用户") as session:
        add_user(
            session,
            login=TRAINEE_LOGIN,
            display_name="冯学员",
            roles=["trainee"],
            by=ADMIN.login,
            at=clock(),
        )
        for person in (REVIEWER, HEAD):
            set_password(
                session,
                login=person.login,
                password=f"{person.login}-pass-2026",
                by=ADMIN.login,
                at=clock(),
            )
    yield office
    office.close()


def entries(office: Office, action: str) -> list[tuple[str, int | None, dict[str, Any]]]:
    """(actor, case id, details) of every audit entry of `action`, in order."""
    with office.ws.db.session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        )
        return [(e.actor, e.case_id, dict(e.details)) for e in rows]


def chain_intact(office: Office) -> bool:
    with office.ws.db.session() as session:
        return audit.verify_chain(session).intact


def cli(office: Office, user: str, *args: str | Path) -> int:
    return main(proven(["--data-dir", office.data_dir, "--user", user, *args]))


# --- M7: failed logins ---------------------------------------------------------------------


def test_failed_logins_are_audited_alike_with_the_login_typed(office: Office) -> None:
    ws = office.ws
    for login in (" wang ", "  nobody  "):  # a wrong password; a login that does not exist
        with pytest.raises(IllegalActionError) as refused:
            ws.log_in(login, "wrong-pass-1")
        assert refused.value.message == WRONG_CREDENTIALS

    # One wording for both: a registered login is named (trimmed, as it is checked); an
    # unknown one is not written down, since it may be a password typed in the wrong field.
    assert entries(office, "user.login_failed") == [
        ("wang", None, {"login": "wang"}),
        (UNKNOWN_LOGIN, None, {"login": UNKNOWN_LOGIN}),
    ]
    # The right password afterwards is its own entry; the chain holds.
    assert ws.log_in("wang", "wang-pass-2026").login == "wang"
    assert [actor for actor, _case, _d in entries(office, "user.login")] == ["wang"]
    assert len(entries(office, "user.login_failed")) == 2
    assert chain_intact(office)


def test_a_blank_field_is_no_attempt_and_is_not_audited(office: Office) -> None:
    for login, password in (("", "wrong-pass-1"), ("wang", "")):
        with pytest.raises(IllegalActionError):
            office.ws.log_in(login, password)
    assert entries(office, "user.login_failed") == []


# --- M7: wrong signing passphrases ------------------------------------------------------------


@pytest.fixture
def issued(office: Office, tmp_path: Path) -> str:
    """The minimal case, its opinion issued, waiting for HEAD's signature: its ref."""
    office.give_key(HEAD, signing.generate_keypair(PASSPHRASE))
    ref = office.bring(tmp_path / "bundle")
    office.issued(ref)
    return ref


def test_wrong_passphrases_are_audited_and_then_pause_the_signer(
    office: Office, issued: str
) -> None:
    ws, stopwatch = office.ws, Stopwatch()
    ws.opinions.passphrase_throttles = passphrase_throttles(clock=stopwatch)
    case_id = ws.resolve(issued).case_id

    for _ in range(3):
        with pytest.raises(signing.WrongPassphrase):
            ws.opinions.sign(issued, HEAD.login, "不是这个口令口令")
    assert entries(office, "opinion.wrong_passphrase") == [
        (HEAD.login, case_id, {"failures": n}) for n in (1, 2, 3)
    ]
    assert ws.opinions.passphrase_pause(HEAD.login) == 1.0
    assert ws.opinions.passphrase_pause(HEAD2.login) == 0  # per signer

    # During the pause even the right passphrase is refused, untried and unsigned.
    with pytest.raises(Delayed) as delayed:
        ws.opinions.sign(issued, HEAD.login, PASSPHRASE)
    assert delayed.value.message == "签名口令多次输入错误，请 1 秒后再试"
    assert ws.workflow.state(issued, HEAD.login) == "opinion_issued"
    assert len(entries(office, "opinion.wrong_passphrase")) == 3

    stopwatch.now += 1.0
    opinion = ws.opinions.sign(issued, HEAD.login, PASSPHRASE)
    assert opinion.signed_at is not None
    assert ws.opinions.passphrase_pause(HEAD.login) == 0
    assert ws.opinions.passphrase_throttles[HEAD.login].failures == 0
    assert chain_intact(office)


def test_a_refusal_that_is_not_the_passphrase_does_not_count(office: Office, issued: str) -> None:
    ws = office.ws
    ws.opinions.passphrase_throttles = passphrase_throttles(clock=Stopwatch())
    for _ in range(4):
        with pytest.raises(IllegalActionError, match="无权签发审核意见书"):
            ws.opinions.sign(issued, REVIEWER.login, "不是这个口令口令")
    assert ws.opinions.passphrase_pause(REVIEWER.login) == 0
    assert entries(office, "opinion.wrong_passphrase") == []


# --- L6 (a): who manages signing keys -----------------------------------------------------------


def test_only_an_administrator_or_the_head_themself_registers_a_key(office: Office) -> None:
    ws = office.ws
    office_root(ws, ADMIN.login)
    secret = "新的签名口令口令"
    refusals = {
        REVIEWER.login: "用户 wang（审核人员）无权登记签名密钥，需要角色：系统管理员、法制机构负责人",
        HEAD2.login: (
            "用户 zheng 只能管理自己的签名密钥；为 钱法制（qian）登记、更换或停用签名密钥"
            "须由系统管理员办理"
        ),
        "mallory": "用户 mallory 未登记或已停用，请管理员用 workstation users add 登记",
    }
    for actor, message in refusals.items():
        with pytest.raises(IllegalActionError) as refused:
            ws.enrol_key(HEAD.login, secret, actor, ROOT_PASSPHRASE)
        assert refused.value.message == message
    with ws.db.session() as session:
        assert list_keys(session) == []
    assert not ws.keys.has(HEAD.login)  # no private key left behind either
    assert entries(office, "keys.add") == []

    ws.enrol_key(HEAD.login, secret, ADMIN.login, ROOT_PASSPHRASE)  # an administrator, for anyone
    ws.enrol_key(HEAD2.login, secret, HEAD2.login, ROOT_PASSPHRASE)  # a head, for their own key
    assert [actor for actor, _c, _d in entries(office, "keys.add")] == [ADMIN.login, HEAD2.login]


def test_only_an_administrator_or_the_head_themself_retires_a_key(office: Office) -> None:
    ws = office.ws
    office_root(ws, ADMIN.login)
    ws.enrol_key(HEAD.login, "新的签名口令口令", ADMIN.login, ROOT_PASSPHRASE)
    with ws.db.session() as session:
        head = find_user(session, HEAD.login)
        assert head is not None
        with pytest.raises(IllegalActionError, match="只能管理自己的签名密钥"):
            retire_keys(session, head, by=HEAD2.login, at=ws.clock())
        with pytest.raises(IllegalActionError, match="无权登记签名密钥"):
            retire_keys(session, head, by=CLERK.login, at=ws.clock())
    with ws.db.session() as session:
        assert [k.active for k in list_keys(session)] == [True]


def test_keys_add_on_the_command_line_is_refused_for_a_reviewer(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    # OFFICER: a reviewer with no password of an administrator's choosing to change first.
    assert cli(office, OFFICER.login, "keys", "add", HEAD.login) == 2
    assert "无权登记签名密钥" in capsys.readouterr().err


# --- L6 (b): a trainee verifies exercises only ----------------------------------------------------


def _exercise(office: Office, root: Path) -> str:
    """An exercise case (with exercise.json) brought in by the clerk: its ref."""
    root.mkdir()
    case = minimal_case(number=EXERCISE_NUMBER)
    (root / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    (root / "exercise.json").write_text('{"format": "legal-review-exercise/1"}', encoding="utf-8")
    result = office.ws.import_bundle(root, actor=CLERK.login)
    assert result.outcome == "imported"
    return str(result.short_id)


def test_a_trainee_verifying_a_real_case_is_refused(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = office.ws
    real = office.bring(tmp_path / "real")
    exercise = _exercise(office, tmp_path / "exercise")
    refusal = f"学员 {TRAINEE_LOGIN} 只能处理练习案件，{REAL_NUMBER} 不是练习案件"

    with pytest.raises(IllegalActionError) as refused:
        ws.verify(real, actor=TRAINEE_LOGIN)
    assert refused.value.message == refusal
    assert cli(office, TRAINEE_LOGIN, "verify", real) == 2
    assert capsys.readouterr().err == f"workstation: {refusal}\n"
    assert [d["scope"] for _a, _c, d in entries(office, "evidence.verify")] == []

    # The exercise, and "everything" meaning the exercises' files only.
    assert ws.verify(exercise, actor=TRAINEE_LOGIN).intact
    everything = ws.verify(None, actor=REVIEWER.login).checked
    own = ws.verify(None, actor=TRAINEE_LOGIN).checked
    assert own == ws.verify(exercise, actor=REVIEWER.login).checked == 2  # case.json, exercise
    assert everything == 3  # the real case's case.json too
    assert [d["scope"] for actor, _c, d in entries(office, "evidence.verify")] == [
        f"{exercise}@v1",
        "all",
        "exercises",
        f"{exercise}@v1",
    ]


# --- L6 (c): a bad signature is said once --------------------------------------------------------


def test_an_invalid_signature_says_so_once(
    office: Office, issued: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = office.ws
    ws.opinions.sign(issued, HEAD.login, PASSPHRASE)
    out = ws.opinions.export(issued, HEAD.login, tmp_path / "意见书.docx")
    sidecar = out.with_name(out.name + ".sig.json")
    document = json.loads(sidecar.read_text(encoding="utf-8"))
    document["outcome"] = "approve"  # the signed outcome was "reject"
    sidecar.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    result = ws.opinions.verify_file(out)
    assert (result.valid, result.problem) == (False, "签名与内容或签名人的公钥不符")
    capsys.readouterr()
    assert cli(office, ADMIN.login, "opinion", "verify", out) == 1
    assert capsys.readouterr().out == (
        f"签名无效：签名与内容或签名人的公钥不符\n信任的办公室根密钥：{OFFICE} {office_root(ws)}\n"
    )


# --- L1: a trainer brings in exercises, not real cases ---------------------------------------------


def _bundle(root: Path, *, exercise: bool, **fields: Any) -> Path:
    root.mkdir()
    case = minimal_case(**fields)
    (root / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    if exercise:
        (root / "exercise.json").write_text('{"format": "legal-review-exercise/1"}', "utf-8")
    return root


def _versions(office: Office) -> int:
    from sqlalchemy import func

    from workstation.store import models

    with office.ws.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(models.CaseVersion)) or 0)


def test_a_trainer_imports_exercises_and_no_real_case_or_new_version_of_one(
    office: Office, tmp_path: Path, clock: FixedClock
) -> None:
    with office.ws.db.write("登记用户") as session:
        add_user(
            session,
            login="wu",
            display_name="吴教员",
            roles=["trainer"],
            by=ADMIN.login,
            at=clock(),
        )
        add_user(
            session,
            login="gao",
            display_name="高教员",
            roles=["trainer", "clerk"],
            by=ADMIN.login,
            at=clock(),
        )
    exercise = _bundle(tmp_path / "exercise", exercise=True, number=EXERCISE_NUMBER)
    assert office.ws.import_bundle(exercise, actor="wu").outcome == "imported"

    real = office.bring(tmp_path / "real")  # brought in by the clerk
    before = _versions(office)
    # The attack: a new version of the real case (or a new real case) as the trainer.
    new_version = _bundle(tmp_path / "v2", exercise=False, title="改动后的案情")
    with pytest.raises(IllegalActionError) as refused:
        office.ws.import_bundle(new_version, actor="wu")
    assert refused.value.message == (
        "培训教员 wu 只能导入练习案卷，v2 不是练习案卷（没有 exercise.json）"
    )
    new_case = _bundle(tmp_path / "new", exercise=False, number="薛市监罚〔2026〕91号")
    with pytest.raises(IllegalActionError, match="只能导入练习案卷"):
        office.ws.import_bundle(new_case, actor="wu")
    assert _versions(office) == before  # nothing stored
    assert office.ws.contents(real, REVIEWER.login).title != "改动后的案情"
    # A trainer who is also a clerk brings in real cases as a clerk does.
    assert office.ws.import_bundle(new_version, actor="gao").outcome == "imported"
    assert _versions(office) == before + 1
