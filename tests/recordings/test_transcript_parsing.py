"""SRT and WebVTT transcripts as they arrive from body cameras and Chinese office tools."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from recording_office import REVIEWER

from workstation.errors import IllegalActionError, StorageError, WorkstationError
from workstation.recordings.transcripts import Cue, parse_transcript

SRT = (
    "1\n00:00:00,600 --> 00:00:03,800\n刘建国：你好，我们是执法人员。\n\n"
    "2\n00:00:04,000 --> 00:00:07,200\n<i>现依法</i>进行现场检查，\n全程录音录像。\n\n"
    "3\n00:01:02,5 --> 01:00:00,000 X1:10 X2:20\n{\\an8}Milk 牛奶 &amp; 酸奶\n"
)
VTT = """WEBVTT - 现场检查
Kind: captions
Language: zh-CN

NOTE 这是备注
不是台词

STYLE
::cue { color: yellow }

REGION
id:left width:40%

cue-1
00:00.600 --> 00:03.800 align:start position:10%
<v 刘建国>你好，我们是执法人员。</v>

00:00:04.000 --> 00:00:07.200
<v.loud 张丽>好的，<b>我们配合</b>。<00:00:05.000>检查吧

1:00:00.000 --> 1:00:01.000
最后一句
"""


def test_srt_cues_with_tags_removed_and_lines_joined() -> None:
    transcript = parse_transcript(SRT.encode("utf-8"), "a.srt")
    assert transcript.cues == (
        Cue(600, 3800, "刘建国：你好，我们是执法人员。"),
        Cue(4000, 7200, "现依法进行现场检查， 全程录音录像。"),
        Cue(62500, 3_600_000, "Milk 牛奶 & 酸奶"),
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("gb18030"),
        lambda text: text.encode("utf-16"),
    ],
    ids=["utf-8", "bom-crlf", "gb18030", "utf-16"],
)
def test_encodings_and_line_ends_give_the_same_cues(encode: Any) -> None:
    expected = parse_transcript(SRT.encode("utf-8"), "a.srt").cues
    assert parse_transcript(encode(SRT), "a.srt").cues == expected
    vtt = parse_transcript(VTT.encode("utf-8"), "a.vtt").cues
    assert parse_transcript(encode(VTT), "a.vtt").cues == vtt


def test_webvtt_header_blocks_settings_and_voices() -> None:
    transcript = parse_transcript(VTT.encode("utf-8"), "a.vtt")
    assert transcript.cues == (
        Cue(600, 3800, "你好，我们是执法人员。", "刘建国"),
        Cue(4000, 7200, "好的，我们配合。检查吧", "张丽"),
        Cue(3_600_000, 3_601_000, "最后一句"),
    )


def test_the_current_line_follows_media_time() -> None:
    transcript = parse_transcript(SRT.encode("utf-8"), "a.srt")
    assert transcript.cue_at(0) is None
    assert transcript.index_at(600) == 0
    assert transcript.index_at(3799) == 0
    assert transcript.index_at(3800) is None  # between lines
    assert transcript.index_at(5000) == 1
    assert transcript.index_at(62_500) == 2
    assert transcript.index_at(3_600_000) is None


def test_with_overlapping_lines_the_latest_started_is_current() -> None:
    text = (
        "1\n00:00:00,000 --> 00:00:10,000\n长的一句\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n插话\n\n"
        "3\n00:00:04,000 --> 00:00:05,000\n又一句\n"
    )
    transcript = parse_transcript(text.encode(), "o.srt")
    assert [transcript.index_at(ms) for ms in (1000, 2500, 3500, 4500, 9999, 10000)] == [
        0,
        1,
        0,
        2,
        0,
        None,
    ]


def test_search_finds_chinese_and_latin_in_any_case_and_width() -> None:
    transcript = parse_transcript(SRT.encode("utf-8"), "a.srt")
    assert transcript.search("执法") == [0]
    assert transcript.search("录音录像") == [1]
    assert transcript.search("milk") == [2]
    assert transcript.search("ＭＩＬＫ") == [2]  # full-width, as a Chinese IME types it
    assert transcript.search("  ") == []
    assert transcript.search("罚款") == []
    vtt = parse_transcript(VTT.encode("utf-8"), "a.vtt")
    assert vtt.search("张丽") == [1]  # the speaker counts


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00\xd8", "转写文本 坏.srt 无法读取"),
        (b"\x81\x30\xff\xff" * 4, "转写文本 坏.srt 无法读取"),
        (b"just some text\n", "不是 SRT 或 WebVTT 字幕文件"),
        (
            "1\n00:00:01,000 -> 00:00:02,000\n一\n\n2\n00:00:03,000 --> 00:00:04,000\n二\n".encode(),
            "第1行：缺少时间轴",
        ),
        ("1\n00:00:01,000 --> 00:00:0x,000\n一\n".encode(), "第2行：时间轴格式无效"),
        ("1\n00:00:03,000 --> 00:00:02,000\n一\n".encode(), "第2行：结束时间早于开始时间"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n一\n\n一句没有时间\n".encode(), "第6行：缺少时间轴"),
    ],
)
def test_broken_files_are_refused_naming_the_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(WorkstationError, match=message) as caught:
        parse_transcript(data, "坏.srt")
    assert "坏.srt" in caught.value.message


def test_a_cue_right_under_the_webvtt_header_is_kept() -> None:
    transcript = parse_transcript("WEBVTT\n00:01.000 --> 00:02.000\n一\n".encode(), "a.vtt")
    assert transcript.cues == (Cue(1000, 2000, "一"),)


def test_empty_transcripts_have_no_cues() -> None:
    assert parse_transcript(b"", "a.srt").cues == ()
    assert parse_transcript(b"WEBVTT\n", "a.vtt").cues == ()


def test_the_service_reads_a_recordings_stored_transcript(ws: Any, food: str) -> None:
    transcript = ws.recordings.transcript(food, "r2", REVIEWER)
    assert transcript.name == "media/执法记录仪A02.srt"
    assert len(transcript.cues) == 6
    line = transcript.cue_at(10_000)
    assert line is not None
    assert line.text == "王晓萌：三号货架这箱鲁源纯牛奶，保质期到2月18日，已经过期了。"
    assert transcript.search("牛奶") == [3]


def test_a_recording_without_a_transcript_or_with_a_lost_file_is_refused(
    ws: Any, food: str, seizure: str
) -> None:
    with pytest.raises(IllegalActionError, match="执法记录仪 B07没有随案卷提交转写文本"):
        ws.recordings.transcript(seizure, "r1", REVIEWER)
    stored = ws.recordings.timeline(food, REVIEWER).recording("r1")
    version = ws.resolve(food)
    sha = version.recordings[0].transcript.evidence_sha256
    path: Path = ws.store.path_for(sha)
    path.chmod(0o600)
    path.unlink()
    assert stored is not None
    with pytest.raises(StorageError, match="转写文本 media/执法记录仪A01.srt 无法读取"):
        ws.recordings.transcript(food, "r1", REVIEWER)


def test_a_transcript_with_more_cues_than_any_hearing_is_refused_before_parsing() -> None:
    # L5: a million cues took 8.9 s and 834 MB to open; they are counted, not parsed.
    from workstation.recordings.transcripts import MAX_CUES

    cue = "1\n00:00:01,000 --> 00:00:02,000\n字\n\n"
    with pytest.raises(WorkstationError) as refused:
        parse_transcript((cue * (MAX_CUES + 1)).encode(), "庭审.srt")
    assert refused.value.message == (
        f"转写文本 庭审.srt 有 {MAX_CUES + 1} 条字幕时间轴，超过上限 {MAX_CUES} 条，不予显示"
        "（文件可能有误，请核对）"
    )
    assert len(parse_transcript((cue * MAX_CUES).encode(), "庭审.srt").cues) == MAX_CUES
