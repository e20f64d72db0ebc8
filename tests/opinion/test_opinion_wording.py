"""The opinion's wording as testers read it on the demo cases (issue 21): amounts to the fen,
no empty labels, the laws of the case's own kind of action, quotations cut at a sentence,
提示 findings not printed as defects, and a draft that says it is one.

The layout side (punctuation of 审核情况, the party line, the watermark in the PDF) is tested
on the writer in tests/test_opinion_docx.py.
"""

from __future__ import annotations

import io
from datetime import date
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from opinion_office import HEAD, PASSPHRASE, REVIEWER, accepted_food_case

from workstation.opinion.build import opinion_content, proposed_decision, review_basis
from workstation.opinion.draft_mark import HEADER_MARK
from workstation.review.checklist import CitationSpec
from workstation.rules import wording
from workstation.rules.findings import SECTIONS
from workstation.security.users import add_user
from workstation.store.cases import resolve_case
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines

PACK_NAME = "演示：枣庄市薛城区本地规则（2026，虚构）"
ENVIRONMENT = "demo-03-生态环境"
PENALTY_LAW = "《中华人民共和国行政处罚法》"


@pytest.fixture
def case(ws: Any, demo_root: Path) -> str:
    return accepted_food_case(ws, demo_root)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def drafted(
    ws: Any, ref: str, tmp_path: Path, outcome: str = "approve", login: str = REVIEWER
) -> list[str]:
    """The draft's paragraphs once the reviewer has chosen an outcome."""
    reasons = "" if outcome == "approve" else "请补正后重新送审。"
    ws.review.set_outcome(ref, outcome, reasons, login)
    return paragraphs(ws.opinions.draft(ref, login, tmp_path / "草稿.docx").read_bytes())


def under(texts: list[str], heading: str) -> list[str]:
    """The paragraphs of one section: after its heading, up to the next numbered heading."""
    start = texts.index(heading) + 1
    end = next(i for i in range(start, len(texts)) if "、" in texts[i][:4])
    return texts[start:end]


# --- 1, 2: amounts and measures --------------------------------------------------------------


def test_the_food_case_states_amounts_to_the_fen_and_no_empty_value_label(
    ws: Any, case: str, tmp_path: Path
) -> None:
    texts = drafted(ws, case, tmp_path)
    assert (
        "拟作出的决定：没收违法所得1206.70元；"
        "没收非法财物（没收超过保质期的预包装食品6种共87件；价值2619.50元）；罚款80000元"
    ) in texts
    assert not any("（价值）" in t for t in texts)
    assert not any("1206.7元" in t or "2619.5元" in t for t in texts)


@pytest.mark.parametrize(
    ("measures", "expected"),
    [
        ([{"type": "fine", "amount": 1500000.0}], "罚款1500000元"),  # never 1.5e+06
        ([{"type": "freeze", "amount": 0.125}], "冻结存款汇款0.125元"),  # finer than a fen
        ([{"type": "confiscate_gains", "amount": 360.5}], "没收违法所得360.50元"),
        (
            [
                {
                    "type": "seizure",
                    "value": 186000,
                    "area_m2": 420.5,
                    "days": 60,
                    "note": "查封现场",
                }
            ],
            "查封扣押（查封现场；价值186000元，面积420.5平方米，期限60日）",
        ),
        ([{"type": "confiscate_property", "value": 680}], "没收非法财物（价值680元）"),
        ([{"type": "fine", "amount": 5000, "base_amount": 3826.2}], "罚款5000元"),
        (
            [{"type": "warning"}, {"type": "other", "note": "责令改正"}],
            "警告；其他处理（责令改正）",
        ),
        ([], "（案卷未载明）"),
    ],
)
def test_each_measure_reads_with_its_figures_as_the_source_gives_them(
    measures: list[dict[str, Any]], expected: str
) -> None:
    assert proposed_decision({"measures": measures}) == expected


# --- 3: the review basis ---------------------------------------------------------------------


def test_the_food_cases_basis_names_only_the_penalty_law(
    ws: Any, case: str, tmp_path: Path
) -> None:
    basis = next(t for t in drafted(ws, case, tmp_path) if t.startswith("审核依据："))
    assert basis == f"审核依据：{PENALTY_LAW}等法律、法规、规章，以及{PACK_NAME}"


@pytest.mark.parametrize(
    ("action", "measures", "events", "laws"),
    [
        ("penalty", ["fine"], ["inspection"], PENALTY_LAW),
        ("licensing", ["license_grant"], [], "《中华人民共和国行政许可法》"),
        ("coercion", ["seizure"], ["seizure"], "《中华人民共和国行政强制法》"),
        # A seizure while a penalty case was investigated: the coercion law applies too.
        ("penalty", ["fine"], ["seizure"], f"{PENALTY_LAW}《中华人民共和国行政强制法》"),
        ("penalty", ["demolition"], [], f"{PENALTY_LAW}《中华人民共和国行政强制法》"),
    ],
)
def test_the_basis_names_the_laws_of_the_cases_kind_of_action(
    action: str, measures: list[str], events: list[str], laws: str
) -> None:
    version = SimpleNamespace(
        action_type=action,
        proposed_decision={"measures": [{"type": m} for m in measures]},
        events=[SimpleNamespace(type=e) for e in events],
    )
    basis = review_basis(version, SimpleNamespace(name="某地规则"))  # type: ignore[arg-type]
    assert basis == f"{laws}等法律、法规、规章，以及某地规则"


@pytest.mark.parametrize("action", ["levy", "charge", "inspection"])
def test_an_action_without_a_general_law_names_none(action: str) -> None:
    version = SimpleNamespace(action_type=action, proposed_decision={}, events=[])
    basis = review_basis(version, SimpleNamespace(name="某地规则"))  # type: ignore[arg-type]
    assert basis == "有关法律、法规、规章，以及某地规则"


# --- 5: quotations ---------------------------------------------------------------------------


def test_quoted_notes_end_at_a_sentence_and_a_bare_fragment_is_left_out(
    ws: Any, case: str, tmp_path: Path
) -> None:
    notes = ("…销…", "经查，当事人销售过期食品。共销…", "检查时间", "当事人\n称不知情；其")
    for note in notes:
        ws.review.add_citation(
            case, "facts", CitationSpec("document", "d05", page=1, note=note), REVIEWER
        )
    cited = under(drafted(ws, case, tmp_path), "四、事实")[-1]
    page = "《现场检查笔录》第1页"
    assert cited == (
        f"引用材料：{page}；{page}：经查，当事人销售过期食品；{page}：检查时间；{page}：当事人称不知情。"
    )


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("…销…", ""),
        ("销售超过保…", ""),
        ("检查时间", "检查时间"),
        ("经查，当事人销售过期食品。共销…", "经查，当事人销售过期食品。"),
        ("经查，当事人销售过期食品。共销", "经查，当事人销售过期食品。"),
        ("…售过期食品。当事人称不知情。其", "当事人称不知情。"),
        ("当事人称：“不知道过期。”随后", "当事人称：“不知道过期。”"),
        ("当事人\n称不知情！", "当事人称不知情！"),
    ],
)
def test_a_quotation_keeps_whole_sentences(quote: str, expected: str) -> None:
    assert wording.quotation(quote) == expected


# --- 6: 提示 findings ------------------------------------------------------------------------


def test_an_accepted_info_finding_is_not_printed_under_no_problems(
    ws: Any, case: str, tmp_path: Path
) -> None:
    ws.review.set_verdict(case, "procedure", "ok", REVIEWER)
    for rule in ("SCOPE-01", "SCOPE-02"):  # both 提示: why the case needs a legal review
        ws.review.decide(case, rule, "accepted", "", REVIEWER)
    assert under(drafted(ws, case, tmp_path), "八、程序") == ["审核情况：无问题。"]


def test_accepted_warnings_and_errors_are_still_listed(
    ws: Any, case: str, demo_root: Path, tmp_path: Path
) -> None:
    ref = str(ws.import_bundle(demo_root / ENVIRONMENT, actor="zhao").short_id)
    trainee = "xue"  # the environment case is an exercise: a trainee reviews it
    with ws.db.write("登记用户") as session:
        add_user(
            session,
            login=trainee,
            display_name="薛学员",
            roles=["trainee"],
            by="admin",
            at=ws.clock(),
        )
    ws.workflow.act(ref, "accept", trainee)
    ws.review.set_verdict(ref, "procedure", "issue", trainee)
    for rule in ("PROC-02", "PROC-05", "SCOPE-01"):  # an error, a warning, a 提示
        ws.review.decide(ref, rule, "accepted", "", trainee)
    procedure = under(drafted(ws, ref, tmp_path, "return", trainee), "八、程序")
    listed = [t for t in procedure if t.startswith("（")]
    assert [t[:3] for t in listed] == ["（1）", "（2）"]
    assert "听证" in listed[0]
    assert "复核意见" in listed[1]
    assert not any("重大执法决定目录" in t for t in procedure)


# --- 8: the draft mark -----------------------------------------------------------------------


def test_opinion_content_passes_the_draft_flag_on(ws: Any, case: str) -> None:
    checklist = ws.review.checklist(case, REVIEWER)
    opinion = Opinion(number="", texts={}, outcome="approve")
    with ws.db.session() as session:
        version = resolve_case(session, case)
        make = partial(
            opinion_content,
            version,
            checklist,
            opinion,
            ws.rule_pack(),
            reviewer="李审核",
            head=None,
            on=date(2026, 4, 15),
        )
        made = [make(), make(draft=True)]
    assert [c.draft for c in made] == [False, True]


def test_the_draft_is_marked_and_the_signed_opinion_is_not(
    ws: Any, case: str, tmp_path: Path
) -> None:
    ws.review.set_outcome(case, "approve", "", REVIEWER)
    draft = docx.Document(str(ws.opinions.draft(case, REVIEWER, tmp_path / "草稿.docx")))
    assert [p.text for p in draft.sections[0].header.paragraphs] == [HEADER_MARK]
    assert [p.text for p in draft.sections[0].even_page_header.paragraphs] == [HEADER_MARK]

    # Issuing needs a verdict on every point and a decision on every finding.
    for section, _name in SECTIONS:
        ws.review.set_verdict(case, section, "ok", REVIEWER)
    for rule in ("SCOPE-01", "SCOPE-02"):
        ws.review.decide(case, rule, "accepted", "", REVIEWER)
    assert ws.workflow.act(case, "issue_opinion", REVIEWER) == "opinion_issued"
    ws.opinions.sign(case, HEAD, PASSPHRASE)
    out = ws.opinions.export(case, REVIEWER, tmp_path / "意见书.docx")
    signed = docx.Document(str(out))
    assert signed.paragraphs[2].text == "法审〔2026〕1号"
    assert signed.sections[0].header.is_linked_to_previous  # no header at all
    assert signed.sections[0].even_page_header.is_linked_to_previous
    assert not any("草稿" in p.text for p in signed.paragraphs)
