"""The player in a real window (X11 under Xvfb) and on a machine without libVLC: both in a
child process, since the platform and python-vlc's library are chosen at start-up."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# One X server at a time: two `xvfb-run -a` starting together may pick the same display.
pytestmark = [pytest.mark.gui, pytest.mark.xdist_group("xvfb")]

CHILD = Path(__file__).with_name("show_in_window.py")


def _run(clip: Path, engine: str, env: dict[str, str], xvfb: bool) -> dict[str, object]:
    command = [sys.executable, str(CHILD), str(clip), engine]
    if xvfb:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", *command]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("engine", ["qt", "vlc"])
def test_the_frame_is_on_the_screen_of_a_real_window(clip_20s: Path, engine: str) -> None:
    assert shutil.which("xvfb-run"), (
        "xvfb-run is installed by make test (scripts/system-packages.sh)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    shown = _run(clip_20s, engine, env, xvfb=True)
    assert shown["platform"] == "xcb"
    assert shown["engine"] == {"qt": "QtMultimedia", "vlc": "libVLC"}[engine]
    if engine == "qt":
        assert shown["number"] == 125
    else:
        assert isinstance(shown["number"], int)
        assert abs(shown["number"] - 125) <= 5


def test_without_libvlc_the_office_is_told_what_to_install(clip_20s: Path) -> None:
    env = dict(os.environ, PYTHON_VLC_LIB_PATH="/nonexistent/libvlc.so.5")
    chosen_vlc = _run(clip_20s, "vlc", env, xvfb=False)
    assert chosen_vlc["engine"] is None
    assert "sudo apt install libvlc5" in str(chosen_vlc["message"])
    # the default keeps working: QtMultimedia plays the recording
    default = _run(clip_20s, "auto", env, xvfb=False)
    assert default["engine"] == "QtMultimedia"
    assert "libVLC" in str(default["vlc_missing"])
