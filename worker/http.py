"""Health and metrics HTTP endpoints of the worker, served from a background thread.

``/metrics``  Prometheus exposition of the injected registry (text or OpenMetrics, as the
              scraper's ``Accept`` header asks; the encoders come from prometheus_client).
``/healthz``  liveness: 200 ``ok`` while the processing loop calls :meth:`HealthServer.tick`
              at least every ``liveness_timeout_s`` seconds, else 503 with the reason. The
              countdown starts at :meth:`HealthServer.start`, which gives start-up one period.
``/readyz``   readiness: 200 ``ready`` after ``set_ready(True, ...)``, else 503 with the reason
              given (``connecting``, ``no partitions assigned``, ``restoring state``...).

Bodies carry only those fixed words and the reasons the service passes in: never settings,
environment or exception text. Requests are not logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from prometheus_client import CollectorRegistry
from prometheus_client.exposition import choose_encoder

__all__ = ["Health", "HealthServer", "Probes"]

logger = logging.getLogger(__name__)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    health: HealthServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "triage-worker"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        health = self.server.health
        if path == "/metrics":
            try:
                body, content_type = health.exposition(self.headers.get("Accept", ""))
            except Exception:
                logger.exception("rendering /metrics failed")
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"error\n", head=head)
                return
            self._send(HTTPStatus.OK, body, content_type=content_type, head=head)
        elif path == "/healthz":
            alive, reason = health.liveness()
            status = HTTPStatus.OK if alive else HTTPStatus.SERVICE_UNAVAILABLE
            self._send(status, f"{reason}\n".encode(), head=head)
        elif path == "/readyz":
            ready, reason = health.readiness()
            status = HTTPStatus.OK if ready else HTTPStatus.SERVICE_UNAVAILABLE
            self._send(status, f"{reason}\n".encode(), head=head)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", head=head)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        *,
        head: bool,
        content_type: str = "text/plain; charset=utf-8",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Do not log requests (probes and scrapes would flood stderr)."""


class HealthServer:
    """``/metrics``, ``/healthz`` and ``/readyz`` on ``host:port`` from a daemon thread."""

    def __init__(
        self,
        registry: CollectorRegistry,
        *,
        host: str,
        port: int,
        liveness_timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if liveness_timeout_s <= 0:
            raise ValueError(f"liveness_timeout_s must be > 0, got {liveness_timeout_s}")
        self._registry = registry
        self._host = host
        self._requested_port = port
        self._timeout = liveness_timeout_s
        self._clock = clock
        self._lock = threading.Lock()
        self._last_tick: float | None = None
        self._ready = False
        self._reason = "starting"
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (the free port picked by the OS when constructed with 0)."""
        if self._server is None:
            raise RuntimeError("HealthServer is not started")
        return int(self._server.server_address[1])

    def start(self) -> None:
        """Bind and serve from a daemon thread; the liveness countdown starts now."""
        if self._server is not None:
            raise RuntimeError("HealthServer is already started")
        server = _Server((self._host, self._requested_port), _Handler)
        server.health = self
        with self._lock:
            self._last_tick = self._clock()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="triage-health-http",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close the socket and join the thread (safe to call twice)."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()

    def tick(self) -> None:
        """Mark the processing loop as alive now."""
        now = self._clock()
        with self._lock:
            self._last_tick = now

    def set_ready(self, ready: bool, reason: str) -> None:
        """Set readiness; ``reason`` is what ``/readyz`` shows while not ready."""
        with self._lock:
            self._ready = ready
            self._reason = reason

    # -- used by the request handler --------------------------------------------------------

    def liveness(self) -> tuple[bool, str]:
        """Return (alive, body text) for ``/healthz``."""
        now = self._clock()
        with self._lock:
            last = self._last_tick
        if last is None:
            return False, "not started"
        idle = now - last
        if idle > self._timeout:
            return (
                False,
                f"processing loop stalled: no tick for {idle:.1f}s (limit {self._timeout:g}s)",
            )
        return True, "ok"

    def readiness(self) -> tuple[bool, str]:
        """Return (ready, body text) for ``/readyz``."""
        with self._lock:
            ready, reason = self._ready, self._reason
        if ready:
            return True, "ready"
        return False, f"not ready: {reason}" if reason else "not ready"

    def exposition(self, accept: str) -> tuple[bytes, str]:
        """Render the registry in the format the ``Accept`` header asks for."""
        encoder, content_type = choose_encoder(accept)
        return encoder(self._registry), content_type


class Health(Protocol):
    """Liveness and readiness as the loop reports them (:class:`HealthServer` is one)."""

    def tick(self) -> None: ...

    def set_ready(self, ready: bool, reason: str) -> None: ...


class Probes:
    """What the service loop reports: liveness ticks, and readiness to both the HTTP server
    (when there is one) and the ``triage_ready`` gauge."""

    def __init__(
        self, health: Health | None, ready_gauge: Callable[[bool], None], stop: threading.Event
    ) -> None:
        self._health, self._ready_gauge, self._stop = health, ready_gauge, stop

    def tick(self) -> None:
        if self._health is not None:
            self._health.tick()

    def set_ready(self, ready: bool, reason: str) -> None:
        self._ready_gauge(ready)
        if self._health is not None:
            self._health.set_ready(ready, "ready" if ready else reason)

    def wait(self, seconds: float) -> None:
        """Sleep unless asked to stop, ticking the liveness clock (waiting is progress)."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
            self.tick()
            self._stop.wait(min(left, 1.0))
