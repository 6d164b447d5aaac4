"""Translate kafka-python exceptions into our error types, by their ``retriable`` flag."""

from __future__ import annotations

from worker.errors import FatalKafkaError, TransientKafkaError, TriageError
from worker.kafka._client import Errors

__all__ = ["translate"]

_FATAL: tuple[type[BaseException], ...] = (
    Errors.ProducerFencedError,
    Errors.InvalidProducerEpochError,
    Errors.TransactionCoordinatorFencedError,
    Errors.FencedInstanceIdError,
    Errors.AuthorizationError,
    Errors.SaslAuthenticationFailedError,
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
    return TransientKafkaError(message)


def _is_auth_failure(exc: BaseException) -> bool:
    # kafka-python raises several types for a failed SASL/SSL handshake; match by name so a
    # wrong password is fatal whichever type the client version uses.
    return any("Authentication" in cls.__name__ for cls in type(exc).__mro__)


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc) or getattr(exc, "description", "") or "no detail"
    return (text if text.startswith(name) else f"{name}: {text}")[:300]
