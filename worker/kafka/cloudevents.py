"""CloudEvents 1.0 attributes of the triaged event, as Kafka headers in binary content mode.

The Kafka protocol binding of CloudEvents 1.0 puts each attribute in a header named ``ce_`` +
attribute, and ``datacontenttype`` in ``content-type`` (the worker already writes
``application/json`` there); the record value is the event data (the TriageOut JSON). The
escalation record is a copy of the same event on another topic, so it carries the same
attributes. An SDK or a CloudEvents-aware consumer (Knative's KafkaSource, Dapr, the
cloudevents Python SDK's ``from_binary``) reads the record as an event without parsing it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["CE_SOURCE", "CE_SPECVERSION", "CE_TYPE", "cloudevent_headers"]

CE_SPECVERSION = "1.0"
#: Where the event comes from (a URI reference).
CE_SOURCE = "/triage-worker"
#: What kind of event it is; the suffix is the payload's schema_version.
CE_TYPE = "triage-worker.ticket.triaged.v1"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def cloudevent_headers(
    event_id: str, now: Callable[[], datetime] = _utc_now
) -> list[tuple[str, bytes]]:
    """``ce_*`` headers for the triaged event of input ``event_id``.

    ``ce_id`` is the input's event id (one triaged event per input event, so source + id is
    unique); ``ce_time`` is when the worker triaged it, RFC 3339 in UTC with microseconds
    (a fixed length, so the record's size does not depend on the clock).
    """
    time = now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return [
        ("ce_specversion", CE_SPECVERSION.encode()),
        ("ce_id", event_id.encode()),
        ("ce_source", CE_SOURCE.encode()),
        ("ce_type", CE_TYPE.encode()),
        ("ce_time", time.encode()),
    ]
