"""Fixtures for the chart tests (defined in tests/deploy/helmtools.py, which the test modules
also import)."""

from tests.deploy.helmtools import (  # noqa: F401 (fixtures are found by name)
    _render_of,
    _rendered,
    _rendered_dir,
    _renders,
)
