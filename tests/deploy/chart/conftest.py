"""Fixtures for tests/helm (defined in helmtools.py, which the test modules also import)."""

from helmtools import (  # noqa: F401 (fixtures are found by name)
    _render_of,
    _rendered,
    _rendered_dir,
    _renders,
)
