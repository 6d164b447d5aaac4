"""Unit tests for worker.http.HealthServer over a real socket on 127.0.0.1."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from worker.http import HealthServer
from worker.metrics import Metrics


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="registry")
def _registry() -> CollectorRegistry:
    return CollectorRegistry()


@pytest.fixture(name="clock")
def _clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="server")
def _server(registry: CollectorRegistry, clock: FakeClock) -> Iterator[HealthServer]:
    server = HealthServer(registry, host="127.0.0.1", port=0, liveness_timeout_s=30, clock=clock)
    server.start()
    yield server
    server.stop()


def get(
    server: HealthServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read().decode()
    finally:
        conn.close()


def test_port_zero_binds_a_free_port(server: HealthServer) -> None:
    """Port 0 picks a free port, which the port property reports."""
    assert True is (server.port > 0)


def test_metrics_serves_the_injected_registry(
    server: HealthServer, registry: CollectorRegistry
) -> None:
    """/metrics renders the registry as text 0.0.4 (prometheus_client default) without Accept."""
    Metrics(registry, technique_ids=("keep-calm",), dead_letter_reasons=("invalid_json",))
    status, content_type, body = get(server, "/metrics")
    assert (200, CONTENT_TYPE_PLAIN_0_0_4) == (status, content_type)
    assert 'triage_messages_total{outcome="skipped"} 0.0' in body


def test_metrics_speaks_openmetrics_when_asked(
    server: HealthServer, registry: CollectorRegistry
) -> None:
    """/metrics answers an OpenMetrics Accept header with OpenMetrics text."""
    Metrics(registry, technique_ids=("keep-calm",), dead_letter_reasons=("invalid_json",))
    status, content_type, body = get(
        server, "/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"}
    )
    assert (200, True, True) == (
        status,
        content_type.startswith("application/openmetrics-text"),
        body.endswith("# EOF\n"),
    )


def test_metrics_ignores_query_string(server: HealthServer) -> None:
    """A query string does not change the route."""
    assert 200 == get(server, "/metrics?name[]=up")[0]


def test_healthz_ok_after_start(server: HealthServer) -> None:
    """Start-up counts as a tick, so /healthz is 200 ok right after start."""
    assert (200, "ok\n") == (get(server, "/healthz")[0], get(server, "/healthz")[2])


def test_healthz_fails_when_loop_stalls(server: HealthServer, clock: FakeClock) -> None:
    """Without a tick for longer than the timeout, /healthz is 503 with the reason."""
    clock.now += 31
    status, _, body = get(server, "/healthz")
    assert (503, "processing loop stalled: no tick for 31.0s (limit 30s)\n") == (status, body)


def test_tick_keeps_healthz_alive(server: HealthServer, clock: FakeClock) -> None:
    """A tick resets the liveness countdown."""
    clock.now += 25
    server.tick()
    clock.now += 25
    assert 200 == get(server, "/healthz")[0]


def test_healthz_at_exact_timeout_is_alive(server: HealthServer, clock: FakeClock) -> None:
    """Exactly liveness_timeout_s since the last tick still counts as alive."""
    clock.now += 30
    assert 200 == get(server, "/healthz")[0]


def test_readyz_starts_not_ready(server: HealthServer) -> None:
    """Before set_ready, /readyz is 503 "starting"."""
    assert (503, "not ready: starting\n") == (get(server, "/readyz")[0], get(server, "/readyz")[2])


@pytest.mark.parametrize("reason", ["connecting", "no partitions assigned", "restoring state"])
def test_readyz_shows_the_reason(server: HealthServer, reason: str) -> None:
    """While not ready, /readyz is 503 with the reason the service gave."""
    server.set_ready(False, reason)
    status, _, body = get(server, "/readyz")
    assert (503, f"not ready: {reason}\n") == (status, body)


def test_readyz_ok_when_ready(server: HealthServer) -> None:
    """After set_ready(True, ...), /readyz is 200 "ready"."""
    server.set_ready(True, "partitions assigned")
    status, content_type, body = get(server, "/readyz")
    assert (200, "text/plain; charset=utf-8", "ready\n") == (status, content_type, body)


def test_unknown_path_is_404(server: HealthServer) -> None:
    """Any other path is 404."""
    assert (404, 404) == (get(server, "/")[0], get(server, "/admin")[0])


def test_head_has_no_body(server: HealthServer) -> None:
    """HEAD answers with the status and an empty body."""
    assert (200, "") == (get(server, "/healthz", "HEAD")[0], get(server, "/healthz", "HEAD")[2])


def test_no_request_logging(server: HealthServer, capfd: pytest.CaptureFixture[str]) -> None:
    """Requests are not logged to stderr."""
    get(server, "/healthz")
    get(server, "/nope")
    assert "" == capfd.readouterr().err


def test_server_header_hides_python_version(server: HealthServer) -> None:
    """The Server header names the worker, not the Python version."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", "/healthz")
    header = conn.getresponse().getheader("Server", "")
    conn.close()
    assert "triage-worker" == header.strip()


def test_stop_closes_socket_and_joins_thread(registry: CollectorRegistry) -> None:
    """stop() shuts the server down, joins its thread and is safe to call twice."""
    server = HealthServer(registry, host="127.0.0.1", port=0, liveness_timeout_s=5)
    server.start()
    port = server.port
    server.stop()
    server.stop()
    names = [t.name for t in threading.enumerate()]
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
    assert False is ("triage-health-http" in names)


def test_port_before_start_raises(registry: CollectorRegistry) -> None:
    """Asking for the port of a server that is not started raises RuntimeError."""
    server = HealthServer(registry, host="127.0.0.1", port=0, liveness_timeout_s=5)
    with pytest.raises(RuntimeError):
        _ = server.port


def test_rejects_non_positive_timeout(registry: CollectorRegistry) -> None:
    """A liveness timeout of zero or less is refused."""
    with pytest.raises(ValueError, match="liveness_timeout_s"):
        HealthServer(registry, host="127.0.0.1", port=0, liveness_timeout_s=0)
