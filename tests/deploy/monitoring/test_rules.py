"""The alert rules with the real promtool: syntax, unit tests, and the metrics exposition lint."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest

from tests.harness.prometheus import (
    ALERTS_PATH,
    DEAD_LETTER_REASONS,
    TECHNIQUE_IDS,
    drive_once,
    require_tool,
)
from worker.metrics import Metrics

RULES_TEST = Path(__file__).with_name("rules_test.yaml")


def promtool(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_tool("promtool"), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_rules_file_is_valid() -> None:
    """promtool check rules accepts the alert rules file."""
    result = promtool("check", "rules", str(ALERTS_PATH))
    assert 0 == result.returncode, result.stdout + result.stderr


def test_rules_unit_tests_pass() -> None:
    """promtool test rules: each alert fires when it should and stays quiet otherwise."""
    result = promtool("test", "rules", str(RULES_TEST))
    assert 0 == result.returncode, result.stdout + result.stderr


def test_exposition_passes_promtool_lint() -> None:
    """promtool check metrics finds no problem in a populated Metrics registry's exposition."""
    registry = CollectorRegistry()
    metrics = Metrics(
        registry, technique_ids=TECHNIQUE_IDS, dead_letter_reasons=DEAD_LETTER_REASONS
    )
    metrics.set_build_info("0.0.0-test", "0123456789ab")
    metrics.set_assigned(3)
    metrics.set_ready(True)
    metrics.record_rebalance()
    drive_once(metrics, random.Random(1))
    result = promtool("check", "metrics", stdin=generate_latest(registry))
    assert (0, "") == (result.returncode, result.stdout + result.stderr)
