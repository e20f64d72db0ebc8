"""The demo cases set around an anchor day, so that the case list shows a working office:
cases due in a few days, one due today, one overdue, the exercises open.

Each case moves as a whole (`shift.Shift`) by the number of days that puts its review
deadline, under the demo rule pack, where its `Due` asks, counted on the anchor day the way
the case list counts. Rest days and holidays decide the exact number; a case whose intended
findings count working days moves by whole weeks only. Every case is submitted before the
anchor day. What the exercises say about the pack's validity follows the new dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from workstation.demo.cases.common import cn_date
from workstation.demo.model import CaseSpec, Due
from workstation.demo.shift import Shift
from workstation.rules.calendar import DayCounter
from workstation.rules.deadlines import deadline
from workstation.rules.rulepack import RulePackLibrary
from workstation.rules.rulepack.model import RulePack

DEMO_RULE_PACK = "demo-zaozhuang-2026"
# How far from the plain guess a case may move to land its deadline (holidays: 8 days).
_SEARCH_DAYS = 12
_SEARCH_WEEKS = 3
_REST_DAY_COST = 2


def demo_pack() -> RulePack:
    """The rule pack the demo office reviews with (its `review` block sets the deadlines)."""
    return RulePackLibrary().load(DEMO_RULE_PACK)


def submitted_at(spec: CaseSpec) -> datetime:
    return datetime.fromisoformat(spec.case["submitted_at"])


def reference_day(spec: CaseSpec) -> date:
    """The day the case's dates written without a year are read around: its discovery."""
    return date.fromisoformat(spec.case["violation"]["discovered_on"])


def days_left(spec: CaseSpec, shift: int, pack: RulePack, anchor: date) -> int | None:
    """The case list's days left on `anchor` if the case moved by `shift` days."""
    moved = submitted_at(spec) + timedelta(days=shift)
    return deadline(moved, pack, extensions=0, pending=True, today=anchor).days_left


def shift_for(spec: CaseSpec, pack: RulePack, anchor: date) -> int:
    """The days to move `spec` by so its deadline falls where `spec.due` asks on `anchor`."""
    rules = pack.review
    if rules is None:
        raise ValueError(f"演示规则包 {pack.id} 未规定审核期限")
    want = spec.due
    base_due = submitted_at(spec).date() + timedelta(days=rules.deadline_days)
    guess = (anchor - base_due).days + want.days_left
    if want.whole_weeks:
        start = round(guess / 7) * 7
        candidates: Iterable[int] = (start + 7 * k for k in _outward(_SEARCH_WEEKS))
    else:
        candidates = (guess + k for k in _outward(_SEARCH_DAYS))
    days = DayCounter(pack)
    best: tuple[tuple[bool, bool, int, int], int] | None = None
    for order, shift in enumerate(candidates):
        submitted = (submitted_at(spec) + timedelta(days=shift)).date()
        if submitted >= anchor:
            continue  # submitted before the anchor day, never on or after it
        left = days_left(spec, shift, pack, anchor)
        if left is None:
            continue
        score = (
            _sign(left) != _sign(want.days_left),  # due today, overdue or ahead, as asked
            (left < 0) != (want.days_left < 0),  # on a rest day: ahead rather than overdue
            # Offices submit on working days: a weekend costs as much as two days off target.
            abs(left - want.days_left) + (_REST_DAY_COST if days.is_rest_day(submitted) else 0),
            order,
        )
        if best is None or score < best[0]:
            best = (score, shift)
    if best is None:
        raise ValueError(f"演示案件 {spec.folder} 无法安排在 {anchor} 前后")
    return best[1]


def _outward(reach: int) -> Iterable[int]:
    """0, -1, 1, -2, 2, …: nearest first, earlier before later."""
    yield 0
    for step in range(1, reach + 1):
        yield -step
        yield step


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def place(spec: CaseSpec, pack: RulePack, anchor: date) -> CaseSpec:
    """`spec` moved to be due around `anchor`, its exercise retold for the new dates."""
    moved = Shift(shift_for(spec, pack, anchor), reference_day(spec)).case(spec)
    if moved.retell is not None:
        moved = moved.retell(moved, pack)
    return _pack_validity_told(moved, pack)


def place_all(specs: Iterable[CaseSpec], anchor: date) -> tuple[CaseSpec, ...]:
    """Every case placed; the whole-week ones first, so that when one of them falls due on
    the anchor day (a Monday, for a case submitted on a Monday), the case asked to be due
    that day is due the next one instead: one case is due today."""
    pack = demo_pack()
    specs = tuple(specs)
    placed: dict[int, CaseSpec] = {}
    taken: set[int] = set()
    for i, spec in enumerate(specs):
        if spec.due.whole_weeks:
            placed[i] = place(spec, pack, anchor)
            taken.add(days_left(placed[i], 0, pack, anchor) or 0)
    for i, spec in enumerate(specs):
        if i not in placed:
            if spec.due.days_left == 0 and 0 in taken:
                spec = replace(spec, due=Due(1))
            placed[i] = place(spec, pack, anchor)
    return tuple(placed[i] for i in range(len(specs)))


# --- what an exercise says about the rule pack's period of validity (PACK-01) -----------------


def pack_validity_item(spec: CaseSpec, pack: RulePack) -> dict[str, Any] | None:
    """The exercise's PACK-01 point when the case was submitted outside the pack's validity."""
    on = submitted_at(spec).date()
    late = pack.valid_until is not None and on > pack.valid_until
    early = pack.valid_from is not None and on < pack.valid_from
    if not (late or early):
        return None
    bound = pack.valid_until if late else pack.valid_from
    assert bound is not None
    side = "至" if late else "自"
    return {
        "section": "procedure",
        "rule": "PACK-01",
        "points": 1,
        "explanation": f"送审日期{cn_date(on)}已超出演示规则包的有效期（{side}{cn_date(bound)}），"
        f"本地审核标准应按{on.year}年仍然有效的规定核对。",
    }


def _pack_validity_told(spec: CaseSpec, pack: RulePack) -> CaseSpec:
    """The exercise lists PACK-01 exactly when the engine will find it."""
    if spec.exercise is None:
        return spec
    items = list(spec.exercise["expected_findings"])
    at = next((i for i, item in enumerate(items) if item["rule"] == "PACK-01"), None)
    told = pack_validity_item(spec, pack)
    if at is not None:
        del items[at]
    if told is not None:
        items.insert(len(items) if at is None else at, told)
    return replace(spec, exercise={**spec.exercise, "expected_findings": items})
