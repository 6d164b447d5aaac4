"""Shared test set-up: Hypothesis profiles and the shipped config (the broker fixtures are in
tests/integration/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Groups for pytest-xdist's ``--dist loadgroup`` (``make test`` runs two processes):
    every test that needs the Kafka broker runs in one process, one after another, against
    one broker, as without xdist; the deploy tests (image, chart, Prometheus) share their
    built artefacts in another group; each other test module is a group of its own. Without
    ``-n`` the marks change nothing."""
    for item in items:
        if "kafka_broker" in getattr(item, "fixturenames", ()):
            group = "kafka"
        elif item.path.is_relative_to(ROOT / "tests" / "deploy"):
            group = "deploy"
        else:
            group = str(item.path.relative_to(ROOT))
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(name="config_dir", scope="session")
def _config_dir() -> Path:
    return CONFIG_DIR
