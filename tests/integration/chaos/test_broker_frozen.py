"""The broker freezes (SIGSTOP, like a long GC pause or a hung host) in the middle of a
backlog: connections stay open and nothing answers. The worker's transactional calls must
give up after the request timeout instead of waiting for good, replace the producer, and
carry on once the broker answers again, with every event exactly once."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.harness.kafka import KafkaBroker
from tests.integration.chaos.accounting import (
    account_ridden_out,
    log_count,
    produce_all,
    short_events,
)
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import Topics

pytestmark = pytest.mark.integration

EVENTS = 20_000
FROZEN_S = 20.0
REQUEST_TIMEOUT_MS = 8_000  # above the tests' 6 s session timeout, as kafka-python requires


def test_broker_frozen_mid_transaction(own_broker: KafkaBroker, workers: WorkerFactory) -> None:
    started = time.monotonic()
    bootstrap = own_broker.bootstrap
    topics = Topics.create(bootstrap, partitions=3)
    inputs = short_events(EVENTS, seed=7, bad_every=250)
    produce_all(bootstrap, topics.input, inputs)
    group = f"g-{uuid.uuid4().hex}"
    # A backlog keeps the worker inside a batch (triage, flush, offsets, commit) nearly all
    # the time, so the freeze lands in the middle of one.
    worker = workers(
        bootstrap,
        topics,
        group,
        extra_env={"TRIAGE_KAFKA__REQUEST_TIMEOUT_MS": str(REQUEST_TIMEOUT_MS)},
    )
    worker.wait_for_log("batch committed", timeout=90, count=3)
    own_broker.freeze()
    try:
        time.sleep(FROZEN_S)
    finally:
        own_broker.thaw()
    result = account_ridden_out(
        bootstrap, topics, inputs, group, worker, name="broker frozen", started=started
    )
    failed = log_count([worker], "batch failed, retrying")
    result.notes |= {
        "frozen_s": FROZEN_S,
        "retries_logged": failed,
        "producers_replaced": log_count(
            [worker], "could not abort the transaction, replacing the producer"
        ),
    }
    result.check()
    # A 20 s freeze against an 8 s request timeout: the batch in flight must have failed
    # (and been retried) rather than waited for the broker.
    assert failed >= 1
