"""A rebalance storm: three workers on six partitions, one replaced (SIGTERM + a new one)
every 3-5 s for about 40 s while events flow."""

from __future__ import annotations

import random
import time
import uuid

import pytest

from tests.integration.chaos.accounting import (
    Feeder,
    account,
    log_count,
    short_events,
    wait_committed_to_end,
)
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import Topics

pytestmark = pytest.mark.integration

EVENTS = 15_000
STORM_S = 40.0


def test_rebalance_storm(bootstrap: str, workers: WorkerFactory) -> None:
    started = time.monotonic()
    rng = random.Random(2)
    topics = Topics.create(bootstrap, partitions=6)
    group = f"g-{uuid.uuid4().hex}"
    inputs = short_events(EVENTS, seed=2, bad_every=300)
    live = [workers(bootstrap, topics, group) for _ in range(3)]
    live[0].wait_for_log("partitions assigned", timeout=90)
    feeder = Feeder(bootstrap, topics.input, inputs, rate=EVENTS / STORM_S)
    feeder.start()
    stopped, statuses = [], []
    storm_end = time.monotonic() + STORM_S
    while time.monotonic() < storm_end:
        time.sleep(rng.uniform(3.0, 5.0))
        leaving = live.pop(rng.randrange(len(live)))
        statuses.append(leaving.stop(timeout=30))
        stopped.append(leaving)
        live.append(workers(bootstrap, topics, group))
        # Stopped only once it has started (a busy machine can take seconds just to import
        # Python): SIGTERM at every point of start-up is tests/integration/test_startup_edges.
        live[-1].wait_for_log("worker starting", timeout=120, poll_s=0.05)
    feeder.finish()
    result = account(bootstrap, topics, inputs, name="rebalance storm", timeout=240)
    wait_committed_to_end(bootstrap, group, topics.input)
    statuses += [w.stop(timeout=30) for w in live]
    result.seconds = time.monotonic() - started
    everyone = stopped + live
    result.notes |= {
        "workers": len(everyone),
        "rebalances": log_count(everyone, "partitions assigned"),
        "retries_logged": log_count(everyone, "batch failed, retrying"),
    }
    assert all(s == 0 for s in statuses), statuses
    result.check()
