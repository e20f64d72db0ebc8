"""A division head's signature is the review's second pair of eyes: a head who changed the
checklist or the outcome of a revision may not sign it (the service and the actions bar's dry
run refuse alike, in Chinese, naming him), and the opinion names everyone who edited it as
审核人员 — not only the reviewer who accepted the case."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from helpers import FixedClock, store_files
from review_desk import ADMIN, CLERK, HEAD, HEAD2, PASSPHRASE, REVIEWER, Office
from sqlalchemy import func, select

from workstation.errors import IllegalActionError
from workstation.security import signing
from workstation.security.users import add_user
from workstation.store.models import AuditEntry
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines

EDITED = "法制机构负责人 钱法制 修改过本次审核的审核要点或审核结论，不能签发本人参与审核的意见书"


@pytest.fixture(scope="module")
def keypairs() -> dict[str, tuple[bytes, bytes]]:
    """A sealed key for each division head, made once for the module (scrypt is slow)."""
    return {head.login: signing.generate_keypair(PASSPHRASE) for head in (HEAD, HEAD2)}


@pytest.fixture
def office(
    tmp_path: Path, clock: FixedClock, keypairs: dict[str, tuple[bytes, bytes]]
) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock)
    for head in (HEAD, HEAD2):
        office.give_key(head, keypairs[head.login])
    yield office
    office.close()


@pytest.fixture
def ref(office: Office, tmp_path: Path) -> str:
    """The minimal case, accepted by the reviewer, every point and finding done by him."""
    ref = office.bring(tmp_path / "bundle")
    office.act(ref, "accept", REVIEWER)
    office.finish(ref, REVIEWER)
    return ref


def _reject(office: Office, ref: str) -> None:
    office.ws.review.set_outcome(ref, "reject", "证据不足", REVIEWER.login)


def _first_finding(office: Office, ref: str, login: str) -> str:
    views = [f for s in office.ws.review.checklist(ref, login).sections for f in s.findings]
    assert views, "the minimal case has automatic findings to decide"
    return views[0].fingerprint


# What a head may change after the reviewer: each of them makes the review partly his.
HEAD_EDITS: dict[str, Callable[[Office, str], None]] = {
    "verdict": lambda o, ref: o.ws.review.set_verdict(ref, "facts", "issue", HEAD.login),
    "outcome": lambda o, ref: o.ws.review.set_outcome(ref, "return", "补充询问笔录", HEAD.login),
    "comment": lambda o, ref: o.ws.review.set_comment(ref, "facts", "事实清楚", HEAD.login),
    "finding": lambda o, ref: o.ws.review.decide(
        ref, _first_finding(o, ref, HEAD.login), "dismissed", "不影响处理", HEAD.login
    ),
}


def _signed_opinions(office: Office) -> int:
    with office.ws.db.session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Opinion).where(Opinion.signed_at.is_not(None))
            )
            or 0
        )


def _audited(office: Office, action: str) -> list[str]:
    """The actors of every audit entry of `action`, in order."""
    with office.ws.db.session() as session:
        return list(
            session.scalars(
                select(AuditEntry.actor).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        )


def _signed_lines(office: Office, ref: str, revision: int | None = None) -> list[str]:
    """The filed DOCX's lines naming who reviewed and who signed."""
    out = office.data_dir.parent / f"意见书{revision or ''}.docx"
    office.ws.opinions.export(ref, HEAD2.login, out, revision)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs]
    return [p for p in paragraphs if p.startswith(("审核人员：", "法制机构负责人："))]


@pytest.mark.parametrize("edit", list(HEAD_EDITS), ids=list(HEAD_EDITS))
def test_a_head_who_edited_the_review_cannot_sign_it(office: Office, ref: str, edit: str) -> None:
    _reject(office, ref)
    HEAD_EDITS[edit](office, ref)  # the head reviews over the reviewer's shoulder…
    office.act(ref, "issue_opinion", HEAD, finish=False)
    files = store_files(office.data_dir)

    with pytest.raises(IllegalActionError, match=EDITED):  # …and signs it himself
        office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)

    assert office.ws.workflow.state(ref, HEAD.login) == "opinion_issued"
    assert _signed_opinions(office) == 0
    assert _audited(office, "opinion.sign") == []
    assert store_files(office.data_dir) == files  # no DOCX or signature filed
    # Another head is the second pair of eyes.
    office.ws.opinions.sign(ref, HEAD2.login, PASSPHRASE)
    assert _audited(office, "opinion.sign") == [HEAD2.login]


def test_a_head_who_only_read_the_review_signs_it(office: Office, ref: str) -> None:
    _reject(office, ref)
    ws = office.ws
    ws.review.checklist(ref, HEAD.login)
    ws.opinions.view(ref, HEAD.login)
    ws.workflow.options(ref, HEAD.login)
    office.act(ref, "issue_opinion", HEAD, finish=False)  # issuing what the reviewer wrote
    assert ws.workflow.options(ref, HEAD.login).get("sign").allowed

    ws.opinions.sign(ref, HEAD.login, PASSPHRASE)

    assert ws.workflow.state(ref, HEAD.login) == "rejected"
    assert _signed_lines(office, ref) == ["审核人员：王审核", "法制机构负责人：钱法制"]
    chain = ws.workflow.responsibility(ref, HEAD.login)
    assert (chain.reviewers, chain.approved) == (["王审核"], ["钱法制"])


def test_the_opinion_names_every_head_who_edited_it(office: Office, ref: str) -> None:
    ws = office.ws
    ws.review.set_verdict(ref, "facts", "issue", HEAD.login)
    _reject(office, ref)
    office.act(ref, "issue_opinion", REVIEWER, finish=False)
    draft = ws.opinions.view(ref, REVIEWER.login).content
    assert draft is not None
    assert draft.reviewer == "王审核、钱法制"

    ws.opinions.sign(ref, HEAD2.login, PASSPHRASE)

    assert _signed_lines(office, ref) == ["审核人员：王审核、钱法制", "法制机构负责人：郑法制"]
    chain = ws.workflow.responsibility(ref, REVIEWER.login)
    assert chain.reviewers == ["王审核", "钱法制"]
    assert chain.reviewed == "王审核、钱法制"  # as the command line prints it
    assert chain.approved == ["郑法制"]


def test_the_actions_bar_says_why_the_head_who_edited_may_not_sign(
    office: Office, ref: str
) -> None:
    ws = office.ws
    _reject(office, ref)
    ws.review.set_comment(ref, "facts", "负责人补充的意见", HEAD.login)
    office.act(ref, "issue_opinion", REVIEWER, finish=False)

    sign = ws.workflow.options(ref, HEAD.login).get("sign")
    with pytest.raises(IllegalActionError) as refused:
        ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    assert sign.offered  # a head signs opinions…
    assert not sign.allowed  # …but not this one, and the bar says why, as signing does
    assert sign.reason == refused.value.message
    assert EDITED in (sign.reason or "")
    assert ws.opinions.view(ref, HEAD.login).sign_refusal == sign.reason
    assert ws.opinions.sign_request(ref, HEAD.login).refusal == sign.reason
    assert ws.workflow.options(ref, HEAD2.login).get("sign").allowed


def test_a_second_account_in_the_heads_name_does_not_make_him_a_second_pair_of_eyes(
    office: Office, ref: str, clock: FixedClock
) -> None:
    with office.ws.db.write("登记用户") as session:
        add_user(
            session,
            login="qian2",
            display_name="钱 法制",  # the same person's name, written with a space
            roles=["division_head"],
            by=ADMIN.login,
            at=clock(),
        )
    office.ws.review.set_verdict(ref, "facts", "issue", "qian2")
    _reject(office, ref)
    office.act(ref, "issue_opinion", REVIEWER, finish=False)

    with pytest.raises(IllegalActionError, match=EDITED):
        office.ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    assert _signed_opinions(office) == 0


def test_a_head_who_edits_in_the_re_review_does_not_sign_its_revision(
    office: Office, ref: str
) -> None:
    ws = office.ws
    _reject(office, ref)
    office.act(ref, "issue_opinion", REVIEWER, finish=False)
    ws.opinions.sign(ref, HEAD.login, PASSPHRASE)  # the first revision: he only read it
    office.act(ref, "request_re_review", CLERK, "不服审核意见")
    ws.review.set_verdict(ref, "facts", "issue", HEAD.login)  # the re-review is partly his
    office.act(ref, "issue_opinion", REVIEWER, finish=False)

    with pytest.raises(IllegalActionError, match=EDITED):
        ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    ws.opinions.sign(ref, HEAD2.login, PASSPHRASE)

    assert _signed_lines(office, ref) == ["审核人员：王审核、钱法制", "法制机构负责人：郑法制"]
    assert _signed_lines(office, ref, 1) == ["审核人员：王审核", "法制机构负责人：钱法制"]
    assert _audited(office, "opinion.sign") == [HEAD.login, HEAD2.login]
