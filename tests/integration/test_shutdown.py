"""Stopping and crashing: SIGTERM exits 0 cleanly, kill -9 loses and doubles nothing."""

from __future__ import annotations

import signal
import time
import uuid
from pathlib import Path

import pytest

from tests.harness.kafka import KafkaBroker, free_port
from tests.integration.worker_proc import (
    Topics,
    WorkerProcess,
    consume,
    event_ids,
    make_events,
    produce,
)

pytestmark = pytest.mark.integration


def _run_interrupted(bootstrap: str, tmp_path: Path, how: str, n: int) -> list[str]:
    topics = Topics.create(bootstrap, partitions=3)
    group = f"g-{uuid.uuid4().hex}"
    events = make_events(n, seed=5)
    produce(bootstrap, topics.input, events)
    first = WorkerProcess(
        bootstrap,
        topics,
        group,
        tmp_path / "w1.log",
        extra_env={"TRIAGE_PROCESSING__BATCH_MAX_RECORDS": "50"},
    ).start()
    first.wait_for_log("batch committed", timeout=90, count=3)
    if how == "sigterm":
        started = time.monotonic()
        assert 0 == first.stop(timeout=25)
        assert time.monotonic() - started < 20
        assert any(e.get("msg") == "worker stopped" for e in first.logs())
    else:
        first.kill()
    second = WorkerProcess(
        bootstrap, topics, group, tmp_path / "w2.log", instance=first.instance
    ).start()
    try:
        records = consume(bootstrap, topics.output, expected=n, timeout=240, settle=3)
    finally:
        assert 0 == second.stop()
    return event_ids(records)


def test_sigterm_mid_stream_then_restart(bootstrap: str, tmp_path: Path) -> None:
    """SIGTERM mid-stream exits 0 within the timeout; after a restart nothing is lost or doubled."""
    ids = _run_interrupted(bootstrap, tmp_path, "sigterm", 3000)
    assert (3000, 3000) == (len(ids), len(set(ids)))


def test_kill_9_mid_batch_then_restart(bootstrap: str, tmp_path: Path) -> None:
    """SIGKILL in the middle of a batch, then a restart: exactly one committed output per event."""
    ids = _run_interrupted(bootstrap, tmp_path, "kill", 3000)
    assert (3000, 3000) == (len(ids), len(set(ids)))


def test_worker_started_before_broker_waits(tmp_path: Path) -> None:
    """A worker started before its broker retries, then consumes once the broker is up."""
    port = free_port()
    bootstrap = f"127.0.0.1:{port}"
    broker = KafkaBroker(tmp_path / "kafka", port)
    tag = uuid.uuid4().hex[:8]
    names = Topics(f"in-{tag}", f"out-{tag}", f"esc-{tag}", f"dlq-{tag}", f"chg-{tag}")
    worker = WorkerProcess(
        bootstrap,
        names,
        f"g-{tag}",
        tmp_path / "w.log",
        extra_env={"TRIAGE_KAFKA__STARTUP_TIMEOUT_S": "180"},
    ).start()
    try:
        worker.wait_for_log("brokers not reachable yet, retrying", timeout=30, count=2)
        broker.start()
        Topics.create_named(bootstrap, names, partitions=1)
        worker.wait_for_log("partitions assigned", timeout=90)
        produce(bootstrap, names.input, make_events(20, seed=9))
        assert 20 == len(consume(bootstrap, names.output, expected=20, timeout=90))
        assert 0 == worker.stop()
    finally:
        worker.kill()
        broker.stop()


def test_fenced_producer_exits_non_zero(bootstrap: str, tmp_path: Path) -> None:
    """A second instance with the same transactional id fences the first, which exits 1."""
    topics = Topics.create(bootstrap, partitions=1)
    group = f"g-{uuid.uuid4().hex}"
    first = WorkerProcess(bootstrap, topics, group, tmp_path / "w1.log").start()
    first.wait_for_log("partitions assigned")
    second = WorkerProcess(
        bootstrap, topics, f"{group}-other", tmp_path / "w2.log", instance=first.instance
    ).start()
    try:
        second.wait_for_log("worker started")
        produce(bootstrap, topics.input, make_events(50, seed=13))
        assert 1 == first.wait(timeout=90)
        fatal = [e for e in first.logs() if e.get("msg") == "fatal Kafka error, exiting"]
        assert 1 == len(fatal)
    finally:
        first.kill()
        second.signal(signal.SIGTERM)
        second.wait(timeout=30)
