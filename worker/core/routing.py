"""Where a failure goes: retry the batch, dead-letter the record, or stop the process.

Routing is data: :data:`ROUTES` maps our error types to a :class:`Route`; the Kafka shell
translates client exceptions into these types first (:func:`worker.kafka.translate.translate`).
"""

from __future__ import annotations

from enum import Enum

from worker.errors import (
    FatalKafkaError,
    InvalidRecordError,
    TransientKafkaError,
    TriageError,
)

__all__ = ["ROUTES", "Route", "classify"]


class Route(Enum):
    RETRY = "retry"  # abort the transaction, seek back, back off, try the batch again
    DEAD_LETTER = "dead_letter"  # this record goes to the DLQ; the batch carries on
    FATAL = "fatal"  # log one line and exit non-zero; Kubernetes restarts the pod


ROUTES: tuple[tuple[type[TriageError], Route], ...] = (
    (InvalidRecordError, Route.DEAD_LETTER),
    (TransientKafkaError, Route.RETRY),
    (FatalKafkaError, Route.FATAL),
)


def classify(error: BaseException) -> Route:
    """Route for ``error``; anything unknown is fatal (crash loudly rather than loop)."""
    for kind, route in ROUTES:
        if isinstance(error, kind):
            return route
    return Route.FATAL
