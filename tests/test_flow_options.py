"""flow_options is a dry run of the workflow: in each situation, for each member of staff,
an action is allowed by the options exactly when `WorkflowService.act` (or signing) takes it,
and when it is not, the options give act's own refusal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import FixedClock
from review_desk import (
    AGENCY_HEAD,
    CLERK,
    HEAD,
    HEAD2,
    NINGXIA,
    OFFICER,
    PASSPHRASE,
    REVIEWER,
    XUECHENG,
    Office,
)

from workstation.errors import IllegalActionError
from workstation.review.workflow_rules import STEPS
from workstation.security import signing

PEOPLE = (REVIEWER, HEAD, HEAD2, AGENCY_HEAD, CLERK, OFFICER)


@pytest.fixture(scope="module")
def keypairs() -> dict[str, tuple[bytes, bytes]]:
    """A sealed key for each division head, made once for the module (scrypt is slow)."""
    return {head.login: signing.generate_keypair(PASSPHRASE) for head in (HEAD, HEAD2)}


def _accepted(office: Office, ref: str) -> None:
    office.act(ref, "accept", REVIEWER)


def _approvable(office: Office, ref: str) -> None:
    _accepted(office, ref)
    office.finish(ref)
    office.ws.review.set_outcome(ref, "approve", "", REVIEWER.login)


def _extension_asked_by_head(office: Office, ref: str) -> None:
    office.act(ref, "accept", HEAD)
    office.act(ref, "request_extension", HEAD, "案情复杂")


def _extension_asked(office: Office, ref: str) -> None:
    _accepted(office, ref)
    office.finish(ref)
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    office.act(ref, "request_extension", REVIEWER, "案情复杂")


def _issued(office: Office, ref: str) -> None:
    office.issued(ref)


def _signed(office: Office, ref: str) -> None:
    office.issued(ref)
    office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)


def _re_review(office: Office, ref: str) -> None:
    _signed(office, ref)
    office.act(ref, "request_re_review", CLERK, "不服审核意见")


def _referred(office: Office, ref: str) -> None:
    _re_review(office, ref)
    office.act(ref, "refer", REVIEWER, "复审后仍有争议")


def _decided(office: Office, ref: str) -> None:
    _referred(office, ref)
    office.act(ref, "record_minutes", AGENCY_HEAD)


Setup = Callable[[Office, str], None]
SITUATIONS: list[tuple[str, str, Setup]] = [
    ("submitted", XUECHENG, lambda office, ref: None),
    ("under review, no outcome", XUECHENG, _accepted),
    ("approvable", XUECHENG, _approvable),
    ("extension asked by the reviewer", XUECHENG, _extension_asked),
    ("extension asked by a division head", XUECHENG, _extension_asked_by_head),
    ("opinion issued", XUECHENG, _issued),
    ("rejected and signed", XUECHENG, _signed),
    ("rejected and signed, negotiation route", NINGXIA, _signed),
    ("re-review", XUECHENG, _re_review),
    ("collective discussion", XUECHENG, _referred),
    ("decided by the heads", XUECHENG, _decided),
]


class Snapshot:
    """The database as it was, put back after an action that went ahead."""

    def __init__(self, office: Office, folder: Path) -> None:
        self.live = office.data_dir / "workstation.sqlite"
        self.saved = folder / "snapshot.sqlite"
        with sqlite3.connect(self.live) as source, sqlite3.connect(self.saved) as copy:
            source.backup(copy)

    def restore(self) -> None:
        with sqlite3.connect(self.saved) as source, sqlite3.connect(self.live) as live:
            source.backup(live)


@pytest.fixture
def office_for(
    tmp_path: Path, clock: FixedClock, keypairs: dict[str, tuple[bytes, bytes]]
) -> Iterator[Callable[[str, Setup], tuple[Office, str]]]:
    opened: list[Office] = []

    def make(pack: str, setup: Setup, *, keys: bool = True) -> tuple[Office, str]:
        office = Office(tmp_path / f"office{len(opened)}", clock, pack)
        opened.append(office)
        for head in (HEAD, HEAD2) if keys else ():  # the test's keyring holds one key each
            office.give_key(head, keypairs[head.login])
        ref = office.bring(tmp_path / f"bundle{len(opened)}")
        setup(office, ref)
        return office, ref

    yield make
    for office in opened:
        office.close()


def _attempt(office: Office, ref: str, action: str, login: str) -> str | None:
    """Take the action for real; None when it went ahead, else the refusal."""
    try:
        if action == "sign":
            office.ws.opinions.sign(ref, login, PASSPHRASE)
        else:
            person = next(p for p in PEOPLE if p.login == login)
            office.act(ref, action, person, reason="书面理由", finish=False)
    except IllegalActionError as exc:
        return exc.message
    return None


@pytest.mark.slow  # about 3 s a situation: every action for every member of staff, for real
@pytest.mark.parametrize(("name", "pack", "setup"), SITUATIONS, ids=[s[0] for s in SITUATIONS])
def test_options_allow_exactly_what_the_workflow_takes(
    name: str,
    pack: str,
    setup: Setup,
    office_for: Callable[..., tuple[Office, str]],
    tmp_path: Path,
) -> None:
    office, ref = office_for(pack, setup)
    snapshot = Snapshot(office, tmp_path)
    state = office.ws.workflow.state(ref, AGENCY_HEAD.login)
    for person in PEOPLE:
        options = office.ws.workflow.options(ref, person.login)
        assert options.state == state
        assert [o.action for o in options.actions] == list(STEPS)
        for option in options.actions:
            refused = _attempt(office, ref, option.action, person.login)
            where = f"{name}: {person.login} {option.action}"
            assert option.allowed == (refused is None), f"{where}: {option.reason} / {refused}"
            if refused is None:
                snapshot.restore()
                assert office.ws.workflow.state(ref, AGENCY_HEAD.login) == state
            else:
                assert option.reason == refused, where


def test_options_hide_what_a_role_never_does_and_what_the_pack_lacks(
    office_for: Callable[..., tuple[Office, str]],
) -> None:
    office, ref = office_for(XUECHENG, _signed)
    offered = {
        person.login: {
            o.action for o in office.ws.workflow.options(ref, person.login).actions if o.offered
        }
        for person in (REVIEWER, HEAD, CLERK, AGENCY_HEAD)
    }
    assert "sign" in offered[HEAD.login]
    assert "sign" not in offered[REVIEWER.login]
    assert {"accept", "issue_opinion", "request_extension", "refer"} <= offered[REVIEWER.login]
    assert "approve_extension" not in offered[REVIEWER.login]
    assert offered[CLERK.login] == {"request_re_review", "resubmit"}  # no negotiation here
    assert offered[AGENCY_HEAD.login] == {"record_minutes"}

    ningxia, other = office_for(NINGXIA, _issued, keys=False)
    clerk = {o.action for o in ningxia.ws.workflow.options(other, CLERK.login).actions if o.offered}
    assert clerk == {"negotiate", "resubmit"}


def test_options_say_why_in_chinese_and_ask_for_a_written_reason(
    office_for: Callable[..., tuple[Office, str]],
) -> None:
    office, ref = office_for(XUECHENG, _accepted)
    options = office.ws.workflow.options(ref, REVIEWER.login)
    assert options.state_label == "审核中"
    issue = options.get("issue_opinion")
    assert (issue.label, issue.allowed) == ("出具审核意见", False)
    assert issue.reason == "尚未填写审核结论（同意、退回补正或不同意）"
    extension = options.get("request_extension")
    assert extension.allowed  # the written reason is asked for when it is taken
    assert extension.needs_reason
    with pytest.raises(IllegalActionError, match="申请延长审核期限须书面写明理由"):
        office.act(ref, "request_extension", REVIEWER, reason="  ")
    recused = office.ws.workflow.options(ref, OFFICER.login).get("issue_opinion")
    assert recused.offered
    assert not recused.allowed
    assert "依法应当回避" in (recused.reason or "")


def test_the_checklist_says_whether_and_why_not_its_reader_may_edit_it(
    office_for: Callable[..., tuple[Office, str]],
) -> None:
    office, ref = office_for(XUECHENG, _accepted, keys=False)
    review = office.ws.review
    assert review.checklist(ref, REVIEWER.login).editable
    assert review.checklist(ref, HEAD.login).editable  # a division head may edit too
    for person in (OFFICER, CLERK, AGENCY_HEAD):
        locked = review.checklist(ref, person.login).locked
        assert locked is not None
        with pytest.raises(IllegalActionError) as refused:
            review.set_verdict(ref, "facts", "ok", person.login)
        assert locked == refused.value.message  # the very refusal an edit gets
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)
    office.act(ref, "issue_opinion", REVIEWER)
    assert review.checklist(ref, REVIEWER.login).locked == (
        "案件状态为“已出具意见，待签发”，审核意见只能在受理后、出具意见前修改"
    )


def test_the_checklist_names_what_finding_refs_point_at(
    office_for: Callable[..., tuple[Office, str]],
) -> None:
    office, ref = office_for(XUECHENG, lambda office, ref: None, keys=False)
    checklist = office.ws.review.checklist(ref, REVIEWER.login)
    assert checklist.targets == {"e1": "event"}  # d1 and r1 are named but not in the case
    proc_10 = next(f for s in checklist.sections for f in s.findings if f.finding.rule == "PROC-10")
    assert proc_10.finding.refs == ("e1", "r1")
