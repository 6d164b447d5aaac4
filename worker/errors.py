"""The error hierarchy. Only the CLI turns these into exit codes."""

from __future__ import annotations

__all__ = [
    "DEAD_LETTER_REASONS",
    "BrokerUnavailableError",
    "ConfigError",
    "DeadLetterError",
    "FatalKafkaError",
    "InvalidRecordError",
    "TransientKafkaError",
    "TriageError",
]

#: Every reason a record can be dead-lettered for (a bounded metric label).
DEAD_LETTER_REASONS: tuple[str, ...] = (
    "invalid_utf8",
    "invalid_json",
    "schema_violation",
    "body_too_large",
    "unknown_schema_version",
    "record_too_large",
    "engine_error",
)


class TriageError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(TriageError, ValueError):
    """The scoring rules in the config directory are missing or invalid."""


class InvalidRecordError(TriageError, ValueError):
    """A record that cannot be triaged; it goes to the dead-letter topic."""

    def __init__(self, reason: str, detail: str) -> None:
        if reason not in DEAD_LETTER_REASONS:
            raise ValueError(f"unknown dead-letter reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class TransientKafkaError(TriageError):
    """A broker error worth retrying (leader moved, timeout, broker restarting)."""


class FatalKafkaError(TriageError):
    """A broker error the process cannot recover from (fenced, auth): exit and restart."""


class BrokerUnavailableError(FatalKafkaError):
    """The brokers did not answer within the start-up timeout."""


class DeadLetterError(FatalKafkaError):
    """A dead letter still could not be written after bounded retries: exit non-zero rather
    than retry for ever with the partition stalled behind it."""
