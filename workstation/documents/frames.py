"""Frames between the viewer and its render worker: a JSON header, then raw bytes.

Each frame is two big-endian 32-bit lengths (header, payload), the header as UTF-8 JSON (an
object) and the payload's bytes (a page's pixels, or nothing). JSON and raw bytes only, never
pickle: a worker taken over by a hostile file can send wrong answers, not run code here.
"""

from __future__ import annotations

import json
import struct
from typing import IO, Any

_PREFIX = struct.Struct(">II")
MAX_HEADER_BYTES = 16 * 1024**2  # a page's words and text, with room to spare
MAX_PAYLOAD_BYTES = 512 * 1024**2  # a page at the viewer's largest zoom is ~200 MB

Frame = tuple[dict[str, Any], bytes]


class FrameError(Exception):
    """The other side broke the protocol (bad lengths, truncated or invalid JSON)."""


def write_frame(stream: IO[bytes], header: dict[str, Any], payload: bytes = b"") -> None:
    """Send one frame and flush it."""
    data = json.dumps(header, ensure_ascii=False).encode("utf-8")
    stream.write(_PREFIX.pack(len(data), len(payload)) + data)
    if payload:
        stream.write(payload)
    stream.flush()


def read_frame(
    stream: IO[bytes],
    max_header: int = MAX_HEADER_BYTES,
    max_payload: int = MAX_PAYLOAD_BYTES,
) -> Frame | None:
    """The next frame; None when the stream ended cleanly between frames."""
    prefix = stream.read(_PREFIX.size)
    if not prefix:
        return None
    if len(prefix) != _PREFIX.size:
        raise FrameError("truncated frame prefix")
    header_size, payload_size = _PREFIX.unpack(prefix)
    if header_size > max_header or payload_size > max_payload:
        raise FrameError(f"frame too large: header {header_size}, payload {payload_size}")
    data = _read_exactly(stream, header_size)
    payload = _read_exactly(stream, payload_size) if payload_size else b""
    try:
        header = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise FrameError(f"invalid header: {exc}") from exc
    if not isinstance(header, dict):
        raise FrameError("header is not an object")
    return header, payload


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise FrameError("truncated frame")
    return data
