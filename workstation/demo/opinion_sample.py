"""A realistic, full opinion for rendering tests and the `opinion` benchmark, fixed so that
results stay comparable between runs: 11 sections, two with problems, one not applicable,
six with citations; two parties, two provisions, opening and closing texts (56 paragraphs,
1,660 characters, five A4 pages). One copy for both: a benchmark never loads a test module.
"""

from __future__ import annotations

from datetime import date

from workstation.opinion.content import OpinionContent, SectionOpinion

COMPANY = "枣庄某某商贸有限公司"
PERSON = "张某某"
CITATION = "《现场检查笔录》第2页"
VIDEO = "执法记录仪 A01 00:12:31–00:13:05（货架上的过期面包）"
HEAD = "李某某"
FIRST_SECTIONS = ("执法主体", "执法人员资格", "管辖与权限", "案件事实", "证据", "执法程序")
SECTION_NAMES = (*FIRST_SECTIONS, "法律适用", "裁量基准", "执法文书", "涉嫌犯罪移送", "其他事项")
NO_ISSUES = "经审查，本案{}方面的材料齐全，承办单位已按照规定履行了相应职责，相关事实与证据能够相互印证，未发现影响决定合法性的问题。"
ISSUES = (
    "经审查，本案{}方面存在以下问题，需由承办单位补正或作出说明。\n补正后请将相关材料一并报送。"
)


def sample_opinion(head: str | None = HEAD) -> OpinionContent:
    """A realistic opinion: 11 sections, findings, citations, two parties, several pages."""
    findings = {
        "执法程序": (
            "《行政处罚告知书》于2026年3月6日送达，报送审核时当事人陈述、申辩期限尚未届满。",
            "询问笔录未载明执法人员出示执法证件的情况。",
        ),
        "裁量基准": ("罚款数额接近法定幅度上限，但案卷未说明从重情节的事实依据。",),
    }
    citations = {
        "执法主体": ("《营业执照》（市场监督管理局）",),
        "执法人员资格": ("《行政执法证》复印件第1页",),
        "案件事实": (CITATION, VIDEO, "《询问笔录》（张某某）第3页"),
        "证据": (CITATION, "《抽样检验报告》第1—4页", VIDEO),
        "执法程序": ("《行政处罚告知书》送达回证", "《询问笔录》（张某某）第1页"),
        "裁量基准": ("《山东省市场监督管理行政处罚裁量基准》第十二条",),
    }
    verdicts = {"执法程序": "存在问题", "裁量基准": "存在问题", "涉嫌犯罪移送": "不适用"}
    sections = tuple(
        SectionOpinion(
            name=name,
            verdict=verdicts.get(name, "无问题"),
            text=ISSUES.format(name) if name in verdicts else NO_ISSUES.format(name),
            findings=findings.get(name, ()),
            citations=citations.get(name, ()),
        )
        for name in SECTION_NAMES
    )
    return OpinionContent(
        agency="枣庄市薛城区市场监督管理局",
        number="薛市监法审〔2026〕12号",
        case_number="薛市监罚〔2026〕12号",
        case_title="销售超过保质期的食品案",
        parties=(
            f"{COMPANY}（统一社会信用代码 91370403MA3C8XYZ1K）",
            f"{PERSON}（公民身份号码 370403198501011234）",
        ),
        unit="执法稽查科",
        submitted_on=date(2026, 3, 10),
        proposed_decision="没收超过保质期的食品12袋，没收违法所得人民币360元，并处罚款人民币50000元。",
        review_basis="《中华人民共和国行政处罚法》《山东省行政执法监督条例》《枣庄市薛城区重大行政执法决定法制审核办法》",
        sections=sections,
        outcome="退回补正",
        reasons="一、陈述、申辩期限未届满即报送审核，程序不完备。\n二、从重处罚的事实依据不足。",
        legal_provisions=(
            "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
            "《中华人民共和国行政处罚法》第二十八条第二款",
        ),
        reviewer="王某某",
        head=head,
        opinion_date=date(2026, 4, 15),
        texts={
            "opening": "本机构于2026年3月10日收到你单位报送的案件材料，依照有关规定进行了法制审核，现提出审核意见如下：",
            "closing": "请你单位按照上述意见补正后，重新报送法制审核。",
        },
    )
