"""The readable form of a check report: Chinese, grouped by checklist section."""

from __future__ import annotations

from itertools import groupby

from workstation.rules import wording
from workstation.rules.engine import CheckReport
from workstation.rules.findings import SECTION_NAMES, SEVERITIES


def readable(report: CheckReport) -> str:
    """The report as a reviewer reads it in a terminal."""
    lines = [f"案件：{report.case_number}", f"规则包：{report.pack_name}（{report.pack_id}）"]
    if report.major:
        lines.append(f"重大执法决定：是（{'；'.join(report.major_reasons)}）")
    else:
        lines.append("重大执法决定：未命中本规则包的目录，请结合案情判断")
    if report.review_due:
        note = "（日历未覆盖，结果仅供参考）" if report.review_due_approximate else ""
        lines.append(f"审核期限：{wording.day(report.review_due)}{note}")
    counts = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    lines.append("发现：" + "，".join(f"{SEVERITIES[s]} {n} 项" for s, n in counts.items()))
    for section, findings in groupby(report.findings, key=lambda f: f.section):
        lines.append("")
        lines.append(f"【{SECTION_NAMES[section]}】")
        for item in findings:
            where = f"（{'、'.join(item.refs)}）" if item.refs else ""
            lines.append(f"  [{SEVERITIES[item.severity]}] {item.rule} {item.message}{where}")
    if not report.findings:
        lines += ["", "未发现可自动判断的问题。其余审核要点请审核人员逐项判断。"]
    return "\n".join(lines)
