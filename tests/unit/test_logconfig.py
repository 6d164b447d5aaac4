"""Logging: JSON lines with structured fields, secrets redacted."""

from __future__ import annotations

import json
import logging

import pytest

from worker.logconfig import configure_logging


def test_json_lines_with_fields_and_redaction(capsys: pytest.CaptureFixture[str]) -> None:
    """A record comes out as one JSON object; a known secret never reaches the output."""
    configure_logging("INFO", "json", secrets=["hunter2-canary"])
    try:
        logging.getLogger("worker.test").error(
            "connect failed for password %s", "hunter2-canary",
            extra={"fields": {"error": "auth hunter2-canary", "attempt": 3}},
        )
        line = capsys.readouterr().out.strip()
    finally:
        logging.getLogger().handlers.clear()
    entry = json.loads(line)
    assert "hunter2-canary" not in line
    assert ("error", "worker.test", "3") == (entry["level"], entry["logger"], entry["attempt"])
    assert "connect failed for password ***" == entry["msg"]
