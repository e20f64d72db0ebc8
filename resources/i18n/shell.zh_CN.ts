<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseNavigator</name>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="37" />
        <source>Documents</source>
        <translation>案卷材料</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="44" />
        <source>Recordings</source>
        <translation>音视频记录</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="48" />
        <source>Procedure events</source>
        <translation>程序节点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="53" />
        <source>Import findings</source>
        <translation>导入问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/workspace/navigator.py" line="92" />
        <source>%n page(s)</source>
        <translation><numerusform>%n 页</numerusform></translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="43" />
        <source>Earlier opinions</source>
        <translation>此前的审核意见</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="86" />
        <source>Case file, version {0} (version {1} is not under review)</source>
        <translation>案卷第 {0} 版（第 {1} 版尚未进入审核）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="86" />
        <source>Case file, version {0}</source>
        <translation>案卷第 {0} 版</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="95" />
        <source>Submitted for review on {0}</source>
        <translation>{0} 送审</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="113" />
        <source>(none recorded)</source>
        <translation>（未记载）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="115" />
        <source>{0}: revision {1} of the opinion, on version {2} of the case file
Outcome: {3}
Reasons: {4}
Signed by {5} on {6}</source>
        <translation>{0}：审核意见书第 {1} 稿，审核的是案卷第 {2} 版
审核结论：{3}
理由：{4}
签发：{5}，{6}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="127" />
        <source>The filed document is missing from the evidence store</source>
        <translation>存档的意见书文件不在证据库中</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="132" />
        <source>Reasons: {0}</source>
        <translation>理由：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="107" />
        <source>Revision {0} · {1}</source>
        <translation>第 {0} 稿 · {1}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/navigator.py" line="128" />
        <source>Signed by {0} on {1}</source>
        <translation>{0} {1} 签发</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="76" />
        <source>Documents</source>
        <translation>案卷材料</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="77" />
        <source>Written opinion</source>
        <translation>审核意见书</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="82" />
        <source>Reading the case file…</source>
        <translation>正在读取案卷……</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="96" />
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="206" />
        <source>Case file</source>
        <translation>案卷</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="97" />
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="206" />
        <source>Review checklist</source>
        <translation>审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="98" />
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="206" />
        <source>Automatic findings</source>
        <translation>自动核查发现</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="9" />
        <source>Show the documents</source>
        <translation>显示案卷材料</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="10" />
        <source>Show the written opinion</source>
        <translation>显示审核意见书</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="11" />
        <source>Verdict: no problem</source>
        <translation>结论：无问题</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="12" />
        <source>Verdict: problem found</source>
        <translation>结论：存在问题</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="13" />
        <source>Verdict: not applicable</source>
        <translation>结论：不适用</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="14" />
        <source>Next checklist section</source>
        <translation>下一个审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="18" />
        <source>Previous checklist section</source>
        <translation>上一个审核要点</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="20" />
        <source>Accept the finding</source>
        <translation>采纳所选核查发现</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="24" />
        <source>Dismiss the finding with a reason</source>
        <translation>不予采纳所选核查发现（需说明理由）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/workspace_shortcuts.py" line="27" />
        <source>Read the open case again</source>
        <translation>重新读取当前案件</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/workspace/case_workspace.py" line="222" />
        <source>The case has no document {0}</source>
        <translation>本案没有编号为 {0} 的材料</translation>
    </message>
    <message>
        <source>Put the cursor on the document's pages</source>
        <translation>光标移到文书页面</translation>
    </message>
    <message>
        <source>Put the cursor in the checklist</source>
        <translation>光标移到审核要点列表</translation>
    </message>
    <message>
        <source>Outcome: approve</source>
        <translation>审核结论：同意</translation>
    </message>
    <message>
        <source>Outcome: return for completion</source>
        <translation>审核结论：退回补正</translation>
    </message>
    <message>
        <source>Outcome: reject</source>
        <translation>审核结论：不同意</translation>
    </message>
    <message>
        <source>Accept the case for review</source>
        <translation>受理审核</translation>
    </message>
    <message>
        <source>Issue the opinion (saves what is typed, then asks)</source>
        <translation>出具审核意见（先保存已输入的内容，再请您确认）</translation>
    </message>
    <message>
        <source>The checklist is still being read</source>
        <translation>正在读取审核要点，请稍候</translation>
    </message>
    <message>
        <source>No document is shown: choose one in the case file</source>
        <translation>尚未打开文书：请在案卷中选择</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="41" />
        <source>Import case bundle</source>
        <translation>导入案卷包</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="47" />
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="51" />
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="57" />
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="57" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="57" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="62" />
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="63" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="103" />
        <source>Cancelling… nothing will be kept.</source>
        <translation>正在取消……本次导入的内容不会保留。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="119" />
        <source>{0} {1}: same content as version {2}, nothing changed.</source>
        <translation>{0} {1}：内容与第 {2} 版相同，未作更改。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="123" />
        <source>Imported {0} {1}, version {2}.</source>
        <translation>已导入 {0} {1} 第 {2} 版。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="133" />
        <source>Import failed: {0}</source>
        <translation>导入失败：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="144" />
        <source>Import cancelled. Nothing was stored.</source>
        <translation>已取消导入，未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="136" />
        <location filename="../../workstation/ui/shell/import_dialog.py" line="159" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/import_dialog.py" line="159" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="53" />
        <source>Legal Review Workstation</source>
        <translation>法制审核工作站</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="73" />
        <source>Cases</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="102" />
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="235" />
        <source>The case opens as soon as the data folder is open…</source>
        <translation>数据文件夹打开后即打开该案件…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="109" />
        <source>&amp;Import bundle…</source>
        <translation>导入案卷包(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="111" />
        <source>Import bundle &amp;folder…</source>
        <translation>导入案卷文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="114" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="116" />
        <source>Case &amp;list</source>
        <translation>案件列表(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="118" />
        <source>&amp;Close case</source>
        <translation>关闭案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="120" />
        <source>Next tab</source>
        <translation>下一个标签页</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="121" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="123" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="127" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="128" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="133" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="137" />
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="140" />
        <source>Restore the default &amp;layout</source>
        <translation>恢复默认布局(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="143" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="252" />
        <source>Import case bundle</source>
        <translation>导入案卷包</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="252" />
        <source>Case bundles (*.zip);;All files (*)</source>
        <translation>案卷包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="259" />
        <source>Import case bundle folder</source>
        <translation>导入案卷文件夹</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="316" />
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="320" />
        <source>Search the case list</source>
        <translation>搜索案件列表</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="323" />
        <source>Open case</source>
        <translation>案件工作区</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="324" />
        <source>Document viewer</source>
        <translation>文书查看</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="325" />
        <source>Written opinion</source>
        <translation>审核意见书</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="328" />
        <source>Save the wording now</source>
        <translation>立即保存意见书文字</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/main_window.py" line="344" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>音视频记录</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../workstation/ui/shell/shortcuts_dialog.py" line="41" />
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/shortcuts_dialog.py" line="44" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/shortcuts_dialog.py" line="44" />
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../workstation/ui/error_dialog.py" line="21" />
        <source>File error: {0}</source>
        <translation>文件错误：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/error_dialog.py" line="24" />
        <source>Internal error: {0}</source>
        <translation>内部错误：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/error_dialog.py" line="35" />
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
</context>
<context>
    <name>UserStatus</name>
    <message>
        <location filename="../../workstation/ui/shell/user_status.py" line="22" />
        <source>Signed in: {0}</source>
        <translation>当前用户：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/user_status.py" line="22" />
        <source>Signed in: {0} ({1})</source>
        <translation>当前用户：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/user_status.py" line="26" />
        <source>Login name: {0}</source>
        <translation>登录名：{0}</translation>
    </message>
</context>
<context>
    <name>BundleDrops</name>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="34" />
        <source>Drop one case bundle at a time ({0} items were dropped).</source>
        <translation>一次只能拖入一个案卷包（刚才拖入了 {0} 项）。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="39" />
        <source>{0} is not a file on this computer: save the bundle first, then drop it.</source>
        <translation>{0} 不是本机上的文件：请先把案卷包保存到本机，再拖入。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="51" />
        <source>{0} is not a case bundle: drop a bundle ZIP file (.zip) or a bundle folder holding case.json.</source>
        <translation>{0} 不是案卷包：请拖入案卷包 ZIP 文件（.zip）或含有 case.json 的案卷包文件夹。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="55" />
        <source>{0} cannot be imported: it is neither a file nor a folder.</source>
        <translation>{0} 无法导入：它既不是文件，也不是文件夹。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="67" />
        <source>The folder {0} is not a case bundle: it has no case.json, but its folder {1} has. Drop that folder instead.</source>
        <translation>文件夹 {0} 不是案卷包：其中没有 case.json，但它里面的文件夹 {1} 有。请改为拖入文件夹 {1}。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="67" />
        <source>The folder {0} is not a case bundle: a bundle folder holds case.json at its top level.</source>
        <translation>文件夹 {0} 不是案卷包：案卷包文件夹的第一层必须有 case.json。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/shell/bundle_drops.py" line="89" />
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../workstation/ui/file_dialogs.py" line="106" />
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/file_dialogs.py" line="110" />
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/file_dialogs.py" line="129" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/file_dialogs.py" line="139" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>OfficePassword</name>
    <message>
        <source>Office database password</source>
        <translation>办公室数据库密码</translation>
    </message>
    <message>
        <source>Enter the office database's password (kept in this computer's keyring)</source>
        <translation>请输入办公室数据库的密码（保存在本机的系统密钥环中）</translation>
    </message>
</context>
<context>
    <name>PresenceBar</name>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 (on %2, since %3)</source>
        <translation>%1（%2，自 %3 起）</translation>
    </message>
    <message>
        <source>Also working in this case: %1</source>
        <translation>也在审阅本案：%1。保存时如与对方的修改冲突，将提示并载入较新的内容</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>No office root key yet (an administrator creates it: office-root create)</source>
        <translation>尚未建立办公室根密钥（由系统管理员执行 office-root create 建立）</translation>
    </message>
    <message>
        <source>%1
Fingerprint: %2</source>
        <translation>%1
指纹：%2</translation>
    </message>
    <message>
        <source>Legal Review Workstation %1</source>
        <translation>法制审核工作站 %1</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Evidence folder: %1</source>
        <translation>证据文件夹：%1</translation>
    </message>
    <message>
        <source>Office root key: %1</source>
        <translation>办公室根密钥：%1</translation>
    </message>
</context>
<context>
    <name>CaseExport</name>
    <message>
        <source>Export case bundle…</source>
        <translation>导出案卷包…</translation>
    </message>
    <message>
        <source>Export review dossier…</source>
        <translation>导出审核档案…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>尚未登录</translation>
    </message>
    <message>
        <source>Export case bundle</source>
        <translation>导出案卷包</translation>
    </message>
    <message>
        <source>Case bundle (*.zip)</source>
        <translation>案卷包 (*.zip)</translation>
    </message>
    <message>
        <source>Exported the case bundle to {0}</source>
        <translation>已导出案卷包：{0}</translation>
    </message>
    <message>
        <source>Folder for the review dossier</source>
        <translation>选择存放审核档案的文件夹</translation>
    </message>
    <message>
        <source>Exported the review dossier to {0} ({1} files). Manifest SHA-256: {2}</source>
        <translation>已导出审核档案：{0}（{1} 个文件）。清单 SHA-256：{2}（请另行告知接收方，以便核对）</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>Verifications</name>
    <message>
        <source>Verify this case</source>
        <translation>校验本案</translation>
    </message>
    <message>
        <source>Verify a signed opinion…</source>
        <translation>核验意见书签名…</translation>
    </message>
    <message>
        <source>Verifying the case…</source>
        <translation>正在校验本案…</translation>
    </message>
</context>
<context>
    <name>OpinionCheck</name>
    <message>
        <source>Verify a signed opinion</source>
        <translation>核验意见书签名</translation>
    </message>
    <message>
        <source>Drop the opinion&apos;s DOCX here (its .sig.json beside it), or choose it.</source>
        <translation>把意见书的 DOCX 文件拖到这里（其 .sig.json 须在同一文件夹），或选择文件。</translation>
    </message>
    <message>
        <source>Issuing office&apos;s root fingerprint (empty: this office&apos;s own)</source>
        <translation>签发办公室的根密钥指纹（留空：本办公室的）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在核验 {0}…</translation>
    </message>
    <message>
        <source>Signed opinion</source>
        <translation>已签发的意见书</translation>
    </message>
    <message>
        <source>Opinion (*.docx)</source>
        <translation>意见书 (*.docx)</translation>
    </message>
</context>
<context>
    <name>CaseHistory</name>
    <message>
        <source>Case &amp;history…</source>
        <translation>案件流转记录(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Case history: {0}</source>
        <translation>案件流转记录：{0}</translation>
    </message>
</context>
</TS>
