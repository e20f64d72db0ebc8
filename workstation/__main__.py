"""`python -m workstation` is the `workstation` command."""

import sys

from workstation.cli import main

sys.exit(main())
