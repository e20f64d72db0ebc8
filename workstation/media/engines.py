"""Which playback engine plays a file, and what to say when libVLC is not installed.

QtMultimedia ships inside PySide6-Addons, so it is always there; libVLC comes from the
operating system and may be missing. The choice (docs/media.md): QtMultimedia first, for its
frame-exact seeks and steps; libVLC for a file QtMultimedia cannot play, or for every file
when the office sets `[media] engine = "vlc"`.
"""

from __future__ import annotations

import sys
from functools import cache
from types import ModuleType

from workstation.errors import MediaEngineMissingError

ENGINES = ("qt", "vlc")


def install_hint() -> str:
    """The command (or download) that installs libVLC on this system."""
    if sys.platform.startswith("win"):
        return "请安装 64 位 VLC 3.0（与本程序位数一致），安装包可从单位软件库获取"
    if sys.platform == "darwin":
        return "请安装 VLC 3.0 到“应用程序”文件夹"
    return "请执行：sudo apt install libvlc5 vlc-plugin-base vlc-plugin-video-output"


@cache
def _import_vlc() -> ModuleType | str:
    try:
        import vlc  # python-vlc loads libVLC when imported

        vlc.libvlc_get_version()
    # python-vlc calls sys.exit when PYTHON_VLC_LIB_PATH names a library it cannot load
    except (ImportError, OSError, NotImplementedError, AttributeError, SystemExit) as exc:
        return str(exc) or type(exc).__name__
    return vlc


def vlc_missing_message() -> str | None:
    """None when libVLC can be used, else a Chinese message with the install command."""
    found = _import_vlc()
    if isinstance(found, ModuleType):
        return None
    return f"本机未安装 VLC 播放组件（libVLC），部分录音录像无法播放。{install_hint()}。"


def load_vlc() -> ModuleType:
    """The python-vlc module with libVLC loaded, or MediaEngineMissingError saying so."""
    found = _import_vlc()
    if isinstance(found, ModuleType):
        return found
    message = vlc_missing_message()
    assert message is not None
    raise MediaEngineMissingError(message, [found])


def engine_order(preference: str, vlc_available: bool) -> list[str]:
    """The engines to try for a file, in order, under the office's preference."""
    if preference not in ("auto", *ENGINES):
        raise ValueError(f"unknown media engine {preference!r}")
    if preference == "vlc":
        return ["vlc"] if vlc_available else []
    if preference == "qt":
        return ["qt"]
    return ["qt", "vlc"] if vlc_available else ["qt"]
