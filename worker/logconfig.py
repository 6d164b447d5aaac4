"""Logging set-up, called once by the CLI: JSON lines when not on a terminal, text otherwise.

Log records carry ids, counts, scores and timings, never ticket text; structured fields go in
``extra={"fields": {...}}`` and come out as top-level JSON keys.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

__all__ = ["JsonFormatter", "RedactingFilter", "configure_logging"]


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, and the record's ``fields``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error_type"] = record.exc_info[0].__name__
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """Human-readable line with the structured fields appended as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict) and fields:
            line += " " + " ".join(f"{k}={v}" for k, v in fields.items())
        return line


class RedactingFilter(logging.Filter):
    """Second line of defence: replace known secret values wherever they would be logged."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 4]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        fields = getattr(record, "fields", None)
        text = message + (json.dumps(fields, default=str) if isinstance(fields, dict) else "")
        if any(secret in text for secret in self._secrets):
            record.msg, record.args = self._scrub(message), None
            if isinstance(fields, dict):
                record.fields = {k: self._scrub(str(v)) for k, v in fields.items()}
        return True

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


def configure_logging(
    level: str = "INFO", fmt: str = "auto", *, secrets: list[str] | None = None
) -> None:
    """Send every log record to stdout in the chosen format, with ``secrets`` redacted."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stdout.isatty())
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    handler.addFilter(RedactingFilter(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # kafka-python is chatty at INFO and may print broker addresses at DEBUG; keep it quiet.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, logging.getLevelName(level)))
