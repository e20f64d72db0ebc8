"""`make run`: open the app on the demo cases, creating them on first start."""

from __future__ import annotations

import getpass
import sys

from workstation.cli import main as cli_main
from workstation.display import missing_display_message


def main() -> int:
    problem = missing_display_message()
    if problem:
        print(f"workstation: {problem}", file=sys.stderr)  # noqa: T201 - a command's output
        return 4
    from workstation.app import open_workstation

    ws = open_workstation()
    try:
        empty = not ws.list_cases()
    finally:
        ws.close()
    if empty:
        code = cli_main(["--user", getpass.getuser(), "demo"])
        if code != 0:
            return code
    return cli_main([])


if __name__ == "__main__":
    sys.exit(main())
