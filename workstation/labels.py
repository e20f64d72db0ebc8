"""Chinese names of the bundle format's codes, for messages and the UI (case-bundle.md)."""

from __future__ import annotations

ACTION_TYPES = {
    "penalty": "行政处罚",
    "licensing": "行政许可",
    "coercion": "行政强制",
    "levy": "行政征收",
    "charge": "行政收费",
    "inspection": "行政检查",
}

DOCUMENT_KINDS = {
    "review_request": "法制审核送审表",
    "investigation_report": "调查终结报告",
    "proposed_decision": "拟决定书",
    "filing_approval": "立案审批表",
    "inspection_record": "现场检查笔录",
    "interview_record": "询问笔录",
    "evidence": "证据材料",
    "expert_opinion": "鉴定意见/检测报告",
    "notice_of_intent": "事先告知书",
    "statement_record": "陈述申辩笔录",
    "hearing_notice": "听证通知书",
    "hearing_record": "听证笔录",
    "coercion_decision": "查封扣押决定书",
    "delivery_receipt": "送达回证",
    "officer_certificate": "执法证件",
    "party_identity": "主体资格证明",
    "discretion_statement": "裁量说明",
    "other": "其他材料",
}

EVENT_TYPES = {
    "complaint": "投诉举报",
    "filing": "立案",
    "inspection": "现场检查",
    "interview": "询问调查",
    "sampling": "抽样取证",
    "evidence_preservation": "先行登记保存",
    "preservation_decision": "登记保存处理决定",
    "seizure": "查封扣押",
    "seizure_extension": "延长查封扣押",
    "seizure_release": "解除查封扣押",
    "freeze": "冻结",
    "notice_of_intent": "事先告知",
    "statement": "陈述申辩",
    "recheck": "复核",
    "hearing_request": "听证申请",
    "hearing_withdrawal": "撤回听证申请",
    "hearing_notice": "听证通知",
    "hearing": "听证",
    "expert_opinion": "鉴定检测",
    "extension_approval": "延长办案期限",
    "collective_discussion": "集体讨论",
    "head_approval": "负责人审批",
    "delivery": "送达",
    "demand_notice": "催告",
    "enforcement": "强制执行",
    "enforcement_application": "申请人民法院强制执行",
    "suspension": "期限中止",
    "transfer": "移送司法机关",
    "other": "其他",
}

REVIEW_STATES = {
    "submitted": "待审核",
    "under_review": "审核中",
    "opinion_issued": "已出具意见，待签发",
    "approved": "同意",
    "returned": "退回补正",
    "rejected": "不同意",
    "re_review": "复审中",
    "negotiation": "协商中",
    "collective_discussion": "待集体讨论",
}

CONDITIONS = {
    "ok": "正常",
    "repaired": "已修复",
    "damaged": "已损坏",
    "unsupported": "格式不支持",
    "password": "需要密码",
}

MEASURE_TYPES = {
    "warning": "警告",
    "notice_of_criticism": "通报批评",
    "fine": "罚款",
    "confiscate_gains": "没收违法所得",
    "confiscate_property": "没收非法财物",
    "suspend_licence": "暂扣许可证件",
    "lower_qualification": "降低资质等级",
    "revoke_licence": "吊销许可证件",
    "restrict_activity": "限制开展生产经营活动",
    "suspend_business": "责令停产停业",
    "order_closure": "责令关闭",
    "restrict_employment": "限制从业",
    "detention": "行政拘留",
    "seizure": "查封扣押",
    "freeze": "冻结存款汇款",
    "auction": "拍卖或处理查封扣押财物",
    "demolition": "强制拆除",
    "license_grant": "准予许可",
    "license_deny": "不予许可",
    "levy": "征收",
    "other": "其他处理",
}

PARTY_KINDS = {
    "person": "公民",
    "individual_business": "个体工商户",
    "organisation": "法人或其他组织",
}

FLAGS = {
    "public_interest": "涉及重大公共利益",
    "complex": "案件情况疑难复杂",
    "multi_legal_relationships": "涉及多个法律关系",
    "life_health_or_financial": "涉及公民生命健康安全或金融安全",
    "harm_caused": "有危害后果",
    "first_violation": "初次违法",
    "corrected_in_time": "及时改正",
    "reduced_penalty": "减轻处罚",
    "aggravated_penalty": "从重处罚",
}

DISCRETION_TIERS = {"minor": "轻微", "ordinary": "一般", "serious": "较重", "grave": "严重"}

AMOUNT_FIELDS = {
    "amount": "金额",
    "value": "价值",
    "base_amount": "货值金额（违法所得、合同价款）",
    "area_m2": "面积",
    "days": "天数",
}

# delivery.method
DELIVERY_METHODS = {
    "direct": "直接送达",
    "left": "留置送达",
    "post": "邮寄送达",
    "electronic": "电子送达",
    "public": "公告送达",
}

# delivery.result: what became of a delivery attempt.
DELIVERY_RESULTS = {"served": "已送达", "failed": "未能送达"}

# delivery.recipient.role: who signed for the documents (民事诉讼法第八十八条).
RECIPIENT_ROLES = {
    "party": "受送达人本人",
    "legal_representative": "法定代表人",
    "principal": "主要负责人",
    "receiving_office": "负责收件的人（收发部门）",
    "authorised_recipient": "代收人",
    "relative": "同住成年家属",
    "other": "其他人",
}

# suspension.reason: why a period is not counted in the case deadline.
SUSPENSION_REASONS = {
    "hearing": "听证",
    "testing": "检测、检验",
    "expert_opinion": "鉴定、专家论证",
    "public_notice": "公告",
    "other": "其他",
}

# collective_discussion.body: who discussed the case (PPL Art. 57: the agency's heads).
DISCUSSION_BODIES = {"agency_heads": "行政机关负责人集体讨论", "other": "其他机构"}
