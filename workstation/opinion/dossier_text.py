"""The review dossier's readable parts: 审核要点.txt and 说明.txt (plain Chinese text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from workstation.review.checklist import VERDICTS, Checklist
from workstation.review.workflow_rules import OUTCOMES
from workstation.rules.findings import SEVERITIES

_DECISIONS = {"accepted": "采纳", "dismissed": "不予采纳"}


def checklist_text(view: Checklist) -> str:
    """Each point with its verdict, comment, citations and findings; then the outcome."""
    lines = [f"{view.case_number}（第 {view.version} 版）审核要点", ""]
    for number, section in enumerate(view.sections, start=1):
        verdict = VERDICTS.get(section.verdict or "", "未填写")
        lines.append(f"{number}. {section.name}：{verdict}")
        if section.comment:
            lines += [f"   {line}" for line in section.comment.splitlines()]
        lines += [f"   引用：{text}" for text in section.cited]
        for view_of in section.findings:
            finding = view_of.finding
            decided = _DECISIONS.get(view_of.decision or "", "未处理")
            reason = f"（理由：{view_of.reason}）" if view_of.reason else ""
            severity = SEVERITIES.get(finding.severity, finding.severity)
            lines.append(f"   [{severity}] {finding.rule} {finding.message} — {decided}{reason}")
    lines += ["", f"审核结论：{OUTCOMES.get(view.outcome or '', '未填写')}"]
    if view.reasons:
        lines.append(f"理由：{view.reasons}")
    return "\n".join(lines) + "\n"


def readme_text(
    summary: Mapping[str, Any], opinions: Sequence[Mapping[str, Any]], files: Sequence[str]
) -> str:
    """What the dossier is, what it holds and how a recipient checks it."""
    case = summary["case"]
    root = summary["office_root"]
    lines = [
        "法制审核档案",
        "",
        f"案件：{case['number']} {case['title']}（第 {case['version']} 版，{case['review_state_label']}）",
        f"导出：{summary['exported_by_name']}（{summary['exported_by']}），{summary['exported_at']}",
    ]
    if root is not None:
        lines.append(f"办公室根密钥：{root['office']} {root['fingerprint']}")
    lines += ["", "意见书："]
    for opinion in opinions:
        state = f"已签发，{opinion['docx']}" if opinion["docx"] else "未签发"
        lines.append(
            f"  第 {opinion['revision']} 稿 {opinion['number']}（{opinion['outcome_label']}）：{state}"
        )
    if not opinions:
        lines.append("  尚无")
    lines += [
        "",
        "文件：",
        *[f"  {name}" for name in files],
        "  MANIFEST.sha256（各文件的 SHA-256）",
    ]
    lines += [
        "",
        "核对：",
        "  workstation verify-dossier <本文件夹>：逐一重算哈希，指出被改动、缺少或多出的文件",
        "  workstation opinion verify 意见书/第n稿.docx --root <签发办公室根密钥指纹>：核验签名",
    ]
    return "\n".join(lines) + "\n"
