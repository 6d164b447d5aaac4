"""kafka.translate without a broker: client exceptions -> our error types, refused records."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from worker.core.routing import Route, classify
from worker.errors import FatalKafkaError, InvalidRecordError, TransientKafkaError
from worker.kafka import translate as translate_module
from worker.kafka._client import Errors
from worker.kafka.translate import is_refused_record, is_too_large, last_sasl_failure, translate


@pytest.fixture(autouse=True)
def _no_sasl_failure() -> Iterator[None]:
    """Each test starts and ends with no SASL failure remembered (it is process-wide)."""
    translate_module._sasl_state.record(None)
    yield
    translate_module._sasl_state.record(None)


@pytest.mark.parametrize(
    "exc",
    [
        Errors.ProducerFencedError(),
        Errors.InvalidProducerEpochError(),
        Errors.TransactionCoordinatorFencedError(),
        Errors.FencedInstanceIdError(),
        Errors.TopicAuthorizationFailedError(),
        Errors.GroupAuthorizationFailedError(),
        Errors.SaslAuthenticationFailedError(),
        Errors.UnsupportedSaslMechanismError(),
        Errors.IllegalSaslStateError(),
        Errors.UnsupportedVersionError(),
        Errors.KafkaConfigurationError("bad option"),
    ],
)
def test_fenced_auth_and_config_errors_are_fatal(exc: BaseException) -> None:
    error = translate(exc)
    assert isinstance(error, FatalKafkaError)
    assert Route.FATAL is classify(error)


@pytest.mark.parametrize(
    "exc",
    [
        Errors.KafkaTimeoutError("timed out"),
        Errors.NotLeaderForPartitionError(),
        Errors.KafkaConnectionError("connection reset"),
        Errors.RequestTimedOutError(),
        Errors.MessageSizeTooLargeError(),
        OSError("network unreachable"),
    ],
)
def test_everything_else_is_retried(exc: BaseException) -> None:
    error = translate(exc)
    assert type(error) is TransientKafkaError
    assert Route.RETRY is classify(error)


def test_a_type_named_authentication_is_fatal_whatever_its_module() -> None:
    """kafka-python versions differ in the type they raise for a failed handshake."""

    class SslAuthenticationError(Exception):
        pass

    assert isinstance(translate(SslAuthenticationError("handshake")), FatalKafkaError)


def test_our_own_errors_pass_through_unchanged() -> None:
    error = InvalidRecordError("invalid_json", "x")
    assert error is translate(error)


def test_the_message_names_the_type_once() -> None:
    assert "ProducerFencedError: [Error 90] ProducerFencedError" == str(
        translate(Errors.ProducerFencedError())
    )
    assert "KafkaTimeoutError: took 30 s" == str(translate(Errors.KafkaTimeoutError("took 30 s")))
    assert "RuntimeError: no detail" == str(translate(RuntimeError()))


def test_an_error_without_text_is_described_by_its_description() -> None:
    class QuietError(Exception):
        description = "the broker said nothing"

        def __str__(self) -> str:
            return ""

    assert "QuietError: the broker said nothing" == str(translate(QuietError()))


def test_the_message_is_bounded() -> None:
    assert 300 == len(str(translate(Errors.KafkaTimeoutError("x" * 5_000))))


def test_after_a_failed_sasl_login_a_retriable_error_is_fatal_and_says_why() -> None:
    """kafka-python turns a rejected login into a bootstrap timeout: while the latest SASL
    authentication failed, the timeout is fatal with the reason, not retried for ever."""
    translate_module._sasl_state.record("SASL authentication failed (PLAIN as user 'u'): bad")
    error = translate(Errors.KafkaTimeoutError("bootstrap timed out"))
    assert isinstance(error, FatalKafkaError)
    assert str(error).startswith("SASL authentication failed (PLAIN as user 'u'): bad (")
    translate_module._sasl_state.record(None)
    assert isinstance(translate(Errors.KafkaTimeoutError("x")), TransientKafkaError)


class FakeConnection:
    config: dict[str, Any] = {  # noqa: RUF012 - read-only here
        "sasl_mechanism": "SCRAM-SHA-256",
        "sasl_plain_username": "triage",
        "sasl_plain_password": "s3cret-pw",
    }


def _wrap(monkeypatch: pytest.MonkeyPatch, outcome: BaseException | None) -> Any:
    """The SASL step as translate wraps it, over a fake one ending with ``outcome``."""
    from kafka.net.connection import KafkaConnection

    async def fake(self: Any) -> str:
        if outcome is not None:
            raise outcome
        return "ok"

    monkeypatch.setattr(KafkaConnection, "_sasl_authenticate", fake)
    translate_module._wrap_sasl_authenticate()
    return KafkaConnection._sasl_authenticate


def test_a_connection_dropped_during_sasl_is_remembered_as_a_rejection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The broker closes the connection without an answer: that is a failed login, named
    with mechanism and user, never the password."""
    wrapped = _wrap(monkeypatch, Errors.KafkaConnectionError("closed"))
    with pytest.raises(Errors.SaslAuthenticationFailedError):
        asyncio.run(wrapped(FakeConnection()))
    failure = last_sasl_failure()
    assert failure is not None
    assert "SCRAM-SHA-256 as user 'triage'" in failure
    assert "s3cret-pw" not in failure


def test_a_sasl_rejection_keeps_the_brokers_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    wrapped = _wrap(
        monkeypatch, Errors.SaslAuthenticationFailedError("Authentication failed: bad password")
    )
    with pytest.raises(Errors.SaslAuthenticationFailedError):
        asyncio.run(wrapped(FakeConnection()))
    assert "SASL authentication failed (SCRAM-SHA-256 as user 'triage'): bad password" == (
        last_sasl_failure()
    )


def test_a_successful_sasl_login_clears_the_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    translate_module._sasl_state.record("SASL authentication failed: earlier")
    wrapped = _wrap(monkeypatch, None)
    assert "ok" == asyncio.run(wrapped(FakeConnection()))
    assert last_sasl_failure() is None


def test_the_sasl_step_is_wrapped_once() -> None:
    """Importing translate wrapped kafka-python's SASL step; wrapping again is a no-op."""
    from kafka.net.connection import KafkaConnection

    before = KafkaConnection._sasl_authenticate
    assert getattr(before, "_triage_wrapped", False)
    translate_module._wrap_sasl_authenticate()
    assert before is KafkaConnection._sasl_authenticate


@pytest.mark.parametrize(
    ("exc", "too_large", "refused"),
    [
        (Errors.MessageSizeTooLargeError(), True, True),
        (Errors.RecordListTooLargeError(), True, True),
        (Errors.InvalidRecordError(), False, True),
        (Errors.CorruptRecordError(), False, True),
        (Errors.InvalidTimestampError(), False, True),
        (Errors.KafkaTimeoutError(), False, False),
        (Errors.ProducerFencedError(), False, False),
        (None, False, False),
    ],
)
def test_which_send_failures_are_the_records_own(
    exc: BaseException | None, too_large: bool, refused: bool
) -> None:
    """Too large: retried without the value; refused: sending it again as is fails again."""
    assert (too_large, refused) == (is_too_large(exc), is_refused_record(exc))
