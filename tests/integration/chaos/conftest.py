"""Chaos fixtures: a dedicated broker for tests that stop or kill it, and a worker factory
that leaves no process behind. The session broker comes from tests/integration/conftest.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.kafka import KafkaBroker
from tests.integration.worker_proc import Topics, WorkerProcess

WorkerFactory = Callable[..., WorkerProcess]


@pytest.fixture(name="own_broker")
def fixture_own_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    """A broker of this test alone, which the test may stop, kill and restart."""
    broker = KafkaBroker(tmp_path_factory.mktemp("chaos-kafka"))
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(name="workers")
def fixture_workers(tmp_path: Path) -> Iterator[WorkerFactory]:
    """``workers(bootstrap, topics, group, **kwargs) -> WorkerProcess`` (started); every worker
    still running at the end of the test is killed."""
    started: list[WorkerProcess] = []

    def start(bootstrap: str, topics: Topics, group: str, **kwargs: object) -> WorkerProcess:
        name = f"w{len(started) + 1}-{uuid.uuid4().hex[:4]}"
        worker = WorkerProcess(bootstrap, topics, group, tmp_path / f"{name}.log", **kwargs)  # type: ignore[arg-type]
        started.append(worker.start())
        return worker

    yield start
    for worker in started:
        worker.kill()
