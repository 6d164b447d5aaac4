"""SIGTERM at any moment of start-up exits 0 without committing anything twice; while the
brokers cannot be reached, /healthz stays 200 (retrying is progress) and /readyz is 503."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
import warnings
from pathlib import Path

import pytest

from tests.harness.kafka import free_port
from tests.integration.worker_proc import (
    Topics,
    WorkerProcess,
    consume,
    event_ids,
    make_events,
    produce,
)
from worker.core.triage import WARM_UP_WORDS

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka import KafkaProducer

pytestmark = pytest.mark.integration

#: Unreadable changelog values: skipped by the restore, but each one is fetched and checked,
#: so restoring them takes long enough to be interrupted.
CHANGELOG_RECORDS = 60_000


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _fill_changelog(bootstrap: str, topic: str, n: int) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks=1, linger_ms=50)
    try:
        for i in range(n):
            producer.send(topic, key=f"c{i}".encode(), value=b"x", partition=0)
        producer.flush(timeout=120)
    finally:
        producer.close(timeout=10)


def _stop_at(worker: WorkerProcess, msg: str) -> float:
    """SIGTERM as soon as ``msg`` is logged; returns the seconds from SIGTERM to exit."""
    worker.wait_for_log(msg, timeout=120, poll_s=0.02)
    started = time.monotonic()
    status = worker.stop(timeout=40)
    seconds = time.monotonic() - started
    assert 0 == status, worker.logs()[-5:]
    assert not [e for e in worker.logs() if e.get("level") in ("error", "critical")]
    return seconds


def test_sigterm_at_each_point_of_start_up(bootstrap: str, tmp_path: Path) -> None:
    """Before connecting, during the group join and during the state restore: exit 0 within
    the shutdown timeout each time; a last worker then triages every event exactly once."""
    topics = Topics.create(bootstrap, partitions=1)
    _fill_changelog(bootstrap, topics.changelog, CHANGELOG_RECORDS)
    events = make_events(300, seed=31)
    produce(bootstrap, topics.input, events)
    group = f"g-{uuid.uuid4().hex}"
    timings: dict[str, float] = {}
    points = [
        ("before connect", "worker starting"),
        ("group join", "worker started"),
        ("restore", "restoring state"),
    ]
    for i, (point, msg) in enumerate(points):
        worker = WorkerProcess(bootstrap, topics, group, tmp_path / f"w{i}.log").start()
        timings[point] = _stop_at(worker, msg)
        if point == "before connect":  # the engine's warm-up (after start-up) is skipped
            warmed = [e for e in worker.logs() if e.get("msg") == "engine warmed up"]
            assert [0] == [e["texts"] for e in warmed]
        if point == "restore":
            logs = [e.get("msg") for e in worker.logs()]
            assert "state restore interrupted by shutdown" in logs
            assert "state restored" not in logs
            assert "batch committed" not in logs

    last = WorkerProcess(bootstrap, topics, group, tmp_path / "last.log").start()
    try:
        ids = event_ids(consume(bootstrap, topics.output, expected=len(events), timeout=240))
    finally:
        assert 0 == last.stop()
    assert (len(events), len(events)) == (len(ids), len(set(ids)))
    msgs = [e.get("msg") for e in last.logs()]
    assert msgs.index("engine warmed up") < msgs.index("worker started")
    warmed = next(e for e in last.logs() if e.get("msg") == "engine warmed up")
    assert warmed["texts"] == -(-WARM_UP_WORDS // 150)  # 54 texts of 150 words
    print(f"\n[startup] SIGTERM to exit 0, seconds: {json.dumps(timings)}")
    assert all(s < 20 for s in timings.values()), timings  # the shutdown timeout


def test_waiting_for_brokers_is_alive_not_ready_and_stops_cleanly(tmp_path: Path) -> None:
    """No broker at all: the worker retries with backoff; /healthz 200 well past its liveness
    timeout, /readyz 503; SIGTERM while waiting exits 0."""
    tag = uuid.uuid4().hex[:8]
    names = Topics(f"in-{tag}", f"out-{tag}", f"esc-{tag}", f"dlq-{tag}", f"chg-{tag}")
    port = free_port()
    liveness_s = 3.0
    worker = WorkerProcess(
        f"127.0.0.1:{free_port()}",
        names,
        f"g-{tag}",
        tmp_path / "w.log",
        extra_env={
            "TRIAGE_HTTP__ENABLED": "true",
            "TRIAGE_HTTP__PORT": str(port),
            "TRIAGE_HTTP__LIVENESS_TIMEOUT_S": str(liveness_s),
            "TRIAGE_KAFKA__STARTUP_TIMEOUT_S": "300",
        },
    ).start()
    try:
        worker.wait_for_log("http listening", timeout=60)
        listening = time.monotonic()
        # Four attempts back off 0.5 + 1 + 2 + 4 s: more than twice the liveness timeout.
        worker.wait_for_log("brokers not reachable yet, retrying", timeout=120, count=4)
        assert time.monotonic() - listening > 2 * liveness_s
        assert (200, "ok\n") == _get(port, "/healthz")
        assert (503, "not ready: connecting to Kafka\n") == _get(port, "/readyz")
        assert 0 == worker.stop(timeout=30)
    finally:
        worker.kill()
