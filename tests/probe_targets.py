"""Probe functions that misbehave, run by ProbeRunner in its child process in tests."""

from __future__ import annotations

import ctypes
import time

from workstation.casefile.probe import ProbeResult, probe_file


def hang_on_hang_files(path: str, name: str) -> ProbeResult:
    """Like probe_file, but never returns for files named *hang*."""
    if "hang" in name:
        time.sleep(3600)
    return probe_file(path, name)


def crash_on_crash_files(path: str, name: str) -> ProbeResult:
    """Like probe_file, but dies of a segmentation fault on files named *crash*."""
    if "crash" in name:
        ctypes.string_at(0)
    return probe_file(path, name)


def allocate_without_limit(path: str, name: str) -> ProbeResult:
    """Tries to hold 8 GiB, as a decompression bomb would."""
    hoard = bytearray(8 * 1024**3)
    return ProbeResult("unknown", "ok", None, {"size": len(hoard)})
