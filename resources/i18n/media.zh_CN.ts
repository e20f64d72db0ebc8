<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MediaPanel</name>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="67" />
        <source>Whose sound is heard; its frames drive the clock</source>
        <translation>播放哪一路的声音；以其画面为时间基准</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="72" />
        <source>Loading the recordings…</source>
        <translation>正在读取录音录像…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="114" />
        <source>This case has no recordings.</source>
        <translation>本案没有录音录像。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="166" />
        <source>Checking {0} against the store…</source>
        <translation>正在核对{0}的哈希值…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="236" />
        <source>{0} recording(s) in step.</source>
        <translation>{0} 路录音录像已同步。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="260" />
        <source>No footage (无录像)</source>
        <translation>无录像</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="303" />
        <source>This recording cannot be played.</source>
        <translation>此录音录像无法播放。</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="356" />
        <source>Recordings (tick up to four)</source>
        <translation>录音录像（最多勾选四路）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_panel.py" line="358" />
        <source>Sound from</source>
        <translation>声音来源</translation>
    </message>
</context>
<context>
    <name>MediaReviewBar</name>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="53" />
        <source>No range marked</source>
        <translation>尚未标记区间</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="54" />
        <source>Mark in (I)</source>
        <translation>入点 (I)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="55" />
        <source>Mark out (O)</source>
        <translation>出点 (O)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="56" />
        <source>Cite bookmark…</source>
        <translation>引用书签…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="57" />
        <source>Snapshot to opinion</source>
        <translation>截图插入意见书</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="58" />
        <source>Align mark…</source>
        <translation>对齐标记…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="61" />
        <source>Mark a moment in the recording heard now, then hear another recording, find the same moment and press again: its clock is set to match</source>
        <translation>先在当前收听的录像中标记某一时刻，再切换到另一路录像、找到同一时刻后再按一次：其时钟将校正为一致</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="67" />
        <source>Clock −1 frame</source>
        <translation>时钟 −1 帧</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="68" />
        <source>Clock +1 frame</source>
        <translation>时钟 +1 帧</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="70" />
        <source>Clock {0:+d} ms</source>
        <translation>时钟 {0:+d} 毫秒</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="101" />
        <source>In {0}</source>
        <translation>入点 {0}</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="106" />
        <source>Mark the start first (I)</source>
        <translation>请先标记入点 (I)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="111" />
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="112" />
        <source>{0}–{1}: what it shows</source>
        <translation>{0}–{1}：所见内容</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="118" />
        <source>Bookmark saved</source>
        <translation>书签已保存</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="124" />
        <source>Choose a bookmark to cite</source>
        <translation>请选择要引用的书签</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="155" />
        <source>Alignment mark at {0}; now hear the other recording</source>
        <translation>已在 {0} 标记对齐点，请切换到另一路录像</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="165" />
        <source>Clocks aligned</source>
        <translation>时钟已对齐</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="170" />
        <source>No picture to take</source>
        <translation>没有可截取的画面</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="178" />
        <source>Snapshot added to the opinion</source>
        <translation>截图已插入意见书</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/media_review_bar.py" line="216" />
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Mark the start of a bookmark</source>
        <translation>标记书签起点</translation>
    </message>
    <message>
        <source>Mark its end and save it</source>
        <translation>标记书签终点并保存</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <location filename="../../workstation/ui/recordings/player_widget.py" line="70" />
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/player_widget.py" line="124" />
        <source>This recording cannot be played.</source>
        <translation>此录音录像无法播放。</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="51" />
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="121" />
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="52" />
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="54" />
        <source>Previous frame (,)</source>
        <translation>上一帧（,）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="56" />
        <source>Next frame (.)</source>
        <translation>下一帧（.）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="58" />
        <source>Speed ([ slower, ] faster)</source>
        <translation>速度（[ 减慢，] 加快）</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="60" />
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="66" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="108" />
        <source>Go to time</source>
        <translation>跳转到时间</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="109" />
        <source>Time (hh:mm:ss.mmm):</source>
        <translation>时间（时:分:秒.毫秒）：</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/recordings/transport_bar.py" line="121" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Back 1 minute</source>
        <translation>后退 1 分钟</translation>
    </message>
    <message>
        <source>Forward 1 minute</source>
        <translation>前进 1 分钟</translation>
    </message>
    <message>
        <source>Go to a time (hh:mm:ss.mmm)</source>
        <translation>跳转到时间（时:分:秒.毫秒）</translation>
    </message>
    <message>
        <source>Sound off or on</source>
        <translation>静音或恢复声音</translation>
    </message>
</context>
<context>
    <name>WaveformLane</name>
    <message>
        <location filename="../../workstation/ui/recordings/waveform_lane.py" line="21" />
        <source>Sound; click to go there</source>
        <translation>声音波形；单击跳转到该处</translation>
    </message>
</context>
<context>
    <name>MediaDock</name>
    <message>
        <source>Recordings</source>
        <translation>音视频记录</translation>
    </message>
</context>
<context>
    <name>RecordingChoice</name>
    <message>
        <source>Cannot be played</source>
        <translation>无法播放</translation>
    </message>
</context>
</TS>