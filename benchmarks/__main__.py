"""`python -m benchmarks [NAME…] [--runs N] [--size-mib N]` — see benchmarks/README.md."""

from benchmarks.cli import main

raise SystemExit(main())
