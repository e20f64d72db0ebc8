"""With a sound device, as every office PC has, the Qt engine must not hang. A private
PulseAudio server with a null sink gives Qt a device; the players run in a child process,
so a deadlock fails the test on its timeout instead of hanging the suite."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

CHILD = Path(__file__).with_name("with_sound_device.py")
CYCLES = 100  # without the fix 3 runs of 3 hung within 100 cycles; with it, ~10 s


@pytest.fixture
def pulse_server() -> Iterator[str]:
    """A PulseAudio server of its own with one null sink; its address for PULSE_SERVER."""
    binary = shutil.which("pulseaudio")
    assert binary, "pulseaudio is installed by make test (scripts/system-packages.sh)"
    folder = Path(tempfile.mkdtemp(prefix="pulse-"))
    folder.chmod(0o777)  # as root, PulseAudio runs as the 'pulse' user and binds here
    socket = folder / "native"
    command = [binary, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit"]
    command += ["--use-pid-file=no"]  # a server already running (as root: system-wide) is no matter
    command += ["--load=module-null-sink sink_name=office"]
    command += [f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1"]
    if os.geteuid() == 0:
        command.append("--system")  # PulseAudio refuses root's own session
    env = dict(os.environ, HOME=str(folder), XDG_RUNTIME_DIR=str(folder))
    log = (folder / "log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.05)
        assert socket.exists(), (folder / "log").read_text()[-2000:]
        yield f"unix:{socket}"
    finally:
        server.terminate()
        server.wait(10)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_players_open_seek_and_close_without_hanging_when_there_is_sound(
    clip_20s: Path, pulse_server: str
) -> None:
    env = dict(os.environ, PULSE_SERVER=pulse_server, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(CHILD), str(clip_20s), str(CYCLES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["devices"] >= 1  # Qt saw the sound device: the renderer thread ran
    assert result["cycles"] == CYCLES
    last = CYCLES - 1  # the volume and mute of the last cycle reached Qt's audio output
    assert (result["volume"], result["muted"]) == (last % 101, last % 2 == 0)
