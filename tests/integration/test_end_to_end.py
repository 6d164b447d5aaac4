"""The worker against the real broker: exactly one output per event, equal to `score`."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

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


def test_5000_events_exactly_once_and_equal_to_score(bootstrap: str, tmp_path: Path) -> None:
    """5,000 events in give exactly 5,000 committed outputs, each equal to `score`'s."""
    topics = Topics.create(bootstrap, partitions=3)
    events = make_events(5000)
    produce(bootstrap, topics.input, events)
    worker = WorkerProcess(bootstrap, topics, f"g-{uuid.uuid4().hex}", tmp_path / "w.log").start()
    try:
        records = consume(bootstrap, topics.output, expected=5000, timeout=240)
    finally:
        assert 0 == worker.stop()
    ids = event_ids(records)
    assert 5000 == len(ids)
    assert {e["event_id"] for e in events} == set(ids)

    offline = OfflineScorer.from_config_dir(ROOT / "config")
    expected = {
        json.loads(line)["event_id"]: json.loads(line)
        for line in offline.score_lines(iter_lines(events))
    }
    actual = {json.loads(r.value)["event_id"]: json.loads(r.value) for r in records}
    mismatched = [k for k in expected if expected[k] != actual[k]]
    first = mismatched[0] if mismatched else None
    detail = first and {
        f: (expected[first][f], actual[first][f])
        for f in expected[first]
        if expected[first][f] != actual[first][f]
    }
    assert [] == mismatched[:5], detail

    escalated = [k for k, v in expected.items() if v["escalation"]["required"]]
    escalations = consume(bootstrap, topics.escalations, expected=len(escalated), timeout=60)
    assert sorted(escalated) == sorted(event_ids(escalations))
    headers = dict(records[0].headers)
    assert b"application/json" == headers["content-type"]
    assert json.loads(records[0].value)["ticket_id"].encode() == records[0].key


def test_two_workers_six_partitions_every_event_once(bootstrap: str, tmp_path: Path) -> None:
    """Two workers in one group share a 6-partition topic; every event is processed once."""
    topics = Topics.create(bootstrap, partitions=6)
    group = f"g-{uuid.uuid4().hex}"
    events = make_events(3000, seed=11)
    first = WorkerProcess(bootstrap, topics, group, tmp_path / "w1.log").start()
    second = WorkerProcess(bootstrap, topics, group, tmp_path / "w2.log").start()
    try:
        deadline = time.monotonic() + 90
        while (len(first.assignment()), len(second.assignment())) != (3, 3):
            assert time.monotonic() < deadline, (first.assignment(), second.assignment())
            time.sleep(0.2)
        produce(bootstrap, topics.input, events)
        records = consume(bootstrap, topics.output, expected=3000, timeout=240)
    finally:
        assert (0, 0) == (first.stop(), second.stop())
    ids = event_ids(records)
    assert (3000, 3000) == (len(ids), len(set(ids)))
    committed = [
        [e for e in w.logs() if e.get("msg") == "batch committed"] for w in (first, second)
    ]
    assert all(committed), "both workers should have committed batches"
