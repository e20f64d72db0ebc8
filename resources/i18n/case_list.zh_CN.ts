<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="269"/>
        <source>Decided by the rule pack&apos;s catalog; this column cannot be sorted</source>
        <translation>由规则包的重大执法决定目录判定，此列不能排序</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="299"/>
        <source>Number</source>
        <translation>案号</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="300"/>
        <source>Title</source>
        <translation>案由</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="301"/>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="302"/>
        <source>Action type</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="303"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="304"/>
        <source>State</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="305"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="306"/>
        <source>Deadline</source>
        <translation>审核期限</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="313"/>
        <source>{0} (exercise)</source>
        <translation>{0}（练习）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="322"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="323"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="323"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="337"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="340"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="341"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩 %n 日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="343"/>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="348"/>
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="344"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="352"/>
        <source>Case {0}</source>
        <translation>案件 {0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="357"/>
        <source>Due on {0} (an estimate: the rule pack&apos;s calendar ends earlier)</source>
        <translation>{0} 到期（估算：超出规则包日历范围）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="359"/>
        <source>Due on {0}</source>
        <translation>{0} 到期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="361"/>
        <source>The review is finished</source>
        <translation>审核已办结</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="313"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="352"/>
        <source>Version {0}</source>
        <translation>第 {0} 版</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_model.py" line="352"/>
        <source>Version {0} (reviewing version {1})</source>
        <translation>第 {0} 版（审核第 {1} 版）</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="156"/>
        <source>Search number, title or party</source>
        <translation>搜索案号、案由或当事人</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="166"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="167"/>
        <source>Pending</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="171"/>
        <source>Any deadline</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="172"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="173"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="175"/>
        <source>All action types</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="178"/>
        <source>Mine</source>
        <translation>我审核的</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="179"/>
        <source>Only the cases I review</source>
        <translation>只看由我审核的案件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="249"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="264"/>
        <source>Loading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="270"/>
        <source>No cases yet. Import a case bundle (File &gt; Import).</source>
        <translation>尚未导入任何案件。请通过“文件→导入”导入案卷包。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="291"/>
        <source>No matching cases</source>
        <translation>无匹配案件</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/case_list/case_list_view.py" line="291"/>
        <source>Change the search or the filters.</source>
        <translation>请修改搜索词或筛选条件。</translation>
    </message>
</context>
</TS>
