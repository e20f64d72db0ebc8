"""Probing audio and video with PyAV (FFmpeg): streams, duration, whether frames decode."""

from __future__ import annotations

import contextlib
import re
import time
from typing import Any

from workstation.casefile.probe_types import DAMAGED, OK, REPAIRED, ProbeResult
from workstation.casefile.probe_types import brief as _brief

# --- audio and video --------------------------------------------------------------------

_DECODE_FRAMES = {"video": 2, "audio": 4}
_DURATION_SCAN_S = 10.0


def probe_media(path: str) -> ProbeResult:
    import av

    av.logging.set_level(av.logging.PANIC)
    try:
        details = _probe_container(av, path, {})
    except av.FFmpegError as exc:
        return ProbeResult(
            "video",
            DAMAGED,
            f"音视频文件无法解析（文件不完整或已损坏，常见于录制中断）：{_brief(exc)}",
        )
    if details["decoded"]:
        return _media_result(details, OK, None)
    # Nothing decodes: try where real data may start after leading junk.
    for offset in _resync_candidates(path):
        try:
            retry = _probe_container(av, path, {"skip_initial_bytes": str(offset)})
        except av.FFmpegError:
            continue
        if retry["decoded"]:
            retry["skip_initial_bytes"] = offset
            return _media_result(
                retry, REPAIRED, f"文件开头有 {offset} 字节无效数据，已跳过，从有效数据处开始播放"
            )
    return _media_result(details, DAMAGED, "文件中没有可解码的音视频数据（文件不完整或已损坏）")


def _media_result(details: dict[str, Any], condition: str, reason: str | None) -> ProbeResult:
    kind = (
        "video"
        if any(s["type"] == "video" and not s.get("cover_art") for s in details["streams"])
        else "audio"
    )
    return ProbeResult(kind, condition, reason, details)


def _probe_container(av: Any, path: str, options: dict[str, str]) -> dict[str, Any]:
    with av.open(path, options=options) as container:
        streams: list[dict[str, Any]] = []
        decoded: list[str] = []
        notes: list[str] = []
        for stream in container.streams:
            if stream.type not in ("video", "audio"):
                continue
            info = _stream_info(av, stream)
            streams.append(info)
            if stream.codec_context is None:
                notes.append(f"第 {stream.index} 路{_TRACK[stream.type]}轨道缺少编码信息，已忽略")
                continue
            frames = _decode_some(container, stream, info)
            if frames:
                decoded.append(stream.type)
            elif not info.get("cover_art"):
                notes.append(f"第 {stream.index} 路{_TRACK[stream.type]}轨道无法解码")
        duration = container.duration / 1_000_000 if container.duration else None
        if duration is None:
            duration = _duration_from_packets(container)
        return {
            "container": container.format.name,
            "duration_s": duration,
            "streams": streams,
            "decoded": sorted(set(decoded)),
            "notes": notes,
        }


_TRACK = {"video": "视频", "audio": "音频"}


def _stream_info(av: Any, stream: Any) -> dict[str, Any]:
    context = stream.codec_context
    info: dict[str, Any] = {
        "index": stream.index,
        "type": stream.type,
        "codec": context.name if context is not None else None,
    }
    if stream.type == "video" and context is not None:
        info.update(width=context.width, height=context.height)
        if stream.average_rate:
            info["fps"] = round(float(stream.average_rate), 3)
        if stream.disposition & av.stream.Disposition.attached_pic:
            info["cover_art"] = True
    if stream.type == "audio" and context is not None:
        info.update(sample_rate=context.sample_rate, channels=context.channels)
    return info


def _decode_some(container: Any, stream: Any, info: dict[str, Any]) -> int:
    frames = 0
    try:
        container.seek(0)
        for frame in container.decode(stream):
            if frames == 0 and stream.type == "video":
                info["rotation"] = int(getattr(frame, "rotation", 0) or 0)
            frames += 1
            if frames >= _DECODE_FRAMES[stream.type]:
                break
    except Exception:  # a decode error after the first frames still counts what decoded
        pass
    return frames


def _duration_from_packets(container: Any) -> float | None:
    """Containers without a duration (live WebM, some body cameras): the last packet's end.

    Seek near the end first so a long recording is not read through; give up after a time
    budget rather than let the probe's own time limit mark a good file damaged.
    """
    with contextlib.suppress(Exception):
        container.seek(2**62, backward=True, any_frame=False)
    best = None
    deadline = time.monotonic() + _DURATION_SCAN_S
    try:
        for packet in container.demux():
            if time.monotonic() > deadline:
                return None
            if packet.pts is None or packet.time_base is None:
                continue
            end = float((packet.pts + (packet.duration or 0)) * packet.time_base)
            best = end if best is None else max(best, end)
    except Exception:  # a damaged tail: what was read so far is the best answer
        pass
    return best


def _resync_candidates(path: str, limit: int = 8) -> list[int]:
    """Offsets of an ID3 tag or an MPEG audio frame sync after junk at the start."""
    with open(path, "rb") as source:
        data = source.read(8 * 1024 * 1024)
    found: list[int] = []
    start = data.find(b"ID3", 1)
    if start > 0:
        found.append(start)
    for match in re.finditer(rb"\xff[\xe2-\xff]", data):
        if len(found) >= limit:
            break
        if match.start() > 0 and match.start() not in found:
            found.append(match.start())
    return found
