"""Demo case 3: a factory's stack emitted dust over the limit — a penalty file with defects.

Schema-valid, but with mistakes a reviewer should catch (listed in its exercise.json, after
SCOPE-01, the catalog line that makes review mandatory):
the on-site inspection names one officer only (OFF-01); a 350,000-yuan fine was notified
without the right to a hearing (PROC-02); the party's statement was never re-checked
(PROC-05); the body-camera video was archived four days after it was shot (PROC-11).
"""

from __future__ import annotations

from workstation.demo.cases import environment_docs as docs
from workstation.demo.cases.common import event, officer
from workstation.demo.model import CaseSpec, Due, Line, RecordingSpec, Script, at

TIAN, ZHENG = "3704002019088", "3704002022105"

INSPECTION = Script(
    at("2026-02-26 10:20:00"),
    (
        Line(0.5, 3.8, "田文博", "我们是市生态环境局薛城分局执法人员，这是执法证件。"),
        Line(4.1, 7.4, "田文博", "在线监控显示你厂1号干燥塔排气筒颗粒物超标，现在进行现场检查。"),
        Line(7.7, 10.6, "刘洋", "我是厂里环保负责人，布袋除尘器昨晚可能出了故障。"),
        Line(10.9, 14.6, "郑雪", "监测人员现在对排气筒进行采样，请你们保持正常生产工况。"),
    ),
)

RECORDINGS = (
    RecordingSpec(
        id="r1",
        path="media/执法记录仪C07.mp4",
        device="执法记录仪 C07",
        label="C07",
        activity="inspection",
        operator=TIAN,
        started_at=at("2026-02-26 10:20:00"),
        seconds=15,
        archived_at=at("2026-03-02 09:10:00"),
        script=INSPECTION,
        transcript="media/执法记录仪C07.srt",
        scene="factory",
    ),
)

CASE = {
    "number": docs.NUMBER,
    "title": "枣庄恒通新材料科技有限公司超标排放大气污染物案",
    "agency": {
        "name": docs.AGENCY,
        "code": docs.AGENCY_CODE,
        "authorities": ["penalty", "coercion", "inspection"],
    },
    "unit": "枣庄市生态环境局薛城分局",
    "action_type": "penalty",
    "procedure": "ordinary",
    "place": docs.PARTY_ADDRESS,
    "domain": "environment",
    "violation": {
        "began_on": "2026-02-25",
        "ended_on": "2026-02-26",
        "discovered_on": "2026-02-26",
        "description": "1号干燥塔排气筒颗粒物排放浓度超过《区域性大气污染物综合排放标准》限值",
    },
    "filed_on": "2026-02-27",
    "submitted_at": "2026-03-30T09:00:00+08:00",
    "parties": [
        {
            "kind": "organisation",
            "name": docs.PARTY,
            "id_number": docs.PARTY_CODE,
            "address": docs.PARTY_ADDRESS,
            "representative": "孙海峰",
            "phone": "138****7710",
        }
    ],
    "officers": [
        officer("田文博", TIAN, "2027-08-31", "生态环境"),
        officer("郑雪", ZHENG, "2028-12-31", "生态环境"),
    ],
    "proposed_decision": {
        "measures": [{"type": "fine", "amount": 350000}],
        "legal_basis": [
            {"law": "中华人民共和国大气污染防治法", "article": 99, "item": 2},
        ],
        "violated_provisions": [
            {"law": "中华人民共和国大气污染防治法", "article": 18},
        ],
        "discretion": {
            "benchmark": "env-air-99-2",
            "tier": "ordinary",
            "reasons": "颗粒物排放浓度超标1.86倍，超标时长约12小时，属一般阶次；"
            "当事人已更换破损滤袋，恢复达标排放。",
        },
        "facts": docs.FACTS,
        "decided_on": "2026-04-10",
    },
    "events": [
        event(
            "e1",
            "other",
            "2026-02-26 08:40",
            documents=["d07"],
            note="污染源自动监控系统报警：1号干燥塔排气筒颗粒物小时均值连续超标",
        ),
        # Deliberate defect (OFF-01): the inspection names one officer only.
        event(
            "e2",
            "inspection",
            "2026-02-26 10:20:05",
            officers=[TIAN],
            documents=["d04"],
            recordings=["r1"],
        ),
        event(
            "e3",
            "sampling",
            "2026-02-26 10:20:12",
            officers=[TIAN, ZHENG],
            documents=["d05"],
            recordings=["r1"],
        ),
        event("e4", "filing", "2026-02-27 09:00", documents=["d06"]),
        event("e5", "expert_opinion", "2026-03-04 16:00", documents=["d08"]),
        event("e6", "interview", "2026-03-05 10:00", officers=[TIAN, ZHENG], documents=["d09"]),
        event("e7", "other", "2026-03-16 10:00", documents=["d02"], note="调查终结"),
        # Deliberate defect (PROC-02): a fine this large carries a hearing right.
        event(
            "e8",
            "notice_of_intent",
            "2026-03-18 10:00",
            officers=[TIAN, ZHENG],
            documents=["d10"],
            rights=["statement", "defence"],
        ),
        event(
            "e9",
            "delivery",
            "2026-03-18 10:10",
            officers=[TIAN, ZHENG],
            documents=["d11"],
            method="direct",
        ),
        # Deliberate defect (PROC-05): no recheck follows this statement.
        event("e10", "statement", "2026-03-20 15:00", documents=["d12"]),
    ],
}

EXERCISE = {
    "format": "legal-review-exercise/1",
    "expected_outcome": "return",
    "expected_findings": [
        {
            "section": "procedure",
            "rule": "SCOPE-01",
            "points": 1,
            "explanation": "拟对法人罚款35万元，属《薛城区重大行政执法决定法制审核办法》第五条第三项"
            "“对法人或者其他组织处以5万元以上罚款”，应当经法制审核。",
        },
        {
            "section": "qualification",
            "rule": "OFF-01",
            "points": 2,
            "explanation": "2026年2月26日现场检查仅记载执法人员田文博一人，违反《中华人民共和国行政处罚法》"
            "第四十二条、第五十五条关于执法人员不得少于两人的规定。",
        },
        {
            "section": "procedure",
            "rule": "PROC-02",
            "points": 2,
            "explanation": "拟罚款35万元属较大数额罚款，事先告知书未告知当事人要求听证的权利"
            "（《中华人民共和国行政处罚法》第六十三条、第六十四条）。",
        },
        {
            "section": "procedure",
            "rule": "PROC-05",
            "points": 1,
            "explanation": "当事人于2026年3月20日提出陈述申辩，案卷中没有复核意见"
            "（《中华人民共和国行政处罚法》第四十五条）。",
        },
        {
            "section": "evidence",
            "rule": "PROC-11",
            "points": 1,
            "explanation": "执法记录仪C07视频拍摄后约四天才归档，超过拍摄后24小时内归档的要求。",
        },
        {
            "section": "facts",
            "rule": None,
            "keywords": ["自动监控", "有效性", "比对"],
            "points": 1,
            "explanation": "超标事实依据自动监控数据和一次手工监测，应审查自动监控设备是否经验收、"
            "数据是否有效并与手工监测比对（《中华人民共和国行政处罚法》第四十一条）。",
        },
    ],
}

SPEC = CaseSpec(
    folder="demo-03-生态环境",
    case=CASE,
    documents=docs.DOCUMENTS,
    recordings=RECORDINGS,
    exercise=EXERCISE,
    due=Due(0),  # due today (its findings count no working days: any weekday will do)
)
