"""Slow processing: big bodies (near limits.max_body_chars) in big polls against a short
max.poll.interval.ms. The worker cuts a batch at its time budget (half the interval) and
re-reads the rest, so it is never evicted from the group: no rebalance, nothing lost."""

from __future__ import annotations

import json
import random
import time
import uuid

import pytest

from tests.integration.chaos.accounting import Input, account, log_count, produce_all
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import BODIES, Topics

pytestmark = pytest.mark.integration

EVENTS = 600
BODY_CHARS = 19_000  # limits.max_body_chars is 20,000


def _big_events(n: int) -> list[Input]:
    rng = random.Random(5)
    tag = uuid.uuid4().hex[:6]
    out = []
    for i in range(n):
        body = ""
        while len(body) < BODY_CHARS:
            body += rng.choice(BODIES) + " "
        event = {
            "event_id": f"e-{tag}-{i}",
            "ticket_id": f"t-{i}",
            "customer_id": f"c-{i % 50}",
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_767_225_600 + i)),
            "message": {"body": body[:BODY_CHARS], "author_role": "customer"},
        }
        out.append(
            Input(event["event_id"], f"c-{i % 50}".encode(), json.dumps(event).encode(), True)
        )
    return out


def test_slow_batches_stay_within_max_poll_interval(bootstrap: str, workers: WorkerFactory) -> None:
    started = time.monotonic()
    topics = Topics.create(bootstrap, partitions=6)
    inputs = _big_events(EVENTS)
    produce_all(bootstrap, topics.input, inputs)
    group = f"g-{uuid.uuid4().hex}"
    worker = workers(
        bootstrap,
        topics,
        group,
        extra_env={
            "TRIAGE_KAFKA__MAX_POLL_INTERVAL_MS": "10000",
            "TRIAGE_PROCESSING__BATCH_MAX_RECORDS": "5000",
            # Only max.poll.interval.ms bounds a batch here (not the latency budget).
            "TRIAGE_PROCESSING__BATCH_BUDGET_MS": "600000",
        },
    )
    result = account(bootstrap, topics, inputs, name="slow processing", timeout=240)
    assert 0 == worker.stop()
    logs = worker.logs()
    revoked = [e for e in logs if e.get("msg") == "partitions revoked" and e.get("partitions")]
    # The last revocation is the clean shutdown's; none before it.
    assert len(revoked) <= 1, revoked
    batches = [e for e in logs if e.get("msg") == "batch committed"]
    longest = max(e["duration_ms"] for e in batches)
    result.seconds = time.monotonic() - started
    result.notes |= {
        "batches": len(batches),
        "cut_short": log_count([worker], "batch cut short by its time budget"),
        "longest_batch_ms": round(longest),
        "rebalances": log_count([worker], "partitions assigned") - 1,
    }
    assert longest < 10_000
    assert 0 == sum(1 for e in logs if "poll timeout has expired" in e.get("msg", ""))
    result.check()
