"""core.routing: the one table that decides retry, dead letter or exit."""

from __future__ import annotations

import pytest

from worker.core.routing import Route, classify, record_error
from worker.errors import (
    BrokerUnavailableError,
    ConfigError,
    DeadLetterError,
    FatalKafkaError,
    InvalidRecordError,
    TransientKafkaError,
)


@pytest.mark.parametrize(
    ("error", "route"),
    [
        (InvalidRecordError("invalid_json", "x"), Route.DEAD_LETTER),
        (TransientKafkaError("leader moved"), Route.RETRY),
        (FatalKafkaError("fenced"), Route.FATAL),
        (BrokerUnavailableError("no brokers"), Route.FATAL),
        (DeadLetterError("refused 3 times"), Route.FATAL),
        (ConfigError("bad rules"), Route.FATAL),
        (RuntimeError("a bug"), Route.FATAL),
        (KeyboardInterrupt(), Route.FATAL),
    ],
)
def test_classify_routes_each_error_type(error: BaseException, route: Route) -> None:
    """Our types route by the table; anything unknown is fatal, never a retry loop."""
    assert route is classify(error)


def test_a_record_the_decoder_refused_keeps_its_reason() -> None:
    error = InvalidRecordError("body_too_large", "12000 characters")
    assert error is record_error(error, "decode")


@pytest.mark.parametrize(
    ("error", "stage", "detail"),
    [
        (ValueError("Dear team, you idiots"), "decode", "decode: ValueError"),
        (ZeroDivisionError("Dear team"), "triage", "ZeroDivisionError"),
        (InvalidRecordError("invalid_json", "from the engine"), "triage", "InvalidRecordError"),
        (TransientKafkaError("not from a pure engine"), "triage", "TransientKafkaError"),
    ],
)
def test_any_other_failure_on_one_record_is_an_engine_error_dead_letter(
    error: Exception, stage: str, detail: str
) -> None:
    """Never retried or fatal (one record must not stop the worker); the detail is the type
    name only, as the message may quote the ticket."""
    letter = record_error(error, stage)  # type: ignore[arg-type]
    assert ("engine_error", detail) == (letter.reason, letter.detail)
    assert Route.DEAD_LETTER is classify(letter)
