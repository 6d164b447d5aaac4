"""kafka-python log lines the worker re-levels, driven through kafka-python's own code."""

from __future__ import annotations

import logging
import socket
import ssl

import kafka.errors as Errors  # noqa: N812
import pytest
from kafka.coordinator.base import BaseCoordinator
from kafka.net.transport import KafkaSSLTransport

from worker.kafka.clients import ClosedSocketReceiveFilter, _install_log_filters


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _records_of(name: str):
    """Records of logger ``name`` with the worker's filters installed, while in use."""
    _install_log_filters()
    target = logging.getLogger(name)
    handler, level = _Records(), target.level
    target.addHandler(handler)
    target.setLevel(logging.DEBUG)
    yield handler.records
    target.removeHandler(handler)
    target.setLevel(level)


@pytest.fixture
def transport_log():
    """Records of ``kafka.net.transport`` with the worker's filters installed."""
    yield from _records_of("kafka.net.transport")


def _ssl_transport() -> KafkaSSLTransport:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return KafkaSSLTransport(None, socket.socket(), host="127.0.0.1", ssl_context=context)


def test_receive_after_close_is_a_warning(transport_log):
    transport = _ssl_transport()
    transport._sock.close()
    transport._sock, transport._closed = None, True  # what _close() leaves behind

    data, err = transport._sock_recv()

    assert (data, type(err).__name__) == (b"", "KafkaConnectionError")
    [record] = [r for r in transport_log if "Error receiving" in r.getMessage()]
    assert (record.levelname, record.exc_info[0]) == ("WARNING", AttributeError)


def test_receive_error_on_an_open_transport_stays_an_error(transport_log):
    transport = _ssl_transport()
    transport._sock.close()  # the socket object is still there: recv raises OSError

    transport._sock_recv()

    [record] = [r for r in transport_log if "Error receiving" in r.getMessage()]
    assert record.levelname == "ERROR"


def test_the_filter_is_installed_once():
    _install_log_filters()
    _install_log_filters()
    filters = logging.getLogger("kafka.net.transport").filters
    assert 1 == sum(isinstance(f, ClosedSocketReceiveFilter) for f in filters)


class HeartbeatRequest:
    """Stands for kafka-python's request: the log line names the request by its class."""


class _Coordinator:
    """What ``BaseCoordinator._failed_request`` needs of its coordinator."""

    def __init__(self) -> None:
        self.dead: list[Exception] = []

    def coordinator_dead(self, error: Exception) -> None:
        self.dead.append(error)


@pytest.fixture
def coordinator_log():
    """Records of ``kafka.coordinator`` with the worker's filters installed."""
    yield from _records_of("kafka.coordinator")


def test_a_request_cancelled_by_a_closing_client_is_a_warning(coordinator_log):
    """A heartbeat in flight when the consumer closes fails with Cancelled; kafka-python logs
    it at ERROR, the worker at WARNING. Another error of the same request stays an ERROR."""
    coordinator = _Coordinator()
    failed = BaseCoordinator._failed_request
    failed(coordinator, "coordinator-1", HeartbeatRequest(), Errors.Cancelled())
    failed(coordinator, "coordinator-1", HeartbeatRequest(), Errors.KafkaConnectionError("reset"))

    records = [r for r in coordinator_log if "Error sending" in r.getMessage()]
    assert ["WARNING", "ERROR"] == [r.levelname for r in records]
    assert records[0].getMessage() == (
        "Error sending HeartbeatRequest to node coordinator-1 [Cancelled]"
    )
    assert 2 == len(coordinator.dead)  # kafka-python's own handling is unchanged
