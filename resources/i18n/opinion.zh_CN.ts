<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>OpinionEditor</name>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="127" />
            <source>Save now</source>
            <translation>立即保存</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="129" />
            <source>Export DOCX…</source>
            <translation>导出 DOCX…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="131" />
            <source>Export PDF…</source>
            <translation>导出 PDF…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="133" />
            <source>Sign…</source>
            <translation>签发…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="220" />
            <source>Case state: {0}</source>
            <translation>案件状态：{0}</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="232" />
            <source>Read only: {0}</source>
            <translation>只读：{0}</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="238" />
            <source>Sign the opinion as head</source>
            <translation>以法制机构负责人身份签发意见书</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="243" />
            <source>signed by {0} on {1} · key {2}</source>
            <translation>{0} 于 {1} 签发 · 密钥 {2}</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="247" />
            <source>draft, not saved yet</source>
            <translation>草稿，尚未保存</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="248" />
            <source>draft, revision {0}</source>
            <translation>草稿，第 {0} 稿</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="264" />
            <source>Not saved yet</source>
            <translation>尚未保存</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="277" />
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="298" />
            <source>All changes saved</source>
            <translation>已全部保存</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="281" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="305" />
            <source>Not saved: {0}</source>
            <translation>未能保存：{0}</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="123" />
            <source>Exporting {0}…</source>
            <translation>正在导出 {0}…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="223" />
            <source>{0} · {1} · case state: {2} · {3}</source>
            <translation>{0} · {1} · 案件状态：{2} · {3}</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_editor.py" line="316" />
            <source>Exported to {0}</source>
            <translation>已导出到 {0}</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <source>Printing needs the PDF preview (LibreOffice)</source>
            <translation>打印需要 PDF 预览（LibreOffice）</translation>
        </message>
    </context>
    <context>
        <name>OpinionExporter</name>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="43" />
            <source>Cannot export PDF</source>
            <translation>无法导出 PDF</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="46" />
            <source>{0} opinion</source>
            <translation>{0} 审核意见书</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="47" />
            <source>Word document (*.docx)</source>
            <translation>Word 文档 (*.docx)</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="47" />
            <source>PDF (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="49" />
            <source>Export the opinion</source>
            <translation>导出审核意见书</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_export.py" line="68" />
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
    </context>
    <context>
        <name>OpinionPreview</name>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="127" />
            <source>Updating the preview…</source>
            <translation>正在更新预览…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="200" />
            <source>Page {0}</source>
            <translation>第 {0} 页</translation>
        </message>
        <message numerus="yes">
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="206" />
            <source>Print preview (LibreOffice), %n page(s)</source>
            <translation>
                <numerusform>打印预览（LibreOffice），共 %n 页</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="212" />
            <source>LibreOffice could not lay out the document ({0}). This preview shows its text and headings; page breaks may differ from the printed opinion.</source>
            <translation>LibreOffice 未能排版本文书（{0}）。此预览显示文书的文字和标题，分页可能与打印件不同。</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="217" />
            <source>LibreOffice is not installed on this computer: this preview shows the text and headings of the opinion, but the exact page layout needs LibreOffice.</source>
            <translation>本机未安装 LibreOffice：此预览显示意见书的文字和标题，准确的版面需要安装 LibreOffice 后才能显示。</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="225" />
            <source>Text preview (without LibreOffice)</source>
            <translation>文字预览（未使用 LibreOffice）</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_preview.py" line="229" />
            <source>No preview: {0}</source>
            <translation>无法预览：{0}</translation>
        </message>
    </context>
    <context>
        <name>OpinionTextsForm</name>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_texts.py" line="36" />
            <source>Optional. Several paragraphs: one per line.</source>
            <translation>可不填。分段时每段一行。</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/opinion_texts.py" line="45" />
            <source>The other parts of the opinion — the case, the proposed decision, each section's verdict, comment, findings and citations, the outcome and its reasons — come from the checklist: change them there.</source>
            <translation>意见书的其余部分——案件情况、拟作出的决定、各审核要点的审核情况、意见、发现的问题和引用材料、审核结论及理由——均来自审核要点，请在审核要点中修改。</translation>
        </message>
    </context>
    <context>
        <name>SignDialog</name>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="50" />
            <source>Sign the opinion</source>
            <translation>签发审核意见书</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="53" />
            <source>Loading…</source>
            <translation>正在读取…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="64" />
            <source>Passphrase of your signing key</source>
            <translation>您的签名密钥口令</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="69" />
            <source>Case number:</source>
            <translation>案号：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="70" />
            <source>Case:</source>
            <translation>案由：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="71" />
            <source>Outcome:</source>
            <translation>审核结论：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="72" />
            <source>Document number:</source>
            <translation>文号：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="73" />
            <source>Signing key:</source>
            <translation>签名密钥：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="74" />
            <source>Passphrase:</source>
            <translation>签名口令：</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="78" />
            <source>Signing files the opinion into the case record with your digital signature and moves the case to the outcome above. A signed opinion cannot be changed.</source>
            <translation>签发将以您的数字签名把意见书归入案卷，并使案件转入上述审核结论对应的状态。意见书签发后不能再修改。</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="91" />
            <source>Sign</source>
            <translation>签发</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="113" />
            <source>Signing…</source>
            <translation>正在签发…</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="140" />
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <location filename="../../workstation/ui/opinion/sign_dialog.py" line="177" />
            <source>Not signed.</source>
            <translation>未签发。</translation>
        </message>
    <message>
        <source>Checklist:</source>
        <translation>审核要点：</translation>
    </message>
    <message>
        <source>Open findings:</source>
        <translation>待处理的自动检查发现：</translation>
    </message>
</context>
</TS>