<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../workstation/ui/workspace/checklist_model.py" line="96"/>
        <source>Point</source>
        <translation>审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/checklist_model.py" line="96"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../workstation/ui/workspace/checklist_panel.py" line="230"/>
        <source>Done {0}/{1}</source>
        <translation>已完成 {0}/{1}</translation>
    </message>
    <message>
        <source>Reading the checklist…</source>
        <translation>正在读取审核要点……</translation>
    </message>
    <message>
        <source>You may edit the review: every change is saved as you make it</source>
        <translation>可以填写审核意见：每项修改即时保存</translation>
    </message>
</context>
<context>
    <name>CiteDialog</name>
    <message>
        <location filename="../../workstation/ui/workspace/cite_dialog.py" line="34"/>
        <source>Cite in the checklist</source>
        <translation>引用到审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/cite_dialog.py" line="44"/>
        <source>What this passage shows (optional)</source>
        <translation>这段内容说明什么（可不填）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/cite_dialog.py" line="62"/>
        <source>Section</source>
        <translation>审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/cite_dialog.py" line="63"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="109"/>
        <source>Dismiss finding</source>
        <translation>不予采纳</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="110"/>
        <source>Why does finding {0} not apply? The reason is kept with the review.</source>
        <translation>为什么不采纳自动检查发现 {0}？理由将随审核意见一并留存。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="125"/>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="212"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="125"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="125"/>
        <source>Finding</source>
        <translation>检查发现</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="125"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="149"/>
        <source>Click a reference to open it</source>
        <translation>单击引用项可打开对应内容</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="152"/>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="154"/>
        <source>The finding holds: it becomes part of the review</source>
        <translation>该发现成立，纳入审核意见</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="156"/>
        <source>Dismiss…</source>
        <translation>不予采纳…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="158"/>
        <source>The finding does not apply: give the reason</source>
        <translation>该发现不成立，须说明理由</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="173"/>
        <source>References:</source>
        <translation>相关内容：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="212"/>
        <source>Rule ({0})</source>
        <translation>规则（{0}项）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="247"/>
        <source>Accepted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="249"/>
        <source>Dismissed: {0}</source>
        <translation>不予采纳：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="250"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="264"/>
        <source>Select a finding to see its references.</source>
        <translation>选择一项检查发现，查看相关内容。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="283"/>
        <source>Not a document, event or recording of this case</source>
        <translation>不是本案的文书、程序事项或音视频</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="286"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="296"/>
        <source>{0} (id {1}): click to open it</source>
        <translation>{0}（编号 {1}），单击打开</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/findings_panel.py" line="299"/>
        <source>{0}: from the case data, nothing to open</source>
        <translation>{0}：案卷记载的信息，没有可打开的文件</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="34"/>
        <source>Record the collective discussion</source>
        <translation>记录集体讨论决定</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="40"/>
        <source>Names, separated by 、 or commas</source>
        <translation>出席人员姓名，用顿号或逗号分隔</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="47"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="49"/>
        <source>The review opinion was adopted</source>
        <translation>采纳了法制审核意见</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="60"/>
        <source>Held on</source>
        <translation>讨论日期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="61"/>
        <source>Attendees</source>
        <translation>出席人员</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="62"/>
        <source>Decision</source>
        <translation>讨论决定</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/minutes_dialog.py" line="63"/>
        <source>Outcome</source>
        <translation>决定结果</translation>
    </message>
</context>
<context>
    <name>OutcomeBox</name>
    <message>
        <location filename="../../workstation/ui/workspace/outcome_box.py" line="33"/>
        <source>Outcome</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/outcome_box.py" line="71"/>
        <source>No outcome yet</source>
        <translation>尚未填写审核结论</translation>
    </message>
    <message>
        <source>Reasons (required to return or reject; saved as you type)</source>
        <translation>理由（退回补正或不同意时必填，输入即自动保存）</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <source>Not saved yet…</source>
        <translation>尚未保存…</translation>
    </message>
    <message>
        <source>Choose an outcome to save the reasons</source>
        <translation>请先选择审核结论，理由随之保存</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../workstation/ui/workspace/reason_dialog.py" line="36"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/reason_dialog.py" line="36"/>
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
</context>
<context>
    <name>WorkflowActions</name>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="121"/>
        <source>Accept for review</source>
        <translation>受理审核</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="122"/>
        <source>Return as incomplete…</source>
        <translation>材料不全退回…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="123"/>
        <source>Request extension…</source>
        <translation>申请延期…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="124"/>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="125"/>
        <source>Deny extension…</source>
        <translation>不批准延期…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="126"/>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="179"/>
        <source>Issue opinion</source>
        <translation>出具审核意见</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="127"/>
        <source>Sign…</source>
        <translation>签发…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="128"/>
        <source>Request re-review…</source>
        <translation>申请复审…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="129"/>
        <source>Negotiate…</source>
        <translation>提出协商…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="130"/>
        <source>Refer to collective discussion…</source>
        <translation>提请集体讨论…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="131"/>
        <source>Record minutes…</source>
        <translation>记录讨论决定…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="132"/>
        <source>Resubmit</source>
        <translation>重新送审</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="138"/>
        <source>{0} · state: {1}</source>
        <translation>{0} · 状态：{1}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="171"/>
        <source>{0}: the reason is required and is kept on record.</source>
        <translation>{0}：须书面写明理由，理由将记录在案。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workflow_actions.py" line="174"/>
        <source>{0}: a reason may be recorded (optional).</source>
        <translation>{0}：可以写明理由（可不填）。</translation>
    </message>
    <message>
        <source>Outcome: {0}</source>
        <translation>审核结论：{0}</translation>
    </message>
    <message>
        <source>Reasons: {0}</source>
        <translation>理由：{0}</translation>
    </message>
    <message>
        <source>Checklist points with a verdict: {0}/{1}</source>
        <translation>已填写结论的审核要点：{0}/{1}</translation>
    </message>
    <message>
        <source>Once the opinion is issued the checklist, the outcome and the opinion's wording can no longer be changed. Issue it now?</source>
        <translation>出具后，审核要点、审核结论和意见书文字均不能再修改。确定现在出具审核意见吗？</translation>
    </message>
    <message>
        <source>You may not take “{0}” on this case</source>
        <translation>您不能对本案办理“{0}”</translation>
    </message>
    <message>
        <source>{0}: the action before it is still being taken</source>
        <translation>{0}：上一项操作仍在办理，请稍候</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>SectionEditor</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove the verdict of this point</source>
        <translation>清除本要点的审核结论</translation>
    </message>
    <message>
        <source>Comment on this point (saved as you type)</source>
        <translation>本要点的审核意见（输入即自动保存）</translation>
    </message>
    <message>
        <source>Remove citation</source>
        <translation>删除引用</translation>
    </message>
    <message>
        <source>Double-click a citation to open it.</source>
        <translation>双击引用可跳转到原文。</translation>
    </message>
</context>
</TS>
