"""CloudEvents 1.0 binary-mode headers on what the real worker writes to the real broker."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.integration.worker_proc import ROOT, Topics, WorkerProcess, consume, produce
from worker.kafka.cloudevents import CE_SOURCE, CE_SPECVERSION, CE_TYPE

pytestmark = pytest.mark.integration

RFC3339_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


def test_triaged_and_escalation_records_are_binary_mode_cloudevents(
    bootstrap: str, tmp_path: Path
) -> None:
    """Every output and escalation copy has ce_specversion/id/source/type/time and
    content-type; ce_id is the event id, ce_time when it was triaged."""
    events = [json.loads(x) for x in (ROOT / "examples" / "tickets.jsonl").read_text().splitlines()]
    topics = Topics.create(bootstrap, partitions=2)
    started = datetime.now(UTC)
    produce(bootstrap, topics.input, events)
    worker = WorkerProcess(bootstrap, topics, f"g-{uuid.uuid4().hex}", tmp_path / "w.log").start()
    try:
        outputs = consume(bootstrap, topics.output, expected=len(events), timeout=120)
        escalations = consume(bootstrap, topics.escalations, expected=1, timeout=30)
    finally:
        assert 0 == worker.stop()
    finished = datetime.now(UTC)
    assert len(events) == len(outputs)
    assert escalations, "the samples include abuse, so at least one escalation"

    for record in outputs + escalations:
        headers = dict(record.headers)
        event_id = json.loads(record.value)["event_id"]
        assert CE_SPECVERSION.encode() == headers["ce_specversion"] == b"1.0"
        assert event_id.encode() == headers["ce_id"]
        assert CE_SOURCE.encode() == headers["ce_source"]
        assert CE_TYPE.encode() == headers["ce_type"]
        assert b"application/json" == headers["content-type"]
        time = headers["ce_time"].decode()
        assert RFC3339_UTC.fullmatch(time), time
        when = datetime.strptime(time, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        assert started - timedelta(seconds=1) <= when <= finished
