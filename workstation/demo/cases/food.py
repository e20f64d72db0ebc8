"""Demo case 1: a supermarket sold food past its shelf life — a major penalty after a hearing.

Clean on purpose: two officers at every investigative step, a hearing host who did not
investigate, rights stated in full, every on-site step covered by a recording. The two
body cameras overlap in time; A02's clock runs two seconds fast (clock_offset_ms −2000).
"""

from __future__ import annotations

from workstation.demo.cases import food_docs as docs
from workstation.demo.cases import food_hearing as hearing
from workstation.demo.cases.common import event, officer
from workstation.demo.model import CaseSpec, Due, Line, RecordingSpec, Script, at

LIU, WANG, SUN = "3704032019015", "3704032021033", "3704032016007"

INSPECTION = Script(
    at("2026-03-02 10:15:00"),
    (
        Line(0.6, 3.8, "刘建国", "你好，我们是薛城区市场监督管理局执法人员，这是我们的执法证件。"),
        Line(4.0, 7.2, "刘建国", "现依法对你店食品经营情况进行现场检查，全程录音录像，请配合。"),
        Line(7.4, 9.6, "张丽", "好的，我是店长张丽，我们配合检查。"),
        Line(9.8, 12.6, "王晓萌", "三号货架这箱鲁源纯牛奶，保质期到2月18日，已经过期了。"),
        Line(12.8, 15.6, "刘建国", "这6种过期食品我们依法抽样取证，请你核对数量后签字确认。"),
        Line(16.0, 17.6, "张丽", "好的，我核对一下。"),
    ),
)

HEARING = Script(
    at("2026-04-10 09:30:00"),
    (
        Line(0.5, 4.5, "孙立华", "现在开始听证。本案听证主持人孙立华，书记员李娜。"),
        Line(5.0, 8.8, "孙立华", "当事人是否申请主持人、书记员回避？"),
        Line(9.0, 10.8, "周正", "不申请回避。"),
        Line(11.2, 15.6, "刘建国", "下面由调查人员陈述当事人违法事实、证据和拟处罚意见。"),
        Line(16.0, 19.6, "周正", "对事实没有异议，但当事人系初次违法，请求从轻处罚。"),
    ),
)

RECORDINGS = (
    RecordingSpec(
        id="r1",
        path="media/执法记录仪A01.mp4",
        device="执法记录仪 A01",
        label="A01",
        activity="inspection",
        operator=LIU,
        started_at=at("2026-03-02 10:15:00"),
        seconds=16,
        archived_at=at("2026-03-02 16:40:00"),
        script=INSPECTION,
        transcript="media/执法记录仪A01.srt",
        scene="supermarket",
    ),
    RecordingSpec(
        id="r2",
        path="media/执法记录仪A02.mp4",
        device="执法记录仪 A02",
        label="A02",
        activity="sampling",
        operator=WANG,
        started_at=at("2026-03-02 10:15:04"),
        clock_offset_ms=-2000,
        seconds=16,
        archived_at=at("2026-03-02 16:42:00"),
        script=INSPECTION,
        transcript="media/执法记录仪A02.srt",
        scene="supermarket",
    ),
    RecordingSpec(
        id="r3",
        path="media/听证室录音.mp3",
        device="听证室录音设备 T01",
        label="T01",
        activity="hearing",
        started_at=at("2026-04-10 09:30:00"),
        seconds=20,
        archived_at=at("2026-04-10 11:30:00"),
        script=HEARING,
        transcript="media/听证室录音.srt",
    ),
)

CASE = {
    "number": docs.NUMBER,
    "title": "枣庄惠民佳购物广场有限公司销售超过保质期食品案",
    "agency": {
        "name": docs.AGENCY,
        "code": docs.AGENCY_CODE,
        "authorities": ["penalty", "coercion", "inspection", "licensing"],
    },
    "unit": "临城市场监督管理所",
    "action_type": "penalty",
    "procedure": "ordinary",
    "place": "山东省枣庄市薛城区临城街道泰山南路188号",
    "flags": ["life_health_or_financial"],
    "domain": "food",
    "violation": {
        "began_on": "2026-02-19",
        "ended_on": "2026-03-02",
        "discovered_on": "2026-03-02",
        "description": "在经营场所陈列、销售超过保质期的预包装食品6种",
    },
    "filed_on": "2026-03-03",
    "submitted_at": "2026-04-14T09:00:00+08:00",
    "parties": [
        {
            "kind": "organisation",
            "name": docs.PARTY,
            "id_number": docs.PARTY_CODE,
            "address": docs.PARTY_ADDRESS,
            "representative": "赵明辉",
            "phone": "139****6521",
        }
    ],
    "officers": [
        officer("刘建国", LIU, "2028-06-30", "市场监管"),
        officer("王晓萌", WANG, "2027-12-31", "市场监管"),
        officer("孙立华", SUN, "2027-09-30", "市场监管（法制审核）", legal_qualification=True),
    ],
    "proposed_decision": {
        "measures": [
            {"type": "confiscate_gains", "amount": 1206.7},
            {
                "type": "confiscate_property",
                "value": 2619.5,
                "note": "没收超过保质期的预包装食品6种共87件",
            },
            {"type": "fine", "amount": 80000, "base_amount": 3826.2},
        ],
        "legal_basis": [
            {"law": "中华人民共和国食品安全法", "article": 124, "paragraph": 1, "item": 5},
        ],
        "violated_provisions": [
            {"law": "中华人民共和国食品安全法", "article": 34, "item": 10},
        ],
        "discretion": {
            "benchmark": "food-124-1",
            "tier": "ordinary",
            "reasons": "货值金额3826.20元，不足一万元；过期食品6个品种，持续销售12日，"
            "其中春节期间客流集中；当事人配合调查、主动下架，未发现造成危害后果，"
            "无从重、从轻或减轻情节，按一般阶次处罚。",
        },
        "facts": docs.FACTS,
        "decided_on": "2026-04-24",
    },
    "events": [
        event(
            "e1",
            "complaint",
            "2026-03-01 19:42",
            note="全国12315平台转来消费者投诉：在惠民佳购物广场购买的风味酸奶已过保质期",
        ),
        event(
            "e2",
            "inspection",
            "2026-03-02 10:15:05",
            officers=[LIU, WANG],
            documents=["d05"],
            recordings=["r1", "r2"],
        ),
        event(
            "e3",
            "sampling",
            "2026-03-02 10:15:13",
            officers=[LIU, WANG],
            documents=["d06"],
            recordings=["r1", "r2"],
        ),
        event("e4", "filing", "2026-03-03 09:30", documents=["d04"]),
        event("e5", "interview", "2026-03-04 14:30", officers=[LIU, WANG], documents=["d07"]),
        event("e6", "other", "2026-03-18 10:00", documents=["d02"], note="调查终结"),
        event(
            "e7",
            "notice_of_intent",
            "2026-03-23 10:00",
            officers=[LIU, WANG],
            documents=["d08"],
            rights=["statement", "defence", "hearing"],
        ),
        event(
            "e8",
            "delivery",
            "2026-03-23 10:05",
            officers=[LIU, WANG],
            documents=["d09"],
            method="direct",
            note="《行政处罚事先告知书》直接送达，当事人委托代理人张丽签收",
        ),
        event("e9", "statement", "2026-03-25 09:30", documents=["d10"]),
        event("e10", "hearing_request", "2026-03-25 09:35", documents=["d10"]),
        event(
            "e11",
            "hearing_notice",
            "2026-03-27 10:00",
            documents=["d11", "d09"],
            hearing_at="2026-04-10 09:30",
        ),
        event(
            "e12",
            "hearing",
            "2026-04-10 09:30:06",
            documents=["d12"],
            recordings=["r3"],
            host="孙立华",
        ),
        event("e13", "recheck", "2026-04-13 15:00", documents=["d13"]),
    ],
}

DOCUMENTS = (
    docs.REVIEW_REQUEST,
    hearing.REPORT,
    docs.PROPOSED_DECISION,
    docs.FILING,
    docs.INSPECTION,
    docs.SAMPLING,
    docs.INTERVIEW,
    hearing.NOTICE,
    hearing.DELIVERY,
    hearing.STATEMENT,
    hearing.HEARING_NOTICE,
    hearing.HEARING_RECORD,
    hearing.RECHECK,
    hearing.DISCRETION,
    hearing.LICENCE,
    hearing.CERTIFICATES,
)

# The goods expired over the Spring Festival of 2026; set around another day, the case tells
# of busy weekends instead.
SEASONAL = (
    ("其中春节期间客流集中", "其中周末客流集中"),
    ("其中部分在春节期间销售", "其中部分在周末客流高峰时销售"),
    ("春节前后人手紧张", "店里人手紧张"),
)

SPEC = CaseSpec(
    folder="demo-01-食品",
    case=CASE,
    documents=DOCUMENTS,
    recordings=RECORDINGS,
    due=Due(3),  # the walk-through case: due in a few days
    seasonal=SEASONAL,
)
