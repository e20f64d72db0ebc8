"""Child of test_sound_device: QtPlayers opened, played, seeked, paused and closed over and
over while Qt has a sound device, as an office PC has. Before QtPlayer released the GIL
for those calls this hung within a few cycles (Qt's audio renderer thread, torn down,
waited for the GIL under a lock the UI thread's call needed). Prints what it did as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from child_support import spin
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication

from workstation.media.qt_player import QtPlayer


def main() -> None:
    clip, cycles = Path(sys.argv[1]), int(sys.argv[2])
    app = QApplication([])
    devices = len(QMediaDevices.audioOutputs())
    done = 0
    heard: dict[str, object] = {}
    for cycle in range(cycles):
        player = QtPlayer()
        player.open(str(clip))
        if not spin(lambda p=player: p.position_ms() >= 0, 10):
            break
        player.play()
        spin(lambda: False, 0.05 + 0.01 * (cycle % 5))  # teardown at varying moments
        player.seek(3_000 + 40 * cycle)
        player.set_rate(2.0)
        player.pause()
        player.set_muted(cycle % 2 == 0)
        player.set_volume(cycle % 101)
        if player._audio is not None:  # what reached Qt's audio output
            heard = {
                "volume": round(player._audio.volume() * 100),
                "muted": player._audio.isMuted(),
            }
        player.close()
        player.deleteLater()
        spin(lambda: False, 0.02)
        done += 1
    sys.stdout.write(json.dumps({"devices": devices, "cycles": done, **heard}) + "\n")
    app.quit()


if __name__ == "__main__":
    main()
