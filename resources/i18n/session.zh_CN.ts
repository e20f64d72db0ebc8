<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="57"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="64"/>
        <source>The workstation ran into an unexpected error.</source>
        <translation>工作站遇到了意外错误。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="68"/>
        <source>Work already saved is safe: every edit is stored as it is made. You can carry on; if the error comes back, save a report and give it to your administrator.</source>
        <translation>已保存的工作不受影响：每项修改在作出时即已保存。您可以继续工作；如果错误再次出现，请保存报告并交给系统管理员。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="85"/>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="86"/>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="87"/>
        <source>Quit workstation</source>
        <translation>退出工作站</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="88"/>
        <source>Continue</source>
        <translation>继续工作</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="112"/>
        <source>%n more error(s) happened after this one; they are in the details.</source>
        <translation>
            <numerusform>此后又发生了 %n 个错误，详见下方详情。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="130"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="137"/>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="139"/>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="148"/>
        <source>Could not save the report</source>
        <translation>无法保存报告</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/crash_dialog.py" line="151"/>
        <source>Report saved</source>
        <translation>报告已保存</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="61"/>
        <source>Log in — Legal Review Workstation</source>
        <translation>登录 — 法制审核工作站</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="67"/>
        <source>workstation users add LOGIN --name NAME --role administrator --password-stdin</source>
        <translation>workstation users add 登录名 --name 姓名 --role administrator --password-stdin</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="82"/>
        <source>&amp;Login name:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="83"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="88"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="89"/>
        <source>Continue without logging in</source>
        <translation>不登录继续</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="90"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="108"/>
        <source>No user is registered yet. Until the administrator registers the first one, the workstation can only import and show cases. To register an administrator, run in a terminal:</source>
        <translation>尚未登记任何用户。在系统管理员登记第一位用户之前，工作站只能导入和查看案卷。登记系统管理员，请在终端中运行：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="118"/>
        <source>Log in with the login name and password you were given.</source>
        <translation>请输入分配给您的登录名和密码。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="170"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="123"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="124"/>
        <source>&amp;Repeat it:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="131"/>
        <source>Save the new password</source>
        <translation>保存新密码</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="202"/>
        <source>The two new passwords differ; type them again.</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/login_dialog.py" line="235"/>
        <source>Your password was set by the administrator. Choose a new password that only you know before you go on (at least 8 characters).</source>
        <translation>您的密码由系统管理员设置。请先设置一个只有您本人知道的新密码（至少 8 个字符），然后继续。</translation>
    </message>
</context>
<context>
    <name>RecoveryNotice</name>
    <message>
        <location filename="../../workstation/ui/shell/recovery_notice.py" line="21"/>
        <source>Work recovered</source>
        <translation>已恢复的工作</translation>
    </message>
</context>
<context>
    <name>DueNotice</name>
    <message>
        <location filename="../../workstation/ui/shell/due_notice.py" line="19"/>
        <source>Deadlines</source>
        <translation>审核期限提醒</translation>
    </message>
</context>
</TS>
