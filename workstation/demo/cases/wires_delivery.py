"""The documents of demo case 5 from the interview on: the papers served on the company, how
each was served (送达回证, the two 公告, the returned post), the test report and the report."""

from __future__ import annotations

from workstation.demo.cases.common import FORM_WIDTHS, document, form, paras, signed
from workstation.demo.cases.wires_docs import (
    AGENCY,
    FACTS,
    LAB,
    NUMBER,
    OFFICERS,
    PARTY,
    PARTY_ADDRESS,
    PARTY_CODE,
    PROPOSAL,
    REPRESENTATIVE,
    REPRESENTATIVE_HOME,
    REPRESENTATIVE_ID,
    SEIZURE_NUMBER,
    SHOP,
    SPOUSE,
    doc,
)
from workstation.demo.model import Block, Heading, Letterhead, PageBreak, Para, Table, Title

ORDER_NUMBER = "薛市监责改〔2026〕19号"
RESULT_NUMBER = "薛市监检告〔2026〕15号"
NOTICE_NUMBER = "薛市监罚告〔2026〕27号"
REPORT_NUMBER = "ZJ-DX-0412"

# Deliberate defect (DELIV-01): published the day after the seizure, nobody having tried to
# hand the decision to the company (its legal representative came in five days later).
SEIZURE_NOTICE = doc(
    "d11",
    "other",
    "公告（扣押决定书）",
    "公告扣押决定书",
    "2026-03-11 09:30",
    Letterhead(AGENCY),
    Title("公告", "薛市监公〔2026〕3号"),
    Para(f"{PARTY}："),
    *paras(
        f"本局于2026年3月10日对你单位存放于{SHOP}后院库房的“鲁缆”牌电线380卷作出《扣押决定书》（{SEIZURE_NUMBER}）。因扣押时你单位法定代表人未到场，现依法向你单位公告送达该决定书。",
        "自公告之日起经过三十日，即视为送达。你单位可到本局常庄市场监督管理所领取《扣押决定书》及扣押财物清单。",
        "如不服该决定，你单位可以在公告送达期满之日起六十日内向枣庄市薛城区人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
        f"本公告同时张贴于{SHOP}门市部门口，并在本局门户网站发布。",
    ),
    signed(AGENCY, "2026年3月11日", seal=AGENCY),
)

INTERVIEW = doc(
    "d12",
    "interview_record",
    "询问笔录",
    "询问笔录",
    "2026-03-16 10:20",
    *form(
        "询问笔录",
        None,
        [
            ("询问时间", "2026年3月16日9时00分至10时20分"),
            ("询问地点", "常庄市场监督管理所询问室"),
            ("询问人", OFFICERS),
            ("记录人", "周鹏"),
            ("被询问人", REPRESENTATIVE, "身份证号", REPRESENTATIVE_ID),
            ("工作单位", PARTY + "法定代表人"),
            ("住址", REPRESENTATIVE_HOME),
        ],
    ),
    *paras(
        "问：我们是枣庄市薛城区市场监督管理局执法人员，这是我们的执法证件，请过目。现依法向你调查了解有关情况，你应当如实回答。你有权申请执法人员回避，是否申请？",
        "答：看清楚了，不申请回避。",
        "问：你单位门市部销售的“鲁缆”牌BV 2.5电线是从哪里购进的？购进了多少？",
        "答：2026年1月16日从临沂市一家电缆经营部进的，一共540卷，每卷进价135元，是现金交易，对方给了送货单，没有给合格证和检验报告。",
        "问：你单位进货时是否查验了产品合格证明？",
        "答：没有查验，看着和以前的货差不多，价格便宜一些就进了。",
        "问：这批电线卖出去多少？",
        "答：按照销售台账，卖出去160卷，每卷卖180元，其余380卷都在库房里，3月10日被你们扣押了。",
        "问：3月10日扣押时你为什么没有到场？",
        "答：那天我在济南出差，店长给我打了电话。我回来以后还没有拿到扣押决定书。",
        "问：你还有什么需要补充的？",
        "答：我们不知道这批电线不合格，已经让店长把卖出去的电线登记了，愿意配合处理。",
        "以上笔录我已看过，与我说的相符。",
    ),
    signed(
        f"被询问人签名：{REPRESENTATIVE}　2026年3月16日",
        "询问人签名：李红梅　周鹏",
        "记录人签名：周鹏",
    ),
)

ORDER = doc(
    "d13",
    "other",
    "责令改正通知书",
    "责令改正通知书",
    "2026-03-16 10:25",
    Letterhead(AGENCY),
    Title("责令改正通知书", ORDER_NUMBER),
    Para(f"{PARTY}："),
    *paras(
        "经查，你单位销售的“鲁缆”牌BV 2.5平方毫米聚氯乙烯绝缘电线不能提供产品合格证明和检验报告，涉嫌违反《中华人民共和国产品质量法》第十三条第一款、第三十九条的规定。",
        "根据《中华人民共和国行政处罚法》第二十八条第一款的规定，责令你单位立即停止销售该批电线，对已售出的电线进行登记，并于2026年3月23日前将登记情况报送本局常庄市场监督管理所。",
    ),
    signed(AGENCY, "2026年3月16日", seal=AGENCY),
)

TEST_REPORT = document(
    LAB,
    "d14",
    "expert_opinion",
    "检验报告",
    "检验报告",
    "2026-03-25 16:00",
    Letterhead(LAB),
    Title("检验报告", f"报告编号：{REPORT_NUMBER}"),
    Table(
        (
            ("样品名称", "聚氯乙烯绝缘电线", "型号规格", "BV 2.5平方毫米　450/750V"),
            ("委托单位", AGENCY),
            ("被抽样单位", PARTY),
            ("标称生产企业", "山东鲁缆电线电缆有限公司", "标称商标", "鲁缆"),
            ("收样日期", "2026年3月11日", "检验日期", "2026年3月12日至3月24日"),
            ("检验依据", "GB/T 5023.3—2008、GB/T 3956—2008"),
        ),
        FORM_WIDTHS,
    ),
    Table(
        (
            ("检验项目", "标准要求", "实测值", "单项判定"),
            ("导体电阻（20℃）", "不大于7.41欧姆/千米", "11.86欧姆/千米", "不合格"),
            ("绝缘平均厚度", "不小于0.80毫米", "0.61毫米", "不合格"),
            ("绝缘最薄处厚度", "不小于0.62毫米", "0.48毫米", "不合格"),
            ("绝缘老化前抗张强度", "不小于12.5兆帕", "13.2兆帕", "合格"),
            ("标志", "应有制造厂名、型号、额定电压", "符合", "合格"),
        ),
        (0.3, 0.3, 0.22, 0.18),
    ),
    Para(
        "检验结论：所检项目中导体电阻、绝缘平均厚度、绝缘最薄处厚度不符合标准要求，判定该样品不合格。"
    ),
    signed(f"{LAB}（检验专用章）", "签发日期：2026年3月25日", seal=LAB),
)

RESULT_NOTICE = doc(
    "d15",
    "other",
    "检验结果告知书",
    "检验结果告知书",
    "2026-03-26 10:00",
    Letterhead(AGENCY),
    Title("检验结果告知书", RESULT_NUMBER),
    Para(f"{PARTY}："),
    *paras(
        f"本局于2026年3月10日在你单位经营场所抽取的“鲁缆”牌BV 2.5平方毫米聚氯乙烯绝缘电线，经{LAB}检验（报告编号：{REPORT_NUMBER}），导体电阻、绝缘平均厚度、绝缘最薄处厚度不符合GB/T 5023.3—2008的要求，检验结论为不合格。",
        "你单位对检验结果有异议的，可以自收到本告知书之日起十五日内向本局提出书面复检申请；逾期未提出的，视为认可检验结果。",
    ),
    signed(AGENCY, "2026年3月26日", seal=AGENCY),
)


def _receipt(paper: str, place: str, when: str, signer: str, relation: str) -> tuple[Block, ...]:
    return form(
        "送达回证",
        None,
        [
            ("送达文书", paper),
            ("受送达人", PARTY),
            ("送达地点", place),
            ("送达方式", "直接送达", "送达时间", when),
            ("收件人签名", signer, "与受送达人关系", relation),
            ("送达人", "李红梅　周鹏"),
        ],
    )


# The second page is a deliberate defect (DELIV-02): a company's papers signed for by the
# legal representative's wife at their home, as if the company were a person.
RECEIPTS = doc(
    "d16",
    "delivery_receipt",
    "送达回证",
    "送达回证",
    "2026-03-27 17:40",
    *_receipt(
        f"责令改正通知书（{ORDER_NUMBER}）",
        "常庄市场监督管理所询问室",
        "2026年3月16日10时30分",
        REPRESENTATIVE,
        "法定代表人",
    ),
    PageBreak(),
    *_receipt(
        f"检验结果告知书（{RESULT_NUMBER}）及检验报告复印件",
        REPRESENTATIVE_HOME,
        "2026年3月27日17时30分",
        SPOUSE,
        f"法定代表人{REPRESENTATIVE}之妻",
    ),
    Para(f"备注：{REPRESENTATIVE}不在家，由其妻{SPOUSE}代为签收。"),
)

NOTICE = doc(
    "d17",
    "notice_of_intent",
    "行政处罚事先告知书",
    "行政处罚事先告知书",
    "2026-04-13 09:30",
    Letterhead(AGENCY),
    Title("行政处罚事先告知书", NOTICE_NUMBER),
    Para(f"{PARTY}："),
    *paras(
        "经查，"
        + FACTS
        + "你单位的行为违反了《中华人民共和国产品质量法》第十三条第一款、第三十九条的规定。",
        PROPOSAL,
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你单位有权进行陈述和申辩，并有权要求举行听证。你单位如需陈述申辩或要求听证，应当自收到本告知书之日起五个工作日内向本局提出；逾期未提出的，视为放弃上述权利。",
        "联系人：李红梅　联系电话：0632-44****6　地址：枣庄市薛城区常庄街道复元五路18号",
    ),
    signed(AGENCY, "2026年4月13日", seal=AGENCY),
)

RETURNED_POST = doc(
    "d18",
    "delivery_receipt",
    "邮件详情单及退件批条",
    "邮件详情单及退件批条",
    "2026-04-16 15:00",
    *form(
        "邮件详情单及退件批条",
        None,
        [
            ("邮件号码", "1179 4231 8562 7", "业务种类", "EMS特快专递（法律文书）"),
            ("寄件人", AGENCY),
            ("收件人", f"{PARTY}（法定代表人{REPRESENTATIVE}）"),
            ("收件地址", PARTY_ADDRESS),
            ("内件", f"行政处罚事先告知书（{NOTICE_NUMBER}）"),
            ("收寄时间", "2026年4月13日15时00分", "投递时间", "2026年4月15日10时20分"),
            ("投递结果", "未妥投。退回原因：原址查无此单位（创业大厦物业证明该室已另租他人）"),
            ("退回时间", "2026年4月16日14时10分", "投递员", "韩磊"),
        ],
    ),
    Para("以上信息打印自中国邮政速递物流邮件查询系统，退回原件附后。核对人：周鹏　2026年4月16日"),
)

NOTICE_NOTICE = doc(
    "d19",
    "other",
    "公告（行政处罚事先告知书）",
    "公告行政处罚事先告知书",
    "2026-04-17 09:30",
    Letterhead(AGENCY),
    Title("公告", "薛市监公〔2026〕5号"),
    Para(f"{PARTY}（统一社会信用代码{PARTY_CODE}）："),
    *paras(
        f"本局于2026年4月13日向你单位住所（{PARTY_ADDRESS}）邮寄送达《行政处罚事先告知书》（{NOTICE_NUMBER}），邮件因原址查无此单位被退回；你单位门市部已停业，法定代表人电话无法接通，无法以其他方式送达。",
        "依照《中华人民共和国行政处罚法》第六十一条和《中华人民共和国民事诉讼法》第九十五条的规定，现向你单位公告送达该告知书。告知书的主要内容："
        + PROPOSAL,
        "你单位有权进行陈述和申辩，并有权要求举行听证。自公告发布之日起经过三十日，即视为送达；你单位如需陈述申辩或要求听证，应当自视为送达之日起五个工作日内向本局提出，逾期视为放弃。",
        f"本公告同时张贴于{SHOP}门市部门口，并在本局门户网站发布。",
    ),
    signed(AGENCY, "2026年4月17日", seal=AGENCY),
)

REPORT = doc(
    "d02",
    "investigation_report",
    "案件调查终结报告",
    "调查终结报告",
    "2026-04-08 10:00",
    Title("案件调查终结报告", NUMBER),
    Heading("一、当事人基本情况"),
    Para(
        f"当事人：{PARTY}；统一社会信用代码：{PARTY_CODE}；住所：{PARTY_ADDRESS}；经营场所：{SHOP}；法定代表人：{REPRESENTATIVE}（身份证号{REPRESENTATIVE_ID}）。"
    ),
    Heading("二、案件来源及调查经过"),
    Para(
        f"2026年3月9日，本局收到全国12315平台转来的消费者投诉。3月10日，执法人员李红梅、周鹏对当事人经营场所进行现场检查并抽样，执法记录仪D02全程记录；当日经负责人批准立案，并经负责人批准由李红梅、周鹏、魏东扣押库存涉案电线380卷，因法定代表人未到场，邀请社区网格员见证，执法记录仪D05全程记录。3月11日公告送达扣押决定书。3月16日询问法定代表人{REPRESENTATIVE}，送达责令改正通知书。3月25日{LAB}出具检验报告，3月27日送达检验结果告知书，当事人未申请复检。"
    ),
    Heading("三、违法事实及证据"),
    Para(FACTS),
    Para(
        "证据：1.现场检查笔录；2.抽样单；3.检验报告；4.询问笔录；5.送货单、销售台账；6.扣押财物清单及现场笔录；7.执法记录仪音像资料；8.营业执照复印件。上述证据相互印证，足以认定违法事实。"
    ),
    Heading("四、违法行为性质及法律依据"),
    Para(
        "当事人的行为违反了《中华人民共和国产品质量法》第十三条第一款、第三十九条的规定，依据该法第四十九条，应当责令停止销售，没收违法销售的产品，并处违法销售产品货值金额等值以上三倍以下的罚款；有违法所得的，并处没收违法所得。"
    ),
    Heading("五、裁量情节"),
    Para(
        "涉案电线用于家庭装修布线，存在引发火灾的安全隐患，已售出160卷无法追回；当事人进货时未查验产品合格证明，配合调查，无从重、从轻或减轻处罚情节，拟按货值金额1.5倍处以罚款。"
    ),
    Heading("六、处理意见"),
    Para(PROPOSAL),
    Para(
        "扣押的涉案电线在处罚决定作出后依法没收。本案拟罚款数额属重大行政处罚，建议履行事先告知程序后提请法制审核。"
    ),
    signed("承办人：李红梅　周鹏", "2026年4月8日"),
)

DOCUMENTS_FROM_INTERVIEW = (
    SEIZURE_NOTICE,
    INTERVIEW,
    ORDER,
    TEST_REPORT,
    RESULT_NOTICE,
    RECEIPTS,
    NOTICE,
    RETURNED_POST,
    NOTICE_NOTICE,
)
