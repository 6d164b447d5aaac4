"""Customer history survives restarts and rebalances through the changelog topic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.integration.worker_proc import (
    ROOT,
    Topics,
    WorkerProcess,
    consume,
    event_ids,
    iter_lines,
    make_events,
    produce,
)
from worker.offline import OfflineScorer

pytestmark = pytest.mark.integration

ABUSIVE = [
    "You are a useless idiot.",
    "You f*cking moron, fix it.",
    "Pathetic id1ots, all of you.",
]


def abusive_event(customer: str, n: int, day: int) -> dict[str, Any]:
    return {
        "event_id": f"{customer}-abuse-{n}",
        "ticket_id": f"{customer}-t",
        "customer_id": customer,
        "occurred_at": f"2026-03-{day:02d}T10:00:00Z",
        "message": {"body": ABUSIVE[n % len(ABUSIVE)]},
    }


def relationship_of(bootstrap: str, topics: Topics, event_id: str, expected: int) -> dict:
    records = consume(bootstrap, topics.output, expected=expected, timeout=120, settle=0.5)
    outs = {json.loads(r.value)["event_id"]: json.loads(r.value) for r in records}
    assert event_id in outs, sorted(outs)
    return outs[event_id]["relationship"]


def test_restart_keeps_history(bootstrap: str, tmp_path: Path) -> None:
    """Two abusive messages, a worker restart, a third one: consider_ending."""
    topics = Topics.create(bootstrap, partitions=2)
    group = f"g-{uuid.uuid4().hex}"
    produce(bootstrap, topics.input, [abusive_event("cust-r", 0, 1), abusive_event("cust-r", 1, 2)])
    first = WorkerProcess(bootstrap, topics, group, tmp_path / "w1.log").start()
    consume(bootstrap, topics.output, expected=2, timeout=90, settle=0.1)
    assert 0 == first.stop()
    second = WorkerProcess(bootstrap, topics, group, tmp_path / "w2.log").start()
    try:
        produce(bootstrap, topics.input, [abusive_event("cust-r", 2, 3)])
        rel = relationship_of(bootstrap, topics, "cust-r-abuse-2", expected=3)
    finally:
        assert 0 == second.stop()
    assert {"action": "consider_ending", "abusive_messages_in_window": 3} == rel
    restored = [e for e in second.logs() if e.get("msg") == "state restored"]
    assert 1 == sum(e["customers"] for e in restored)


def test_rebalance_moves_history_to_second_worker(bootstrap: str, tmp_path: Path) -> None:
    """The customer's partition moves to a second worker, which restores and decides."""
    topics = Topics.create(bootstrap, partitions=2)
    group = f"g-{uuid.uuid4().hex}"
    first = WorkerProcess(bootstrap, topics, group, tmp_path / "w1.log").start()
    produce(bootstrap, topics.input, [abusive_event("cust-m", 0, 1), abusive_event("cust-m", 1, 2)])
    consume(bootstrap, topics.output, expected=2, timeout=90, settle=0.1)
    second = WorkerProcess(bootstrap, topics, group, tmp_path / "w2.log").start()
    try:
        deadline = time.monotonic() + 60
        while len(second.assignment()) != 1:
            assert time.monotonic() < deadline, second.assignment()
            time.sleep(0.2)
        assert 0 == first.stop()  # every partition, cust-m's included, moves to the second
        while len(second.assignment()) != 2:
            assert time.monotonic() < deadline, second.assignment()
            time.sleep(0.2)
        produce(bootstrap, topics.input, [abusive_event("cust-m", 2, 3)])
        rel = relationship_of(bootstrap, topics, "cust-m-abuse-2", expected=3)
    finally:
        assert 0 == second.stop()
    assert {"action": "consider_ending", "abusive_messages_in_window": 3} == rel


def test_kill_9_does_not_count_incidents_twice(bootstrap: str, tmp_path: Path) -> None:
    """SIGKILL mid-transaction, then a restart: every output, relationship counts included,
    equals an uninterrupted offline run of the same events."""
    topics = Topics.create(bootstrap, partitions=3)
    group = f"g-{uuid.uuid4().hex}"
    events = make_events(3000, customers=20, seed=21)  # ~150 messages a customer
    produce(bootstrap, topics.input, events)
    first = WorkerProcess(
        bootstrap,
        topics,
        group,
        tmp_path / "w1.log",
        extra_env={"TRIAGE_PROCESSING__BATCH_MAX_RECORDS": "40"},
    ).start()
    first.wait_for_log("batch committed", timeout=90, count=5)
    first.kill()
    second = WorkerProcess(
        bootstrap, topics, group, tmp_path / "w2.log", instance=first.instance
    ).start()
    try:
        records = consume(bootstrap, topics.output, expected=3000, timeout=240, settle=3)
    finally:
        assert 0 == second.stop()
    assert 3000 == len(set(event_ids(records))) == len(records)
    offline = OfflineScorer.from_config_dir(ROOT / "config")
    expected = {
        json.loads(x)["event_id"]: json.loads(x)["relationship"]
        for x in offline.score_lines(iter_lines(events))
    }
    actual = {json.loads(r.value)["event_id"]: json.loads(r.value)["relationship"] for r in records}
    assert expected == actual
    assert any(r and r["abusive_messages_in_window"] >= 3 for r in actual.values())


def _forget(bootstrap: str, topics: Topics, customer: str) -> None:
    env = {**os.environ, "TRIAGE_KAFKA__BOOTSTRAP_SERVERS": bootstrap, **topics.env()}
    subprocess.run(
        [sys.executable, "-m", "worker", "forget", customer],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )


def test_forget_erases_history_live_and_across_restart(bootstrap: str, tmp_path: Path) -> None:
    """After `forget`, a running worker and a restarted one both start the customer afresh."""
    topics = Topics.create(bootstrap, partitions=2)
    group = f"g-{uuid.uuid4().hex}"
    worker = WorkerProcess(bootstrap, topics, group, tmp_path / "w1.log").start()
    try:
        produce(
            bootstrap, topics.input, [abusive_event("cust-f", 0, 1), abusive_event("cust-f", 1, 2)]
        )
        consume(bootstrap, topics.output, expected=2, timeout=90, settle=0.1)
        _forget(bootstrap, topics, "cust-f")
        produce(bootstrap, topics.input, [abusive_event("cust-f", 2, 3)])
        live = relationship_of(bootstrap, topics, "cust-f-abuse-2", expected=3)
        _forget(bootstrap, topics, "cust-f")
    finally:
        assert 0 == worker.stop()
    restarted = WorkerProcess(bootstrap, topics, group, tmp_path / "w2.log").start()
    try:
        produce(bootstrap, topics.input, [abusive_event("cust-f", 3, 4)])
        after = relationship_of(bootstrap, topics, "cust-f-abuse-3", expected=4)
    finally:
        assert 0 == restarted.stop()
    assert {"action": "monitor", "abusive_messages_in_window": 1} == live
    assert {"action": "monitor", "abusive_messages_in_window": 1} == after


def test_mis_keyed_record_is_triaged_and_counted(bootstrap: str, tmp_path: Path) -> None:
    """A record whose key is not its customer id is still triaged and counted."""
    topics = Topics.create(bootstrap, partitions=1)
    events = make_events(3, seed=31)
    produce(
        bootstrap,
        topics.input,
        events,
        keys=[b"wrong-key", None, events[2]["customer_id"].encode()],
    )
    worker = WorkerProcess(bootstrap, topics, f"g-{uuid.uuid4().hex}", tmp_path / "w.log").start()
    try:
        assert 3 == len(consume(bootstrap, topics.output, expected=3, timeout=90, settle=0.5))
    finally:
        assert 0 == worker.stop()
    batches = [e for e in worker.logs() if e.get("msg") == "batch committed"]
    assert 2 == sum(e["mis_keyed"] for e in batches)


def test_refuses_to_start_when_partition_counts_differ(bootstrap: str, tmp_path: Path) -> None:
    """Input and changelog with different partition counts: exit 1 with a clear message."""
    topics = Topics.create(bootstrap, partitions=2)
    other = Topics.create(bootstrap, partitions=3)
    topics.changelog = other.changelog
    worker = WorkerProcess(bootstrap, topics, f"g-{uuid.uuid4().hex}", tmp_path / "w.log").start()
    assert 1 == worker.wait(timeout=60)
    errors = [e for e in worker.logs() if e.get("msg") == "fatal Kafka error, exiting"]
    assert 1 == len(errors)
    assert "co-partitioned" in errors[0]["error"]
