"""Translate kafka-python exceptions into our error types: the types in ``_FATAL`` (fenced,
authorisation, SASL, configuration) and any *Authentication* error are fatal, the rest retried.

A failed SASL login needs help: kafka-python 3.0.12 retries a rejected bootstrap connection
until its bootstrap timeout and then raises a plain ``KafkaTimeoutError``, and a broker with
the default ``connection.failed.authentication.delay.ms`` (100 ms) closes the connection
without sending the error response at all. So the connection's SASL step is wrapped (once,
at import) to remember whether the latest SASL authentication in this process failed, a
connection dropped by the broker in the middle of the exchange counting as a rejection; while
it has, :func:`translate` turns what would be a retriable error into a fatal one that says so.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

from worker.errors import FatalKafkaError, TransientKafkaError, TriageError
from worker.kafka._client import Errors

__all__ = ["is_refused_record", "is_too_large", "last_sasl_failure", "translate"]

logger = logging.getLogger(__name__)

_FATAL: tuple[type[BaseException], ...] = (
    Errors.ProducerFencedError,
    Errors.InvalidProducerEpochError,
    Errors.TransactionCoordinatorFencedError,
    Errors.FencedInstanceIdError,
    Errors.AuthorizationError,
    Errors.SaslAuthenticationFailedError,
    Errors.UnsupportedSaslMechanismError,
    Errors.IllegalSaslStateError,
    Errors.UnsupportedVersionError,
    Errors.KafkaConfigurationError,
)


def translate(exc: BaseException) -> TriageError:
    """Our error for a client exception: fatal ones end the process, the rest are retried."""
    if isinstance(exc, TriageError):
        return exc
    message = _describe(exc)
    if isinstance(exc, _FATAL) or _is_auth_failure(exc):
        return FatalKafkaError(message)
    sasl_failure = last_sasl_failure()
    if sasl_failure is not None:
        return FatalKafkaError(f"{sasl_failure} ({message})"[:300])
    return TransientKafkaError(message)


def is_too_large(exc: BaseException | None) -> bool:
    """Whether a send failed because the record (or its batch) is over a size limit."""
    return isinstance(exc, (Errors.MessageSizeTooLargeError, Errors.RecordListTooLargeError))


def is_refused_record(exc: BaseException | None) -> bool:
    """Whether the broker refused this record itself (its size or content), as opposed to the
    request or the producer's state: sending it again as it is fails again."""
    return is_too_large(exc) or isinstance(
        exc, (Errors.InvalidRecordError, Errors.CorruptRecordError, Errors.InvalidTimestampError)
    )


def last_sasl_failure() -> str | None:
    """Why the latest SASL authentication of this process failed, or None if it succeeded."""
    return _sasl_state.failure


def _is_auth_failure(exc: BaseException) -> bool:
    # kafka-python raises several types for a failed SASL/SSL handshake; match by name so a
    # wrong password is fatal whichever type the client version uses.
    return any("Authentication" in cls.__name__ for cls in type(exc).__mro__)


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc) or getattr(exc, "description", "") or "no detail"
    return (text if text.startswith(name) else f"{name}: {text}")[:300]


class _SaslState:
    """The outcome of the latest SASL authentication, written by kafka-python's IO thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failure: str | None = None

    @property
    def failure(self) -> str | None:
        with self._lock:
            return self._failure

    def record(self, failure: str | None) -> None:
        with self._lock:
            self._failure = failure


_sasl_state = _SaslState()


def _sasl_failure_text(config: dict[str, Any], exc: BaseException) -> str:
    who = f"{config.get('sasl_mechanism')} as user {config.get('sasl_plain_username')!r}"
    if isinstance(exc, Errors.SaslAuthenticationFailedError):
        # The broker's own message names the mechanism and the reason, never the password.
        detail = str(exc).split(": ")[-1] or "rejected by the broker"
        return f"SASL authentication failed ({who}): {detail}"[:300]
    return (
        f"SASL authentication failed ({who}): the broker closed the connection during the "
        "exchange (wrong user name or password?)"
    )


def _wrap_sasl_authenticate() -> None:
    """Record each SASL outcome; a connection dropped mid-exchange becomes a rejection."""
    from kafka.net.connection import KafkaConnection

    original = getattr(KafkaConnection, "_sasl_authenticate", None)
    if original is None or getattr(original, "_triage_wrapped", False):
        if original is None:  # a kafka-python upgrade renamed it: fall back to the timeouts
            logger.warning("kafka-python has no _sasl_authenticate; SASL failures are retried")
        return

    @functools.wraps(original)
    async def _sasl_authenticate(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = await original(self, *args, **kwargs)
        except Errors.SaslAuthenticationFailedError as exc:
            _sasl_state.record(_sasl_failure_text(self.config, exc))
            raise
        except Errors.KafkaConnectionError as exc:
            failure = _sasl_failure_text(self.config, exc)
            _sasl_state.record(failure)
            raise Errors.SaslAuthenticationFailedError(failure) from exc
        _sasl_state.record(None)
        return result

    _sasl_authenticate._triage_wrapped = True  # type: ignore[attr-defined]  # noqa: SLF001
    KafkaConnection._sasl_authenticate = _sasl_authenticate  # noqa: SLF001


_wrap_sasl_authenticate()
