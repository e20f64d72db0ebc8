"""Demo case 2: seizure of an unauthorised building site and its equipment (行政强制).

A coercive measure above the catalog's thresholds (area ≥ 300 m², value ≥ 100,000 yuan):
approved before it was carried out, extended once within the statutory 30 + 30 days,
carried out by three officers on camera; the party's interview was recorded as sound only.
"""

from __future__ import annotations

from workstation.demo.cases import urban_docs as docs
from workstation.demo.cases.common import event, officer
from workstation.demo.model import CaseSpec, Due, Line, RecordingSpec, Script, at

MA, ZHAO, KONG = "3704032018021", "3704032020046", "3704032017012"

INSPECTION = Script(
    at("2026-03-03 09:30:00"),
    (
        Line(0.5, 3.9, "马涛", "你好，我们是薛城区综合行政执法局执法人员，这是我们的执法证件。"),
        Line(4.2, 7.6, "马涛", "有群众举报这里违法建设，这个钢结构厂房是谁在建？"),
        Line(7.9, 10.2, "王守义", "是我建的，准备做仓库用。"),
        Line(10.5, 13.6, "赵磊", "请出示建设工程规划许可证。"),
    ),
)

INTERVIEW = Script(
    at("2026-03-05 14:00:00"),
    (
        Line(0.5, 4.0, "马涛", "现在依法对你进行询问，询问过程同步录音，你要如实回答。"),
        Line(4.3, 6.0, "王守义", "好，我知道。"),
        Line(6.4, 10.5, "马涛", "你在后屯村东侧建设的钢结构厂房，办理规划许可手续了吗？"),
        Line(10.8, 14.6, "王守义", "没有办，我以为在自己承包的地上盖不用审批。"),
        Line(15.0, 17.6, "赵磊", "厂房建筑面积有多少？"),
    ),
)

SEIZURE = Script(
    at("2026-03-10 09:00:00"),
    (
        Line(0.5, 4.4, "马涛", "王守义，你在收到责令停止建设通知书后仍继续施工。"),
        Line(4.7, 8.9, "马涛", "经批准，现依法查封施工现场和施工设备，这是查封决定书和清单。"),
        Line(9.2, 11.4, "王守义", "我有意见，我要申辩。"),
        Line(11.7, 15.6, "马涛", "你可以陈述申辩，我们现场记录。请在清单上签字确认。"),
    ),
)

RECORDINGS = (
    RecordingSpec(
        id="r1",
        path="media/执法记录仪B03.mp4",
        device="执法记录仪 B03",
        label="B03",
        activity="inspection",
        operator=MA,
        started_at=at("2026-03-03 09:30:00"),
        seconds=14,
        archived_at=at("2026-03-03 15:20:00"),
        script=INSPECTION,
        transcript="media/执法记录仪B03.srt",
        scene="construction",
    ),
    RecordingSpec(
        id="r2",
        path="media/询问室录音.m4a",
        device="询问室同步录音设备 X1",
        label="X1",
        activity="interview",
        started_at=at("2026-03-05 14:00:00"),
        seconds=18,
        archived_at=at("2026-03-05 16:30:00"),
        script=INTERVIEW,
        transcript="media/询问室录音.srt",
    ),
    RecordingSpec(
        id="r3",
        path="media/执法记录仪B05.mp4",
        device="执法记录仪 B05",
        label="B05",
        activity="seizure",
        operator=KONG,
        started_at=at("2026-03-10 09:00:00"),
        seconds=16,
        archived_at=at("2026-03-10 14:05:00"),
        script=SEIZURE,
        transcript="media/执法记录仪B05.srt",
        scene="sealed_site",
    ),
)

CASE = {
    "number": docs.NUMBER,
    "title": "王守义未取得建设工程规划许可证擅自建设案（查封施工现场及施工设备）",
    "agency": {
        "name": docs.AGENCY,
        "code": docs.AGENCY_CODE,
        "authorities": ["penalty", "coercion", "inspection"],
    },
    "unit": "城乡规划执法中队",
    "action_type": "coercion",
    "procedure": "ordinary",
    "place": docs.SITE,
    "domain": "urban",
    "violation": {
        "began_on": "2026-02-26",
        "discovered_on": "2026-03-03",
        "description": "未取得建设工程规划许可证建设钢结构厂房约420平方米，责令停止建设后继续施工",
    },
    "submitted_at": "2026-04-07T09:00:00+08:00",
    "parties": [
        {
            "kind": "person",
            "name": "王守义",
            "id_number": docs.PARTY_ID,
            "address": docs.PARTY_ADDRESS,
            "phone": "137****2093",
        }
    ],
    "officers": [
        officer("马涛", MA, "2027-10-31", "城市管理（城乡规划）"),
        officer("赵磊", ZHAO, "2028-03-31", "城市管理（城乡规划）"),
        officer("孔德亮", KONG, "2027-06-30", "城市管理"),
    ],
    "proposed_decision": {
        "measures": [
            {
                "type": "seizure",
                "value": 186000,
                "area_m2": 420,
                "days": 60,
                "note": "查封施工现场及挖掘机、混凝土搅拌机等施工设备和建筑材料；"
                "查封期限30日，经批准延长30日",
            }
        ],
        "legal_basis": [
            {"law": "中华人民共和国城乡规划法", "article": 68},
            {"law": "中华人民共和国行政强制法", "article": 25, "paragraph": 1},
        ],
        "violated_provisions": [
            {"law": "中华人民共和国城乡规划法", "article": 40, "paragraph": 1},
        ],
        "facts": docs.FACTS,
    },
    "events": [
        event(
            "e1",
            "complaint",
            "2026-03-02 09:20",
            note="12345政务服务便民热线转办：后屯村东侧有人搭建钢结构厂房",
        ),
        event(
            "e2",
            "inspection",
            "2026-03-03 09:30:04",
            officers=[MA, ZHAO],
            documents=["d04"],
            recordings=["r1"],
        ),
        event(
            "e3",
            "other",
            "2026-03-03 10:10",
            officers=[MA, ZHAO],
            documents=["d05"],
            note="当场送达《责令停止违法建设通知书》，责令立即停止建设",
        ),
        event(
            "e4",
            "delivery",
            "2026-03-03 10:12",
            officers=[MA, ZHAO],
            documents=["d10"],
            method="direct",
        ),
        event(
            "e5",
            "interview",
            "2026-03-05 14:00:05",
            officers=[MA, ZHAO],
            documents=["d06"],
            recordings=["r2"],
        ),
        event(
            "e6",
            "other",
            "2026-03-06 15:00",
            documents=["d07"],
            note="区自然资源局复函：该项目未办理建设工程规划许可",
        ),
        event(
            "e7",
            "head_approval",
            "2026-03-09 16:30",
            documents=["d08"],
            note="区人民政府责成后，局主要负责人批准实施查封",
        ),
        event(
            "e8",
            "seizure",
            "2026-03-10 09:00:06",
            officers=[MA, ZHAO, KONG],
            documents=["d02", "d03", "d09"],
            recordings=["r3"],
            approved_at="2026-03-09 16:30",
            until="2026-04-08",
        ),
        event(
            "e9",
            "delivery",
            "2026-03-10 09:40",
            officers=[MA, ZHAO],
            documents=["d10"],
            method="direct",
            note="查封决定书及查封财物清单当场交付当事人",
        ),
        event(
            "e10",
            "seizure_extension",
            "2026-04-03 10:00",
            officers=[MA, ZHAO],
            documents=["d11"],
            approved_at="2026-04-03 09:30",
            until="2026-05-08",
            note="案情复杂，需进一步核实建设规模，经负责人批准延长查封期限30日",
        ),
        event(
            "e11",
            "delivery",
            "2026-04-03 11:00",
            officers=[MA, ZHAO],
            documents=["d10"],
            method="direct",
        ),
    ],
}

SPEC = CaseSpec(
    folder="demo-02-城管查封",
    case=CASE,
    documents=docs.DOCUMENTS,
    recordings=RECORDINGS,
    due=Due(-2),  # the overdue one
)
