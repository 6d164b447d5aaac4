"""Turn one polled batch into the records to write, without touching Kafka.

History writes go to an :class:`Overlay` over the committed store, so a batch that is
aborted leaves no trace: the service applies the overlay only after the transaction
commits. Metric observations are likewise collected and applied after the commit, so a
retried batch is not counted twice.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from worker.core.types import History
from worker.kafka.records import ConsumedRecord, OutRecord, dead_letter, output_headers
from worker.pipeline import HistoryStore, Pipeline, Rejected
from worker.settings import TopicSettings

__all__ = ["BatchResult", "Overlay", "build_batch"]


class Overlay(HistoryStore):
    """Writes kept apart from the base store until :meth:`apply`."""

    def __init__(self, base: HistoryStore) -> None:
        self.base = base
        self.writes: dict[str, History] = {}

    def __getitem__(self, key: str) -> History:
        if key in self.writes:
            return self.writes[key]
        return self.base[key]

    def __setitem__(self, key: str, value: History) -> None:
        self.writes[key] = value

    def __delitem__(self, key: str) -> None:  # pragma: no cover - the engine never deletes
        raise NotImplementedError("history is removed by eviction, not by a batch")

    def __iter__(self) -> Iterator[str]:
        yield from self.writes
        yield from (k for k in self.base if k not in self.writes)

    def __len__(self) -> int:
        return len(self.base) + sum(1 for k in self.writes if k not in self.base)

    def get(self, key: str, default: History | None = None) -> History | None:  # type: ignore[override]
        if key in self.writes:
            return self.writes[key]
        return self.base.get(key, default)

    def apply(self) -> None:
        self.base.update(self.writes)


@dataclass(frozen=True, slots=True)
class Triage:
    """What the metrics need to know about one triaged message."""

    technique: str
    escalated: bool
    relationship: str
    abuse_kinds: tuple[str, ...]
    anger: float
    politeness: float
    abuse: float
    anger_level: str
    politeness_level: str


@dataclass(slots=True)
class BatchResult:
    records: list[OutRecord] = field(default_factory=list)
    triaged: list[Triage] = field(default_factory=list)
    skipped: int = 0
    dead_letters: list[str] = field(default_factory=list)  # reasons
    mis_keyed: int = 0
    message_seconds: list[float] = field(default_factory=list)

    @property
    def escalations(self) -> int:
        return sum(1 for t in self.triaged if t.escalated)


def build_batch(
    records: Sequence[ConsumedRecord],
    pipeline: Pipeline,
    store: Overlay,
    topics: TopicSettings,
) -> BatchResult:
    """Triage each record in order; bad ones become dead letters, never exceptions."""
    result = BatchResult()
    version = pipeline.engine.version
    for record in records:
        started = time.perf_counter()
        outcome = pipeline.process(record.value, store)
        if isinstance(outcome, Rejected):
            result.records.append(dead_letter(record, outcome.error, topics.dead_letter, version))
            result.dead_letters.append(outcome.error.reason)
        else:
            out = outcome.out
            if record.key != out.customer_id.encode():
                result.mis_keyed += 1
            headers = output_headers(out.event_id, version)
            key = out.ticket_id.encode()
            result.records.append(OutRecord(topics.output, key, outcome.payload, headers))
            if out.escalation.required:
                result.records.append(OutRecord(topics.escalations, key, outcome.payload, headers))
            if out.scored and out.scores and out.levels and out.technique and out.relationship:
                result.triaged.append(
                    Triage(
                        technique=out.technique.id,
                        escalated=out.escalation.required,
                        relationship=out.relationship.action,
                        abuse_kinds=tuple(out.abuse.kinds) if out.abuse else (),
                        anger=out.scores.anger,
                        politeness=out.scores.politeness,
                        abuse=out.scores.abuse,
                        anger_level=out.levels.anger,
                        politeness_level=out.levels.politeness,
                    )
                )
            else:
                result.skipped += 1
        result.message_seconds.append(time.perf_counter() - started)
    return result
