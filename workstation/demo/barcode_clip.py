"""Calibration clips: every frame carries its own number as a barcode the player tests read.

A player reports where it thinks it is; only the picture says what it shows. Each frame of a
clip made here has its index burnt in as 16 black/white stripes (13 bits of number, 3 bits of
check), wide enough to survive H.264 at a low bitrate and the scaling a player does. Reading
the stripes of a shown frame back gives the frame actually on screen, so seek and step
accuracy, and drift between two players, are measured on what the reviewer would see.
"""

from __future__ import annotations

import array
import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import cast

import av

WIDTH, HEIGHT = 160, 96
STRIPES = 16
_NUMBER_BITS = 13
_CHECK_BITS = STRIPES - _NUMBER_BITS
MAX_FRAMES = 1 << _NUMBER_BITS
AUDIO_RATE = 16_000


def _check(number: int) -> int:
    return (number * 5 + 3) % (1 << _CHECK_BITS)


def stripes(number: int) -> list[bool]:
    """The stripes (True = white) of a frame number, most significant bit first."""
    if not 0 <= number < MAX_FRAMES:
        raise ValueError(f"frame number {number} does not fit in {_NUMBER_BITS} bits")
    word = (number << _CHECK_BITS) | _check(number)
    return [bool(word >> (STRIPES - 1 - k) & 1) for k in range(STRIPES)]


def frame_rgb(number: int) -> bytes:
    """One packed RGB24 frame: the barcode on the upper two thirds, grey below."""
    stripe_width = WIDTH // STRIPES
    row = bytearray()
    for white in stripes(number):
        row += (b"\xff\xff\xff" if white else b"\x00\x00\x00") * stripe_width
    bar_rows = HEIGHT * 2 // 3
    grey = b"\x80\x80\x80" * WIDTH
    return bytes(row) * bar_rows + grey * (HEIGHT - bar_rows)


def read_number(pixel: Callable[[int, int], int], width: int, height: int) -> int | None:
    """The frame number shown in an image of any size, or None when it cannot be read.

    `pixel(x, y)` returns the luminance 0–255 at a point; sampling stripe centres on three
    rows makes the reading robust to scaling and to a blurred edge.
    """
    bits: list[bool] = []
    for k in range(STRIPES):
        x = int((k + 0.5) * width / STRIPES)
        votes = [pixel(x, int(height * f)) > 128 for f in (0.15, 0.33, 0.5)]
        bits.append(sum(votes) >= 2)
    word = 0
    for bit in bits:
        word = (word << 1) | int(bit)
    number, check = word >> _CHECK_BITS, word & ((1 << _CHECK_BITS) - 1)
    return number if _check(number) == check else None


def write_clip(
    path: Path,
    seconds: float,
    fps: int = 25,
    keyframe_interval_s: float = 2.0,
    audio: bool = True,
) -> int:
    """Write an H.264 (MPEG-4 when absent) MP4 barcode clip; returns its frame count.

    Keyframes only every `keyframe_interval_s`, as body cameras do, so a seek between two
    must decode forward from the previous keyframe — the case players get wrong.
    """
    count = round(seconds * fps)
    if count > MAX_FRAMES:
        raise ValueError(f"{count} frames do not fit the barcode")
    container = av.open(str(path), "w", format="mp4")
    try:
        codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
        options = {"g": str(round(keyframe_interval_s * fps)), "threads": "1"}
        options |= {"crf": "18", "preset": "veryfast"} if codec == "libx264" else {"qscale": "3"}
        video = cast("av.video.VideoStream", container.add_stream(codec, rate=fps, options=options))
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        sound = None
        if audio:
            sound = cast(
                "av.audio.AudioStream",
                container.add_stream("aac", rate=AUDIO_RATE, layout="mono"),
            )
        for index in range(count):
            frame = av.VideoFrame(WIDTH, HEIGHT, "rgb24")
            frame.planes[0].update(frame_rgb(index))
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            for packet in video.encode(frame.reformat(format="yuv420p")):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        if sound is not None:
            _write_tone(container, sound, seconds)
    finally:
        container.close()
    return count


def _write_tone(
    container: av.container.OutputContainer, stream: av.audio.AudioStream, seconds: float
) -> None:
    """A quiet 440 Hz tone with a louder click each second, so a waveform has shape."""
    total, block = round(seconds * AUDIO_RATE), 1024
    for offset in range(0, total, block):
        n = min(block, total - offset)
        samples = array.array(
            "f",
            (
                (0.6 if (offset + k) % AUDIO_RATE < 800 else 0.1)
                * math.sin(2 * math.pi * 440 * (offset + k) / AUDIO_RATE)
                for k in range(n)
            ),
        )
        frame = av.AudioFrame(format="fltp", layout="mono", samples=n)
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate = AUDIO_RATE
        frame.pts = offset
        frame.time_base = Fraction(1, AUDIO_RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)
