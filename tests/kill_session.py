"""Run by test_session_marker in a child process: start a desktop session, make review edits
through the services, and SIGKILL ourselves, as a crash or a power cut would.

    python kill_session.py DATA_DIR CASE LOGIN EDITS

EDITS is how many of the edits below are made before the kill (0–4). Each edit that
returned prints "done N" (flushed).
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import UTC, datetime

from helpers import FixedClock  # this folder is on sys.path: the script runs from it

from workstation.app import open_workstation
from workstation.session_marker import begin_session


def main(data_dir: str, ref: str, login: str, count: str) -> None:
    clock = FixedClock(datetime(2026, 3, 12, 1, 38, tzinfo=UTC))  # 09:38 in Beijing
    ws = open_workstation(data_dir, clock=clock)
    marker, _ = begin_session(ws.paths.data_dir, ws.db, login, ws.clock)
    assert marker is not None
    review = ws.review
    edits = [
        lambda: review.set_verdict(ref, "subject", "ok", login),
        lambda: review.set_comment(ref, "subject", "执法主体适格。", login),
        lambda: review.set_comment(ref, "evidence", "证据链完整。", login),
        lambda: review.set_outcome(ref, "return", "程序有瑕疵，请补正。", login),
    ]
    for number, edit in enumerate(edits[: int(count)], start=1):
        clock.advance(minutes=1)
        edit()
        sys.stdout.write(f"done {number}\n")
        sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(*sys.argv[1:])
