<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="87"/>
        <source>Case timeline</source>
        <translation>案件时间轴</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="99"/>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="380"/>
        <source>Procedure events</source>
        <translation>执法程序</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="185"/>
        <source>Added by {0}</source>
        <translation>添加人：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="250"/>
        <source>Time: {0}</source>
        <translation>时间：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="252"/>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="274"/>
        <source>Note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="254"/>
        <source>No recording covers this event</source>
        <translation>无录音录像覆盖</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="256"/>
        <source>Covered by a recording</source>
        <translation>有录音录像覆盖</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="260"/>
        <source>not named</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="265"/>
        <source>Operator: {0}</source>
        <translation>执法人员：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="266"/>
        <source>Recorded: {0} – {1} ({2})</source>
        <translation>录制时段：{0} – {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="271"/>
        <source>Activity: {0}</source>
        <translation>执法环节：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="274"/>
        <source>Cannot be played: {0}</source>
        <translation>无法播放：{0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/timeline_view.py" line="370"/>
        <source>This case has no recordings or procedure events</source>
        <translation>本案没有录音录像，也没有执法程序记录</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="53"/>
        <source>Search the transcript</source>
        <translation>搜索转写文本</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="55"/>
        <source>▲</source>
        <translation>▲</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="55"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一处（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="56"/>
        <source>▼</source>
        <translation>▼</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="56"/>
        <source>Next match (Enter)</source>
        <translation>下一处（Enter）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="59"/>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="59"/>
        <source>Keep the current line in view</source>
        <translation>始终显示正在播放的字幕行</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="132"/>
        <source>{0} has no transcript</source>
        <translation>{0}没有转写文本</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="133"/>
        <source>No transcript</source>
        <translation>无转写文本</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="135"/>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="138"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="136"/>
        <source>The transcript {0} has no lines</source>
        <translation>转写文本 {0} 中没有字幕行</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="269"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transcript_panel.py" line="271"/>
        <source>{0} of {1}</source>
        <translation>{0}/{1}</translation>
    </message>
</context>
</TS>
