"""SIGKILL the worker five times while 50,000 events flow; restart it each time."""

from __future__ import annotations

import random
import time
import uuid

import pytest

from tests.integration.chaos.accounting import Feeder, account, short_events, wait_committed_to_end
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import Topics

pytestmark = pytest.mark.integration

EVENTS = 50_000
KILLS = 5


def test_sigkill_five_times_during_50000_events(bootstrap: str, workers: WorkerFactory) -> None:
    """Five crashes mid-stream (same instance id on restart, as a StatefulSet pod would have):
    every event is triaged or dead-lettered exactly once, read_committed."""
    started = time.monotonic()
    rng = random.Random(3)
    topics = Topics.create(bootstrap, partitions=6)
    group = f"g-{uuid.uuid4().hex}"
    instance = f"w-{uuid.uuid4().hex[:8]}"
    inputs = short_events(EVENTS, seed=3, bad_every=500)
    feeder = Feeder(bootstrap, topics.input, inputs, rate=2_000)
    feeder.start()
    worker = workers(bootstrap, topics, group, instance=instance)
    for _ in range(KILLS):
        worker.wait_for_log("batch committed", timeout=90)
        time.sleep(rng.uniform(1.0, 3.0))  # somewhere inside a later batch
        worker.kill()
        worker = workers(bootstrap, topics, group, instance=instance)
    feeder.finish()
    result = account(bootstrap, topics, inputs, name="sigkill x5", timeout=240)
    wait_committed_to_end(bootstrap, group, topics.input)
    assert 0 == worker.stop()
    result.seconds = time.monotonic() - started
    result.notes["kills"] = KILLS
    result.check()
