"""What the worker writes: output, escalation and dead-letter records with their headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from worker.errors import InvalidRecordError

__all__ = [
    "CONTROL_FORGET",
    "CONTROL_HEADER",
    "DLQ_DETAIL",
    "DLQ_REASON",
    "DLQ_SOURCE_OFFSET",
    "DLQ_SOURCE_PARTITION",
    "DLQ_SOURCE_TOPIC",
    "ConsumedRecord",
    "OutRecord",
    "dead_letter",
    "output_headers",
]

Headers = list[tuple[str, bytes]]

DLQ_REASON = "triage.dlq.reason"
DLQ_DETAIL = "triage.dlq.detail"
DLQ_SOURCE_TOPIC = "triage.dlq.source.topic"
DLQ_SOURCE_PARTITION = "triage.dlq.source.partition"
DLQ_SOURCE_OFFSET = "triage.dlq.source.offset"
DLQ_TRIAGE_VERSION = "triage.dlq.triage_version"
#: A control record on the input topic: ``triage.control: forget`` erases the customer
#: named by the record key (written by ``triage-worker forget``).
CONTROL_HEADER = "triage.control"
CONTROL_FORGET = b"forget"


class ConsumedRecord(Protocol):
    """The parts of a kafka-python ``ConsumerRecord`` the worker reads."""

    topic: str
    partition: int
    offset: int
    timestamp: int
    key: bytes | None
    value: bytes | None
    headers: Any  # list of (str, bytes)


@dataclass(frozen=True, slots=True)
class OutRecord:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers
    partition: int | None = None  # None: the producer's partitioner picks (by key)


def output_headers(event_id: str, triage_version: str) -> Headers:
    return [
        ("event_id", event_id.encode()),
        ("triage_version", triage_version.encode()),
        ("content-type", b"application/json"),
    ]


def dead_letter(
    record: ConsumedRecord, error: InvalidRecordError, topic: str, triage_version: str
) -> OutRecord:
    """The original key, value and headers byte for byte, plus why and where from."""
    headers: Headers = list(record.headers or [])
    headers += [
        (DLQ_REASON, error.reason.encode()),
        (DLQ_DETAIL, error.detail[:500].encode("utf-8", "replace")),
        (DLQ_SOURCE_TOPIC, record.topic.encode()),
        (DLQ_SOURCE_PARTITION, str(record.partition).encode()),
        (DLQ_SOURCE_OFFSET, str(record.offset).encode()),
        (DLQ_TRIAGE_VERSION, triage_version.encode()),
    ]
    return OutRecord(topic=topic, key=record.key, value=record.value, headers=headers)
