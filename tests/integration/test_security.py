"""The worker over SASL_SSL (SCRAM-SHA-512) against a real broker, and what it must not leak.

One broker for the module: a PLAINTEXT listener (tests create topics, produce and consume
through it) and a SASL_SSL listener with a certificate from a CA made at test time, which the
worker uses. Passwords and ticket texts are distinctive canaries searched for in everything
the worker prints or serves.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.kafka import KafkaBroker, free_port, scram_listener
from tests.harness.tls import BrokerTls, make_broker_tls
from tests.integration.worker_proc import ROOT, Topics, WorkerProcess, consume, produce

pytestmark = pytest.mark.integration

USER = "triage-svc"
PASSWORD = "Pw-canary-4f9d2c7e81b3"  # noqa: S105 - the working password, a canary
WRONG_PASSWORD = "Pw-wrong-canary-b6e1a05d93"  # noqa: S105 - a canary
TICKET_CANARY = "quokka-canary-7351"  # in ticket bodies: must never reach a log line
FAIL_FAST_S = 30.0

WorkerFactory = Callable[..., WorkerProcess]


@pytest.fixture(name="secure_broker", scope="module")
def fixture_secure_broker(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[KafkaBroker, BrokerTls]]:
    """A broker with a SASL_SSL (SCRAM-SHA-512) listener named SECURE, stopped at module end."""
    directory = tmp_path_factory.mktemp("secure-kafka")
    tls = make_broker_tls(directory / "tls")
    options = scram_listener("SECURE", free_port(), keystore=tls.keystore, users={USER: PASSWORD})
    broker = KafkaBroker(directory / "broker", free_port(), **options)
    broker.start()
    try:
        yield broker, tls
    finally:
        broker.stop()


@pytest.fixture(name="start_worker")
def fixture_start_worker(
    secure_broker: tuple[KafkaBroker, BrokerTls], tmp_path: Path
) -> Iterator[WorkerFactory]:
    """Start ``triage-worker run`` on the SASL_SSL listener; every worker is killed at the end."""
    broker, tls = secure_broker
    workers: list[WorkerProcess] = []

    def start(topics: Topics, password: str = PASSWORD, **env: str) -> WorkerProcess:
        worker = WorkerProcess(
            broker.bootstrap_for("SECURE"),
            topics,
            group=f"g-{uuid.uuid4().hex[:8]}",
            log_path=tmp_path / f"worker-{len(workers)}.log",
            extra_env={**secure_env(tls, password), **env},
        )
        workers.append(worker.start())
        return worker

    yield start
    for worker in workers:
        worker.kill()


def secure_env(tls: BrokerTls, password: str) -> dict[str, str]:
    """The TRIAGE_KAFKA__* variables of a SASL_SSL client with the given password."""
    return {
        "TRIAGE_KAFKA__SECURITY_PROTOCOL": "SASL_SSL",
        "TRIAGE_KAFKA__SASL_MECHANISM": "SCRAM-SHA-512",
        "TRIAGE_KAFKA__SASL_USERNAME": USER,
        "TRIAGE_KAFKA__SASL_PASSWORD": password,
        "TRIAGE_KAFKA__SSL_CAFILE": str(tls.ca_cert),
        "TRIAGE_KAFKA__STARTUP_TIMEOUT_S": "90",
    }


def http_env(port: int) -> dict[str, str]:
    return {"TRIAGE_HTTP__ENABLED": "true", "TRIAGE_HTTP__PORT": str(port)}


def get(port: int, path: str) -> str:
    """The body of GET http://127.0.0.1:port/path, whatever its status ('' if none answers)."""
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as exc:
        return str(exc.read().decode())
    except urllib.error.URLError:
        return ""


def metric_lines(port: int) -> list[str]:
    """The sample lines (one per series) of /metrics."""
    return [line for line in get(port, "/metrics").splitlines() if line and line[0] != "#"]


def finished(port: int) -> float:
    """Records the worker has finished (triaged + skipped + dead-lettered), from /metrics."""
    pattern = re.compile(r"^triage_messages_total\{outcome=\"\w+\"\} (\S+)$")
    return sum(float(m[1]) for line in metric_lines(port) if (m := pattern.match(line)))


def wait_finished(worker: WorkerProcess, port: int, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert worker.proc is not None and worker.proc.poll() is None, worker.logs()[-5:]
        if finished(port) >= count:
            return
        time.sleep(0.5)
    raise AssertionError(f"{finished(port)} of {count} records finished within {timeout}s")


def event(i: int, body: str, *, customer: str | None = None) -> dict[str, Any]:
    return {
        "event_id": f"sec-{uuid.uuid4().hex[:8]}-{i}",
        "ticket_id": f"t-{uuid.uuid4().hex}",
        "customer_id": customer or f"c-{uuid.uuid4().hex}",
        "message": {"body": body, "author_role": "customer"},
    }


def test_worker_triages_over_sasl_ssl(secure_broker, start_worker):
    """Over SASL_SSL with SCRAM-SHA-512 the worker triages every event and stops cleanly."""
    broker, _ = secure_broker
    topics = Topics.create(broker.bootstrap, partitions=2)
    events = [event(i, f"My order #{i} is late again, please help.") for i in range(20)]
    produce(broker.bootstrap, topics.input, events)

    worker = start_worker(topics)
    outputs = consume(broker.bootstrap, topics.output, expected=len(events), timeout=90)
    status = worker.stop()

    assert sorted(e["event_id"] for e in events) == sorted(
        json.loads(r.value)["event_id"] for r in outputs
    )
    assert 0 == status
    assert [] == [e for e in worker.logs() if e.get("level") == "error"]


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_wrong_password_fails_fast_without_leaking(secure_broker, start_worker, level):
    """A wrong password exits 1 within seconds with one error line and no trace of the secret."""
    broker, _ = secure_broker
    port = free_port()
    started = time.monotonic()

    worker = start_worker(
        Topics.create(broker.bootstrap, partitions=1),
        WRONG_PASSWORD,
        TRIAGE_LOGGING__LEVEL=level,
        **http_env(port),
    )
    status = worker.wait(timeout=FAIL_FAST_S + 30)
    elapsed = time.monotonic() - started
    errors = [e for e in worker.logs() if e.get("level") == "error"]
    output = worker.log_path.read_text()

    print(
        f"[security] wrong password at {level}: exit {status} after {elapsed:.1f} s, "
        f"{len(errors)} error line(s)",
        flush=True,
    )
    assert (1, True) == (status, elapsed < FAIL_FAST_S), f"exit {status} after {elapsed:.1f}s"
    assert ["fatal Kafka error, exiting"] == [e["msg"] for e in errors]
    assert "SASL authentication failed" in errors[0]["error"]
    assert (False, False) == (WRONG_PASSWORD in output, PASSWORD in output)


def test_secrets_and_ticket_text_never_leak(secure_broker, start_worker):
    """Neither the password nor ticket text shows in logs or on /metrics, /healthz, /readyz."""
    broker, _ = secure_broker
    topics = Topics.create(broker.bootstrap, partitions=2)
    valid = [
        event(0, f"You are a useless idiot {TICKET_CANARY}, refund me NOW!!!"),
        event(1, f"Thank you so much for the help with {TICKET_CANARY}, much appreciated."),
    ]
    schema_violation = {"event_id": "bad-1", "message": {"body": f"no ids {TICKET_CANARY}"}}
    too_long = event(2, f"{TICKET_CANARY} " * 3000)  # over limits.max_body_chars (20,000)
    broken_json = f'{{"event_id": "bad-2", "message": {{"body": "{TICKET_CANARY}'.encode()
    produce(broker.bootstrap, topics.input, [*valid, too_long])
    produce(broker.bootstrap, topics.input, [json.dumps(schema_violation).encode(), broken_json])
    port = free_port()

    worker = start_worker(topics, TRIAGE_LOGGING__LEVEL="DEBUG", **http_env(port))
    wait_finished(worker, port, 5, timeout=90)
    served = "".join(get(port, path) for path in ("/metrics", "/healthz", "/readyz"))
    dead_letters = consume(broker.bootstrap, topics.dead_letter, expected=3, timeout=30)
    status = worker.stop()
    output = worker.log_path.read_text()

    leaks = sum(x in output for x in (PASSWORD, TICKET_CANARY, "refund")) + sum(
        x in served for x in (PASSWORD, TICKET_CANARY)
    )
    print(
        f"[security] canaries: 5 events (2 triaged, 3 dead-lettered), {len(output)} log bytes "
        f"at DEBUG, {len(served)} bytes served; secret or ticket text found {leaks} times",
        flush=True,
    )
    assert (0, 3) == (status, len(dead_letters))
    assert "batch committed" in output
    assert [False] * 3 == [PASSWORD in output, TICKET_CANARY in output, "refund" in output]
    assert [False] * 2 == [PASSWORD in served, TICKET_CANARY in served]


@pytest.mark.parametrize(
    "bad",
    [
        {"TRIAGE_KAFKA__SASL_MECHANISM": "PLAIN-TEXT"},
        {"TRIAGE_KAFKA__SASL_USERNAME": ""},
        {"TRIAGE_KAFKA__REQUEST_TIMEOUT_MS": PASSWORD},
        {"TRIAGE_KAFKA": json.dumps({"sasl_password": PASSWORD, "unknown": PASSWORD})},
    ],
    ids=["mechanism", "no-username", "secret-in-wrong-field", "json-with-unknown-key"],
)
def test_invalid_settings_do_not_echo_the_secret(secure_broker, bad):
    """Invalid settings exit 2 naming the variable, without printing the password."""
    _, tls = secure_broker
    env = {**os.environ, **secure_env(tls, PASSWORD), **bad}
    if bad.get("TRIAGE_KAFKA__SASL_USERNAME") == "":
        del env["TRIAGE_KAFKA__SASL_USERNAME"]

    result = subprocess.run(
        [sys.executable, "-m", "worker", "run"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert (2, False) == (result.returncode, PASSWORD in result.stdout + result.stderr)
    assert "invalid settings" in result.stderr


def test_metric_series_do_not_grow_with_customers_and_tickets(secure_broker, start_worker):
    """10,000 distinct customers and tickets add no series beyond per-partition lag."""
    broker, _ = secure_broker
    partitions = 3
    topics = Topics.create(broker.bootstrap, partitions=partitions)
    bodies = [
        "Where is my parcel? It is three days late.",
        "You idiots broke my account AGAIN!!!",
        "Thanks a lot, that fixed it.",
        "This is the third time I'm writing, nobody answers.",
    ]
    produce(broker.bootstrap, topics.input, [event(i, bodies[i % 4]) for i in range(20)])
    port = free_port()
    worker = start_worker(topics, **http_env(port))
    wait_finished(worker, port, 20, timeout=90)
    before = metric_lines(port)

    produce(broker.bootstrap, topics.input, [event(i, bodies[i % 4]) for i in range(10_000)])
    wait_finished(worker, port, 10_020, timeout=300)
    after = metric_lines(port)
    status = worker.stop()

    def series(lines: list[str]) -> set[str]:
        names = (line.rsplit(" ", 1)[0] for line in lines)
        return {name for name in names if not name.startswith("triage_consumer_lag")}

    lag = [line for line in after if line.startswith("triage_consumer_lag{")]
    print(
        f"[security] series: {len(series(before))} after 20 events, {len(series(after))} after "
        f"10,020 events from 10,020 customers (+{len(lag)} lag series)",
        flush=True,
    )
    assert series(before) == series(after)
    assert (0, True) == (status, len(lag) <= partitions)
