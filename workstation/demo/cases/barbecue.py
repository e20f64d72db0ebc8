"""Demo case 4: a 17-year-old's barbecue stall in a no-barbecue zone — a penalty with defects.

Schema-valid, with mistakes a reviewer should catch (listed in its exercise.json): the unit
used the simple procedure for a 5,000-yuan fine plus a confiscation (SCOPE-05); the party was
17 and the proposal does not reduce the penalty (PARTY-01); the case went to review before the
3-working-day statement period had surely run out, over the New Year (TIME-05, approximate:
the pack's calendar ends with 2026); and it was submitted after the demo pack expired
(PACK-01). That is the case as written; set around another day (`placement`), it moves by
whole weeks, which keep TIME-05, and its exercise tells PACK-01 and TIME-05 for the new dates.
The inspection is covered by body camera B11 only on the corrected timeline: its clock runs
45 seconds slow (clock_offset_ms +45000).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from workstation.demo.cases import barbecue_docs as docs
from workstation.demo.cases.common import cn_date, event, officer
from workstation.demo.cases.urban_docs import AGENCY, AGENCY_CODE
from workstation.demo.model import CaseSpec, Due, Line, RecordingSpec, Script, at
from workstation.rules.calendar import DayCounter, Period, World
from workstation.rules.rulepack.model import RulePack

HUANG, CHEN = "3704032019057", "3704032021064"

INSPECTION = Script(
    at("2026-12-29 20:40:00"),
    (
        Line(0.5, 3.9, "黄振", "你好，我们是薛城区综合行政执法局执法人员，这是我们的执法证件。"),
        Line(4.2, 7.8, "黄振", "这里是区政府划定的禁止露天烧烤区域，请你马上熄火，停止烧烤。"),
        Line(8.1, 10.4, "韩晓宇", "我才摆了三天，这就收。"),
        Line(10.7, 14.6, "陈露", "请出示身份证。我们对烧烤工具拍照登记，请你核对签字。"),
    ),
)

RECORDINGS = (
    RecordingSpec(
        id="r1",
        path="media/执法记录仪B11.mp4",
        device="执法记录仪 B11",
        label="B11",
        activity="inspection",
        operator=HUANG,
        # The device's clock runs 45 seconds slow: it shows 20:39:15 at 20:40:00.
        started_at=at("2026-12-29 20:39:15"),
        clock_offset_ms=45000,
        seconds=16,
        archived_at=at("2026-12-30 08:50:00"),
        script=INSPECTION,
        transcript="media/执法记录仪B11.srt",
        scene="night_street",
    ),
)

CASE = {
    "number": docs.NUMBER,
    "title": "韩晓宇在禁止区域内露天烧烤食品案",
    "agency": {
        "name": AGENCY,
        "code": AGENCY_CODE,
        "authorities": ["penalty", "coercion", "inspection"],
    },
    "unit": docs.UNIT,
    "action_type": "penalty",
    # Deliberate defect (SCOPE-05): a fine over 200 yuan and a confiscation are not simple.
    "procedure": "simple",
    "place": docs.SITE,
    "domain": "urban",
    "violation": {
        "began_on": "2026-12-27",
        "ended_on": "2026-12-29",
        "discovered_on": "2026-12-29",
        "description": "在区人民政府划定的禁止露天烧烤食品区域内摆设烧烤摊点，露天烧烤食品",
    },
    # Deliberate: after the demo pack's valid_until (PACK-01), past its calendar (TIME-05).
    "submitted_at": "2027-01-04T09:00:00+08:00",
    "parties": [
        {
            "kind": "person",
            "name": docs.PARTY,
            "id_number": docs.PARTY_ID,
            "address": docs.PARTY_ADDRESS,
            "phone": "152****3317",
        }
    ],
    "officers": [
        officer("黄振", HUANG, "2028-04-30", "城市管理"),
        officer("陈露", CHEN, "2027-09-30", "城市管理"),
    ],
    "proposed_decision": {
        # Deliberate defect (PARTY-01): no reduced_penalty although the party is 17.
        "measures": [
            {
                "type": "confiscate_property",
                "value": 680,
                "note": "没收木炭烧烤炉1台、烤串架2个及炭夹、油刷、折叠桌等烧烤工具",
            },
            {"type": "fine", "amount": 5000},
        ],
        "legal_basis": [
            {"law": "中华人民共和国大气污染防治法", "article": 118, "paragraph": 3},
        ],
        "violated_provisions": [
            {"law": "中华人民共和国大气污染防治法", "article": 81, "paragraph": 3},
        ],
        "facts": docs.FACTS,
    },
    "events": [
        event(
            "e1",
            "complaint",
            "2026-12-29 19:58",
            note="12345政务服务便民热线转办：黄河路与光明大道路口有人露天烧烤，油烟扰民",
        ),
        # Covered by r1 only on the corrected timeline (device time + 45 s).
        event(
            "e2",
            "inspection",
            "2026-12-29 20:40:05",
            officers=[HUANG, CHEN],
            documents=["d04", "d08"],
            recordings=["r1"],
        ),
        event(
            "e3",
            "other",
            "2026-12-29 20:55",
            officers=[HUANG, CHEN],
            documents=["d05"],
            note="当场送达《责令改正通知书》，责令立即停止露天烧烤",
        ),
        event(
            "e4",
            "delivery",
            "2026-12-29 20:58",
            officers=[HUANG, CHEN],
            documents=["d10"],
            method="direct",
        ),
        event(
            "e5",
            "interview",
            "2026-12-30 09:00",
            officers=[HUANG, CHEN],
            documents=["d06", "d11"],
            note="当事人系未成年人，其父韩建军到场",
        ),
        # Deliberate defect (TIME-05): submitted on 2027-01-04, within 3 working days.
        event(
            "e6",
            "notice_of_intent",
            "2026-12-30 10:30",
            officers=[HUANG, CHEN],
            documents=["d09"],
            rights=["statement", "defence"],
        ),
        event(
            "e7",
            "delivery",
            "2026-12-30 10:35",
            officers=[HUANG, CHEN],
            documents=["d10"],
            method="direct",
            note="《行政处罚事先告知书》直接送达当事人，监护人同时签收",
        ),
        event("e8", "other", "2026-12-31 10:00", documents=["d02"], note="调查终结"),
    ],
}

EXERCISE = {
    "format": "legal-review-exercise/1",
    "expected_outcome": "return",
    "expected_findings": [
        {
            "section": "party",
            "rule": "PARTY-01",
            "points": 2,
            "explanation": "当事人2009年5月8日出生，违法行为发生时（2026年12月27日）17周岁，依《中华人民共和国"
            "行政处罚法》第三十条应当从轻或者减轻行政处罚，拟处理意见未予考虑。",
        },
        {
            "section": "procedure",
            "rule": "SCOPE-01",
            "points": 1,
            "explanation": "拟对公民罚款5000元，属《薛城区重大行政执法决定法制审核办法》第五条第三项"
            "“对公民处以5000元以上罚款”（含本数），应当经法制审核。",
        },
        {
            "section": "procedure",
            "rule": "SCOPE-05",
            "points": 2,
            "explanation": "简易程序只适用于对公民处200元以下罚款或者警告（《中华人民共和国行政处罚法》"
            "第五十一条）；本案拟罚款5000元并没收烧烤工具，应当适用普通程序（立案、调查终结、"
            "法制审核后作出决定）。",
        },
        {
            "section": "procedure",
            "rule": "TIME-05",
            "points": 1,
            "explanation": "事先告知书于2026年12月30日送达，告知3个工作日内陈述申辩；其间有元旦假期"
            "（若放假1月1日至3日，期限至2027年1月5日届满），承办机构1月4日即送审，当事人也未明确"
            "放弃陈述申辩权利。规则包日历只覆盖到2026年底，届满日应按2027年节假日安排核实。",
        },
        {
            "section": "procedure",
            "rule": "PACK-01",
            "points": 1,
            "explanation": "送审日期2027年1月4日已超出演示规则包的有效期（至2026年12月31日），"
            "本地审核标准应按2027年仍然有效的规定核对。",
        },
        {
            "section": "law",
            "rule": None,
            "keywords": ["违法所得"],
            "points": 1,
            "explanation": "《中华人民共和国大气污染防治法》第一百一十八条第三款规定没收烧烤工具和违法所得；"
            "当事人自述三晚获利约300元，拟处理意见既未认定也未没收违法所得，亦未说明理由。",
        },
    ],
}


def statement_period_told(spec: CaseSpec, pack: RulePack) -> str:
    """TIME-05's explanation for the case's dates: when the statement period ran out, and
    whether the pack's calendar knows the days it counts."""
    notice = next(e for e in spec.case["events"] if e["type"] == "notice_of_intent")
    notified = datetime.fromisoformat(notice["at"]).date()
    submitted = datetime.fromisoformat(spec.case["submitted_at"]).date()
    days = pack.statement_period_working_days or 3
    period = Period(DayCounter(pack), notified, days, working=True, roll=True)
    last = period.last(World.ESTIMATE)
    assert last is not None
    known = period.last(World.EARLIEST) == period.last(World.LATEST)
    told = (
        f"事先告知书于{cn_date(notified)}送达，告知{days}个工作日内陈述申辩，"
        f"{'' if known else '按周末推算'}期限至{cn_date(last)}届满；承办机构{cn_date(submitted)}"
        "即送审，当事人也未明确放弃陈述申辩权利。"
    )
    covered = pack.calendar.covered_through if pack.calendar else None
    if not known and covered is not None:
        told += f"规则包日历只覆盖到{cn_date(covered)}，届满日应按当年节假日安排核实。"
    return told


def retold(spec: CaseSpec, pack: RulePack) -> CaseSpec:
    """The case set around another day: TIME-05's explanation for its new dates (PACK-01
    follows the pack's validity in `placement`)."""
    assert spec.exercise is not None
    items = [
        {**item, "explanation": statement_period_told(spec, pack)}
        if item["rule"] == "TIME-05"
        else item
        for item in spec.exercise["expected_findings"]
    ]
    return replace(spec, exercise={**spec.exercise, "expected_findings": items})


SPEC = CaseSpec(
    folder="demo-04-露天烧烤",
    case=CASE,
    documents=docs.DOCUMENTS,
    recordings=RECORDINGS,
    exercise=EXERCISE,
    # Open, due within the week; whole weeks keep the notice on a Wednesday and the submission
    # on the Monday after, inside the 3-working-day statement period (TIME-05).
    due=Due(1, whole_weeks=True),
    retell=retold,
)
