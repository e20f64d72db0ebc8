"""Whether a window can be shown here, and what to do instead when it cannot."""

from __future__ import annotations

import os
import sys


def missing_display_message() -> str | None:
    """None when a window can open; otherwise a Chinese sentence saying how to proceed."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "没有可用的图形显示（未设置 DISPLAY）。在没有显示器的机器上可用虚拟显示运行："
        "xvfb-run -a make run （或 xvfb-run -a workstation）；命令行功能见 workstation --help"
    )
