"""Fixtures shared by the engine's unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.core.threats import ThreatFramesConfig
from worker.rules import load_rules

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def frames_config() -> ThreatFramesConfig:
    """``threat_frames`` of the shipped config/abuse.yaml."""
    frames = load_rules(ROOT / "config").abuse.threat_frames
    assert frames is not None
    return frames
