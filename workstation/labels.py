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
    "transfer": "移送司法机关",
    "other": "其他",
}

REVIEW_STATES = {
    "submitted": "待审核",
    "under_review": "审核中",
    "opinion_issued": "已出具意见",
    "approved": "同意",
    "returned": "退回补正",
    "rejected": "不同意",
    "re_review": "复审中",
    "collective_discussion": "集体讨论",
}

CONDITIONS = {
    "ok": "正常",
    "repaired": "已修复",
    "damaged": "已损坏",
    "unsupported": "格式不支持",
    "password": "需要密码",
}
