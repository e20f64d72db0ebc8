"""`make run`: `python -m workstation.launch_demo` opens the app on the demo cases."""

import sys

from workstation.cli import main_demo

if __name__ == "__main__":
    sys.exit(main_demo())
