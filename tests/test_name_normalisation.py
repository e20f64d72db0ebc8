"""Names compared as the same person's whatever invisible or compatibility characters they
carry: recusal (回避) of the reviewer 赵敏 and the hearing-host check (OFF-03)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, minimal_case
from review_desk import ADMIN, RECORD, REVIEWER, Office, Person
from review_helpers import case, check, fired

from workstation.errors import IllegalActionError
from workstation.review.workflow_options import flow_options
from workstation.rules.names import name_key, same_person
from workstation.security.users import add_user

ZHAO = Person("zhaomin", "赵敏", ("reviewer",))
RECUSED = "审核人员赵敏是本案执法人员（执法证37040009），依法应当回避，不能审核本案"

# The same name as a case file might carry it, each invisible or different only in form.
SPELLINGS = {
    "as registered": "赵敏",
    "zero-width space": "赵\u200b敏",
    "zero-width joiner": "赵\u200d敏",
    "CJK compatibility ideograph": "赵\ufa41",
    "trailing space": "赵敏 ",
    "ideographic space inside": "赵\u3000敏",
    "bidi override around": "\u202e赵敏\u202c",
    "bidi isolate around": "\u2066赵敏\u2069",
    "byte order mark": "\ufeff赵敏",
    "variation selector": "赵\ufe00敏",
}


# --- the comparison itself ------------------------------------------------------------------


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_every_spelling_is_the_same_person(spelling: str) -> None:
    assert name_key(spelling) == "赵敏"
    assert same_person(spelling, "赵敏")
    assert same_person("赵敏", spelling)


def test_full_width_latin_letters_and_case_are_folded() -> None:
    assert same_person("ＺＨＡＯ　Ｍｉｎ", "Zhao Min")
    assert same_person("买买提・艾力", "买买提·艾力")  # katakana middle dot for the name dot


@pytest.mark.parametrize(
    ("first", "second"), [("赵敏", "赵明"), ("赵敏", "敏赵"), ("赵敏", "赵敏敏")]
)
def test_different_names_stay_different(first: str, second: str) -> None:
    assert not same_person(first, second)


@pytest.mark.parametrize("nothing", ["", "   ", "\u200b\u200c", "\ufeff", None])
def test_a_name_with_nothing_visible_names_no_one(nothing: str | None) -> None:
    assert not same_person(nothing, nothing)
    assert not same_person(nothing, "赵敏")


# --- recusal on a stored case ---------------------------------------------------------------


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "data", clock)
    register(office, ZHAO)
    yield office
    office.close()


def register(office: Office, person: Person) -> None:
    with office.ws.db.write("登记用户") as session:
        add_user(
            session,
            login=person.login,
            display_name=person.name,
            roles=list(person.roles),
            by=ADMIN.login,
            at=office.clock(),
        )


def officers_with(name: str) -> list[dict[str, Any]]:
    """The minimal case's officers plus `name` (certificate 37040009)."""
    return [
        {"name": "张明", "certificate_no": "37040001", "certificate_valid_until": "2027-12-31"},
        {"name": "李华", "certificate_no": "37040002", "certificate_valid_until": "2027-12-31"},
        {"name": name, "certificate_no": "37040009", "certificate_valid_until": "2027-12-31"},
    ]


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_an_officer_spelled_differently_is_still_recused(
    office: Office, tmp_path: Path, spelling: str
) -> None:
    ref = office.bring(tmp_path / "bundle", documents=[RECORD], officers=officers_with(spelling))
    # She may not take the case…
    with pytest.raises(IllegalActionError) as taking:
        office.act(ref, "accept", ZHAO)
    assert taking.value.message == RECUSED
    accept = flow_options(office.ws.workflow, ref, ZHAO.login).get("accept")
    assert accept.reason == RECUSED
    # …nor edit it once another reviewer has: the checklist banner says why.
    office.act(ref, "accept", REVIEWER)
    assert office.ws.review.checklist(ref, ZHAO.login).locked == RECUSED
    with pytest.raises(IllegalActionError) as editing:
        office.ws.review.set_verdict(ref, "evidence", "ok", ZHAO.login)
    assert editing.value.message == RECUSED


def test_a_reviewer_registered_with_an_invisible_character_is_recused(
    office: Office, tmp_path: Path
) -> None:
    hidden = Person("zhaomin2", "\u200b赵敏 ", ("reviewer",))
    register(office, hidden)
    ref = office.bring(tmp_path / "bundle", officers=officers_with("赵敏"))
    with pytest.raises(IllegalActionError, match="执法证37040009.*依法应当回避"):
        office.act(ref, "accept", hidden)


def test_a_hearing_host_spelled_differently_is_recused(office: Office, tmp_path: Path) -> None:
    hearing = {
        "id": "e2",
        "type": "hearing",
        "at": "2026-03-05T10:00:00+08:00",
        "host": "赵\u200b敏",
        "officers": ["37040001"],
    }
    ref = office.bring(tmp_path / "bundle", events=[*minimal_case()["case"]["events"], hearing])
    with pytest.raises(IllegalActionError, match="审核人员赵敏是本案听证主持人，依法应当回避"):
        office.act(ref, "accept", ZHAO)


def test_someone_else_is_not_recused(office: Office, tmp_path: Path) -> None:
    ref = office.bring(tmp_path / "bundle", documents=[RECORD], officers=officers_with("赵明"))
    office.act(ref, "accept", ZHAO)
    assert office.ws.review.checklist(ref, ZHAO.login).locked is None


# --- OFF-03: the hearing host investigated the case -----------------------------------------


@pytest.mark.parametrize("host", ["张明", "张\u200b明", "张明 ", "\u202a张明\u202c", "张\u3000明"])
def test_off03_sees_the_investigator_through_any_spelling(host: str) -> None:
    report = check(
        case(
            events=[
                {
                    "id": "e1",
                    "type": "inspection",
                    "at": "2026-03-01T10:00:00+08:00",
                    "officers": ["37040001", "37040002"],
                },
                {
                    "id": "h1",
                    "type": "hearing",
                    "at": "2026-03-08T10:00:00+08:00",
                    "host": host,
                    "officers": ["37040001", "37040002"],
                },
            ]
        )
    )
    (finding,) = fired(report, "OFF-03")
    assert "h1" in finding.refs
    assert "officer:37040001" in finding.refs
