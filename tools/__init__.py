"""Maintainer scripts that `make` runs: learner notebooks, the grader, the benchmark."""
