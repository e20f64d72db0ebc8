"""Demo recordings with PyAV: small H.264/AAC body-camera videos and audio-only recordings.

The sound is synthetic — a start beep, then voice-like tones wherever the transcript has a
line (a different pitch per speaker) — so waveform, subtitles and picture line up. Every
encoder and muxer runs single-threaded with `bitexact`, so the same spec gives the same
bytes (with the same bundled FFmpeg).
"""

from __future__ import annotations

import array
import logging
import math
from datetime import UTC, timedelta
from fractions import Fraction
from functools import cache
from itertools import cycle, islice
from pathlib import Path
from typing import cast

import av

from workstation.demo import scenes
from workstation.demo.model import Line, RecordingSpec

log = logging.getLogger(__name__)

FPS = 12
AUDIO_RATE = 16_000
AUDIO_FRAME = 1024  # samples per audio frame handed to the encoder
_BITEXACT = {"flags": "+bitexact"}
_PITCHES = (118.0, 205.0, 142.0, 176.0, 130.0)  # Hz, one per speaker in order of appearance
_TONES = (1.0, 1.12, 0.9, 1.05, 0.82)  # a tonal contour: each syllable's pitch factor
_SYLLABLES_PER_S = 4.0
_TABLE = 2048


@cache
def _voice_table() -> tuple[float, ...]:
    """One period of a voice-like wave: a fundamental with two weaker harmonics."""
    return tuple(
        (
            math.sin(2 * math.pi * k / _TABLE)
            + 0.5 * math.sin(4 * math.pi * k / _TABLE)
            + 0.25 * math.sin(6 * math.pi * k / _TABLE)
        )
        / 1.75
        for k in range(_TABLE)
    )


@cache
def _syllable_envelope(rate: int) -> tuple[float, ...]:
    length = int(rate / _SYLLABLES_PER_S)
    return tuple(math.sin(math.pi * k / length) ** 2 for k in range(length))


@cache
def _hiss() -> tuple[float, ...]:
    """A short block of quiet noise from a fixed linear congruential generator."""
    seed, block = 12345, []
    for _ in range(4096):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        block.append((seed / 0x7FFFFFFF - 0.5) * 0.01)
    return tuple(block)


def synthesise(cues: list[Line], seconds: float, rate: int = AUDIO_RATE) -> array.array:
    """Mono float samples: a start beep, voice-like tones during cues, a quiet hiss."""
    count = round(seconds * rate)
    out = list(islice(cycle(_hiss()), count))
    for i in range(min(count, int(0.15 * rate))):  # the device's start-of-recording beep
        out[i] += 0.3 * math.sin(2 * math.pi * 1000 * i / rate)
    table, envelope = _voice_table(), _syllable_envelope(rate)
    pitch: dict[str, float] = {}
    for cue in cues:
        f0 = pitch.setdefault(cue.speaker, _PITCHES[len(pitch) % len(_PITCHES)])
        first, last = int(cue.start * rate), min(int(cue.end * rate), count)
        phase = 0.0
        for syllable, begin in enumerate(range(first, last, len(envelope))):
            step = f0 * _TONES[(syllable * 3 + len(cue.text)) % len(_TONES)] * _TABLE / rate
            for k in range(min(len(envelope), last - begin)):
                phase += step
                if phase >= _TABLE:
                    phase -= _TABLE
                out[begin + k] += 0.45 * envelope[k] * table[int(phase)]
    # Peaks stay below 0.8 of full scale, so no clipping is needed. Planar float is what
    # the AAC and MP3 encoders take, so the samples reach them without resampling.
    return array.array("f", out)


def _add_audio(container: av.container.OutputContainer, codec: str) -> av.audio.AudioStream:
    stream = cast(
        "av.audio.AudioStream",
        container.add_stream(codec, rate=AUDIO_RATE, layout="mono", options=_BITEXACT),
    )
    stream.bit_rate = 32_000
    stream.codec_context.thread_count = 1
    return stream


def _encode_audio(
    container: av.container.OutputContainer, stream: av.audio.AudioStream, samples: array.array
) -> None:
    for offset in range(0, len(samples), AUDIO_FRAME):
        chunk = samples[offset : offset + AUDIO_FRAME]
        frame = av.AudioFrame(format="fltp", layout="mono", samples=len(chunk))
        frame.planes[0].update(chunk.tobytes())
        frame.sample_rate = AUDIO_RATE
        frame.pts = offset
        frame.time_base = Fraction(1, AUDIO_RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def _video_codec() -> tuple[str, int, dict[str, str]]:
    """H.264 when the bundled FFmpeg has libx264, else MPEG-4 Part 2 (also plays everywhere)."""
    if "libx264" in av.codecs_available:
        # x264's macroblock-tree rate control gave different bytes from run to run (seen
        # with PyAV 18 / x264 core 165): switched off, the output is repeatable.
        return (
            "libx264",
            FPS,
            {
                **_BITEXACT,
                "preset": "veryfast",
                "crf": "33",
                "threads": "1",
                "g": str(2 * FPS),
                "x264-params": "mbtree=0",
            },
        )
    return "mpeg4", FPS, {**_BITEXACT, "b": "100k", "threads": "1", "g": str(2 * FPS)}


def _open(path: Path, spec: RecordingSpec) -> av.container.OutputContainer:
    suffix = path.suffix.lower()
    fmt = {".mp4": "mp4", ".m4a": "ipod", ".mp3": "mp3"}[suffix]
    options = {"fflags": "+bitexact"}
    if fmt != "mp3":
        options["movflags"] = "+faststart"  # index first: players can start at once
    container = av.open(str(path), "w", format=fmt, container_options=options)
    # Body cameras stamp their own (uncorrected) clock into the file.
    created = spec.started_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    container.metadata["creation_time"] = created
    container.metadata["title"] = f"{spec.label} {spec.started_at:%Y%m%d%H%M%S}"
    return container


def _add_video(container: av.container.OutputContainer) -> av.video.VideoStream:
    stream = cast("av.video.VideoStream", container.add_stream(*_video_codec()))
    stream.width, stream.height, stream.pix_fmt = scenes.WIDTH, scenes.HEIGHT, "yuv420p"
    stream.codec_context.thread_count = 1
    return stream


def _encode_video(
    container: av.container.OutputContainer, stream: av.video.VideoStream, spec: RecordingSpec
) -> None:
    assert spec.scene is not None
    variant = int(spec.label[-1]) % 3 if spec.label[-1].isdigit() else 0
    for index in range(round(spec.seconds * FPS)):
        seconds = index / FPS
        image = scenes.frame(spec.scene, seconds, variant)
        # The burnt-in clock is the device's own, uncorrected one.
        clock = spec.started_at + timedelta(seconds=seconds)
        scenes.overlay(image, spec.label, clock, index, spec.operator)
        frame = av.VideoFrame.from_image(image)
        frame.pts = index
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def write_recording(spec: RecordingSpec, path: Path) -> None:
    """Write the recording's media file (video with sound, or sound only) to `path`."""
    samples = synthesise(spec.cues(), spec.seconds)
    container = _open(path, spec)
    try:
        # Every stream must exist before the first packet is written.
        video = _add_video(container) if spec.scene is not None else None
        audio = _add_audio(container, "libmp3lame" if path.suffix.lower() == ".mp3" else "aac")
        if video is not None:
            _encode_video(container, video, spec)
        _encode_audio(container, audio, samples)
    finally:
        container.close()
    log.debug("wrote %s (%d bytes)", path, path.stat().st_size)


def probe_duration(path: Path) -> float:
    """The duration FFmpeg reports for a media file, in seconds."""
    with av.open(str(path)) as container:
        if container.duration is None:
            raise ValueError(f"{path} 没有时长信息")
        return container.duration / 1_000_000


def srt(cues: list[Line]) -> bytes:
    """An SRT transcript (UTF-8, CRLF as Windows tools write it), speaker before each line."""

    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        return (
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
        )

    blocks = [
        f"{n}\r\n{stamp(c.start)} --> {stamp(c.end)}\r\n{c.speaker}：{c.text}\r\n"
        for n, c in enumerate(cues, start=1)
    ]
    return "\r\n".join(blocks).encode("utf-8")
