"""The broker is stopped (SIGTERM) and later killed (SIGKILL) in the middle of a stream, and
restarted each time; a dedicated broker, so the session broker of other tests is untouched."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.harness.kafka import KafkaBroker
from tests.integration.chaos.accounting import (
    Feeder,
    account_ridden_out,
    log_count,
    short_events,
)
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import Topics

pytestmark = pytest.mark.integration

EVENTS = 10_000


def test_broker_stopped_and_killed_mid_stream(
    own_broker: KafkaBroker, workers: WorkerFactory
) -> None:
    started = time.monotonic()
    bootstrap = own_broker.bootstrap
    topics = Topics.create(bootstrap, partitions=3)
    group = f"g-{uuid.uuid4().hex}"
    inputs = short_events(EVENTS, seed=1, bad_every=200)
    feeder = Feeder(bootstrap, topics.input, inputs, rate=500)
    feeder.start()
    worker = workers(bootstrap, topics, group)
    worker.wait_for_log("batch committed", timeout=90, count=2)
    own_broker.stop()
    time.sleep(4)
    own_broker.start()
    worker.wait_for_log("batch committed", timeout=120, count=8)
    own_broker.kill()
    time.sleep(3)
    own_broker.start()
    feeder.finish()
    result = account_ridden_out(
        bootstrap, topics, inputs, group, worker, name="broker stop+kill", started=started
    )
    result.notes["retries_logged"] = log_count([worker], "batch failed, retrying")
    result.check()
