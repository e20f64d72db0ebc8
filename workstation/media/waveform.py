"""A recording's sound as a row of peaks for the waveform lane (PyAV; no Qt).

Decoding a long interview takes a while, so this runs as a job: it reports progress and stops
when asked. Peaks are the largest absolute sample in each of `buckets` equal slices of the
recording, 0–1.
"""

from __future__ import annotations

import threading
from array import array
from pathlib import Path

import av

from workstation.errors import WorkstationError
from workstation.progress import Progress, stop_if_cancelled


def peaks(
    path: Path,
    buckets: int = 2000,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[float]:
    """Peaks of the first audio stream; an empty list when the file has no sound."""
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as exc:
        raise WorkstationError(f"无法读取 {path.name} 的声音：{exc}") from exc
    with container:
        if not container.streams.audio:
            return []
        stream = container.streams.audio[0]
        duration_s = _duration_s(container, stream)
        if duration_s <= 0:
            return []
        result = [0.0] * buckets
        resampler = av.AudioResampler(format="flt", layout="mono")
        try:
            for frame in container.decode(stream):
                stop_if_cancelled(cancel, f"已取消 {path.name} 的波形计算")
                if frame.pts is None or frame.time_base is None:
                    continue
                start_s = float(frame.pts * frame.time_base)
                for mono in resampler.resample(frame):
                    _fold(result, mono, start_s, duration_s, buckets)
                if progress is not None:
                    progress(min(start_s / duration_s, 1.0), path.name)
        except av.error.FFmpegError:
            pass  # keep the peaks of what decoded: a damaged tail still shows its beginning
    return result


def _duration_s(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    return (container.duration or 0) / 1_000_000


def _fold(
    result: list[float], frame: av.AudioFrame, start_s: float, duration_s: float, buckets: int
) -> None:
    samples = array("f", bytes(frame.planes[0])[: frame.samples * 4])
    rate = frame.sample_rate or 1
    per_bucket = duration_s / buckets
    for offset in range(0, len(samples), 256):  # a peak per 256 samples is plenty for a lane
        chunk = samples[offset : offset + 256]
        peak = max(abs(min(chunk)), abs(max(chunk)))
        index = int((start_s + offset / rate) / per_bucket)
        if 0 <= index < buckets and peak > result[index]:
            result[index] = min(peak, 1.0)
