"""The output topic is missing: nothing is committed, the worker retries with a bounded number
of error lines, and catches up once the topic is created (through the admin client)."""

from __future__ import annotations

import time
import uuid
import warnings

import pytest

from tests.integration.chaos.accounting import (
    account,
    committed_offsets,
    produce_all,
    short_events,
    wait_committed_to_end,
)
from tests.integration.chaos.conftest import WorkerFactory
from tests.integration.worker_proc import Topics

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka.admin import KafkaAdminClient, NewTopic

pytestmark = pytest.mark.integration

EVENTS = 2_000
OUTAGE_S = 35.0


def test_missing_output_topic_then_created(bootstrap: str, workers: WorkerFactory) -> None:
    started = time.monotonic()
    topics = Topics.create(bootstrap, partitions=3)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="chaos-admin")
    try:
        admin.delete_topics([topics.output])
        _wait(lambda: topics.output not in admin.list_topics())
        inputs = short_events(EVENTS, seed=4, bad_every=100)
        produce_all(bootstrap, topics.input, inputs)
        group = f"g-{uuid.uuid4().hex}"
        worker = workers(bootstrap, topics, group)
        worker.wait_for_log("batch failed, retrying", timeout=90)
        outage_started = time.monotonic()
        time.sleep(OUTAGE_S)
        outage = time.monotonic() - outage_started
        # Nothing committed while the output cannot be written.
        assert {} == {
            p: o for p, o in committed_offsets(bootstrap, group, topics.input).items() if o > 0
        }
        errors = [e for e in worker.logs() if e.get("level") in ("error", "ERROR")]
        retries = [e for e in errors if e.get("msg") == "batch failed, retrying"]
        assert retries
        # One line per attempt: each attempt waits max_block_ms (10 s) for the topic's
        # metadata, then backs off 0.5 s doubling; so at most one line per ~10 s, plus one.
        bound = int(outage / 10) + 2
        assert len(retries) <= bound, (len(retries), bound)
        assert len(errors) <= len(retries) + 1, [e.get("msg") for e in errors][:10]
        admin.create_topics([NewTopic(topics.output, 3, 1)])
    finally:
        admin.close()
    result = account(bootstrap, topics, inputs, name="missing output topic", timeout=180)
    wait_committed_to_end(bootstrap, group, topics.input)
    assert 0 == worker.stop()
    result.seconds = time.monotonic() - started
    result.notes |= {
        "outage_s": round(outage),
        "error_lines": len(errors),
        "retry_lines": len(retries),
        "bound": bound,
    }
    result.check()


def _wait(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met"
        time.sleep(0.2)
