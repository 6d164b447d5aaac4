"""Every dashboard query and alert expression against the REAL worker: a real Prometheus
scrapes `triage-worker run` while it consumes real events from the real broker."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.monitoring.test_prometheus_live import PrometheusLiveChecks
from tests.harness.kafka import KafkaBroker, free_port
from tests.harness.prometheus import ScrapeTarget
from tests.integration.worker_proc import Topics, WorkerProcess, make_events

pytestmark = pytest.mark.integration

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka import KafkaProducer


def _feed(bootstrap: str, topic: str, stop: threading.Event) -> None:
    """About 40 events a second, valid ones and a few bad ones, until stopped."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=5)
    seed = 0
    try:
        while not stop.is_set():
            seed += 1
            for event in make_events(20, seed=seed):
                producer.send(
                    topic, key=event["customer_id"].encode(), value=json.dumps(event).encode()
                )
            producer.send(topic, key=b"bad", value=b"{not json")
            producer.flush()
            stop.wait(0.5)
    finally:
        producer.close(timeout=5)


class TestRealWorker(PrometheusLiveChecks):
    """The dashboard and alert checks, scraping the real worker."""

    data_timeout_s = 60.0

    @pytest.fixture(name="scrape_target", scope="class")
    @classmethod
    def _scrape_target(
        cls, kafka_broker: KafkaBroker, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[ScrapeTarget]:
        bootstrap = kafka_broker.bootstrap
        topics = Topics.create(bootstrap, partitions=3)
        port = free_port()
        log_dir: Path = tmp_path_factory.mktemp("real-worker")
        worker = WorkerProcess(
            bootstrap,
            topics,
            f"g-{uuid.uuid4().hex}",
            log_dir / "w.log",
            extra_env={"TRIAGE_HTTP__ENABLED": "true", "TRIAGE_HTTP__PORT": str(port)},
        ).start()
        stop = threading.Event()
        feeder = threading.Thread(target=_feed, args=(bootstrap, topics.input, stop), daemon=True)
        feeder.start()
        try:
            worker.wait_for_log("batch committed", timeout=90)
            deadline = time.monotonic() + 30
            while True:  # ready once partitions are assigned
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                        break
                except OSError:
                    assert time.monotonic() < deadline, "worker never became ready"
                    time.sleep(0.5)
            yield ScrapeTarget(
                f"127.0.0.1:{port}", labels={"namespace": "support", "pod": "triage-worker-real"}
            )
        finally:
            stop.set()
            feeder.join(timeout=10)
            assert 0 == worker.stop()
