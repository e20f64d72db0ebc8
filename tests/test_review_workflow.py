"""The review workflow, as the issue and the references describe it.

Users and their roles in the service layer; the eleven-section checklist with verdicts,
comments, citations and decisions on automatic findings; the outcome and its guard; the state
machine (accept, extension, opinion, signing, re-review or negotiation, collective
discussion, resubmission) with the route and limits of the office's rule pack; deadlines in
calendar or working days on an injected clock; recusal (回避); the responsibility chain; the
hash-chained audit log; and the `users`, `review` and `workflow` commands.

Contracts: the issue text, shared/reference/legal-rules.md (c), shared/spec/review-rules.md
"Checklist sections", shared/spec/cli.md, and the `review` blocks of the shipped packs.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from checklist_steps import finish_checklist, finish_what_one_may
from helpers import FixedClock, minimal_case, proven, register_users
from office_roots import register_certified
from raw_sql import audit_log_opened
from sqlalchemy import select

from workstation import cli
from workstation.app import open_workstation
from workstation.casefile.manifest import EXERCISE_NAME
from workstation.demo import generate_demo_bundles
from workstation.errors import IllegalActionError
from workstation.review.checklist import CitationSpec
from workstation.review.workflow_service import Minutes
from workstation.security import audit, signing
from workstation.security.users import ROLES, add_user, find_user
from workstation.services import Workstation
from workstation.store.models import AuditEntry
from workstation.store.review_models import DiscussionMinutes, Opinion

pytestmark = pytest.mark.both_engines

XUECHENG = "cn-xuecheng-2017"
NINGXIA = "cn-ningxia-zjt-2022"
DEMO_PACK = "demo-zaozhuang-2026"
PASSPHRASE = "口令口令口令口令"

SECTIONS = [
    ("subject", "执法主体"),
    ("qualification", "执法人员资格"),
    ("party", "相对人认定"),
    ("facts", "事实"),
    ("evidence", "证据"),
    ("law", "法律适用"),
    ("discretion", "裁量"),
    ("procedure", "程序"),
    ("authority", "职权"),
    ("documents", "文书"),
    ("referral", "涉嫌犯罪移送"),
]


# --- people ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    login: str
    name: str
    roles: tuple[str, ...]

    @property
    def role_name(self) -> str:
        return ROLES[self.roles[0]]


ADMIN = Person("admin", "系统管理员甲", ("administrator",))
REVIEWER = Person("wang", "王审核", ("reviewer",))
REVIEWER2 = Person("zhao", "赵复核", ("reviewer",))
HEAD = Person("qian", "钱法制", ("division_head",))
AGENCY_HEAD = Person("sun", "孙机关", ("agency_head",))
CLERK = Person("zhou", "周承办", ("clerk",))
TRAINER = Person("wu", "吴教员", ("trainer",))
TRAINEE = Person("feng", "冯学员", ("trainee",))
STAFF = (ADMIN, REVIEWER, REVIEWER2, HEAD, AGENCY_HEAD, CLERK, TRAINER, TRAINEE)

# Names that the minimal case (helpers.MINIMAL_CASE) gives its officers.
OFFICER = Person("zhangming", "张明", ("reviewer",))
OFFICER_HEAD = Person("lihua", "李华", ("division_head",))
HEARING_HOST = Person("zhouting", "周听证", ("reviewer",))


def identifies(who: str, person: Person) -> bool:
    """A responsibility-chain entry names `person` (by login or by name)."""
    return who in (person.login, person.name)


# --- the office: a workstation on its own data folder, under one rule pack -------------------


class Office:
    """A data folder under one rule pack, with the staff registered and helpers to act."""

    def __init__(
        self, ws: Workstation, clock: FixedClock, data_dir: Path, keypair: tuple[bytes, bytes]
    ) -> None:
        self.ws, self.clock, self.data_dir = ws, clock, data_dir
        self._keypair = keypair
        self._keyed: set[str] = set()

    def register(self, person: Person, by: str = ADMIN.login) -> None:
        with self.ws.db.write("登记用户") as session:
            add_user(
                session,
                login=person.login,
                display_name=person.name,
                roles=list(person.roles),
                by=by,
                at=self.clock(),
            )

    def bring(self, bundle: Path, person: Person = CLERK) -> str:
        """Import a bundle; the case's short id."""
        result = self.ws.import_bundle(bundle, actor=person.login)
        assert result.outcome == "imported"
        return result.short_id

    def act(
        self,
        ref: str,
        action: str,
        person: Person,
        reason: str = "",
        minutes: Minutes | None = None,
        *,
        finish: bool = True,
    ) -> str:
        """Take `action`; before issuing, `finish` first completes what `person` may of the
        checklist (tests of what comes after issuing; the guards' own tests pass False)."""
        if action == "issue_opinion" and finish:
            finish_what_one_may(self.ws, ref, person.login)
        return self.ws.workflow.act(ref, action, person.login, reason=reason, minutes=minutes)

    def state(self, ref: str) -> str:
        return self.ws.workflow.state(ref, AGENCY_HEAD.login)

    def sign(self, ref: str, person: Person = HEAD) -> str:
        """Sign the issued opinion as `person` (registering their key first); the new state."""
        if person.login not in self._keyed:
            private, public = self._keypair
            register_certified(self.ws, person.login, public, admin=ADMIN.login)
            self.ws.keys.store(person.login, private)
            self._keyed.add(person.login)
        self.ws.opinions.sign(ref, person.login, PASSPHRASE)
        return self.state(ref)

    def issue(self, ref: str, outcome: str, reasons: str = "", person: Person = REVIEWER) -> str:
        """Set the outcome, issue the opinion and have the division head sign it."""
        self.ws.review.set_outcome(ref, outcome, reasons, person.login)
        assert self.act(ref, "issue_opinion", person) == "opinion_issued"
        return self.sign(ref)

    def entries(self, ref: str | None = None, prefix: tuple[str, ...] = ()) -> list[AuditEntry]:
        """The audit entries (of one case; whose action starts with one of `prefix`)."""
        case_id = self.ws.resolve(ref).case_id if ref else None
        with self.ws.db.session() as session:
            rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        return [
            e
            for e in rows
            if (case_id is None or e.case_id == case_id)
            and (not prefix or e.action.startswith(prefix))
        ]

    def review_entries(self, ref: str) -> list[AuditEntry]:
        return self.entries(ref, ("review.", "workflow.", "opinion."))

    def chain_intact(self) -> bool:
        with self.ws.db.session() as session:
            report = audit.verify_chain(session)
        return report.intact and report.entries == len(self.entries())


OfficeMaker = Callable[..., Office]


@pytest.fixture(scope="module")
def keypair() -> tuple[bytes, bytes]:
    """One sealed Ed25519 key for every signing division head of this module (scrypt is slow)."""
    return signing.generate_keypair(PASSPHRASE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo bundles by the name their folder ends with: 食品, 城管查封, 生态环境, 露天烧烤,
    不合格电线."""
    bundles = generate_demo_bundles(tmp_path_factory.mktemp("demo"))
    return {bundle.name.split("-", 2)[2]: bundle for bundle in bundles}


def as_real_case(bundle: Path, office: Office) -> Path:
    """A copy of a demo exercise without its exercise.json: a real case, for tests about the
    review itself (only a trainee may take an exercise)."""
    copy = office.data_dir.parent / f"real-{bundle.name}"
    if not copy.exists():
        shutil.copytree(bundle, copy, ignore=shutil.ignore_patterns(EXERCISE_NAME))
    return copy


@pytest.fixture
def open_office(
    tmp_path: Path, clock: FixedClock, keypair: tuple[bytes, bytes]
) -> Iterator[OfficeMaker]:
    """Open an office under a rule pack (settings.toml written first), staff registered."""
    opened: list[Workstation] = []

    def make(pack: str | None = XUECHENG, *, staff: bool = True) -> Office:
        data_dir = tmp_path / f"office{len(opened)}"
        data_dir.mkdir(parents=True)
        if pack:
            (data_dir / "settings.toml").write_text(
                f'[review]\nrule_pack = "{pack}"\n', encoding="utf-8"
            )
        ws = open_workstation(data_dir, clock=clock)
        opened.append(ws)
        office = Office(ws, clock, data_dir, keypair)
        if staff:
            for person in STAFF:
                office.register(person)
        return office

    yield make
    for ws in opened:
        ws.close()


BundleMaker = Callable[..., Path]


def case_bundle(make_bundle: BundleMaker, name: str | None = None, **fields: Any) -> Path:
    """A bundle of the minimal case (number 薛市监罚〔2026〕12号) with `case` fields replaced."""
    return make_bundle(minimal_case(**fields), name=name)


HEARING = {
    "id": "e2",
    "type": "hearing",
    "at": "2026-03-05T10:00:00+08:00",
    "host": HEARING_HOST.name,
    "officers": ["37040001"],
}


def _utc(moment: datetime) -> datetime:
    """A stored time (SQLite keeps UTC without its zone) as an aware UTC time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def refused(
    match: str,
) -> contextlib.AbstractContextManager[pytest.ExceptionInfo[IllegalActionError]]:
    """Expect the action to be refused with a message matching `match`."""
    return pytest.raises(IllegalActionError, match=match)


# --- users and roles ------------------------------------------------------------------------


def test_the_seven_roles_with_their_chinese_names() -> None:
    assert ROLES == {
        "reviewer": "审核人员",
        "division_head": "法制机构负责人",
        "agency_head": "机关负责人",
        "clerk": "承办人员",
        "trainer": "培训教员",
        "trainee": "学员",
        "administrator": "系统管理员",
    }


def test_the_first_user_must_be_an_administrator(open_office: OfficeMaker) -> None:
    office = open_office(staff=False)
    with refused("第一个用户必须是系统管理员"):
        office.register(REVIEWER, by=REVIEWER.login)
    office.register(ADMIN, by=ADMIN.login)  # the first administrator adds itself
    office.register(REVIEWER)
    with office.ws.db.session() as session:
        user = find_user(session, REVIEWER.login)
        assert user is not None
        assert (user.display_name, user.roles, user.active) == (REVIEWER.name, ["reviewer"], True)
    assert [e.action for e in office.entries()] == ["user.add", "user.add"]
    assert office.entries()[1].details == {
        "login": REVIEWER.login,
        "name": REVIEWER.name,
        "roles": ["reviewer"],
    }
    assert office.entries()[1].actor == ADMIN.login


def test_only_an_administrator_adds_users_and_only_known_roles(open_office: OfficeMaker) -> None:
    office = open_office()
    newcomer = Person("newbie", "新用户", ("reviewer",))
    with refused(r"用户 wang（审核人员）无权管理用户，需要角色：系统管理员"):
        office.register(newcomer, by=REVIEWER.login)
    with refused("用户 stranger 未登记"):
        office.register(newcomer, by="stranger")
    with refused("未知角色 judge"):
        office.register(Person("judge", "法官", ("judge",)))
    with refused("未知角色"):
        office.register(Person("nobody", "无角色", ()))
    with refused("用户 wang 已存在"):
        office.register(Person("wang", "另一个王", ("clerk",)))
    with refused("不能为空"):
        office.register(Person("blank", "  ", ("clerk",)))
    office.register(newcomer)
    assert office.entries()[-1].details["login"] == "newbie"


def test_review_actions_need_a_registered_user_even_before_setup(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(staff=False)
    ref = office.bring(case_bundle(make_bundle), Person("anyone", "任何人", ()))
    for attempt in (
        lambda: office.ws.workflow.act(ref, "accept", "anyone"),
        lambda: office.ws.review.set_verdict(ref, "facts", "ok", "anyone"),
        lambda: office.ws.review.checklist(ref, "anyone"),
        lambda: office.ws.workflow.deadline(ref, "anyone"),
    ):
        with refused("anyone 未登记"):
            attempt()


def test_unknown_and_inactive_users_are_refused(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    with refused("用户 stranger 未登记或已停用"):
        office.ws.workflow.act(ref, "accept", "stranger")
    with refused("用户 stranger 未登记"):
        office.ws.review.checklist(ref, "stranger")
    with refused("用户 stranger 未登记"):
        office.ws.import_bundle(case_bundle(make_bundle, title="另一版"), actor="stranger")
    with office.ws.db.write("停用") as session:
        user = find_user(session, REVIEWER.login)
        assert user is not None
        user.active = False
    with refused("用户 wang 已停用，不能受理审核"):
        office.act(ref, "accept", REVIEWER)
    assert office.state(ref) == "submitted"


def _accept(office: Office, ref: str) -> None:
    office.act(ref, "accept", REVIEWER)


def _issued(office: Office, ref: str) -> None:
    _accept(office, ref)
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    office.act(ref, "issue_opinion", REVIEWER)


RoleAttempt = Callable[[Office, str, Person], object]
DISCUSSED = Minutes(date(2026, 3, 20), ["孙机关"], "维持", "reject", True)


def _transition(action: str, reason: str = "", minutes: Minutes | None = None) -> RoleAttempt:
    return lambda office, ref, person: office.act(ref, action, person, reason, minutes)


def _edit(method: str, *args: Any) -> RoleAttempt:
    return lambda office, ref, person: getattr(office.ws.review, method)(ref, *args, person.login)


def _sign(office: Office, ref: str, person: Person) -> object:
    return office.ws.opinions.sign(ref, person.login, PASSPHRASE)


# what is tried, the permission's words in the refusal, and who is refused it
ROLE_TABLE: list[tuple[str, RoleAttempt, str, tuple[Person, ...]]] = [
    ("accept", _transition("accept"), "受理审核", (CLERK, AGENCY_HEAD, TRAINER, ADMIN)),
    (
        "verdict",
        _edit("set_verdict", "facts", "ok"),
        "填写审核意见",
        (CLERK, AGENCY_HEAD, TRAINER, ADMIN),
    ),
    ("comment", _edit("set_comment", "facts", "意见"), "填写审核意见", (CLERK, AGENCY_HEAD)),
    (
        "citation",
        _edit("add_citation", "facts", CitationSpec("document", "d1", page=1)),
        "填写审核意见",
        (CLERK, AGENCY_HEAD),
    ),
    ("decide", _edit("decide", "TIME-04", "dismissed", "理由"), "填写审核意见", (CLERK, ADMIN)),
    (
        "outcome",
        _edit("set_outcome", "reject", "理由"),
        "填写审核意见",
        (CLERK, AGENCY_HEAD, TRAINER),
    ),
    ("issue_opinion", _transition("issue_opinion"), "出具审核意见", (CLERK, AGENCY_HEAD, ADMIN)),
    (
        "request_extension",
        _transition("request_extension", "复杂"),
        "申请延长审核期限",
        (CLERK, AGENCY_HEAD, TRAINEE),
    ),
    (
        "approve_extension",
        _transition("approve_extension"),
        "批准延长审核期限",
        (REVIEWER, AGENCY_HEAD, CLERK, ADMIN),
    ),
    ("deny_extension", _transition("deny_extension"), "批准延长审核期限", (REVIEWER, CLERK)),
    (
        "request_re_review",
        _transition("request_re_review", "不服"),
        "对审核意见提出复审或协商",
        (REVIEWER, HEAD, AGENCY_HEAD, ADMIN),
    ),
    ("negotiate", _transition("negotiate", "协商"), "对审核意见提出复审或协商", (REVIEWER, HEAD)),
    ("refer", _transition("refer"), "提请集体讨论", (CLERK, AGENCY_HEAD, TRAINEE, ADMIN)),
    (
        "record_minutes",
        _transition("record_minutes", minutes=DISCUSSED),
        "记录集体讨论结果",
        (REVIEWER, CLERK, ADMIN),
    ),
    ("resubmit", _transition("resubmit"), "补正后重新送审", (REVIEWER, HEAD, ADMIN)),
    ("sign", _sign, "签发审核意见书", (REVIEWER, AGENCY_HEAD, ADMIN, CLERK)),
]
ROLE_REFUSALS = [
    pytest.param(person, words, attempt, id=f"{person.roles[0]}-{what}")
    for what, attempt, words, people in ROLE_TABLE
    for person in people
]


@pytest.mark.parametrize(("person", "words", "attempt"), ROLE_REFUSALS)
def test_each_role_is_refused_what_it_may_not_do(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    person: Person,
    words: str,
    attempt: RoleAttempt,
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    before = len(office.entries())
    with pytest.raises(IllegalActionError) as refusal:
        attempt(office, ref, person)
    message = refusal.value.message
    assert f"用户 {person.login}（{person.role_name}）无权{words}" in message
    assert "需要角色" in message
    assert "\n" not in message
    assert len(office.entries()) == before
    assert office.state(ref) == "under_review"


def test_a_user_with_several_roles_may_do_what_any_of_them_allows(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    both = Person("both", "两职者", ("clerk", "reviewer"))
    office.register(both)
    ref = office.bring(case_bundle(make_bundle), both)
    assert office.act(ref, "accept", both) == "under_review"
    office.ws.review.set_verdict(ref, "facts", "ok", both.login)


# --- foundation commands before and after the first user ------------------------------------


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> CliRun:
    """`workstation --data-dir DIR --user LOGIN ARGS…` in-process, on the test's clock."""

    def opened(args: Any) -> Workstation:
        return open_workstation(args.data_dir, args.db, clock=clock)

    monkeypatch.setattr(cli, "_open", opened)

    def run(data_dir: Path, login: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = cli.main(proven(["--data-dir", str(data_dir), "--user", login, *args]))
        except SystemExit as exit_:  # argparse refuses before main's own handling
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_chinese_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0]), err
    return lines[0]


def test_foundation_commands_run_for_anyone_before_the_first_user(
    run_cli: CliRun, make_bundle: BundleMaker, tmp_path: Path
) -> None:
    data_dir = tmp_path / "fresh"
    bundle = case_bundle(make_bundle)
    assert run_cli(data_dir, "anyone", "import", str(bundle))[0] == 0
    code, out, _ = run_cli(data_dir, "anyone", "cases", "--json")
    assert code == 0
    assert json.loads(out)[0]["review_state"] == "submitted"
    assert run_cli(data_dir, "anyone", "verify", "C1")[0] == 0
    assert run_cli(data_dir, "anyone", "export", "C1", str(tmp_path / "out"))[0] == 0


def test_foundation_commands_are_refused_for_unknown_users_after_setup(
    run_cli: CliRun, make_bundle: BundleMaker, tmp_path: Path
) -> None:
    data_dir = tmp_path / "set-up"
    assert run_cli(data_dir, "anyone", "import", str(case_bundle(make_bundle)))[0] == 0
    add = ("users", "add", "admin", "--name", "管理员", "--role", "administrator")
    assert run_cli(data_dir, "admin", *add)[0] == 0
    changed = case_bundle(make_bundle, title="销售过期食品案（补正）")
    for args in (("verify", "C1"), ("workflow", "C1"), ("review", "C1")):
        code, _, err = run_cli(data_dir, "stranger", *args)
        assert code == 2, args
        assert "用户 stranger 未登记" in _one_chinese_line(err), args
    # A command that changes anything first asks a stranger to prove who they are.
    for args in (("import", str(changed)), ("export", "C1", str(tmp_path / "out"))):
        code, _, err = run_cli(data_dir, "stranger", *args)
        assert code == 2, args
        assert _one_chinese_line(err) == "workstation: 登录名或密码不正确", args


def test_cases_listing_is_refused_for_an_unknown_user_after_setup(
    run_cli: CliRun, make_bundle: BundleMaker, tmp_path: Path
) -> None:
    data_dir = tmp_path / "set-up"
    assert run_cli(data_dir, "anyone", "import", str(case_bundle(make_bundle)))[0] == 0
    add = ("users", "add", "admin", "--name", "管理员", "--role", "administrator")
    assert run_cli(data_dir, "admin", *add)[0] == 0
    code, out, err = run_cli(data_dir, "stranger", "cases")
    assert code == 2
    assert "未登记" in _one_chinese_line(err)
    assert "薛市监罚" not in out


def test_user_list_is_refused_for_an_unknown_user(run_cli: CliRun, tmp_path: Path) -> None:
    data_dir = tmp_path / "set-up"
    add = ("users", "add", "admin", "--name", "管理员", "--role", "administrator")
    assert run_cli(data_dir, "admin", *add)[0] == 0
    code, out, err = run_cli(data_dir, "stranger", "users", "list")
    assert code == 2
    assert "未登记" in _one_chinese_line(err)
    assert "管理员" not in out


def test_users_add_and_list_commands(run_cli: CliRun, tmp_path: Path) -> None:
    data_dir = tmp_path / "users"
    code, out, _ = run_cli(data_dir, "admin", "users", "list")
    assert (code, out.strip()) == (0, "尚未登记用户")
    code, _, err = run_cli(
        data_dir, "wang", "users", "add", "wang", "--name", "王审核", "--role", "reviewer"
    )
    assert code == 2
    assert "第一个用户必须是系统管理员" in _one_chinese_line(err)
    code, out, _ = run_cli(
        data_dir, "admin", "users", "add", "admin", "--name", "管理员", "--role", "administrator"
    )
    assert code == 0
    assert "已登记用户 admin（管理员：系统管理员）" in out
    code, out, _ = run_cli(
        data_dir,
        "admin",
        "users",
        "add",
        "qian",
        "--name",
        "钱法制",
        "--role",
        "division_head",
        "--role",
        "reviewer",
    )
    assert code == 0
    assert "法制机构负责人、审核人员" in out
    code, _, err = run_cli(
        data_dir, "qian", "users", "add", "zhou", "--name", "周承办", "--role", "clerk"
    )
    assert code == 2
    assert "无权管理用户" in _one_chinese_line(err)
    code, _, err = run_cli(
        data_dir, "admin", "users", "add", "x", "--name", "某", "--role", "judge"
    )
    assert code == 2
    assert "参数错误" in _one_chinese_line(err)
    code, out, _ = run_cli(data_dir, "admin", "users", "list")
    assert code == 0
    rows = out.splitlines()
    assert any("admin" in r and "管理员" in r and "系统管理员" in r and "在用" in r for r in rows)
    assert any("qian" in r and "钱法制" in r and "法制机构负责人、审核人员" in r for r in rows)
    assert not any("zhou" in r for r in rows)


# --- the checklist --------------------------------------------------------------------------


def test_the_checklist_has_the_eleven_sections_in_order(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["生态环境"])
    checklist = office.ws.review.checklist(ref, REVIEWER.login)
    assert [(s.section, s.name) for s in checklist.sections] == SECTIONS
    assert checklist.state == "submitted"
    assert checklist.version == 1
    assert checklist.done == 0
    assert checklist.outcome is None
    assert all(
        s.verdict is None and s.comment == "" and s.citations == [] for s in checklist.sections
    )


def test_automatic_findings_are_attached_to_their_sections(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["生态环境"])
    checklist = office.ws.review.checklist(ref, REVIEWER.login)
    attached = {s.section: [f.finding.rule for f in s.findings] for s in checklist.sections}
    assert attached["qualification"] == ["OFF-01"]
    assert attached["evidence"] == ["PROC-11"]
    assert attached["procedure"] == ["PROC-02", "PROC-05", "SCOPE-01"]
    assert sum(len(rules) for rules in attached.values()) == 5
    every = [f for s in checklist.sections for f in s.findings]
    assert all(f.decision is None and f.reason == "" for f in every)
    assert all(len(f.fingerprint) == 64 for f in every)
    assert checklist.open_errors == 2  # OFF-01 and PROC-02
    # The same finding keeps its fingerprint from one reading to the next.
    again = office.ws.review.checklist(ref, REVIEWER.login)
    assert [f.fingerprint for s in again.sections for f in s.findings] == [
        f.fingerprint for f in every
    ]


def test_verdicts_and_comments_are_set_changed_and_cleared(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    review = office.ws.review
    review.set_verdict(ref, "facts", "ok", REVIEWER.login)
    review.set_verdict(ref, "law", "issue", REVIEWER.login)
    review.set_verdict(ref, "referral", "n/a", REVIEWER.login)
    review.set_comment(ref, "law", "适用条款有误", REVIEWER.login)
    review.set_verdict(ref, "facts", "issue", REVIEWER.login)
    checklist = review.checklist(ref, REVIEWER.login)
    by_section = {s.section: s for s in checklist.sections}
    assert by_section["facts"].verdict == "issue"
    assert (by_section["law"].verdict, by_section["law"].comment) == ("issue", "适用条款有误")
    assert by_section["referral"].verdict == "n/a"
    assert checklist.done == 3
    review.set_verdict(ref, "facts", None, REVIEWER.login)
    assert review.checklist(ref, REVIEWER.login).done == 2
    with refused("审核结论 fine 无效"):
        review.set_verdict(ref, "facts", "fine", REVIEWER.login)
    with refused("审核要点 morals 不存在"):
        review.set_verdict(ref, "morals", "ok", REVIEWER.login)
    with refused("审核要点 morals 不存在"):
        review.set_comment(ref, "morals", "x", REVIEWER.login)


def test_the_checklist_is_edited_only_between_acceptance_and_the_opinion(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    review = office.ws.review
    with refused("案件状态为“待审核”，审核意见只能在受理后、出具意见前修改"):
        review.set_verdict(ref, "facts", "ok", REVIEWER.login)
    _accept(office, ref)
    review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    office.act(ref, "issue_opinion", REVIEWER)
    for attempt in (
        lambda: review.set_verdict(ref, "facts", "ok", REVIEWER.login),
        lambda: review.set_comment(ref, "facts", "补充", REVIEWER.login),
        lambda: review.set_outcome(ref, "return", "补正", REVIEWER.login),
        lambda: review.decide(ref, "TIME-04", "accepted", "", REVIEWER.login),
        lambda: review.add_citation(
            ref, "facts", CitationSpec("document", "d1", page=1), REVIEWER.login
        ),
    ):
        with refused("已出具意见，待签发"):
            attempt()


def test_only_the_assigned_reviewer_or_a_division_head_edits(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["食品"])
    _accept(office, ref)
    review = office.ws.review
    other = REVIEWER2.login
    message = "本案由王审核审核，赵复核不能修改其审核意见"
    for attempt in (
        lambda: review.set_verdict(ref, "facts", "ok", other),
        lambda: review.set_comment(ref, "facts", "x", other),
        lambda: review.add_citation(ref, "facts", CitationSpec("document", "d01", page=1), other),
        lambda: review.decide(ref, "SCOPE-02", "accepted", "", other),
        lambda: review.set_outcome(ref, "approve", "", other),
        lambda: office.act(ref, "request_extension", REVIEWER2, "复杂"),
    ):
        with refused(message):
            attempt()
    review.set_verdict(ref, "facts", "ok", HEAD.login)
    review.set_outcome(ref, "approve", "", HEAD.login)
    with refused(message):
        office.act(ref, "issue_opinion", REVIEWER2)
    assert office.act(ref, "issue_opinion", HEAD) == "opinion_issued"
    assert {e.actor for e in office.entries(ref, ("review.",))} == {HEAD.login}


def test_a_trainee_is_refused_at_the_door_of_a_real_case(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["食品"])  # no exercise.json
    ws, trainee = office.ws, TRAINEE.login
    for attempt in (
        lambda: office.act(ref, "accept", TRAINEE),
        lambda: ws.review.checklist(ref, trainee),
        lambda: ws.workflow.deadline(ref, trainee),
        lambda: ws.workflow.history(ref, trainee),
    ):
        with refused("学员 feng 只能处理练习案件，薛市监罚〔2026〕12号 不是练习案件"):
            attempt()
    _accept(office, ref)
    for edit in (
        lambda: ws.review.set_verdict(ref, "facts", "ok", trainee),
        lambda: ws.review.set_comment(ref, "facts", "练习", trainee),
        lambda: ws.review.set_outcome(ref, "return", "练习", trainee),
        lambda: office.act(ref, "issue_opinion", TRAINEE),
    ):
        with refused("学员 feng 只能处理练习案件"):
            edit()
    assert office.state(ref) == "under_review"


def test_a_trainee_reviews_an_exercise_case(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ws, trainee = office.ws, TRAINEE.login
    ref = office.bring(demo["生态环境"], TRAINER)  # has exercise.json
    assert office.act(ref, "accept", TRAINEE) == "under_review"
    ws.review.set_verdict(ref, "procedure", "issue", trainee)
    ws.review.set_comment(ref, "procedure", "未告知听证权利", trainee)
    ws.review.add_citation(ref, "procedure", CitationSpec("document", "d10", page=1), trainee)
    ws.review.decide(ref, "OFF-01", "accepted", "", trainee)
    ws.review.set_outcome(ref, "return", "程序违法", trainee)
    section = ws.review.checklist(ref, trainee).sections[7]
    assert (section.verdict, section.comment, len(section.citations)) == (
        "issue",
        "未告知听证权利",
        1,
    )
    with refused("无权申请延长审核期限"):
        office.act(ref, "request_extension", TRAINEE, "复杂")
    with refused("本案由冯学员审核，王审核不能修改其审核意见"):
        ws.review.set_verdict(ref, "facts", "ok", REVIEWER.login)
    assert office.act(ref, "issue_opinion", TRAINEE) == "opinion_issued"
    with refused("无权签发审核意见书"):
        ws.opinions.sign(ref, trainee, PASSPHRASE)
    chain = ws.workflow.responsibility(ref, TRAINER.login)
    assert chain.reviewed is not None
    assert identifies(chain.reviewed, TRAINEE)


def test_only_a_trainee_takes_an_exercise_and_real_cases_never_name_trainees(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    exercise = office.bring(demo["生态环境"], TRAINER)
    for person in (REVIEWER, HEAD):  # taking it would use the trainees' exercise up
        assert "不是学员" in (
            office.ws.workflow.options(exercise, person.login).get("accept").reason or ""
        )
        with refused(f"练习案件由学员受理审核，{person.name}不是学员，不能受理"):
            office.act(exercise, "accept", person)
    assert office.state(exercise) == "submitted"
    assert office.act(exercise, "accept", TRAINEE) == "under_review"

    real = office.bring(demo["食品"])
    office.act(real, "accept", REVIEWER)
    with refused("需要角色：法制机构负责人、审核人员") as refusal:
        office.ws.review.set_verdict(real, "facts", "ok", CLERK.login)
    assert "学员" not in refusal.value.message
    locked = office.ws.review.checklist(real, CLERK.login).locked or ""
    assert "需要角色" in locked
    assert "学员" not in locked


# --- citations ------------------------------------------------------------------------------


@pytest.fixture
def food(open_office: OfficeMaker, demo: dict[str, Path]) -> tuple[Office, str]:
    """The demo food case under review by REVIEWER (d03 has 2 pages, r1 lasts 16 s)."""
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["食品"])
    _accept(office, ref)
    return office, ref


def test_document_and_recording_citations_are_stored_as_given(
    food: tuple[Office, str],
) -> None:
    office, ref = food
    review = office.ws.review
    page = review.add_citation(
        ref,
        "evidence",
        CitationSpec("document", "d03", page=2, rect=(72.0, 100.5, 300.0, 180.0), note="罚款金额"),
        REVIEWER.login,
    )
    whole_page = review.add_citation(
        ref, "documents", CitationSpec("document", "d01", page=1), REVIEWER.login
    )
    clip = review.add_citation(
        ref,
        "evidence",
        CitationSpec("recording", "r1", start_ms=1500, end_ms=16000, note="现场检查"),
        REVIEWER.login,
    )
    sections = {s.section: s for s in review.checklist(ref, REVIEWER.login).sections}
    first, second = sections["evidence"].citations
    assert (first.id, first.kind, first.target, first.page) == (page, "document", "d03", 2)
    assert first.rect == [72.0, 100.5, 300.0, 180.0]
    assert (first.start_ms, first.end_ms, first.note) == (None, None, "罚款金额")
    assert (second.id, second.kind, second.target) == (clip, "recording", "r1")
    assert (second.start_ms, second.end_ms, second.page, second.rect) == (1500, 16000, None, None)
    (only,) = sections["documents"].citations
    assert (only.id, only.page, only.rect) == (whole_page, 1, None)

    review.remove_citation(ref, page, REVIEWER.login)
    sections = {s.section: s for s in review.checklist(ref, REVIEWER.login).sections}
    assert [c.id for c in sections["evidence"].citations] == [clip]
    with refused(f"本案没有编号为 {page} 的引用"):
        review.remove_citation(ref, page, REVIEWER.login)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (CitationSpec("document", "d03", page=3), "引用的页码 3 无效（共2页）"),
        (CitationSpec("document", "d03", page=0), "引用的页码 0 无效"),
        (CitationSpec("document", "d03", page=-1), "引用的页码 -1 无效"),
        (CitationSpec("document", "d03"), "引用的页码 None 无效"),
        (CitationSpec("document", "d01", page=2), r"（共1页）"),
        (CitationSpec("document", "d03", page=1, rect=(300, 100, 72, 180)), "x0 < x1"),
        (CitationSpec("document", "d03", page=1, rect=(72, 100, 72, 180)), "x0 < x1"),
        (CitationSpec("document", "d03", page=1, rect=(72, 180, 300, 100)), "y0 < y1"),
        (CitationSpec("document", "d99", page=1), "本案没有编号为 d99 的文书"),
        (CitationSpec("document", "r1", page=1), "本案没有编号为 r1 的文书"),
        (
            CitationSpec("recording", "r1", start_ms=0, end_ms=16500),
            r"引用的结束时间超出录像 r1 的时长（16\.0 秒）",
        ),
        (CitationSpec("recording", "r1", start_ms=5000, end_ms=5000), "开始早于结束"),
        (CitationSpec("recording", "r1", start_ms=9000, end_ms=5000), "开始早于结束"),
        (CitationSpec("recording", "r1", start_ms=-1, end_ms=5000), "开始早于结束"),
        (CitationSpec("recording", "r1", start_ms=1000), "须给出开始和结束时间"),
        (CitationSpec("recording", "r9", start_ms=0, end_ms=1000), "本案没有编号为 r9 的录音录像"),
        (CitationSpec("recording", "d03", start_ms=0, end_ms=1000), "没有编号为 d03 的录音录像"),
        (CitationSpec("photo", "d03", page=1), "引用类型 photo 无效"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_invalid_citations_are_refused_and_leave_nothing(
    food: tuple[Office, str], spec: CitationSpec, message: str
) -> None:
    office, ref = food
    before = len(office.entries())
    with refused(message):
        office.ws.review.add_citation(ref, "evidence", spec, REVIEWER.login)
    assert len(office.entries()) == before
    assert all(not s.citations for s in office.ws.review.checklist(ref, REVIEWER.login).sections)


def test_a_citation_to_an_unknown_section_is_refused(food: tuple[Office, str]) -> None:
    office, ref = food
    with refused("审核要点 nowhere 不存在"):
        office.ws.review.add_citation(
            ref, "nowhere", CitationSpec("document", "d03", page=1), REVIEWER.login
        )


# --- decisions on automatic findings and the outcome ----------------------------------------


@pytest.fixture
def barbecue(open_office: OfficeMaker, demo: dict[str, Path]) -> tuple[Office, str]:
    """The demo barbecue case under review: two SCOPE-05 errors, warnings and an info."""
    office = open_office(DEMO_PACK)
    ref = office.bring(as_real_case(demo["露天烧烤"], office))
    _accept(office, ref)
    return office, ref


def test_findings_are_chosen_by_rule_by_rule_and_number_or_by_fingerprint(
    barbecue: tuple[Office, str],
) -> None:
    office, ref = barbecue
    review = office.ws.review
    procedure = review.checklist(ref, REVIEWER.login).sections[7]
    first, second = [f for f in procedure.findings if f.finding.rule == "SCOPE-05"]
    with refused(r"SCOPE-05 对应多项发现，请用“规则#序号”指定：SCOPE-05#1 .*；SCOPE-05#2 "):
        review.decide(ref, "SCOPE-05", "accepted", "", REVIEWER.login)
    assert review.decide(ref, "SCOPE-05#2", "accepted", "", REVIEWER.login).fingerprint == (
        second.fingerprint
    )
    chosen = review.decide(ref, first.fingerprint[:12], "dismissed", "已另案处理", REVIEWER.login)
    assert chosen.fingerprint == first.fingerprint
    assert review.decide(ref, "party-01", "accepted", "", REVIEWER.login).finding.rule == "PARTY-01"
    with refused("本案当前没有自动检查发现 SCOPE-05#3"):
        review.decide(ref, "SCOPE-05#3", "accepted", "", REVIEWER.login)
    with refused("本案当前没有自动检查发现 PROC-02"):
        review.decide(ref, "PROC-02", "accepted", "", REVIEWER.login)
    with refused("处理方式 ignored 无效"):
        review.decide(ref, "PARTY-01", "ignored", "", REVIEWER.login)
    decided = {
        f.fingerprint: (f.decision, f.reason)
        for f in review.checklist(ref, REVIEWER.login).sections[7].findings
    }
    assert decided[first.fingerprint] == ("dismissed", "已另案处理")
    assert decided[second.fingerprint] == ("accepted", "")


def test_a_dismissal_needs_a_reason(barbecue: tuple[Office, str]) -> None:
    office, ref = barbecue
    before = len(office.entries())
    for reason in ("", "   "):
        with refused("不予采纳自动检查发现须说明理由"):
            office.ws.review.decide(ref, "SCOPE-05#1", "dismissed", reason, REVIEWER.login)
    assert len(office.entries()) == before


def test_approval_is_refused_while_an_error_finding_is_open(
    barbecue: tuple[Office, str],
) -> None:
    office, ref = barbecue
    review = office.ws.review
    with refused("还有2项错误级别的发现（SCOPE-05）既未解决也未说明理由不予采纳，不能同意"):
        review.set_outcome(ref, "approve", "", REVIEWER.login)
    review.decide(ref, "SCOPE-05#1", "dismissed", "没收物品系依法先行登记保存", REVIEWER.login)
    with refused("还有1项错误级别的发现"):
        review.set_outcome(ref, "approve", "", REVIEWER.login)
    review.decide(ref, "SCOPE-05#2", "accepted", "", REVIEWER.login)  # accepted: still a defect
    with refused("还有1项错误级别的发现"):
        review.set_outcome(ref, "approve", "", REVIEWER.login)
    review.decide(ref, "SCOPE-05#2", "dismissed", "已改为一般程序", REVIEWER.login)
    review.set_outcome(ref, "approve", "", REVIEWER.login)  # warnings do not block approval
    checklist = review.checklist(ref, REVIEWER.login)
    assert (checklist.outcome, checklist.open_errors) == ("approve", 0)

    # Taking a dismissal back re-opens the error: the opinion cannot be issued as approval.
    review.decide(ref, "SCOPE-05#2", "accepted", "", REVIEWER.login)
    with refused("还有1项错误级别的自动检查发现既未解决也未说明理由不予采纳，不能出具同意意见"):
        office.act(ref, "issue_opinion", REVIEWER)
    assert office.state(ref) == "under_review"
    review.decide(ref, "SCOPE-05#2", "dismissed", "已改为一般程序", REVIEWER.login)
    assert office.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"


def test_return_and_reject_need_reasons_and_unknown_outcomes_are_refused(
    barbecue: tuple[Office, str],
) -> None:
    office, ref = barbecue
    review = office.ws.review
    with refused("审核结论 maybe 无效"):
        review.set_outcome(ref, "maybe", "理由", REVIEWER.login)
    with refused("尚未填写审核结论"):
        office.act(ref, "issue_opinion", REVIEWER)
    # Saved as typed: the reasons may still be empty, but no such opinion is issued.
    for outcome, words in (("return", "退回补正"), ("reject", "不同意")):
        review.set_outcome(ref, outcome, " ", REVIEWER.login)
        with refused(f"{words}的审核意见必须写明理由"):
            office.act(ref, "issue_opinion", REVIEWER)
        assert office.state(ref) == "under_review"
    review.set_outcome(ref, "return", "适用简易程序错误", REVIEWER.login)
    checklist = review.checklist(ref, REVIEWER.login)
    assert (checklist.outcome, checklist.reasons) == ("return", "适用简易程序错误")


# --- the happy path -------------------------------------------------------------------------


def test_from_acceptance_to_an_approved_opinion(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ws, clock = office.ws, office.clock
    ref = office.bring(demo["食品"])
    assert office.state(ref) == "submitted"

    assert office.act(ref, "accept", REVIEWER) == "under_review"
    accepted_at = clock()
    clock.advance(hours=2)
    for section, _ in SECTIONS:
        ws.review.set_verdict(
            ref, section, "n/a" if section == "referral" else "ok", REVIEWER.login
        )
    ws.review.set_comment(ref, "facts", "事实清楚，证据确凿", REVIEWER.login)
    ws.review.add_citation(
        ref,
        "discretion",
        CitationSpec("document", "d03", page=2, rect=(72, 400, 520, 460)),
        REVIEWER.login,
    )
    ws.review.add_citation(
        ref, "evidence", CitationSpec("recording", "r1", start_ms=2000, end_ms=9000), REVIEWER.login
    )
    ws.review.decide(ref, "SCOPE-01", "accepted", "", REVIEWER.login)
    ws.review.decide(ref, "SCOPE-02", "accepted", "", REVIEWER.login)
    ws.review.set_outcome(ref, "approve", "", REVIEWER.login)
    checklist = ws.review.checklist(ref, REVIEWER.login)
    assert (checklist.done, checklist.outcome, checklist.open_errors) == (11, "approve", 0)

    clock.advance(hours=1)
    issued_at = clock()
    assert office.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"
    assert ws.workflow.deadline(ref, REVIEWER.login).status == "done"
    clock.advance(hours=1)
    signed_at = clock()
    assert office.sign(ref) == "approved"

    history = ws.workflow.history(ref, REVIEWER.login)
    assert [(t.action, t.actor, t.from_state, t.to_state) for t in history] == [
        ("accept", REVIEWER.login, "submitted", "under_review"),
        ("issue_opinion", REVIEWER.login, "under_review", "opinion_issued"),
        ("sign", HEAD.login, "opinion_issued", "approved"),
    ]
    assert [_utc(t.at) for t in history] == [accepted_at, issued_at, signed_at]
    assert [e.action for e in office.review_entries(ref)] == [
        "workflow.accept",
        *["review.verdict"] * 11,
        "review.comment",
        "review.citation_add",
        "review.citation_add",
        "review.finding_accepted",
        "review.finding_accepted",
        "review.outcome",
        "workflow.issue_opinion",
        "opinion.sign",
        "workflow.sign",
    ]
    chain = ws.workflow.responsibility(ref, AGENCY_HEAD.login)
    version = ws.resolve(ref)
    assert chain.handled[0] == (version.unit or version.agency_name)
    assert chain.reviewed is not None
    assert identifies(chain.reviewed, REVIEWER)
    assert len(chain.approved) == 1
    assert identifies(chain.approved[0], HEAD)
    # Nothing may change once the opinion is signed.
    with refused("同意"):
        ws.review.set_verdict(ref, "facts", "issue", REVIEWER.login)
    with refused("不能出具审核意见"):
        office.act(ref, "issue_opinion", REVIEWER)
    with refused("不能书面申请复审"):
        office.act(ref, "request_re_review", CLERK, "不服")
    assert office.chain_intact()


def test_signing_goes_through_the_opinion_service_not_act(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    _issued(office, ref)
    with refused("签发审核意见书须由法制机构负责人用签名口令进行（workstation opinion sign）"):
        office.act(ref, "sign", HEAD)
    assert office.state(ref) == "opinion_issued"


# --- illegal transitions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prepare", "action", "person", "message"),
    [
        (_accept, "accept", REVIEWER, "案件当前状态为“审核中”，不能受理审核（仅在待审核时可以）"),
        (None, "issue_opinion", REVIEWER, "案件当前状态为“待审核”，不能出具审核意见"),
        (None, "request_extension", REVIEWER, "不能申请延长审核期限"),
        (_accept, "request_re_review", CLERK, "案件当前状态为“审核中”，不能书面申请复审"),
        (_accept, "refer", REVIEWER, "不能提请机关负责人集体讨论"),
        (_accept, "record_minutes", AGENCY_HEAD, "不能记录集体讨论决定"),
        (_accept, "resubmit", CLERK, "不能补正后重新送审"),
        (_accept, "return_incomplete", REVIEWER, "不能材料不全，退回补正"),
        (_issued, "issue_opinion", REVIEWER, "案件当前状态为“已出具意见，待签发”"),
        (_issued, "request_extension", REVIEWER, "不能申请延长审核期限"),
        (None, "approve_extension", HEAD, "不能批准延长审核期限"),
        (_accept, "approve_extension", HEAD, "没有待批准的延期申请"),
        (_accept, "deny_extension", HEAD, "没有待批准的延期申请"),
        (None, "return_incomplete", REVIEWER, "材料不全，退回补正须书面写明理由"),
        (None, "fly", REVIEWER, "未知的操作 fly，可用：accept、"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_illegal_transitions_are_refused_with_the_reason(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    prepare: Callable[[Office, str], None] | None,
    action: str,
    person: Person,
    message: str,
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    if prepare:
        prepare(office, ref)
    state, before = office.state(ref), len(office.entries())
    with refused(message):
        office.act(ref, action, person)
    assert (office.state(ref), len(office.entries())) == (state, before)


def test_incomplete_materials_are_returned_with_a_written_reason(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    assert office.act(ref, "return_incomplete", REVIEWER, "缺少调查终结报告") == "returned"
    (step,) = office.ws.workflow.history(ref, REVIEWER.login)
    assert (step.action, step.actor, step.details) == (
        "return_incomplete",
        REVIEWER.login,
        {"reason": "缺少调查终结报告"},
    )


# --- return and resubmission ----------------------------------------------------------------


def test_a_returned_case_comes_back_as_a_new_version_reviewed_afresh(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ws = office.ws
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    ws.review.set_verdict(ref, "procedure", "issue", REVIEWER.login)
    ws.review.set_comment(ref, "procedure", "未告知听证权利", REVIEWER.login)
    ws.review.decide(ref, "TIME-04", "dismissed", "已核实", REVIEWER.login)
    assert office.act(ref, "request_extension", REVIEWER, "案情复杂") == "under_review"
    assert office.act(ref, "approve_extension", HEAD) == "under_review"
    assert office.issue(ref, "return", "补充听证告知材料") == "returned"

    office.clock.advance(days=3)
    again = case_bundle(
        make_bundle, title="销售过期食品案（补正）", submitted_at="2026-03-14T09:00:00+08:00"
    )
    result = ws.import_bundle(again, actor=CLERK.login)
    assert (result.outcome, result.short_id, result.version) == ("imported", ref, 2)
    assert office.state(ref) == "submitted"
    last = ws.workflow.history(ref, REVIEWER.login)[-1]
    assert (last.action, last.actor, last.from_state, last.to_state) == (
        "resubmit",
        CLERK.login,
        "returned",
        "submitted",
    )
    assert last.details == {"version": 2}
    entry = office.entries(ref, ("workflow.resubmit",))[-1]
    assert (entry.actor, entry.details) == (
        CLERK.login,
        {"from_state": "returned", "to_state": "submitted", "version": 2},
    )

    assert office.act(ref, "accept", REVIEWER2) == "under_review"
    checklist = ws.review.checklist(ref, REVIEWER2.login)
    assert checklist.version == 2
    assert checklist.done == 0
    assert (checklist.outcome, checklist.reasons) == (None, "")
    assert all(s.comment == "" and not s.citations for s in checklist.sections)
    assert all(f.decision is None for s in checklist.sections for f in s.findings)
    # The new round has its own extension and its own reviewer.
    assert office.act(ref, "request_extension", REVIEWER2, "仍然复杂") == "under_review"
    with refused("本案由赵复核审核"):
        ws.review.set_verdict(ref, "facts", "ok", REVIEWER.login)
    chain = ws.workflow.responsibility(ref, REVIEWER.login)
    assert chain.reviewed is not None
    assert identifies(chain.reviewed, REVIEWER2)
    assert any(identifies(who, CLERK) for who in chain.handled)
    assert office.chain_intact()


def test_a_new_version_of_a_case_not_returned_is_not_a_resubmission(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    changed = case_bundle(make_bundle, title="销售过期食品案（改）")
    result = office.ws.import_bundle(changed, actor=CLERK.login)
    assert result.version == 2
    assert "正在审核第 1 版（审核中），新版本不会自动进入审核" in result.review_note
    assert office.state(ref) == "under_review"
    assert [t.action for t in office.ws.workflow.history(ref, REVIEWER.login)] == ["accept"]
    assert office.ws.review.checklist(ref, REVIEWER.login).version == 1


def test_the_handling_unit_resubmits_unchanged_materials_by_hand(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    assert office.act(ref, "resubmit", CLERK) == "submitted"
    assert office.act(ref, "accept", REVIEWER) == "under_review"


def test_only_the_handling_unit_resubmits_by_importing_a_new_version(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    changed = case_bundle(make_bundle, title="销售过期食品案（补正）")
    result = office.ws.import_bundle(changed, actor=REVIEWER.login)
    assert result.version == 2  # the new version is stored all the same
    assert "须由承办人员重新送审" in result.review_note
    assert office.state(ref) == "returned"
    assert not [t for t in office.ws.workflow.history(ref, HEAD.login) if t.action == "resubmit"]
    assert office.act(ref, "resubmit", CLERK) == "submitted"
    assert office.ws.review.checklist(ref, REVIEWER.login).version == 2


def test_a_re_review_request_starts_a_new_period_with_its_own_extension(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))  # submitted 2026-03-10: due 2026-03-16
    _accept(office, ref)
    office.act(ref, "request_extension", REVIEWER, "案情复杂")
    office.act(ref, "approve_extension", HEAD)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 19)
    assert office.issue(ref, "reject", "证据不足") == "rejected"
    office.clock.now = datetime(2026, 3, 24, 2, 0, tzinfo=UTC)  # Tuesday 10:00 in Beijing
    office.act(ref, "request_re_review", CLERK, "补充了证据")
    # From 03-24: five days end on Sunday 03-29, so Monday 03-30; no longer overdue.
    due = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (due.due_on, due.status) == (date(2026, 3, 30), "ok")
    assert office.ws.list_cases(REVIEWER.login)[0].due_on == date(2026, 3, 30)
    office.act(ref, "request_extension", REVIEWER, "需要调取新证据")
    office.act(ref, "approve_extension", HEAD)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 4, 2)


def test_the_review_clock_restarts_when_the_case_is_resubmitted(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))  # submitted 2026-03-10: due 2026-03-16
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    office.bring(case_bundle(make_bundle, title="补正", submitted_at="2026-03-17T09:00:00+08:00"))
    office.clock.now = datetime(2026, 3, 18, 2, 0, tzinfo=UTC)
    # 2026-03-17 + 5 calendar days = 2026-03-22, a Sunday: the next working day.
    due = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (due.due_on, due.status) == (date(2026, 3, 23), "ok")
    _accept(office, ref)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 23)


def test_after_resubmission_and_acceptance_the_deadline_follows_the_new_version(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    office.bring(case_bundle(make_bundle, title="补正", submitted_at="2026-03-17T09:00:00+08:00"))
    _accept(office, ref)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 23)


def _changed_copy(bundle: Path, into: Path, **fields: Any) -> Path:
    """A copy of a bundle with `case` fields of its case.json changed (a new version)."""
    target = into / f"{bundle.name}-v2"
    shutil.copytree(bundle, target)
    manifest = json.loads((target / "case.json").read_text(encoding="utf-8"))
    manifest["case"].update(fields)
    (target / "case.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return target


def test_the_returned_versions_citations_and_decisions_stay_with_it(
    open_office: OfficeMaker, demo: dict[str, Path], tmp_path: Path
) -> None:
    office = open_office(DEMO_PACK)
    ws = office.ws
    ref = office.bring(demo["食品"])
    _accept(office, ref)
    old = ws.review.add_citation(
        ref, "discretion", CitationSpec("document", "d03", page=2), REVIEWER.login
    )
    ws.review.decide(ref, "SCOPE-02", "dismissed", "已听证", REVIEWER.login)
    assert office.issue(ref, "return", "补充裁量说明") == "returned"
    office.bring(_changed_copy(demo["食品"], tmp_path, title="销售过期食品案（补正）"))
    _accept(office, ref)
    checklist = ws.review.checklist(ref, REVIEWER.login)
    assert checklist.version == 2
    assert not any(s.citations for s in checklist.sections)
    assert [f.decision for s in checklist.sections for f in s.findings] == [None, None]
    with refused(f"本案没有编号为 {old} 的引用"):
        ws.review.remove_citation(ref, old, REVIEWER.login)
    # The first version keeps what was decided on it.
    assert ws.resolve(f"{ref}@v1").version == 1


def test_incomplete_materials_are_resubmitted_not_disputed(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少调查终结报告")
    with refused(".+"):
        office.act(ref, "request_re_review", CLERK, "材料已齐全")
    assert office.state(ref) == "returned"


def test_the_clerk_who_submitted_is_in_the_responsibility_chain(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle), CLERK)
    _accept(office, ref)
    handled = office.ws.workflow.responsibility(ref, HEAD.login).handled
    assert handled[0] == "枣庄市薛城区市场监督管理局"
    assert any(identifies(who, CLERK) for who in handled)


# --- disputes: re-review and collective discussion (薛城区) ----------------------------------


def _rejected(office: Office, ref: str) -> None:
    _accept(office, ref)
    assert office.issue(ref, "reject", "违法事实不清，证据不足") == "rejected"


@pytest.mark.parametrize(
    ("decided", "adopted", "final"),
    [("reject", True, "rejected"), ("approve", False, "approved"), ("return", False, "returned")],
)
def test_rejection_re_review_and_collective_discussion(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    decided: str,
    adopted: bool,
    final: str,
) -> None:
    office = open_office(XUECHENG)
    ws = office.ws
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)

    with refused("书面申请复审须书面写明理由"):
        office.act(ref, "request_re_review", CLERK)
    with refused(r"尚可申请复审（已复审0次，上限1次）"):
        office.act(ref, "refer", REVIEWER)
    with refused("本机关规则包的争议处理方式不包括协商"):
        office.act(ref, "negotiate", CLERK, "要求协商")
    assert office.act(ref, "request_re_review", CLERK, "有新证据证明违法事实") == "re_review"

    # The reviewer re-examines: the checklist is open again, and the opinion is re-issued.
    ws.review.set_comment(ref, "facts", "复审：新证据不足以证明", REVIEWER.login)
    assert office.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"
    assert office.sign(ref) == "rejected"

    with refused(r"已复审1次，达到规定的上限1次，应当提请集体讨论"):
        office.act(ref, "request_re_review", CLERK, "再次申请复审")
    assert office.state(ref) == "rejected"
    assert office.act(ref, "refer", REVIEWER) == "collective_discussion"

    minutes = Minutes(
        held_on=date(2026, 3, 20),
        attendees=["孙机关", "局长甲", "副局长乙"],
        decision="经集体讨论，决定如下",
        outcome=decided,
        opinion_adopted=adopted,
    )
    with refused("无权记录集体讨论结果"):
        office.act(ref, "record_minutes", REVIEWER, minutes=minutes)
    assert office.act(ref, "record_minutes", AGENCY_HEAD, minutes=minutes) == final

    with ws.db.session() as session:
        (row,) = session.scalars(select(DiscussionMinutes)).all()
        assert (row.held_on, row.attendees, row.decision) == (
            date(2026, 3, 20),
            ["孙机关", "局长甲", "副局长乙"],
            "经集体讨论，决定如下",
        )
        assert (row.outcome, row.opinion_adopted) == (decided, adopted)
    entry = office.entries(ref, ("workflow.record_minutes",))[-1]
    assert entry.actor == AGENCY_HEAD.login
    assert entry.details == {
        "from_state": "collective_discussion",
        "to_state": final,
        "held_on": "2026-03-20",
        "attendees": ["孙机关", "局长甲", "副局长乙"],
        "decision": "经集体讨论，决定如下",
        "outcome": decided,
        "opinion_adopted": adopted,
    }
    assert [t.action for t in ws.workflow.history(ref, REVIEWER.login)] == [
        "accept",
        "issue_opinion",
        "sign",
        "request_re_review",
        "issue_opinion",
        "sign",
        "refer",
        "record_minutes",
    ]
    chain = ws.workflow.responsibility(ref, REVIEWER.login)
    assert any(identifies(who, CLERK) for who in chain.handled)
    assert chain.reviewed is not None
    assert identifies(chain.reviewed, REVIEWER)
    assert any(identifies(who, HEAD) for who in chain.approved)
    assert any(identifies(who, AGENCY_HEAD) for who in chain.approved)
    assert office.chain_intact()


def test_minutes_must_name_date_attendees_decision_and_a_valid_outcome(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    office.act(ref, "request_re_review", CLERK, "不服")
    office.act(ref, "issue_opinion", REVIEWER)
    office.sign(ref)
    office.act(ref, "refer", HEAD)
    before = len(office.entries())
    for minutes in (
        None,
        Minutes(date(2026, 3, 20), [], "决定", "reject", True),
        Minutes(date(2026, 3, 20), ["孙机关"], "  ", "reject", True),
    ):
        with refused("记录集体讨论须写明日期、出席人员和讨论决定"):
            office.act(ref, "record_minutes", AGENCY_HEAD, minutes=minutes)
    with refused("讨论决定 postpone 无效"):
        office.act(
            ref,
            "record_minutes",
            AGENCY_HEAD,
            minutes=Minutes(date(2026, 3, 20), ["孙机关"], "决定", "postpone", True),
        )
    assert (office.state(ref), len(office.entries())) == ("collective_discussion", before)
    # A division head may record the minutes too.
    done = Minutes(date(2026, 3, 20), ["孙机关"], "维持不同意意见", "reject", True)
    assert office.act(ref, "record_minutes", HEAD, minutes=done) == "rejected"


@pytest.mark.parametrize("pack", [XUECHENG, NINGXIA])
def test_the_collective_discussion_decision_ends_the_dispute(
    open_office: OfficeMaker, make_bundle: BundleMaker, pack: str
) -> None:
    office = open_office(pack)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    if pack == XUECHENG:
        office.act(ref, "request_re_review", CLERK, "不服")
        office.act(ref, "issue_opinion", REVIEWER)
        office.sign(ref)
    office.act(ref, "refer", REVIEWER)
    decided = Minutes(date(2026, 3, 20), ["孙机关"], "维持不同意意见", "reject", True)
    assert office.act(ref, "record_minutes", AGENCY_HEAD, minutes=decided) == "rejected"
    with refused(".+"):
        office.act(ref, "refer", REVIEWER)
    with refused(".+"):
        office.act(ref, "request_re_review", CLERK, "不服讨论决定")
    with refused(".+"):
        office.act(ref, "negotiate", CLERK, "再协商")
    assert office.state(ref) == "rejected"


# --- disputes: negotiation (宁夏住建厅) -------------------------------------------------------


def test_the_negotiate_route_under_the_ningxia_pack(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(NINGXIA)
    ws = office.ws
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    with refused("本机关规则包的争议处理方式不包括复审"):
        office.act(ref, "request_re_review", CLERK, "申请复审")
    with refused("提出协商须书面写明理由"):
        office.act(ref, "negotiate", CLERK)
    assert office.act(ref, "negotiate", CLERK, "对证据认定有不同意见") == "negotiation"
    ws.review.set_comment(ref, "evidence", "协商后：仍缺少现场笔录", REVIEWER.login)
    assert office.act(ref, "issue_opinion", REVIEWER) == "opinion_issued"
    assert office.sign(ref) == "rejected"
    assert office.act(ref, "refer", REVIEWER) == "collective_discussion"
    minutes = Minutes(date(2026, 3, 25), ["厅长", "副厅长"], "不采纳审核意见", "approve", False)
    assert office.act(ref, "record_minutes", AGENCY_HEAD, minutes=minutes) == "approved"
    steps = ws.workflow.history(ref, REVIEWER.login)
    assert [t.action for t in steps] == [
        "accept",
        "issue_opinion",
        "sign",
        "negotiate",
        "issue_opinion",
        "sign",
        "refer",
        "record_minutes",
    ]
    assert steps[3].details == {"reason": "对证据认定有不同意见"}
    assert steps[3].actor == CLERK.login
    assert office.chain_intact()


def test_a_pack_without_collective_discussion_refuses_referral(
    open_office: OfficeMaker, make_bundle: BundleMaker, tmp_path: Path
) -> None:
    pack = tmp_path / "no-discussion.yaml"
    pack.write_text(
        "format: legal-review-rulepack/1\nid: test-no-discussion\nname: 测试\n"
        "extends: cn-national-baseline\n"
        "review:\n  deadline_days: 5\n  day_kind: calendar\n  re_review_max: 2\n"
        "  dispute_route: [re_review]\n",
        encoding="utf-8",
    )
    office = open_office(str(pack))
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    with refused("本机关规则包没有规定审核期限的延长"):
        office.act(ref, "request_extension", REVIEWER, "复杂")
    assert office.issue(ref, "reject", "证据不足") == "rejected"
    for _ in range(2):
        assert office.act(ref, "request_re_review", CLERK, "不服") == "re_review"
        office.act(ref, "issue_opinion", REVIEWER)
        office.sign(ref)
    with refused("已复审2次，达到规定的上限2次"):
        office.act(ref, "request_re_review", CLERK, "不服")
    with refused("本机关规则包的争议处理方式不包括集体讨论"):
        office.act(ref, "refer", REVIEWER)


# --- extension and deadlines ----------------------------------------------------------------


def test_an_extension_is_requested_by_the_reviewer_approved_by_the_division_head_once(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ws = office.ws
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    assert ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 16)
    assert office.act(ref, "request_extension", REVIEWER, "案情复杂，需补充核实") == "under_review"
    with refused("已有待批准的延期申请"):
        office.act(ref, "request_extension", REVIEWER, "再次申请")
    with refused("无权批准延长审核期限"):
        office.act(ref, "approve_extension", REVIEWER)
    with refused("无权批准延长审核期限"):
        office.act(ref, "approve_extension", AGENCY_HEAD)
    assert ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 16)
    assert office.act(ref, "approve_extension", HEAD) == "under_review"
    # 2026-03-16 + 3 calendar days.
    assert ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 19)
    with refused("审核期限已延长1次，达到规定的上限1次"):
        office.act(ref, "request_extension", REVIEWER, "第二次")
    steps = [
        (t.action, t.actor, t.from_state, t.to_state, t.details)
        for t in ws.workflow.history(ref, HEAD.login)
    ]
    assert steps[1:] == [
        (
            "request_extension",
            REVIEWER.login,
            "under_review",
            "under_review",
            {"reason": "案情复杂，需补充核实"},
        ),
        ("approve_extension", HEAD.login, "under_review", "under_review", {"extensions": 1}),
    ]


def test_an_extension_request_states_its_reason(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    with refused("理由"):
        office.act(ref, "request_extension", REVIEWER, "  ")
    with refused("没有待批准的延期申请"):
        office.act(ref, "approve_extension", HEAD)


def test_a_denied_extension_leaves_the_deadline_and_may_be_asked_again(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    office.act(ref, "request_extension", REVIEWER, "复杂")
    assert office.act(ref, "deny_extension", HEAD, "理由不足") == "under_review"
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 16)
    with refused("没有待批准的延期申请"):
        office.act(ref, "approve_extension", HEAD)
    office.act(ref, "request_extension", REVIEWER, "补充理由")
    office.act(ref, "approve_extension", HEAD)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 19)


@pytest.mark.parametrize(
    ("pack", "submitted_at", "due", "extended"),
    [
        # 5 calendar days from 2026-03-10 end on Sunday 03-15: the next working day.
        (XUECHENG, "2026-03-10T09:00:00+08:00", date(2026, 3, 16), date(2026, 3, 19)),
        # 09-25…27 is the Mid-Autumn holiday, 09-29 a working day; + 3 days end on 10-02 in
        # the National Day holiday (10-01…07): the next working day, Thursday 10-08.
        (XUECHENG, "2026-09-24T09:00:00+08:00", date(2026, 9, 29), date(2026, 10, 8)),
        # Submitted late in the evening (UTC+8): the day counts in the pack's time zone.
        (XUECHENG, "2026-03-10T23:30:00+08:00", date(2026, 3, 16), date(2026, 3, 19)),
        # 7 working days from Thursday 2026-02-12 across the Spring Festival (02-15…23 off,
        # Saturdays 02-14 and 02-28 worked): 02-13, 02-14, 02-24…27, 02-28.
        (NINGXIA, "2026-02-12T09:00:00+08:00", date(2026, 2, 28), date(2026, 3, 4)),
        # Across Labour Day (05-01…05 off, Saturday 05-09 worked): 04-30, 05-06…09, 05-11, 05-12;
        # + 3 working days: 05-13…15.
        (NINGXIA, "2026-04-29T09:00:00+08:00", date(2026, 5, 12), date(2026, 5, 15)),
        # National Day (10-01…07 off; Sunday 09-20 and Saturday 10-10 worked): from 09-28,
        # 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13; + 3: 10-14…16.
        (NINGXIA, "2026-09-28T09:00:00+08:00", date(2026, 10, 13), date(2026, 10, 16)),
    ],
)
def test_the_due_date_in_the_packs_day_kind_and_its_extension(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    pack: str,
    submitted_at: str,
    due: date,
    extended: date,
) -> None:
    office = open_office(pack)
    ref = office.bring(case_bundle(make_bundle, submitted_at=submitted_at))
    office.clock.now = datetime.fromisoformat(submitted_at)
    _accept(office, ref)
    deadline = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (deadline.due_on, deadline.approximate) == (due, False)
    assert office.ws.list_cases(REVIEWER.login)[0].due_on == due
    office.act(ref, "request_extension", REVIEWER, "案情复杂")
    office.act(ref, "approve_extension", HEAD)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == extended
    # The case list shows the same deadline as the workflow, extension included.
    assert office.ws.list_cases(REVIEWER.login)[0].due_on == extended


@pytest.mark.parametrize(
    ("now", "status", "days_left"),
    [
        (datetime(2026, 3, 12, 1, 30, tzinfo=UTC), "ok", 4),
        (datetime(2026, 3, 14, 15, 59, tzinfo=UTC), "ok", 2),  # 03-14 23:59 in UTC+8
        (datetime(2026, 3, 14, 16, 0, tzinfo=UTC), "due_soon", 1),  # 03-15 00:00 in UTC+8
        (datetime(2026, 3, 16, 15, 59, tzinfo=UTC), "due_soon", 0),
        (datetime(2026, 3, 16, 16, 0, tzinfo=UTC), "overdue", -1),
        (datetime(2026, 4, 1, 2, 0, tzinfo=UTC), "overdue", -16),
    ],
)
def test_due_soon_and_overdue_in_calendar_days(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    now: datetime,
    status: str,
    days_left: int,
) -> None:
    office = open_office(XUECHENG)  # due 2026-03-16, due_soon_days 1
    ref = office.bring(case_bundle(make_bundle))
    office.clock.now = now
    deadline = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (deadline.due_on, deadline.status, deadline.days_left) == (
        date(2026, 3, 16),
        status,
        days_left,
    )


@pytest.mark.parametrize(
    ("today", "status", "days_left"),
    [
        (date(2026, 2, 13), "ok", 6),
        (date(2026, 2, 20), "ok", 5),  # in the holiday: 02-24…28 are left
        (date(2026, 2, 25), "ok", 3),
        (date(2026, 2, 26), "due_soon", 2),
        (date(2026, 2, 28), "due_soon", 0),  # a Saturday worked
        (date(2026, 3, 1), "overdue", -1),  # Sunday: one working day (02-28) past
        (date(2026, 3, 3), "overdue", -2),
    ],
)
def test_due_soon_and_overdue_in_working_days(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    today: date,
    status: str,
    days_left: int,
) -> None:
    office = open_office(NINGXIA)  # due 2026-02-28, due_soon_days 2
    ref = office.bring(case_bundle(make_bundle, submitted_at="2026-02-12T09:00:00+08:00"))
    office.clock.now = datetime(today.year, today.month, today.day, 2, 0, tzinfo=UTC)
    deadline = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (deadline.due_on, deadline.status, deadline.days_left) == (
        date(2026, 2, 28),
        status,
        days_left,
    )


def test_a_deadline_past_the_calendar_is_an_estimate(
    open_office: OfficeMaker, demo: dict[str, Path], run_cli: CliRun
) -> None:
    office = open_office(DEMO_PACK)
    ref = office.bring(demo["露天烧烤"])  # submitted 2027-01-04, past the 2026 calendar
    office.clock.now = datetime(2027, 1, 5, 2, 0, tzinfo=UTC)
    deadline = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (deadline.due_on, deadline.approximate, deadline.status) == (
        date(2027, 1, 11),
        True,
        "ok",
    )
    code, out, _ = run_cli(office.data_dir, REVIEWER.login, "workflow", ref)
    assert code == 0
    assert "审核期限：2027-01-11（日历未覆盖，仅供参考）" in out


def test_the_deadline_is_done_once_the_opinion_is_issued(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    office.clock.now = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    _accept(office, ref)
    assert office.ws.workflow.deadline(ref, REVIEWER.login).status == "overdue"
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    office.act(ref, "issue_opinion", REVIEWER)
    deadline = office.ws.workflow.deadline(ref, REVIEWER.login)
    assert (deadline.due_on, deadline.status, deadline.days_left) == (
        date(2026, 3, 16),
        "done",
        None,
    )


def test_the_deadline_is_read_with_the_actors_rights(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    for person in STAFF:
        if person is not TRAINEE:  # a trainee sees exercise cases only
            assert office.ws.workflow.deadline(ref, person.login).due_on == date(2026, 3, 16)
    with refused("用户 stranger 未登记"):
        office.ws.workflow.deadline(ref, "stranger")


# --- recusal (回避) --------------------------------------------------------------------------


def test_a_reviewer_who_is_an_officer_of_the_case_may_not_review_it(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    office.register(OFFICER)
    ref = office.bring(case_bundle(make_bundle))
    with refused("审核人员张明是本案执法人员（执法证37040001），依法应当回避，不能审核本案"):
        office.act(ref, "accept", OFFICER)
    assert office.state(ref) == "submitted"
    _accept(office, ref)  # another reviewer may


def test_a_reviewer_who_hosted_the_hearing_may_not_review_the_case(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    office.register(HEARING_HOST)
    events = [*minimal_case()["case"]["events"], HEARING]
    ref = office.bring(case_bundle(make_bundle, events=events))
    with refused("审核人员周听证是本案听证主持人，依法应当回避，不能审核本案"):
        office.act(ref, "accept", HEARING_HOST)
    assert office.state(ref) == "submitted"


def test_a_division_head_who_is_an_officer_may_neither_accept_nor_edit_nor_issue(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    office.register(OFFICER_HEAD)
    ref = office.bring(case_bundle(make_bundle))
    with refused("李华是本案执法人员"):
        office.act(ref, "accept", OFFICER_HEAD)
    _accept(office, ref)
    with refused("李华是本案执法人员"):
        office.ws.review.set_verdict(ref, "facts", "ok", OFFICER_HEAD.login)
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    with refused("李华是本案执法人员"):
        office.act(ref, "issue_opinion", OFFICER_HEAD)


def test_a_division_head_who_is_an_officer_may_not_sign_the_opinion(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    office.register(OFFICER_HEAD)
    ref = office.bring(case_bundle(make_bundle))
    _issued(office, ref)
    with refused("李华是本案执法人员"):
        office.sign(ref, OFFICER_HEAD)
    assert office.state(ref) == "opinion_issued"


def test_recusal_in_the_demo_case_where_the_hearing_host_is_also_an_officer(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    host = json.loads((demo["食品"] / "case.json").read_text(encoding="utf-8"))["case"]
    (hearing,) = [e for e in host["events"] if e["type"] == "hearing"]
    person = Person("host", hearing["host"], ("reviewer",))
    office.register(person)
    ref = office.bring(demo["食品"])
    with refused(f"审核人员{hearing['host']}是本案.*依法应当回避"):
        office.act(ref, "accept", person)


def test_a_new_version_naming_the_reviewer_as_officer_bars_them_from_the_next_round(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    officers = [
        *minimal_case()["case"]["officers"],
        {
            "name": REVIEWER.name,
            "certificate_no": "37040009",
            "certificate_valid_until": "2027-12-31",
        },
    ]
    office.bring(case_bundle(make_bundle, officers=officers))
    assert office.state(ref) == "submitted"
    with refused("审核人员王审核是本案执法人员（执法证37040009）"):
        office.act(ref, "accept", REVIEWER)


# --- the audit trail ------------------------------------------------------------------------


def test_every_review_action_is_in_the_audit_log_with_who_when_and_what(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    ws, clock = office.ws, office.clock
    ref = office.bring(as_real_case(demo["生态环境"], office))
    case_id = ws.resolve(ref).case_id
    steps: list[tuple[datetime, str, str, dict[str, Any]]] = []

    def expect(person: Person, action: str, **details: Any) -> None:
        steps.append((clock(), person.login, action, details))
        clock.advance(minutes=7)

    office.act(ref, "accept", REVIEWER)
    expect(
        REVIEWER, "workflow.accept", from_state="submitted", to_state="under_review", version=1,
        reviewer=REVIEWER.login,
    )  # fmt: skip
    ws.review.set_verdict(ref, "procedure", "ok", REVIEWER.login)
    expect(REVIEWER, "review.verdict", section="procedure", verdict="ok")
    ws.review.set_verdict(ref, "procedure", "issue", REVIEWER.login)
    expect(REVIEWER, "review.verdict", section="procedure", verdict="issue")
    ws.review.set_comment(ref, "procedure", "未告知听证权利", REVIEWER.login)
    expect(REVIEWER, "review.comment", section="procedure", comment="未告知听证权利")
    number = ws.review.add_citation(
        ref,
        "procedure",
        CitationSpec("document", "d10", page=1, rect=(10, 20, 30, 40), note="告知书"),
        REVIEWER.login,
    )
    expect(
        REVIEWER,
        "review.citation_add",
        section="procedure",
        citation=number,
        kind="document",
        target="d10",
        page=1,
        rect=[10, 20, 30, 40],
        start_ms=None,
        end_ms=None,
        note="告知书",
    )
    clip = ws.review.add_citation(
        ref, "evidence", CitationSpec("recording", "r1", start_ms=500, end_ms=4500), REVIEWER.login
    )
    expect(
        REVIEWER,
        "review.citation_add",
        section="evidence",
        citation=clip,
        kind="recording",
        target="r1",
        page=None,
        rect=None,
        start_ms=500,
        end_ms=4500,
        note="",
    )
    ws.review.remove_citation(ref, clip, REVIEWER.login)
    expect(REVIEWER, "review.citation_remove", citation=clip)
    accepted = ws.review.decide(ref, "PROC-02", "accepted", "", REVIEWER.login)
    expect(
        REVIEWER,
        "review.finding_accepted",
        rule="PROC-02",
        fingerprint=accepted.fingerprint,
        reason="",
    )
    dismissed = ws.review.decide(
        ref, "OFF-01", "dismissed", "另一名执法人员在场，见笔录", REVIEWER.login
    )
    expect(
        REVIEWER,
        "review.finding_dismissed",
        rule="OFF-01",
        fingerprint=dismissed.fingerprint,
        reason="另一名执法人员在场，见笔录",
    )
    ws.review.set_outcome(ref, "return", "补充听证告知", REVIEWER.login)
    expect(REVIEWER, "review.outcome", outcome="return", reasons="补充听证告知")
    office.act(ref, "request_extension", REVIEWER, "需补充核实")
    expect(
        REVIEWER,
        "workflow.request_extension",
        from_state="under_review",
        to_state="under_review",
        reason="需补充核实",
    )
    office.act(ref, "approve_extension", HEAD)
    expect(
        HEAD,
        "workflow.approve_extension",
        from_state="under_review",
        to_state="under_review",
        extensions=1,
    )
    before_finishing = office.entries(ref)[-1].seq
    finish_checklist(ws, ref, REVIEWER.login)  # issuing needs it; its entries are left out
    finished = {e.seq for e in office.entries(ref) if e.seq > before_finishing}
    office.act(ref, "issue_opinion", REVIEWER, finish=False)
    expect(
        REVIEWER,
        "workflow.issue_opinion",
        from_state="under_review",
        to_state="opinion_issued",
        outcome="return",
        reasons="补充听证告知",
    )

    entries = [e for e in office.entries(ref, ("review.", "workflow.")) if e.seq not in finished]
    assert [(e.actor, e.action) for e in entries] == [(who, what) for _, who, what, _ in steps]
    for entry, (at, _, _, details) in zip(entries, steps, strict=True):
        assert entry.case_id == case_id
        assert entry.details == details, entry.action
        assert _utc(entry.at) == at
    assert office.chain_intact()


def test_signing_and_the_dispute_steps_are_in_the_audit_log(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    office.act(ref, "request_re_review", CLERK, "不服")
    office.act(ref, "issue_opinion", REVIEWER)
    office.sign(ref)
    office.act(ref, "refer", HEAD)
    office.act(
        ref,
        "record_minutes",
        AGENCY_HEAD,
        minutes=Minutes(date(2026, 3, 20), ["孙机关"], "维持", "reject", True),
    )
    actions = [
        (e.actor, e.action)
        for e in office.review_entries(ref)
        if e.action not in ("review.outcome", "review.verdict")
        and not e.action.startswith("review.finding_")
    ]
    assert actions == [
        (REVIEWER.login, "workflow.accept"),
        (REVIEWER.login, "workflow.issue_opinion"),
        (HEAD.login, "opinion.sign"),
        (HEAD.login, "workflow.sign"),
        (CLERK.login, "workflow.request_re_review"),
        (REVIEWER.login, "workflow.issue_opinion"),
        (HEAD.login, "opinion.sign"),
        (HEAD.login, "workflow.sign"),
        (HEAD.login, "workflow.refer"),
        (AGENCY_HEAD.login, "workflow.record_minutes"),
    ]
    re_review = office.entries(ref, ("workflow.request_re_review",))[0]
    assert re_review.details == {
        "from_state": "rejected",
        "to_state": "re_review",
        "reason": "不服",
        "re_reviews": 1,
    }
    assert office.entries(ref, ("workflow.sign",))[0].details["outcome"] == "reject"
    assert office.chain_intact()


def test_two_heads_signing_at_once_make_exactly_one_signature(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    """Two division heads on two PCs press 签发 together: one signature, one clear refusal."""
    import threading

    from workstation.errors import WorkstationError

    office = open_office()
    second = Person("zheng", "郑法制", ("division_head",))
    register_users(office.ws, (second.login, second.name, second.roles), by=ADMIN.login)
    ref = office.bring(case_bundle(make_bundle))
    _issued(office, ref)
    for head, (private, public) in (
        (HEAD, office._keypair),
        (second, signing.generate_keypair(PASSPHRASE)),
    ):
        register_certified(office.ws, head.login, public, admin=ADMIN.login)
        office.ws.keys.store(head.login, private)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def sign(login: str) -> None:
        start.wait()
        try:
            outcomes[login] = office.ws.opinions.sign(ref, login, PASSPHRASE).number
        except WorkstationError as exc:
            outcomes[login] = exc

    threads = [threading.Thread(target=sign, args=(h.login,)) for h in (HEAD, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    refused = [o for o in outcomes.values() if isinstance(o, WorkstationError)]
    signed = [o for o in outcomes.values() if not isinstance(o, BaseException)]
    assert (len(signed), len(refused)) == (1, 1), outcomes
    # The second finds the case moved on by the first (the write lock made them queue).
    assert refused[0].message.startswith("案件当前状态为“不同意”，不能签发审核意见书")
    with office.ws.db.session() as session:
        signatures = session.scalars(select(Opinion).where(Opinion.signed_at.is_not(None))).all()
    assert len(signatures) == 1
    assert office.chain_intact()


def test_a_tampered_review_entry_breaks_the_chain(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office()
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    office.ws.review.set_verdict(ref, "facts", "issue", REVIEWER.login)
    office.ws.review.set_comment(ref, "facts", "事实不清", REVIEWER.login)
    assert office.chain_intact()
    # As the tables' owner could (on PostgreSQL the log refuses UPDATE to everyone else).
    with office.ws.db.write("篡改") as session, audit_log_opened(session):
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "review.verdict")
        ).one()
        entry.details = {"section": "facts", "verdict": "ok"}
        seq = entry.seq
    with office.ws.db.session() as session:
        report = audit.verify_chain(session)
    assert (report.intact, report.first_broken_seq) == (False, seq)


# --- the commands ---------------------------------------------------------------------------


def _cli_office(open_office: OfficeMaker, demo: dict[str, Path]) -> tuple[Office, str]:
    office = open_office(DEMO_PACK)
    ref = office.bring(as_real_case(demo["生态环境"], office))
    return office, ref


def test_the_review_command_scripts_a_whole_review(
    open_office: OfficeMaker, demo: dict[str, Path], run_cli: CliRun
) -> None:
    office, ref = _cli_office(open_office, demo)
    folder = office.data_dir
    assert run_cli(folder, REVIEWER.login, "workflow", ref, "accept")[0] == 0
    code, out, err = run_cli(
        folder,
        REVIEWER.login,
        "review",
        ref,
        "--verdict",
        "procedure=issue",
        "--verdict",
        "qualification=ok",
        "--verdict",
        "referral=n/a",
        "--comment",
        "procedure=未告知听证权利",
        "--cite",
        "procedure=document:d10:1:72,100,300,180#告知书未载明听证权利",
        "--cite",
        "evidence=recording:r1:00:01.500-00:00:09#现场检查",
        "--cite",
        "evidence=recording:r1:2000-3000",
        "--accept",
        "PROC-02",
        "--dismiss",
        "OFF-01=另一名执法人员在场",
        "--outcome",
        "return",
        "--reasons",
        "补充听证告知",
    )
    assert (code, err) == (0, "")
    assert "已添加引用" in out
    assert "不予采纳 OFF-01：另一名执法人员在场" in out
    assert "【程序】存在问题  未告知听证权利" in out
    assert "审核结论：退回补正  补充听证告知" in out

    checklist = office.ws.review.checklist(ref, REVIEWER.login)
    sections = {s.section: s for s in checklist.sections}
    assert (sections["procedure"].verdict, sections["procedure"].comment) == (
        "issue",
        "未告知听证权利",
    )
    assert sections["qualification"].verdict == "ok"
    assert sections["referral"].verdict == "n/a"
    (page,) = sections["procedure"].citations
    assert (page.target, page.page, page.rect, page.note) == (
        "d10",
        1,
        [72, 100, 300, 180],
        "告知书未载明听证权利",
    )
    clips = [(c.target, c.start_ms, c.end_ms, c.note) for c in sections["evidence"].citations]
    assert clips == [("r1", 1500, 9000, "现场检查"), ("r1", 2000, 3000, "")]
    decisions = {
        f.finding.rule: (f.decision, f.reason) for s in checklist.sections for f in s.findings
    }
    assert decisions["PROC-02"] == ("accepted", "")
    assert decisions["OFF-01"] == ("dismissed", "另一名执法人员在场")
    assert (checklist.outcome, checklist.reasons) == ("return", "补充听证告知")

    # Clearing a verdict and removing a citation.
    code, _, _ = run_cli(
        folder, REVIEWER.login, "review", ref, "--verdict", "referral=-", "--uncite", str(page.id)
    )
    assert code == 0
    sections = {s.section: s for s in office.ws.review.checklist(ref, REVIEWER.login).sections}
    assert sections["referral"].verdict is None
    assert sections["procedure"].citations == []


def test_the_review_command_json_output(
    open_office: OfficeMaker, demo: dict[str, Path], run_cli: CliRun
) -> None:
    office, ref = _cli_office(open_office, demo)
    folder = office.data_dir
    run_cli(folder, REVIEWER.login, "workflow", ref, "accept")
    run_cli(
        folder, REVIEWER.login, "review", ref, "--verdict", "facts=ok", "--dismiss", "OFF-01=在场"
    )
    code, out, _ = run_cli(folder, REVIEWER.login, "review", ref, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["case"], data["version"], data["state"]) == (
        "枣环薛罚〔2026〕7号",
        1,
        "under_review",
    )
    assert (data["done"], data["open_errors"], data["outcome"]) == (1, 1, None)
    assert [s["section"] for s in data["sections"]] == [s for s, _ in SECTIONS]
    qualification = data["sections"][1]
    (finding,) = qualification["findings"]
    assert (finding["rule"], finding["decision"], finding["reason"]) == (
        "OFF-01",
        "dismissed",
        "在场",
    )
    assert finding["severity"] == "error"
    assert len(finding["fingerprint"]) == 64


def test_the_review_command_json_output_is_json_even_with_edits(
    open_office: OfficeMaker, demo: dict[str, Path], run_cli: CliRun
) -> None:
    office, ref = _cli_office(open_office, demo)
    folder = office.data_dir
    run_cli(folder, REVIEWER.login, "workflow", ref, "accept")
    code, out, _ = run_cli(
        folder,
        REVIEWER.login,
        "review",
        ref,
        "--cite",
        "facts=document:d10:1",
        "--dismiss",
        "OFF-01=在场",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["sections"][3]["citations"][0]["target"] == "d10"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cite", "facts=document:d10"), "引用格式不正确"),
        (("--cite", "facts=recording:r1:5-"), "引用格式不正确"),
        (("--cite", "facts=document:d10:1:1,2,3"), "引用格式不正确"),
        (("--cite", "facts=document:d10:9"), "引用的页码 9 无效（共1页）"),
        (("--cite", "facts=recording:r1:0-00:00:20"), "超出录像 r1 的时长（15.0 秒）"),
        (("--verdict", "facts"), "--verdict 的格式应为 名称=值"),
        (("--verdict", "facts=great"), "审核结论 great 无效"),
        (("--dismiss", "OFF-01="), "不予采纳自动检查发现须说明理由"),
        (("--outcome", "approve"), "还有2项错误级别的发现"),
        (("--outcome", "reject"), "不同意须写明理由"),
    ],
    ids=lambda value: value if isinstance(value, str) else "-".join(value),
)
def test_the_review_command_refuses_bad_input_with_exit_2_and_one_line(
    open_office: OfficeMaker,
    demo: dict[str, Path],
    run_cli: CliRun,
    args: tuple[str, ...],
    message: str,
) -> None:
    office, ref = _cli_office(open_office, demo)
    run_cli(office.data_dir, REVIEWER.login, "workflow", ref, "accept")
    code, _, err = run_cli(office.data_dir, REVIEWER.login, "review", ref, *args)
    assert code == 2
    assert message in _one_chinese_line(err)


def test_the_workflow_command_moves_the_case_and_shows_deadline_chain_and_history(
    open_office: OfficeMaker, make_bundle: BundleMaker, run_cli: CliRun
) -> None:
    office = open_office(XUECHENG)
    folder = office.data_dir
    ref = office.bring(case_bundle(make_bundle))
    office.clock.now = datetime(2026, 3, 15, 2, 0, tzinfo=UTC)  # due 03-16: due soon

    code, out, _ = run_cli(folder, REVIEWER.login, "workflow", ref, "accept")
    assert (code, out.strip()) == (0, "受理审核：案件状态为“审核中”")
    code, out, _ = run_cli(folder, REVIEWER.login, "workflow", ref)
    assert code == 0
    assert "状态：审核中" in out
    assert "审核期限：2026-03-16（即将到期）" in out
    assert "承办：枣庄市薛城区市场监督管理局、周承办；审核：王审核；审批：—" in out
    assert f"{REVIEWER.login} 受理审核 待审核 → 审核中" in out

    assert (
        run_cli(folder, REVIEWER.login, "workflow", ref, "request_extension", "--reason", "复杂")[0]
        == 0
    )
    assert run_cli(folder, HEAD.login, "workflow", ref, "approve_extension")[0] == 0
    office.clock.now = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    code, out, _ = run_cli(folder, REVIEWER.login, "workflow", ref)
    assert "审核期限：2026-03-19（已超期）" in out

    run_cli(folder, REVIEWER.login, "review", ref, "--outcome", "reject", "--reasons", "证据不足")
    finish_checklist(office.ws, ref, REVIEWER.login)
    code, out, _ = run_cli(folder, REVIEWER.login, "workflow", ref, "issue_opinion")
    assert (code, out.strip()) == (0, "出具审核意见：案件状态为“已出具意见，待签发”")
    office.sign(ref)
    code, out, _ = run_cli(
        folder, CLERK.login, "workflow", ref, "request_re_review", "--reason", "不服"
    )
    assert (code, out.strip()) == (0, "书面申请复审：案件状态为“复审中”")
    assert run_cli(folder, REVIEWER.login, "workflow", ref, "issue_opinion")[0] == 0
    office.sign(ref)
    assert run_cli(folder, REVIEWER.login, "workflow", ref, "refer")[0] == 0

    minutes = (
        "--held-on",
        "2026-03-25",
        "--attendee",
        "孙机关",
        "--attendee",
        "局长甲",
        "--decision",
        "不采纳",
    )
    code, _, err = run_cli(folder, AGENCY_HEAD.login, "workflow", ref, "record_minutes", *minutes)
    assert code == 2
    assert "记录集体讨论须给出" in _one_chinese_line(err)
    code, out, _ = run_cli(
        folder,
        AGENCY_HEAD.login,
        "workflow",
        ref,
        "record_minutes",
        *minutes,
        "--decided",
        "approve",
        "--adopted",
        "no",
    )
    assert (code, out.strip()) == (0, "记录集体讨论决定：案件状态为“同意”")
    with office.ws.db.session() as session:
        (row,) = session.scalars(select(DiscussionMinutes)).all()
        assert (row.held_on, row.attendees, row.outcome, row.opinion_adopted) == (
            date(2026, 3, 25),
            ["孙机关", "局长甲"],
            "approve",
            False,
        )
    code, out, _ = run_cli(folder, REVIEWER.login, "workflow", ref)
    assert "状态：同意" in out
    # The re-review asked for on 03-20 started a new period (5 days, its own extension):
    # due 03-25, and done, so no longer marked.
    assert "审核期限：2026-03-25\n" in out
    assert "书面申请复审 不同意 → 复审中" in out
    assert "记录集体讨论决定 待集体讨论 → 同意" in out


@pytest.mark.parametrize(
    ("person", "args", "message"),
    [
        (
            CLERK,
            ("accept",),
            "用户 zhou（承办人员）无权受理审核，需要角色：法制机构负责人、审核人员",
        ),
        (
            REVIEWER,
            ("approve_extension",),
            "用户 wang（审核人员）无权批准延长审核期限，需要角色：法制机构负责人",
        ),
        (REVIEWER, ("fly",), "参数错误"),
        (REVIEWER, ("issue_opinion",), "案件当前状态为“待审核”，不能出具审核意见"),
        (REVIEWER, ("return_incomplete",), "材料不全，退回补正须书面写明理由"),
    ],
    ids=["role", "approve-role", "unknown-action", "state", "reason"],
)
def test_the_workflow_command_refuses_with_exit_2_and_one_chinese_line(
    open_office: OfficeMaker,
    make_bundle: BundleMaker,
    run_cli: CliRun,
    person: Person,
    args: tuple[str, ...],
    message: str,
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    code, out, err = run_cli(office.data_dir, person.login, "workflow", ref, *args)
    assert (code, out) == (2, "")
    assert message in _one_chinese_line(err)
    assert office.state(ref) == "submitted"


def test_a_second_re_review_refused_on_the_command_line(
    open_office: OfficeMaker, make_bundle: BundleMaker, run_cli: CliRun
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    office.act(ref, "request_re_review", CLERK, "不服")
    office.act(ref, "issue_opinion", REVIEWER)
    office.sign(ref)
    code, _, err = run_cli(
        office.data_dir, CLERK.login, "workflow", ref, "request_re_review", "--reason", "再次"
    )
    assert code == 2
    assert "已复审1次，达到规定的上限1次，应当提请集体讨论" in _one_chinese_line(err)


def test_audit_verify_command_after_a_review(
    open_office: OfficeMaker, make_bundle: BundleMaker, run_cli: CliRun
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _accept(office, ref)
    office.ws.review.set_verdict(ref, "facts", "ok", REVIEWER.login)
    code, _, err = run_cli(office.data_dir, REVIEWER.login, "audit", "verify")
    assert code == 2
    assert "无权查看审计记录" in _one_chinese_line(err)
    code, out, _ = run_cli(office.data_dir, AGENCY_HEAD.login, "audit", "verify")
    assert code == 0
    assert f"共 {len(office.entries())} 条" in out


# --- guards added after review: roles held together, self-approval, versions, numbering ------

HEAD2 = Person("chu", "褚法制", ("division_head",))
CLERK_IN_TRAINING = Person("jiang", "蒋见习", ("clerk", "trainee"))


def test_a_clerk_in_training_reviews_exercises_only(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    office.register(CLERK_IN_TRAINING)
    real = office.bring(demo["食品"])
    # Reviewing comes only from the trainee role: not on a real case, whatever else they are.
    with refused("学员 jiang 只能处理练习案件"):
        office.act(real, "accept", CLERK_IN_TRAINING)
    _accept(office, real)
    with refused("学员 jiang 只能处理练习案件"):
        office.ws.review.set_verdict(real, "facts", "ok", CLERK_IN_TRAINING.login)
    # What the clerk role gives stays: reading the real case.
    assert office.ws.workflow.state(real, CLERK_IN_TRAINING.login) == "under_review"
    exercise = office.bring(demo["生态环境"], TRAINER)
    assert office.act(exercise, "accept", CLERK_IN_TRAINING) == "under_review"
    # The case list of someone who is only a trainee holds the exercises alone.
    listed = office.ws.list_cases(TRAINEE.login)
    assert [c.short_id for c in listed] == [exercise]


def test_exercise_opinions_have_their_own_numbers(
    open_office: OfficeMaker, demo: dict[str, Path]
) -> None:
    office = open_office(DEMO_PACK)
    exercise = office.bring(demo["生态环境"], TRAINER)
    office.act(exercise, "accept", TRAINEE)
    office.ws.review.set_outcome(exercise, "return", "练习", TRAINEE.login)
    office.act(exercise, "issue_opinion", TRAINEE)
    real = office.bring(demo["食品"])
    _accept(office, real)
    office.ws.review.set_outcome(real, "return", "证据不足", REVIEWER.login)
    office.act(real, "issue_opinion", REVIEWER)
    with office.ws.db.session() as session:
        numbers = sorted(o.number for o in session.scalars(select(Opinion)))
    assert numbers == ["法审〔2026〕1号", "练习〔2026〕1号"]


def test_an_extension_is_decided_by_someone_other_than_who_asked(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    office.register(HEAD2)
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "accept", HEAD)  # the division head reviews this one himself
    office.act(ref, "request_extension", HEAD, "案情复杂")
    for decision in ("approve_extension", "deny_extension"):
        with refused("不能批准或驳回本人提出的申请"):
            office.act(ref, decision, HEAD)
    office.act(ref, "approve_extension", HEAD2)
    assert office.ws.workflow.deadline(ref, HEAD.login).due_on == date(2026, 3, 19)


def test_the_head_who_reviewed_does_not_sign_his_own_opinion(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    office.register(HEAD2)
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "accept", HEAD)
    office.ws.review.set_outcome(ref, "reject", "证据不足", HEAD.login)
    office.act(ref, "issue_opinion", HEAD)
    with refused("审核人员不能签发本人审核的意见书"):
        office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    assert office.state(ref) == "opinion_issued"
    assert office.sign(ref, HEAD2) == "rejected"


def test_an_older_version_cannot_be_edited_by_name(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    office.bring(case_bundle(make_bundle, title="补正"))  # the clerk: resubmitted as v2
    _accept(office, ref)
    with refused("正在审核的是第 2 版，不能修改第 1 版"):
        office.ws.review.set_verdict(f"{ref}@v1", "facts", "ok", REVIEWER.login)
    office.ws.review.set_verdict(f"{ref}@v2", "facts", "ok", REVIEWER.login)
    assert office.ws.review.checklist(f"{ref}@v1", REVIEWER.login).version == 2


def test_a_rejected_case_comes_back_as_a_new_version(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    with refused("不同意的审核意见已签发，应导入修改后的案卷"):
        office.act(ref, "resubmit", CLERK)
    result = office.ws.import_bundle(
        case_bundle(make_bundle, title="重新调查后", submitted_at="2026-03-20T09:00:00+08:00"),
        actor=CLERK.login,
    )
    assert result.review_note == "已重新送审，等待法制审核机构受理"
    assert office.state(ref) == "submitted"
    with refused("案件当前状态为“待审核”，不能书面申请复审"):
        office.act(ref, "request_re_review", CLERK, "不服")
    _accept(office, ref)
    assert office.ws.review.checklist(ref, REVIEWER.login).version == 2
    assert office.ws.workflow.deadline(ref, REVIEWER.login).due_on == date(2026, 3, 25)


def test_a_dispute_of_the_old_version_is_refused_once_a_new_one_arrived(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))
    _rejected(office, ref)
    office.bring(case_bundle(make_bundle, title="重新调查后"), REVIEWER)  # not a resubmission
    assert office.state(ref) == "rejected"
    with refused("承办单位已导入新版本：应重新送审新版本"):
        office.act(ref, "request_re_review", CLERK, "不服")
    assert office.act(ref, "resubmit", CLERK) == "submitted"


def test_materials_resubmitted_unchanged_get_a_new_period_from_the_resubmission(
    open_office: OfficeMaker, make_bundle: BundleMaker
) -> None:
    office = open_office(XUECHENG)
    ref = office.bring(case_bundle(make_bundle))  # submitted 2026-03-10
    office.act(ref, "return_incomplete", REVIEWER, "缺少送审表")
    office.clock.now = datetime(2026, 3, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Beijing
    office.act(ref, "resubmit", CLERK)  # the form was brought on paper
    due = office.ws.workflow.deadline(ref, REVIEWER.login)
    # From 03-30: five days end on Saturday 04-04, the Qingming holiday runs to 04-06.
    assert (due.due_on, due.status) == (date(2026, 4, 7), "ok")
