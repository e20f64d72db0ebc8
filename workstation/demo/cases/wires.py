"""Demo case 5: a hardware dealer sold substandard electric wire — how papers reach a company.

A penalty with defects in serving and seizing (listed in its exercise.json, after SCOPE-01):
the seizure decision was published (公告) the day after the seizure, nobody having tried to
hand or post it to the company (DELIV-01); the test result was signed for by the legal
representative's wife at their home, a relative signing for a company (DELIV-02); the wire
seized on the first day was kept with no term, never extended or released, until the case
went to review 77 days later (ENF-11). Beside each, the way it should be done: the notice
of intent was published only after the post came back (no DELIV-01), the order to correct
was signed by the legal representative himself (no DELIV-02). Every on-site step and both
postings of a notice are on body camera.
"""

from __future__ import annotations

from workstation.demo.cases import wires_delivery as served
from workstation.demo.cases import wires_docs as docs
from workstation.demo.cases.common import event, officer
from workstation.demo.cases.food_docs import AGENCY_CODE
from workstation.demo.model import CaseSpec, Due, Line, RecordingSpec, Script, at

LI, ZHOU, WEI = "3704032018044", "3704032020071", "3704032017029"

INSPECTION = Script(
    at("2026-03-10 09:30:00"),
    (
        Line(0.5, 3.9, "李红梅", "你好，我们是薛城区市场监督管理局执法人员，这是我们的执法证件。"),
        Line(4.2, 7.6, "李红梅", "有消费者投诉你店卖的电线通电发热，现在依法进行现场检查。"),
        Line(7.9, 10.6, "郑凯", "我是店长，电线都在后面库房，老板出差了。"),
        Line(10.9, 14.8, "周鹏", "这批电线没有合格证明和检验报告，我们现场抽样送检。"),
    ),
)

SEIZURE = Script(
    at("2026-03-10 15:00:00"),
    (
        Line(0.5, 4.2, "李红梅", "经局负责人批准，现依法扣押库房里的这批电线。"),
        Line(4.5, 8.4, "李红梅", "已经电话通知你们法定代表人孙庆华到场，他说在外地来不了。"),
        Line(8.7, 11.2, "高秀兰", "我是社区网格员，我在场见证。"),
        Line(11.5, 15.4, "魏东", "一共三百八十卷，封条贴好了，请见证人在清单上签字。"),
    ),
)

SEIZURE_POSTED = Script(
    at("2026-03-11 10:00:00"),
    (
        Line(0.5, 4.4, "周鹏", "现在在鑫源五金门市部门口张贴扣押决定书的公告。"),
        Line(4.7, 8.6, "李红梅", "公告同时在局门户网站发布，经过三十日就视为送达。"),
        Line(8.9, 12.6, "周鹏", "张贴完毕，拍照固定张贴位置。"),
    ),
)

NOTICE_POSTED = Script(
    at("2026-04-17 10:00:00"),
    (
        Line(0.5, 4.6, "李红梅", "事先告知书邮寄到公司住所，被退回了，批注原址查无此单位。"),
        Line(4.9, 8.4, "周鹏", "门市部也停业了，法定代表人的电话打不通。"),
        Line(8.7, 12.8, "李红梅", "现在依法公告送达，在门市部门口张贴，同时网站发布。"),
        Line(13.1, 15.2, "周鹏", "张贴完毕，拍照固定。"),
    ),
)

RECORDINGS = (
    RecordingSpec(
        id="r1",
        path="media/执法记录仪D02.mp4",
        device="执法记录仪 D02",
        label="D02",
        activity="inspection",
        operator=LI,
        started_at=at("2026-03-10 09:30:00"),
        seconds=16,
        archived_at=at("2026-03-10 16:10:00"),
        script=INSPECTION,
        transcript="media/执法记录仪D02.srt",
        scene="warehouse",
    ),
    RecordingSpec(
        id="r2",
        path="media/执法记录仪D05.mp4",
        device="执法记录仪 D05",
        label="D05",
        activity="seizure",
        operator=WEI,
        started_at=at("2026-03-10 15:00:00"),
        seconds=16,
        archived_at=at("2026-03-10 17:20:00"),
        script=SEIZURE,
        transcript="media/执法记录仪D05.srt",
        scene="sealed_warehouse",
    ),
    RecordingSpec(
        id="r3",
        path="media/执法记录仪D07.mp4",
        device="执法记录仪 D07",
        label="D07",
        activity="delivery",
        operator=ZHOU,
        started_at=at("2026-03-11 10:00:00"),
        seconds=13,
        archived_at=at("2026-03-11 15:30:00"),
        script=SEIZURE_POSTED,
        transcript="media/执法记录仪D07.srt",
        scene="posted_notice",
    ),
    RecordingSpec(
        id="r4",
        path="media/执法记录仪D03.mp4",
        device="执法记录仪 D03",
        label="D03",
        activity="delivery",
        operator=LI,
        started_at=at("2026-04-17 10:00:00"),
        seconds=16,
        archived_at=at("2026-04-17 14:45:00"),
        script=NOTICE_POSTED,
        transcript="media/执法记录仪D03.srt",
        scene="posted_notice",
    ),
)

MEASURES = [
    {
        "type": "confiscate_property",
        "value": 68400,
        "note": "没收扣押的“鲁缆”牌BV 2.5平方毫米不合格电线380卷",
    },
    {"type": "confiscate_gains", "amount": 7200},
    {"type": "fine", "amount": 145800, "base_amount": 97200},
]

CASE = {
    "number": docs.NUMBER,
    "title": "枣庄鑫源五金机电有限公司销售不合格电线案",
    "agency": {
        "name": docs.AGENCY,
        "code": AGENCY_CODE,
        "authorities": ["penalty", "coercion", "inspection", "licensing"],
    },
    "unit": docs.UNIT,
    "action_type": "penalty",
    "procedure": "ordinary",
    "place": docs.SHOP,
    "domain": "market",
    "violation": {
        "began_on": "2026-01-16",
        "ended_on": "2026-03-10",
        "discovered_on": "2026-03-10",
        "description": "销售导体电阻、绝缘厚度不符合国家标准的“鲁缆”牌BV 2.5平方毫米电线540卷",
    },
    "filed_on": "2026-03-10",
    "submitted_at": "2026-05-26T09:00:00+08:00",
    "parties": [
        {
            "kind": "organisation",
            "name": docs.PARTY,
            "id_number": docs.PARTY_CODE,
            "address": docs.PARTY_ADDRESS,
            "representative": docs.REPRESENTATIVE,
            "phone": "135****4186",
        }
    ],
    "officers": [
        officer("李红梅", LI, "2028-09-30", "市场监管"),
        officer("周鹏", ZHOU, "2027-11-30", "市场监管"),
        officer("魏东", WEI, "2027-05-31", "市场监管"),
    ],
    "proposed_decision": {
        "measures": MEASURES,
        "legal_basis": [{"law": "中华人民共和国产品质量法", "article": 49}],
        "violated_provisions": [
            {"law": "中华人民共和国产品质量法", "article": 13, "paragraph": 1},
            {"law": "中华人民共和国产品质量法", "article": 39},
        ],
        "facts": docs.FACTS,
        "decided_on": "2026-06-01",
    },
    "events": [
        event(
            "e1",
            "complaint",
            "2026-03-09 16:20",
            note="全国12315平台转来消费者投诉：在鑫源五金门市部购买的电线通电后发热、绝缘层软化",
        ),
        event(
            "e2",
            "inspection",
            "2026-03-10 09:30:05",
            officers=[LI, ZHOU],
            documents=["d05", "d20"],
            recordings=["r1"],
        ),
        event(
            "e3",
            "sampling",
            "2026-03-10 09:30:14",
            officers=[LI, ZHOU],
            documents=["d06"],
            recordings=["r1"],
        ),
        event("e4", "filing", "2026-03-10 11:30", documents=["d04"]),
        event(
            "e5",
            "head_approval",
            "2026-03-10 14:00",
            documents=["d07"],
            note="局负责人批准扣押库存涉案电线",
        ),
        # Deliberate defect (ENF-11): no term, never extended or released.
        event(
            "e6",
            "seizure",
            "2026-03-10 15:00:06",
            officers=[LI, ZHOU, WEI],
            documents=["d08", "d09", "d10"],
            recordings=["r2"],
            approved_at="2026-03-10 14:00",
        ),
        # Deliberate defect (DELIV-01): published without any attempt to serve it first.
        event(
            "e7",
            "delivery",
            "2026-03-11 10:00:05",
            officers=[LI, ZHOU],
            documents=["d08"],
            recordings=["r3"],
            method="public",
            note="扣押决定书在门市部门口张贴并在本局门户网站公告送达（见公告）",
        ),
        event(
            "e8",
            "interview",
            "2026-03-16 09:00",
            officers=[LI, ZHOU],
            documents=["d12"],
        ),
        # The near miss of DELIV-02: the legal representative signs for his company.
        event(
            "e9",
            "delivery",
            "2026-03-16 10:30",
            officers=[LI, ZHOU],
            documents=["d13"],
            method="direct",
            recipient={"name": docs.REPRESENTATIVE, "role": "legal_representative"},
            note="询问结束后当场交付，法定代表人签收（见送达回证）",
        ),
        event("e10", "expert_opinion", "2026-03-25 16:00", documents=["d14"]),
        # Deliberate defect (DELIV-02): a relative signs for a company.
        event(
            "e11",
            "delivery",
            "2026-03-27 17:30",
            officers=[LI, ZHOU],
            documents=["d15", "d14", "d16"],  # the receipt his wife signed
            method="direct",
            recipient={"name": docs.SPOUSE, "role": "relative"},
            note="检验结果告知书送至法定代表人住处，法定代表人不在家，由其妻代为签收（见送达回证）",
        ),
        event("e12", "other", "2026-04-08 10:00", documents=["d02"], note="调查终结"),
        event(
            "e13",
            "notice_of_intent",
            "2026-04-13 09:30",
            officers=[LI, ZHOU],
            documents=["d17"],
            rights=["statement", "defence", "hearing"],
            proposed_measures=[dict(m) for m in MEASURES],
        ),
        event(
            "e14",
            "delivery",
            "2026-04-13 15:00",
            documents=["d17", "d18"],  # with the returned post's slip
            method="post",
            result="failed",
            note="EMS邮寄至当事人住所，4月16日以“原址查无此单位”退回（见邮件详情单及退件批条）",
        ),
        # The near miss of DELIV-01: published after the post came back.
        event(
            "e15",
            "delivery",
            "2026-04-17 10:00:05",
            officers=[LI, ZHOU],
            documents=["d17"],
            recordings=["r4"],
            method="public",
            note="邮寄被退回后，在门市部门口张贴并在本局门户网站公告送达（见公告）",
        ),
        event(
            "e16",
            "suspension",
            "2026-04-17 10:30",
            documents=["d19"],
            until="2026-05-17",
            reason="public_notice",
            note="公告送达期间三十日，不计入办案期限",
        ),
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
            "explanation": "拟对法人罚款145800元，属《薛城区重大行政执法决定法制审核办法》第五条第三项"
            "“对法人或者其他组织处以5万元以上罚款”，应当经法制审核。",
        },
        {
            "section": "procedure",
            "rule": "DELIV-01",
            "points": 2,
            "explanation": "扣押决定书应当当场交付（《中华人民共和国行政强制法》第二十四条第一款）；"
            "法定代表人未到场，2026年3月11日即公告送达，此前没有直接送达、邮寄送达或者留置送达的记录，"
            "而法定代表人3月16日就到所接受询问。公告送达只适用于受送达人下落不明或者用其他方式无法送达"
            "（《中华人民共和国民事诉讼法》第九十五条）。对照：事先告知书先邮寄、被退回后才公告送达，"
            "不属此列。",
        },
        {
            "section": "procedure",
            "rule": "DELIV-02",
            "points": 2,
            "explanation": "检验结果告知书于2026年3月27日送至法定代表人住处，由其妻刘秀梅签收。受送达人是法人，"
            "应当由法定代表人、主要负责人或者负责收件的人签收，同住成年家属代收只适用于公民"
            "（《中华人民共和国民事诉讼法》第八十八条）；当事人是否收到告知书、是否丧失复检机会无法确认。",
        },
        {
            "section": "procedure",
            "rule": "ENF-11",
            "points": 2,
            "explanation": "2026年3月10日扣押电线380卷，至2026年5月26日送审已77日，既未延长也未解除，"
            "超过《中华人民共和国行政强制法》第二十五条第一款规定的三十日扣押期限。",
        },
        {
            "section": "documents",
            "rule": None,
            "keywords": ["期限"],
            "points": 1,
            "explanation": "扣押决定书没有载明扣押期限，不符合《中华人民共和国行政强制法》第二十四条第二款"
            "第（二）项。",
        },
    ],
}

DOCUMENTS = (
    docs.REVIEW_REQUEST,
    served.REPORT,
    docs.PROPOSED_DECISION,
    docs.FILING,
    docs.INSPECTION,
    docs.SAMPLING,
    docs.APPROVAL,
    docs.SEIZURE_DECISION,
    docs.ITEM_LIST,
    docs.ON_SITE_RECORD,
    *served.DOCUMENTS_FROM_INTERVIEW,
    docs.LICENCE,
    docs.CERTIFICATES,
)

SPEC = CaseSpec(
    folder="demo-05-不合格电线",
    case=CASE,
    documents=DOCUMENTS,
    recordings=RECORDINGS,
    exercise=EXERCISE,
    due=Due(5),  # open, due within the week (its findings count calendar days only)
)
