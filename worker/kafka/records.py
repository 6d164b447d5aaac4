"""What the worker writes: output, escalation and dead-letter records with their headers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from worker.errors import InvalidRecordError
from worker.kafka._client import DefaultRecordBatchBuilder
from worker.kafka.cloudevents import cloudevent_headers

__all__ = [
    "CONTROL_FORGET",
    "CONTROL_HEADER",
    "DLQ_DETAIL",
    "DLQ_ORIGINAL_SHA256",
    "DLQ_ORIGINAL_SIZE",
    "DLQ_REASON",
    "DLQ_SOURCE_OFFSET",
    "DLQ_SOURCE_PARTITION",
    "DLQ_SOURCE_TOPIC",
    "DLQ_VALUE_OMITTED",
    "ConsumedRecord",
    "OutRecord",
    "dead_letter",
    "output_headers",
    "record_size",
]

Headers = list[tuple[str, bytes]]

DLQ_REASON = "triage.dlq.reason"
DLQ_DETAIL = "triage.dlq.detail"
DLQ_SOURCE_TOPIC = "triage.dlq.source.topic"
DLQ_SOURCE_PARTITION = "triage.dlq.source.partition"
DLQ_SOURCE_OFFSET = "triage.dlq.source.offset"
DLQ_TRIAGE_VERSION = "triage.dlq.triage_version"
#: Size in bytes and SHA-256 (hex) of the original value, on every dead letter.
DLQ_ORIGINAL_SIZE = "triage.dlq.original.size"
DLQ_ORIGINAL_SHA256 = "triage.dlq.original.sha256"
#: ``true`` on a dead letter that could not carry the original (too large to write): fetch
#: it from the source topic, partition and offset.
DLQ_VALUE_OMITTED = "triage.dlq.value_omitted"
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
        *cloudevent_headers(event_id),
    ]


def record_size(key: bytes | None, value: bytes | None, headers: Headers) -> int:
    """The producer's upper bound for one record alone in a batch (what it compares with
    ``max_request_size``)."""
    return int(DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, headers))


def dead_letter(
    record: ConsumedRecord,
    error: InvalidRecordError,
    topic: str,
    triage_version: str,
    *,
    max_bytes: int | None = None,
    omit_value: bool = False,
) -> OutRecord:
    """The original key, value and headers byte for byte, plus why and where from.

    When that would be over ``max_bytes`` (the producer's ``max_request_size``) or
    ``omit_value`` is set (the topic refused it), the value is left out (then the original
    headers and key too, if still too large) and the reason becomes ``record_too_large``; the
    size and SHA-256 headers let an operator fetch and check the original at its offset.
    """
    value = record.value
    original: Headers = list(record.headers or [])
    size = b"-1" if value is None else str(len(value)).encode()
    digest = b"" if value is None else hashlib.sha256(value).hexdigest().encode()

    def build(key: bytes | None, value: bytes | None, headers: Headers, why: str) -> OutRecord:
        reason, detail = error.reason, error.detail
        if why:
            reason, detail = "record_too_large", f"{why}; {error.reason}: {error.detail}"
        headers = [
            *headers,
            (DLQ_REASON, reason.encode()),
            (DLQ_DETAIL, detail[:500].encode("utf-8", "replace")),
            (DLQ_SOURCE_TOPIC, record.topic.encode()),
            (DLQ_SOURCE_PARTITION, str(record.partition).encode()),
            (DLQ_SOURCE_OFFSET, str(record.offset).encode()),
            (DLQ_TRIAGE_VERSION, triage_version.encode()),
            (DLQ_ORIGINAL_SIZE, size),
            (DLQ_ORIGINAL_SHA256, digest),
        ]
        if why:
            headers.append((DLQ_VALUE_OMITTED, b"true"))
        return OutRecord(topic=topic, key=key, value=value, headers=headers)

    def fits(out: OutRecord) -> bool:
        return max_bytes is None or record_size(out.key, out.value, out.headers) <= max_bytes

    if not omit_value:
        full = build(record.key, value, original, "")
        if fits(full):
            return full
    why = "value omitted: the dead letter would be too large to write"
    stripped = build(record.key, None, original, why)
    if fits(stripped):
        return stripped
    return build(None, None, [], why + " (key and headers omitted too)")
