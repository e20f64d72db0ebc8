"""The text of an error report: version, platform, traceback and the last lines of the log.

Plain Python so that it can be built anywhere; the crash dialog shows it, copies it and saves
it as a file an administrator can read on an offline PC.
"""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType

import workstation
from workstation.redact import redact

LOG_TAIL_LINES = 200
_TAIL_BYTES = 256 * 1024  # enough for 200 lines; never read a whole 2 MiB log for a report


def format_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """The full traceback, chained causes included (personal numbers masked)."""
    return redact("".join(traceback.format_exception(exc_type, exc, tb)))


def summary_line(exc_type: type[BaseException], exc: BaseException) -> str:
    """One line naming the error: `ValueError: bad page`."""
    text = redact(str(exc)).strip().splitlines()
    return f"{exc_type.__name__}: {text[0]}" if text else exc_type.__name__


def environment(extra: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """What an administrator needs to know about where the error happened."""
    rows = [
        ("工作站版本", workstation.__version__),
        ("Python", sys.version.split()[0]),
        ("操作系统", platform.platform()),
    ]
    rows.extend((extra or {}).items())
    return rows


def header(moment: datetime, extra: Mapping[str, str] | None = None) -> str:
    """The report's first lines: title, time and environment."""
    lines = ["法制审核工作站 错误报告", f"时间：{moment.isoformat(timespec='seconds')}"]
    lines += [f"{name}：{value}" for name, value in environment(extra)]
    return "\n".join(lines) + "\n"


def recent_log_lines(log_file: Path | None, limit: int = LOG_TAIL_LINES) -> list[str]:
    """The last `limit` lines of the log file (none if it cannot be read)."""
    if log_file is None:
        return []
    try:
        with log_file.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - _TAIL_BYTES))
            data = handle.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    if len(data) == _TAIL_BYTES and lines:
        lines = lines[1:]  # the first line was cut in the middle
    return lines[-limit:]


def build_report(
    details: str, log_file: Path | None, moment: datetime, extra: Mapping[str, str] | None = None
) -> str:
    """The whole report: header, the error(s), the recent log."""
    tail = recent_log_lines(log_file)
    parts = [
        header(moment, extra),
        "== 错误详情 ==",
        details.rstrip() + "\n",
        f"== 日志最后 {len(tail)} 行（{log_file or '无日志文件'}）==",
        *tail,
    ]
    return redact("\n".join(parts) + "\n")  # the log tail of older versions, too
