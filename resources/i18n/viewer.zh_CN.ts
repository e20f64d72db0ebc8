<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BusyPage</name>
    <message>
        <location filename="../../workstation/ui/viewer/busy_page.py" line="28"/>
        <source>Opening “{0}”…</source>
        <translation>正在打开《{0}》…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/busy_page.py" line="32"/>
        <source>Converting “{0}” to PDF with LibreOffice…</source>
        <translation>正在用 LibreOffice 将《{0}》转换为 PDF…</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="16"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="17"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="18"/>
        <source>Go to page…</source>
        <translation>跳转到页…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="19"/>
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="20"/>
        <source>Next match</source>
        <translation>下一处</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="21"/>
        <source>Previous match</source>
        <translation>上一处</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="22"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="23"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="24"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="25"/>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="26"/>
        <source>Rotate clockwise (view only)</source>
        <translation>顺时针旋转（仅显示）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="27"/>
        <source>Copy selected text</source>
        <translation>复制选中的文字</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="31"/>
        <source>Cite an area: drag a rectangle on the page</source>
        <translation>引用区域：在页面上拖出矩形</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/actions.py" line="36"/>
        <source>Cite the selected text</source>
        <translation>引用选中的文字</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="64"/>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="138"/>
        <source>No document is open.</source>
        <translation>未打开文档。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="195"/>
        <source>LibreOffice could not convert this Word document ({0}). It is shown as text, tables and pictures; the layout is approximate.</source>
        <translation>LibreOffice 无法转换此 Word 文档（{0}），现仅显示其文字、表格和图片，版式仅供参考。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="200"/>
        <source>LibreOffice is not installed, so this Word document is shown as text, tables and pictures; the layout is approximate.</source>
        <translation>未安装 LibreOffice，此 Word 文档仅显示文字、表格和图片，版式仅供参考。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="212"/>
        <source>This file is marked as damaged: {0}</source>
        <translation>此文件已标记为损坏：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="219"/>
        <source>This PDF is damaged. It was repaired for display; some content may be missing or wrong.</source>
        <translation>此 PDF 文件已损坏，已自动修复后显示，部分内容可能缺失或有误。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="274"/>
        <source>Cannot open “{0}”: {1}</source>
        <translation>无法打开《{0}》：{1}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="276"/>
        <source>Cannot open “{0}”: the file is missing or cannot be read.</source>
        <translation>无法打开《{0}》：文件不存在或无法读取。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="278"/>
        <source>Cannot open “{0}”: its content is not a PDF, although its type says so.</source>
        <translation>无法打开《{0}》：文件类型为 PDF，但内容不是 PDF。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="280"/>
        <source>Cannot open “{0}”: the file is damaged.</source>
        <translation>无法打开《{0}》：文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="282"/>
        <source>Cannot open “{0}”: the Word document is protected by a password, which the viewer cannot open.</source>
        <translation>无法打开《{0}》：该 Word 文档设有密码保护，查看器无法打开。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="286"/>
        <source>Cannot show “{0}”: the viewer does not support this kind of file.</source>
        <translation>无法显示《{0}》：查看器不支持此类文件。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="289"/>
        <source>Cannot open “{0}”.</source>
        <translation>无法打开《{0}》。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/document_viewer.py" line="291"/>
        <source>Details: {0}</source>
        <translation>详细信息：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/failure_text.py" line="18"/>
        <source>“{0}” timed out when the import parsed it; it may be damaged or built to attack the viewer. To protect this computer it is not opened in the workstation.</source>
        <translation>《{0}》在导入时解析超时，可能已损坏或被恶意构造；为保护本机，不在工作站中打开。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/failure_text.py" line="23"/>
        <source>“{0}” crashed the parser when the import read it; it may be damaged or built to attack the viewer. To protect this computer it is not opened in the workstation.</source>
        <translation>《{0}》在导入时使解析程序崩溃，可能已损坏或被恶意构造；为保护本机，不在工作站中打开。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/failure_text.py" line="45"/>
        <source>Cannot show “{0}”: reading it took too long or too much memory and was stopped; the file may be damaged or built to attack the viewer.</source>
        <translation>无法显示《{0}》：读取该文件耗时过长或占用内存过多，已停止；文件可能已损坏或被恶意构造。</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <location filename="../../workstation/ui/viewer/password_prompt.py" line="21"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/password_prompt.py" line="24"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/password_prompt.py" line="40"/>
        <source>“{0}” is protected by a password. Enter it to view the file.</source>
        <translation>《{0}》设有密码保护，请输入密码后查看。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/password_prompt.py" line="55"/>
        <source>Wrong password. Please try again.</source>
        <translation>密码错误，请重新输入。</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <location filename="../../workstation/ui/viewer/pdf_view.py" line="253"/>
        <source>Page cannot be shown</source>
        <translation>此页无法显示</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="20"/>
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="25"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一处（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="29"/>
        <source>Next match (F3)</source>
        <translation>下一处（F3）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="34"/>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="58"/>
        <source>{0} of {1}</source>
        <translation>第 {0} 处，共 {1} 处</translation>
    </message>
    <message numerus="yes">
        <location filename="../../workstation/ui/viewer/search_bar.py" line="60"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>共 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="62"/>
        <source>No matches</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/search_bar.py" line="64"/>
        <source>Searching… {0}</source>
        <translation>正在查找… {0}</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="24"/>
        <source>Page number (Ctrl+G)</source>
        <translation>页码（Ctrl+G）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="30"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="31"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="32"/>
        <source>Zoom −</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="33"/>
        <source>Zoom +</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="34"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="35"/>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="36"/>
        <source>Rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="37"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="38"/>
        <source>Cite area</source>
        <translation>引用区域</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="58"/>
        <source>/ {0}</source>
        <translation>/ {0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/viewer/toolbar.py" line="68"/>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
</context>
</TS>
