"""Bytes in, bytes out: decode -> triage -> encode, shared by ``score`` and the Kafka service.

Both modes call :meth:`Pipeline.process`, so a record gives the same output (or the same
dead-letter reason) offline and in the service. Customer history comes from a
:class:`HistoryStore`: a dict for ``score`` runs, the changelog-backed store in the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from worker.core.routing import record_error
from worker.core.triage import Engine
from worker.core.types import History
from worker.decode import decode
from worker.errors import InvalidRecordError
from worker.models import TicketIn, TriageOut

__all__ = ["HistoryStore", "Pipeline", "Rejected", "Triaged", "utcnow"]


class HistoryStore(Protocol):
    """customer_id -> History. A plain dict is a valid in-memory store."""

    def get(self, key: str, /) -> History | None: ...

    def __setitem__(self, key: str, value: History, /) -> None: ...


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Triaged:
    event: TicketIn
    out: TriageOut
    payload: bytes  # the output event as UTF-8 JSON


@dataclass(frozen=True, slots=True)
class Rejected:
    error: InvalidRecordError


class Pipeline:
    """One engine, its limits, and a clock for events without ``occurred_at``."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self._clock = clock
        limits = engine.config.triage.limits
        self._max_record_bytes = limits.max_record_bytes
        self._max_body_chars = limits.max_body_chars

    def decode(self, value: bytes | None) -> TicketIn:
        return decode(
            value, max_record_bytes=self._max_record_bytes, max_body_chars=self._max_body_chars
        )

    def process(self, value: bytes | None, store: HistoryStore) -> Triaged | Rejected:
        """Triage one record; never raises for bad input or an engine failure: those are
        :class:`Rejected`, with the dead letter :func:`~worker.core.routing.record_error`
        decides."""
        try:
            event = self.decode(value)
        except Exception as exc:  # noqa: BLE001 - routing decides: one record, one dead letter
            return Rejected(record_error(exc, "decode"))
        try:
            history = store.get(event.customer_id) or History()
            out, new_history = self.engine.triage(event, history, self._clock())
            payload = out.model_dump_json().encode()
        except Exception as exc:  # noqa: BLE001 - routing decides: one record, one dead letter
            return Rejected(record_error(exc, "triage"))
        if new_history != history:
            store[event.customer_id] = new_history
        return Triaged(event, out, payload)
