"""The review's state machine (legal-rules.md section (c)), as plain rules.

submitted → under_review (→ an extension, approved by the division head) → opinion_issued →
signed by the division head into approved / returned / rejected. A handling unit that
disagrees asks, in writing, for a re-review (at most `re_review_max` times) or negotiates,
as the pack's `dispute_route` says; a dispute that remains goes to the agency heads'
collective discussion, whose recorded decision ends it. A returned (or rejected) case comes
back as a new version (resubmitted). Whether a step is allowed is decided here, with the reason when not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.labels import REVIEW_STATES

if TYPE_CHECKING:  # annotations only: the case list's filters need no rule pack loader
    from workstation.rules.rulepack.model import ReviewRules

STATES = REVIEW_STATES
OUTCOMES = {"approve": "同意", "return": "退回补正", "reject": "不同意"}
OUTCOME_STATES = {"approve": "approved", "return": "returned", "reject": "rejected"}
ACTIVE = frozenset({"submitted", "under_review", "re_review", "negotiation"})
# Steps taken only with a written reason (书面理由).
NEEDS_REASON = frozenset(
    {"request_re_review", "negotiate", "return_incomplete", "request_extension"}
)


@dataclass(frozen=True)
class Step:
    """One action: where it may start, who may take it, where it leads (None: it depends)."""

    label: str
    sources: frozenset[str]
    permission: str
    target: str | None


STEPS: dict[str, Step] = {
    "accept": Step("受理审核", frozenset({"submitted"}), "review.accept", "under_review"),
    "return_incomplete": Step(
        "材料不全，退回补正", frozenset({"submitted"}), "review.accept", "returned"
    ),
    "request_extension": Step(
        "申请延长审核期限", frozenset({"under_review", "re_review"}), "review.extension", None
    ),
    "approve_extension": Step(
        "批准延长审核期限",
        frozenset({"under_review", "re_review"}),
        "review.approve_extension",
        None,
    ),
    "deny_extension": Step(
        "不批准延长审核期限",
        frozenset({"under_review", "re_review"}),
        "review.approve_extension",
        None,
    ),
    "issue_opinion": Step(
        "出具审核意见",
        frozenset({"under_review", "re_review", "negotiation"}),
        "review.issue",
        "opinion_issued",
    ),
    "sign": Step("签发审核意见书", frozenset({"opinion_issued"}), "opinion.sign", None),
    "request_re_review": Step(
        "书面申请复审", frozenset({"returned", "rejected"}), "workflow.dispute", "re_review"
    ),
    "negotiate": Step(
        "提出协商", frozenset({"returned", "rejected"}), "workflow.dispute", "negotiation"
    ),
    "refer": Step(
        "提请机关负责人集体讨论",
        frozenset({"returned", "rejected", "re_review", "negotiation"}),
        "workflow.refer",
        "collective_discussion",
    ),
    "record_minutes": Step(
        "记录集体讨论决定", frozenset({"collective_discussion"}), "workflow.minutes", None
    ),
    "resubmit": Step(
        "补正后重新送审", frozenset({"returned", "rejected"}), "workflow.resubmit", "submitted"
    ),
}


@dataclass(frozen=True)
class Situation:
    """What the guards need to know about one case's review."""

    state: str
    rules: ReviewRules | None
    extensions: int
    extension_requested: bool
    re_reviews: int
    negotiations: int
    outcome: str | None
    reasons: str
    open_errors: int  # error findings neither resolved nor dismissed with a reason
    unfilled: tuple[str, ...]  # the checklist points without a verdict (their names)
    pending: tuple[str, ...]  # findings neither accepted nor dismissed, as short descriptions
    has_opinion: bool  # an unsigned opinion of the version under review
    opinion_signed: bool  # the version under review has a signed opinion to dispute
    discussed: bool  # the heads' collective discussion decided this round
    new_version: bool  # a version newer than the one under review was imported


def refusal(action: str, now: Situation, reason_given: str | None = "") -> str | None:
    """Why `action` may not be taken now, in Chinese; None when it may.

    `reason_given` None: a dry run before the written reason is asked for (flow_options)."""
    step = STEPS.get(action)
    if step is None:
        return f"未知的操作 {action}，可用：{'、'.join(STEPS)}"
    if now.state not in step.sources:
        allowed = "、".join(STATES[s] for s in sorted(step.sources))
        return f"案件当前状态为“{STATES[now.state]}”，不能{step.label}（仅在{allowed}时可以）"
    rules = now.rules
    route = rules.dispute_route if rules else ()
    if action == "request_extension":
        missing = unprovided(action, rules)
        if missing or rules is None:
            return missing
        if now.extensions >= rules.extension_max:
            return f"审核期限已延长{now.extensions}次，达到规定的上限{rules.extension_max}次"
        if now.extension_requested:
            return "已有待批准的延期申请"
    if action in ("approve_extension", "deny_extension") and not now.extension_requested:
        return "没有待批准的延期申请"
    if action == "issue_opinion":
        if now.outcome is None:
            return "尚未填写审核结论（同意、退回补正或不同意）"
        if now.unfilled:
            return (
                f"尚有 {len(now.unfilled)} 项审核要点未填写结论（{'、'.join(now.unfilled)}），"
                f"不能出具审核意见"
            )
        if now.pending:
            return (
                f"尚有 {len(now.pending)} 项自动检查发现待处理（须采纳或说明理由不予采纳），"
                f"不能出具审核意见：{'；'.join(now.pending)}"
            )
        if now.outcome == "approve" and now.open_errors:
            return (
                f"还有{now.open_errors}项错误级别的自动检查发现既未解决也未说明理由不予采纳，"
                f"不能出具同意意见"
            )
        if now.outcome != "approve" and not now.reasons.strip():
            return f"{OUTCOMES[now.outcome]}的审核意见必须写明理由"
    if action == "sign" and not now.has_opinion:
        return "尚未起草审核意见书"
    if action in NEEDS_REASON and reason_given is not None and not reason_given.strip():
        return f"{step.label}须书面写明理由"
    if action == "resubmit" and not now.new_version and now.opinion_signed:
        # Only a return for incomplete materials may come back unchanged (补充纸质材料等).
        return (
            f"{OUTCOMES[now.outcome or 'return']}的审核意见已签发，应导入修改后的案卷"
            f"（导入即重新送审）；对审核意见有异议的，可申请复审或协商"
        )
    if action in ("request_re_review", "negotiate") and now.new_version:
        return "承办单位已导入新版本：应重新送审新版本，不能对旧版本申请复审或协商"
    if action in ("request_re_review", "negotiate", "refer"):
        problem = _dispute_refusal(action, now) or unprovided(action, rules)
        if problem:
            return problem
    if action == "request_re_review":
        limit = rules.re_review_max if rules else 0
        if now.re_reviews >= limit:
            return f"已复审{now.re_reviews}次，达到规定的上限{limit}次，应当提请集体讨论"
    if action == "negotiate" and now.negotiations:
        return "已协商一次，仍有争议的应当提请机关负责人集体讨论"
    if action == "refer":
        limit = rules.re_review_max if rules else 0
        if (
            now.state in ("returned", "rejected")
            and "re_review" in route
            and now.re_reviews < limit
        ):
            return (
                f"尚可申请复审（已复审{now.re_reviews}次，上限{limit}次），"
                f"复审后仍有争议的再提请集体讨论"
            )
    return None


def unprovided(action: str, rules: ReviewRules | None) -> str | None:
    """Why the office's pack has no such step at all (no extensions; a dispute route without
    re-review, negotiation or collective discussion); None when it has."""
    if action in ("request_extension", "approve_extension", "deny_extension") and (
        rules is None or rules.extension_max == 0 or rules.extension_days == 0
    ):
        return "本机关规则包没有规定审核期限的延长"
    route = rules.dispute_route if rules else ()
    needed = _ROUTE_STEPS.get(action)
    if needed and needed[0] not in route:
        return f"本机关规则包的争议处理方式不包括{needed[1]}"
    return None


_ROUTE_STEPS = {
    "request_re_review": ("re_review", "复审"),
    "negotiate": ("negotiate", "协商"),
    "refer": ("collective_discussion", "集体讨论"),
}


def _dispute_refusal(action: str, now: Situation) -> str | None:
    """A dispute is of a signed opinion, and the heads' decision ends it."""
    if now.discussed:
        return "机关负责人集体讨论已作出决定，不能再复审、协商或提请讨论"
    if now.state in ("returned", "rejected") and not now.opinion_signed:
        return "材料不全退回的案件应补正后重新送审，不能复审、协商或提请集体讨论"
    return None
