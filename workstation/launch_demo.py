"""`make run`: `python -m workstation.launch_demo` opens the app on the demo cases.

On first start the demo cases are set around today (office time), so the case list shows
cases due in a few days, one due today, one overdue and the exercises open;
WORKSTATION_DEMO_ANCHOR=2026-04-15 sets them around another day, `written` keeps the dates
they were written with.
"""

import os
import sys

from workstation.cli import main_demo
from workstation.demo.anchor import ANCHOR_ENV, TODAY


def main() -> int:
    # `workstation demo` (which main_demo runs on first start) reads the anchor from here.
    os.environ.setdefault(ANCHOR_ENV, TODAY)
    return main_demo()


if __name__ == "__main__":
    sys.exit(main())
