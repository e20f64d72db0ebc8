"""`workstation review` and `workstation workflow`: the whole review, scriptable."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from workstation.cli_output import print_json
from workstation.errors import IllegalActionError
from workstation.review.case_record import case_record
from workstation.review.checklist import VERDICTS, Checklist, CitationSpec
from workstation.review.workflow_rules import OUTCOMES, STATES, STEPS
from workstation.review.workflow_service import Minutes
from workstation.rules.findings import SEVERITIES
from workstation.services import Workstation

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?$")


def register(commands: Any) -> None:
    """Add the review commands to the CLI's sub-parsers."""
    p = commands.add_parser(
        "review", help="填写或查看审核意见（审核要点、引用、自动检查发现、结论）"
    )
    p.add_argument("case", metavar="CASE")
    p.add_argument("--verdict", action="append", default=[], metavar="SECTION=ok|issue|n/a")
    p.add_argument("--comment", action="append", default=[], metavar="SECTION=TEXT")
    p.add_argument(
        "--cite",
        action="append",
        default=[],
        metavar="SECTION=SPEC",
        help="document:d1:2[:x0,y0,x1,y1][#说明] 或 recording:r1:00:01:05-00:01:12[#说明]",
    )
    p.add_argument("--uncite", action="append", default=[], type=int, metavar="ID")
    p.add_argument("--accept", action="append", default=[], metavar="RULE[#n]")
    p.add_argument("--dismiss", action="append", default=[], metavar="RULE[#n]=REASON")
    p.add_argument("--outcome", choices=list(OUTCOMES))
    p.add_argument("--reasons", default="", help="审核结论的理由")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_review, changes=_edits_the_review)

    p = commands.add_parser("workflow", help="审核流程：受理、延期、出具意见、复审、集体讨论")
    p.add_argument("case", metavar="CASE")
    p.add_argument("action", nargs="?", choices=[a for a in STEPS if a != "sign"])
    p.add_argument("--reason", default="", help="书面理由（退回、复审、协商、延期）")
    p.add_argument("--held-on", type=date.fromisoformat, help="集体讨论日期 YYYY-MM-DD")
    p.add_argument("--attendee", action="append", default=[], help="出席人员（可多次）")
    p.add_argument("--decision", default="", help="集体讨论决定")
    p.add_argument("--decided", choices=list(OUTCOMES), help="讨论决定的结论")
    p.add_argument("--adopted", choices=["yes", "no"], help="是否采纳法制审核意见")
    p.set_defaults(handler=cmd_workflow, changes=lambda args: args.action is not None)

    p = commands.add_parser("assign", help="把案件分配（或改派）给审核人员（法制机构负责人）")
    p.add_argument("case", metavar="CASE")
    p.add_argument("reviewer", metavar="LOGIN", help="审核人员的登录名")
    p.set_defaults(handler=cmd_assign, changes=True)


def cmd_assign(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    print(ws.assignments.assign(args.case, args.reviewer, actor))
    return 0


def _edits_the_review(args: argparse.Namespace) -> bool:
    """`review CASE` with nothing to change only shows the checklist."""
    edits = (args.verdict, args.comment, args.cite, args.uncite, args.accept, args.dismiss)
    return any(edits) or args.outcome is not None


def cmd_review(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    reference = args.case
    # Read every argument before the first edit, so a typo changes nothing; each edit is then
    # saved as it is made (a refusal part-way keeps the edits before it, as the desktop does).
    verdicts = [_pair(item, "--verdict") for item in args.verdict]
    comments = [_pair(item, "--comment") for item in args.comment]
    cites = [(s, parse_citation(v)) for s, v in (_pair(i, "--cite") for i in args.cite)]
    dismissals = [_pair(item, "--dismiss") for item in args.dismiss]
    say = (lambda _text: None) if args.json else print  # --json prints the JSON only
    for section, value in verdicts:
        ws.review.set_verdict(reference, section, None if value in ("", "-") else value, actor)
    for section, value in comments:
        ws.review.set_comment(reference, section, value, actor)
    for section, spec in cites:
        say(f"已添加引用 {ws.review.add_citation(reference, section, spec, actor)}")
    for number in args.uncite:
        ws.review.remove_citation(reference, number, actor)
    for selector in args.accept:
        view = ws.review.decide(reference, selector, "accepted", "", actor)
        say(f"已采纳 {view.finding.rule}")
    for selector, reason in dismissals:
        view = ws.review.decide(reference, selector, "dismissed", reason, actor)
        say(f"不予采纳 {view.finding.rule}：{reason}")
    if args.outcome:
        if args.outcome in OUTCOMES and args.outcome != "approve" and not args.reasons.strip():
            # The desktop saves an outcome before its reasons are typed; a command is whole.
            raise IllegalActionError(f"{OUTCOMES[args.outcome]}须写明理由（--reasons）")
        ws.review.set_outcome(reference, args.outcome, args.reasons, actor)
    checklist = ws.review.checklist(reference, actor)
    if args.json:
        print_json(checklist_json(checklist))
    else:
        print(readable_checklist(checklist))
    return 0


def cmd_workflow(ws: Workstation, args: argparse.Namespace, actor: str) -> int:
    if args.action:
        minutes = None
        if args.action == "record_minutes":
            if args.held_on is None or args.decided is None or args.adopted is None:
                raise IllegalActionError(
                    "记录集体讨论须给出 --held-on、--attendee、--decision、--decided 和 --adopted"
                )
            minutes = Minutes(
                args.held_on, args.attendee, args.decision, args.decided, args.adopted == "yes"
            )
        state = ws.workflow.act(args.case, args.action, actor, reason=args.reason, minutes=minutes)
        print(f"{STEPS[args.action].label}：案件状态为“{STATES[state]}”")
        return 0
    print("\n".join(case_record(ws.workflow, args.case, actor).lines()))
    return 0


def parse_citation(text: str) -> CitationSpec:
    """document:d1:2[:x0,y0,x1,y1][#note] or recording:r1:START-END[#note]."""
    body, _, note = text.partition("#")
    kind, _, rest = body.partition(":")
    target, _, where = rest.partition(":")
    try:
        if kind == "document":
            page, _, rect = where.partition(":")
            box = tuple(float(v) for v in rect.split(",")) if rect else None
            if box is not None and len(box) != 4:
                raise ValueError(rect)
            return CitationSpec(
                "document",
                target,
                page=int(page),
                rect=box,
                note=note,
            )
        if kind == "recording":
            start, _, end = where.rpartition("-") if where.count("-") == 1 else ("", "", "")
            return CitationSpec(
                "recording", target, start_ms=_ms(start), end_ms=_ms(end), note=note
            )
    except ValueError:
        pass
    raise IllegalActionError(
        f"引用格式不正确：{text}（文书：document:d1:页码[:x0,y0,x1,y1]；"
        f"录像：recording:r1:开始-结束，时间为毫秒或 时:分:秒.毫秒）"
    )


def _ms(text: str) -> int:
    if text.isdigit():
        return int(text)
    match = _TIME.match(text)
    if not match:
        raise ValueError(text)
    hours, minutes, seconds, fraction = match.groups()
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(
        (fraction or "0").ljust(3, "0")
    )


def _pair(item: str, option: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key:
        raise IllegalActionError(f"{option} 的格式应为 名称=值，实际为 {item}")
    return key.strip(), value.strip()


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    return {
        "case": checklist.case_number,
        "version": checklist.version,
        "state": checklist.state,
        "done": checklist.done,
        "outcome": checklist.outcome,
        "reasons": checklist.reasons,
        "open_errors": checklist.open_errors,
        "sections": [
            {
                "section": s.section,
                "verdict": s.verdict,
                "comment": s.comment,
                "citations": [
                    {"id": c.id, **fields}
                    for c, fields in zip(s.citations, s.citations_json(), strict=True)
                ],
                "findings": [
                    {
                        **f.finding.to_json(),
                        "fingerprint": f.fingerprint,
                        "decision": f.decision,
                        "reason": f.reason,
                    }
                    for f in s.findings
                ],
            }
            for s in checklist.sections
        ],
    }


def readable_checklist(checklist: Checklist) -> str:
    lines = [
        f"{checklist.case_number} 第 {checklist.version} 版  状态：{STATES[checklist.state]}  "
        f"已审核要点 {checklist.done}/11"
    ]
    for section in checklist.sections:
        verdict = VERDICTS.get(section.verdict or "", "未审核")
        lines.append(f"【{section.name}】{verdict}  {section.comment}".rstrip())
        for citation, text in zip(section.citations, section.cited, strict=True):
            lines.append(f"    引用 {citation.id}：{text}")
        for view in section.findings:
            decided = {"accepted": "已采纳", "dismissed": f"不予采纳（{view.reason}）"}.get(
                view.decision or "", "待处理"
            )
            lines.append(
                f"    [{SEVERITIES[view.finding.severity]}] {view.finding.rule} "
                f"{decided}：{view.finding.message}"
            )
    if checklist.outcome:
        lines.append(f"审核结论：{OUTCOMES[checklist.outcome]}  {checklist.reasons}".rstrip())
    return "\n".join(lines)
