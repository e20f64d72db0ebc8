"""Run by test_faults in a child process: import a bundle and SIGKILL ourselves at a chosen
point, as a power cut or a killed process would."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from workstation.app import open_workstation
from workstation.store import staging


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(data_dir: str, bundle: str, point: str) -> None:
    ws = open_workstation(data_dir)
    if point == "adopt":  # after two files entered the store, before the commit
        adopt = staging.Staging.adopt
        calls: list[str] = []

        def adopt_then_die(self, store, staged, sha256):  # type: ignore[no-untyped-def]
            result = adopt(self, store, staged, sha256)
            calls.append(sha256)
            if len(calls) == 2:
                die()
            return result

        staging.Staging.adopt = adopt_then_die  # type: ignore[method-assign]
    if point == "committed":  # after the commit, before the staging folder is removed
        staging.Staging.remove = lambda self: die()  # type: ignore[method-assign]

    def progress(fraction: float, message: str) -> None:
        if point == "copy" and message.startswith("正在复制") and fraction > 0.3:
            die()
        if point == "probe" and message.startswith("正在识别"):
            die()

    ws.import_bundle(Path(bundle), actor="killed", progress=progress)
    sys.exit(3)  # never reached when the kill point is hit


if __name__ == "__main__":
    main(*sys.argv[1:])
