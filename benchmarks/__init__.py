"""Speed benchmarks: each measures the project's path against a fair reference in one run."""
