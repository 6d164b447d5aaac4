"""Where a failure goes: retry the batch, dead-letter the record, or stop the process.

This module is the one place that decides. Routing is data: :data:`ROUTES` maps our error
types to a :class:`Route`; the Kafka shell translates client exceptions into these types
first (:func:`worker.kafka.translate.translate`) and asks :func:`classify`. A failure while
decoding or triaging one record is never a reason to stop: :func:`record_error` turns it
into the dead letter that record gets.

| failure                                        | becomes               | route       |
|------------------------------------------------|-----------------------|-------------|
| bad record (:class:`InvalidRecordError`)       | itself (its reason)   | DEAD_LETTER |
| any other exception decoding or triaging one   | ``engine_error``      | DEAD_LETTER |
| :class:`TransientKafkaError`                   | itself                | RETRY       |
| :class:`FatalKafkaError` (fenced, auth, ...)   | itself                | FATAL       |
| anything else reaching the loop                | itself                | FATAL       |
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from worker.errors import (
    FatalKafkaError,
    InvalidRecordError,
    TransientKafkaError,
    TriageError,
)

__all__ = ["ROUTES", "Route", "classify", "record_error"]


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


def record_error(error: Exception, stage: Literal["decode", "triage"]) -> InvalidRecordError:
    """The dead letter for a failure while processing one record (always DEAD_LETTER).

    A bad record the decoder refused keeps its own reason. Anything else (a bug in the
    decoder or the engine, or an engine error of any type) is ``engine_error``, its detail
    the exception's type name only: its message may quote the ticket text.
    """
    if stage == "decode" and isinstance(error, InvalidRecordError):
        return error
    name = type(error).__name__
    return InvalidRecordError("engine_error", f"decode: {name}" if stage == "decode" else name)
