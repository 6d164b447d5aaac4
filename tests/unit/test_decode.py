"""Decoding records: every kind of bad input gets its dead-letter reason, no text quoted."""

from __future__ import annotations

import json

import pytest

from worker.decode import decode
from worker.errors import InvalidRecordError

GOOD = {"event_id": "e1", "ticket_id": "t1", "customer_id": "c1", "message": {"body": "hi"}}


def reason(value: bytes | None, max_body_chars: int = 100) -> str:
    with pytest.raises(InvalidRecordError) as info:
        decode(value, max_record_bytes=10_000, max_body_chars=max_body_chars)
    return info.value.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"\xff\xfe", "invalid_utf8"),
        (b"{not json", "invalid_json"),
        (b"[" * 5_000, "invalid_json"),
        (b"[1, 2]", "schema_violation"),
        (b'{"event_id": "e"}', "schema_violation"),
        (json.dumps({**GOOD, "schema_version": 2}).encode(), "unknown_schema_version"),
        (json.dumps({**GOOD, "message": {"body": "x" * 101}}).encode(), "body_too_large"),
        (
            b'{"event_id":"e","ticket_id":"t","customer_id":"c","message":{"body":"\\ud800"}}',
            "schema_violation",
        ),
        (b"x" * 10_001, "record_too_large"),
        (None, "schema_violation"),
    ],
)
def test_bad_records_have_reasons(value: bytes | None, expected: str) -> None:
    """Each malformed record is rejected with its own reason."""
    assert expected == reason(value)


def test_detail_never_quotes_the_record() -> None:
    """A schema error names the field and error type, not the value sent."""
    secret = "my-password-is-hunter2"  # noqa: S105 - a canary, not a credential
    value = json.dumps({**GOOD, "customer_id": 5, "ticket_id": [secret]}).encode()
    with pytest.raises(InvalidRecordError) as info:
        decode(value, max_record_bytes=10_000, max_body_chars=100)
    assert secret not in str(info.value)
    assert "ticket_id: string_type" in info.value.detail


def test_unknown_fields_ignored_and_defaults_applied() -> None:
    """Unknown fields are accepted; event_type and author_role take their defaults."""
    event = decode(
        json.dumps({**GOOD, "extra": {"a": 1}}).encode(),
        max_record_bytes=10_000,
        max_body_chars=100,
    )
    assert ("ticket.message_added", "customer") == (event.event_type, event.message.author_role)
