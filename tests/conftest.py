"""Shared test settings."""

import os

from hypothesis import settings

# No per-example deadline: two cores shared with notebook kernels make timings noisy.
# In CI the examples are derandomized, so a run is reproducible and cannot flake.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
