"""Run by test_audit_trail in a child process: make a sequence of review edits on a case and
SIGKILL ourselves part-way, as a killed process or a power cut would.

    python kill_review.py DATA_DIR CASE POINT

The edits, as the reviewer "li" (see EDITS): 1 verdict, 2 comment, 3 citation, then
4 outcome, 5 verdict. POINT says where the process dies:

- "between": after the 3rd edit has returned, before the 4th starts;
- "during": inside the 4th edit, after its change and its audit entry were written to the
  open transaction but before the commit.

Each edit that returned prints "done N" (flushed), so the parent can tell how far it got.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from workstation.app import open_workstation
from workstation.review.checklist import CitationSpec
from workstation.security import audit
from workstation.services import Workstation

REVIEWER = "li"
KILL_AFTER = 3  # edits that complete before the kill


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def edits(ws: Workstation, ref: str) -> list[Callable[[], Any]]:
    review = ws.review
    return [
        lambda: review.set_verdict(ref, "subject", "ok", REVIEWER),
        lambda: review.set_comment(ref, "subject", "执法主体适格。", REVIEWER),
        lambda: review.add_citation(
            ref, "evidence", CitationSpec("document", "d05", page=1, note="检查时间"), REVIEWER
        ),
        lambda: review.set_outcome(ref, "return", "证据不足，请补正。", REVIEWER),
        lambda: review.set_verdict(ref, "evidence", "issue", REVIEWER),
    ]


def die_inside_the_next_audit_entry() -> None:
    """The next audit entry is added to its transaction, then the process dies uncommitted."""
    append = audit.append

    def append_then_die(*args: Any, **kwargs: Any) -> Any:
        entry = append(*args, **kwargs)
        die()
        return entry

    audit.append = append_then_die


def main(data_dir: str, ref: str, point: str) -> None:
    if point not in ("between", "during"):
        raise SystemExit(f"unknown kill point {point}")
    ws = open_workstation(data_dir)
    for number, edit in enumerate(edits(ws, ref), start=1):
        if number == KILL_AFTER + 1:
            if point == "between":
                die()
            die_inside_the_next_audit_entry()
        edit()
        sys.stdout.write(f"done {number}\n")
        sys.stdout.flush()
    sys.exit(3)  # never reached: the kill comes first


if __name__ == "__main__":
    main(*sys.argv[1:])
