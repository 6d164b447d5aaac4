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


@pytest.fixture(name="config_dir", scope="session")
def _config_dir() -> Path:
    return CONFIG_DIR
