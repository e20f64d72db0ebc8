<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="188"/>
        <source>Decided by the rule pack&apos;s catalog; this column cannot be sorted</source>
        <translation>由规则包的重大执法决定目录判定，此列不能排序</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="218"/>
        <source>Number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="219"/>
        <source>Title</source>
        <translation>案由</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="220"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="221"/>
        <source>Action type</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="222"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="223"/>
        <source>State</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="224"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="225"/>
        <source>Deadline</source>
        <translation>审核期限</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="232"/>
        <source>{0} (exercise)</source>
        <translation>{0}（练习）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="239"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="240"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="240"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="254"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list_model.py" line="257"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list_model.py" line="258"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩 %n 日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list_model.py" line="260"/>
        <location filename="../../workstation/ui/case_list_model.py" line="265"/>
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list_model.py" line="261"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="269"/>
        <source>Case {0}</source>
        <translation>案件 {0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="274"/>
        <source>Due on {0} (an estimate: the rule pack&apos;s calendar ends earlier)</source>
        <translation>{0} 到期（估算：超出规则包日历范围）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="276"/>
        <source>Due on {0}</source>
        <translation>{0} 到期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_model.py" line="278"/>
        <source>The review is finished</source>
        <translation>审核已办结</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="115"/>
        <source>Search number, title or party</source>
        <translation>搜索案号、案由或当事人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="125"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="126"/>
        <source>Pending</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="130"/>
        <source>Any deadline</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="131"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="132"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="134"/>
        <source>All action types</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="137"/>
        <source>Mine</source>
        <translation>我审核的</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="138"/>
        <source>Only the cases I review</source>
        <translation>只看由我审核的案件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list_view.py" line="207"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="224"/>
        <source>No cases yet. Import a case bundle (File &gt; Import).</source>
        <translation>尚未导入任何案件。请通过“文件→导入”导入案卷包。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list_view.py" line="226"/>
        <source>No case matches the filters.</source>
        <translation>没有符合筛选条件的案件。</translation>
    </message>
</context>
</TS>
