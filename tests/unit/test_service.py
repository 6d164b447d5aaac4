"""The service loop with fake clients (tests/unit/fakes.py): transactions, retries, fencing,
rebalances, the time budget and shutdown, without a broker."""

from __future__ import annotations

import gc
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from tests.unit.fakes import INPUT, FakeClients, FakeLagReader
from worker.core.techniques import TECHNIQUE_IDS
from worker.core.triage import Engine
from worker.errors import DEAD_LETTER_REASONS, FatalKafkaError
from worker.kafka._client import Errors, TopicPartition
from worker.kafka.lag import LagThread
from worker.metrics import Metrics
from worker.pipeline import Pipeline
from worker.rules import load_rules
from worker.service import PollSize, Service
from worker.settings import WorkerSettings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = (ROOT / "examples" / "tickets.jsonl").read_bytes().splitlines()
OUTPUT = "support.tickets.triaged"
_ENGINE: list[Engine] = []


def _events(n: int, customer: str) -> list[bytes | None]:
    """``n`` valid ticket events of one customer (ids unique)."""
    out: list[bytes | None] = []
    for i in range(n):
        event = json.loads(EXAMPLES[i % len(EXAMPLES)])
        event.update(event_id=f"{customer}-e{i}", customer_id=customer)
        out.append(json.dumps(event).encode())
    return out


def _service(
    clients: FakeClients, registry: CollectorRegistry | None = None, **processing: Any
) -> Service:
    if not _ENGINE:
        _ENGINE.append(Engine(load_rules(ROOT / "config")))
    settings = WorkerSettings(
        config_dir=ROOT / "config",
        processing={"state_store": "memory", **processing},
        kafka={"request_timeout_ms": 1_000},
    )
    metrics = Metrics(
        registry or CollectorRegistry(),
        technique_ids=TECHNIQUE_IDS,
        dead_letter_reasons=DEAD_LETTER_REASONS,
    )
    return Service(settings, Pipeline(_ENGINE[0]), metrics, clients)


def _run(service: Service, clients: FakeClients, *, assign: tuple[int, ...] = (0, 1)) -> None:
    """Assign ``assign`` on the first poll, then run until every input record is committed
    (or 2,000 polls or 20 s have passed: safeguards, never reached when the loop works, so a
    broken retry path fails the test's assertions instead of hanging in its backoff)."""
    total = {tp: len(records) for tp, records in clients.logs.items()}

    def before_poll() -> None:
        if clients.polls == 1:
            clients.consumer_or_fail.assign(*assign)
        owned = {tp for tp in total if tp.partition in assign}
        if all(clients.committed.get(tp) == total[tp] for tp in owned) or clients.polls > 2_000:
            service.request_stop()

    clients.before_poll = before_poll
    safeguard = threading.Timer(20.0, service.request_stop)
    safeguard.start()
    try:
        service.run()
    finally:
        safeguard.cancel()


def _abusive(customer: str) -> bytes:
    """One event of ``customer`` with an insult aimed at the agent (it starts a history)."""
    event = json.loads(EXAMPLES[0])
    event.update(event_id=f"{customer}-abuse", customer_id=customer)
    event["message"]["body"] = "You are a useless idiot and I am sick of your lies."
    return json.dumps(event).encode()


def _outputs(clients: FakeClients) -> list[str]:
    """The event ids of the committed output records."""
    return [json.loads(r.value or b"{}")["event_id"] for r in clients.written if r.topic == OUTPUT]


def _tp(partition: int) -> TopicPartition:
    return TopicPartition(INPUT, partition)


def test_every_record_is_committed_once_with_its_offsets() -> None:
    """Two partitions' records each reach the output once, and their offsets commit."""
    clients = FakeClients({0: _events(3, "c-a"), 1: _events(2, "c-b")})
    service = _service(clients)
    _run(service, clients)
    assert {_tp(0): 3, _tp(1): 2} == clients.committed
    assert sorted(["c-a-e0", "c-a-e1", "c-a-e2", "c-b-e0", "c-b-e1"]) == sorted(_outputs(clients))
    assert {0, 1} == set(service.history.partitions)


def test_history_is_kept_only_once_its_batch_commits() -> None:
    """An abusive message starts its customer's history, applied after the commit; a batch
    that failed first leaves no trace of its attempt (one incident, not two)."""
    clients = FakeClients({0: [_abusive("c-a"), *_events(1, "c-a")]})
    clients.fail("commit", Errors.KafkaTimeoutError("no answer"))
    service = _service(clients)
    _run(service, clients, assign=(0,))
    assert {_tp(0): 2} == clients.committed
    history = service.history.partitions[0]["c-a"]
    assert 1 == len(history.incidents)


def test_a_record_refused_as_too_large_is_dead_lettered_on_the_retry() -> None:
    """The broker refuses one output as too large: the batch is aborted and retried, and the
    retry sends that input to the dead-letter topic (reason record_too_large) instead."""
    clients = FakeClients({0: _events(2, "c-a")})
    clients.refusals[OUTPUT] = [Errors.MessageSizeTooLargeError("too big")]
    service = _service(clients)
    _run(service, clients, assign=(0,))
    assert {_tp(0): 2} == clients.committed
    dead = [r for r in clients.written if r.topic == "support.tickets.dlq"]
    assert 1 == len(dead)
    reasons = [v for k, v in dead[0].headers if k == "triage.dlq.reason"]
    assert [b"record_too_large"] == reasons
    assert 1 == len(_outputs(clients))


@pytest.mark.parametrize("operation", ["flush", "send_offsets", "commit"])
def test_a_batch_failing_mid_transaction_is_aborted_rewound_and_retried(operation: str) -> None:
    """A transient error inside the transaction aborts it, seeks back to the batch's first
    offsets, and the retry commits every record exactly once."""
    clients = FakeClients({0: _events(3, "c-a"), 1: _events(2, "c-b")})
    clients.fail(operation, Errors.KafkaTimeoutError("no answer"))
    service = _service(clients)
    _run(service, clients)
    consumer = clients.consumer_or_fail
    assert 1 == clients.calls.count("abort")
    assert {(_tp(0), 0), (_tp(1), 0)} <= set(consumer.seeks[2:])  # after the positioning
    assert 1 == len(clients.transactions)
    assert 5 == len(_outputs(clients)) == len(set(_outputs(clients)))
    assert {_tp(0): 3, _tp(1): 2} == clients.committed


def test_a_fenced_producer_is_fatal_and_commits_nothing() -> None:
    """ProducerFencedError at commit (the abort then fails, its cause the fencing) ends run()
    with FatalKafkaError; no offset and no output is committed, and the clients close."""
    clients = FakeClients({0: _events(3, "c-a")})
    fenced = Errors.ProducerFencedError()

    def fence() -> None:
        clients.producers[-1].last_error = fenced

    clients.on("commit", fence)
    clients.fail("commit", fenced)
    clients.fail("abort", Errors.KafkaError("the producer is in an error state"))
    service = _service(clients)
    with pytest.raises(FatalKafkaError, match="ProducerFenced"):
        _run(service, clients, assign=(0,))
    assert ({}, [], []) == (clients.committed, clients.written, clients.transactions)
    assert clients.consumer_or_fail.closed
    assert "discard" not in clients.calls


def test_a_fenced_producer_is_fatal_even_when_the_abort_succeeds() -> None:
    """A fencing error raised by send_offsets is fatal once the transaction is aborted."""
    clients = FakeClients({0: _events(2, "c-a")})
    clients.fail("send_offsets", Errors.ProducerFencedError())
    service = _service(clients)
    with pytest.raises(FatalKafkaError):
        _run(service, clients, assign=(0,))
    assert (["abort"], {}) == ([c for c in clients.calls if c == "abort"], clients.committed)


def test_a_partition_revoked_mid_batch_has_its_results_dropped() -> None:
    """Partition 1 revoked while the batch is in flight: the transaction is aborted, none
    of partition 1's outputs or offsets commit, its history is dropped, and partition 0's
    records are read again and committed."""
    clients = FakeClients({0: _events(3, "c-a"), 1: _events(2, "c-b")})
    clients.on("flush", lambda: clients.consumer_or_fail.revoke(1))
    service = _service(clients)
    _run(service, clients, assign=(0, 1))
    assert {_tp(0): 3} == clients.committed
    assert ["c-a-e0", "c-a-e1", "c-a-e2"] == sorted(_outputs(clients))
    assert [0] == list(service.history.partitions)
    assert 1 == clients.calls.count("abort")
    assert (_tp(0), 0) in clients.consumer_or_fail.seeks
    assert all(tp != _tp(1) for tp, _ in clients.consumer_or_fail.seeks[2:])


def test_a_partition_revoked_mid_batch_at_least_once_commits_nothing_of_it() -> None:
    """With at_least_once the revoked partition's offsets are not committed either."""
    clients = FakeClients({0: _events(2, "c-a"), 1: _events(2, "c-b")})
    clients.on("flush", lambda: clients.consumer_or_fail.revoke(1))
    service = _service(clients, guarantee="at_least_once")
    _run(service, clients, assign=(0, 1))
    assert {_tp(0): 2} == clients.committed
    assert [] == clients.transactions


def test_a_failed_abort_replaces_the_producer() -> None:
    """When the abort itself fails the producer is discarded and a new one commits the
    retried batch."""
    clients = FakeClients({0: _events(3, "c-a")})
    clients.fail("flush", Errors.KafkaTimeoutError("no answer"))
    clients.fail("abort", Errors.KafkaTimeoutError("abort not answered"))
    service = _service(clients)
    _run(service, clients, assign=(0,))
    first, second = clients.producers
    assert (True, 1) == (first.closed, clients.calls.count("discard"))
    assert {_tp(0): 3} == clients.committed
    assert 3 == len(_outputs(clients))
    assert second.closed  # closed on shutdown


def test_stop_request_closes_cleanly() -> None:
    """A stop requested between batches leaves the group and closes both clients; the lag
    thread ends too."""
    clients = FakeClients({0: _events(2, "c-a")})
    registry = CollectorRegistry()
    service = _service(clients, registry)
    _run(service, clients, assign=(0,))
    assert "leave_group" in clients.calls
    assert clients.consumer_or_fail.closed and clients.producers[0].closed
    assert not service._lag._thread.is_alive()
    assert 0.0 == registry.get_sample_value("triage_ready")


def test_start_up_objects_are_frozen_for_the_run_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the loop runs, what start-up built (the engine's tables among it) is frozen:
    no full collection walks it (gc.freeze); when the run ends it is collectable again."""
    clients = FakeClients({0: _events(3, "c-a")})
    service = _service(clients)
    frozen: list[int] = []
    process = service._process

    def spy(*args: Any) -> None:
        frozen.append(gc.get_freeze_count())
        process(*args)

    monkeypatch.setattr(service, "_process", spy)
    assert 0 == gc.get_freeze_count()
    _run(service, clients, assign=(0,))
    assert frozen and all(count > 1_000 for count in frozen)
    assert 0 == gc.get_freeze_count()
    assert {_tp(0): 3} == clients.committed


def test_a_batch_cut_by_its_time_budget_rewinds_the_rest() -> None:
    """Out of time budget, a batch commits what it triaged and seeks back to the first
    record it left out; every record is still committed exactly once."""
    clients = FakeClients({0: _events(400, "c-a")})
    service = _service(clients, batch_budget_ms=10)
    _run(service, clients, assign=(0,))
    cuts = [offset for tp, offset in clients.consumer_or_fail.seeks[1:]]
    assert len(clients.transactions) > 1
    assert [len(t) > 0 for t in clients.transactions] == [True] * len(clients.transactions)
    assert cuts and all(0 < c < 400 for c in cuts)
    assert {_tp(0): 400} == clients.committed
    assert 400 == len(set(_outputs(clients))) == len(_outputs(clients))


def test_polls_ask_for_what_the_budget_fits_so_few_batches_are_cut() -> None:
    """After the first batch (cut by its budget), each poll asks for as many records as the
    pace of the batches so far fits in the budget: few cuts, and nothing lost."""
    clients = FakeClients({0: _events(400, "c-a")})
    service = _service(clients, batch_budget_ms=30)
    _run(service, clients, assign=(0,))
    asked = [n for n in clients.max_records_asked if n is not None]
    assert asked[0] == 500  # batch_max_records until a batch is timed
    assert all(1 <= n < 400 for n in asked[2:]), asked
    # Polls of 500 records would have every batch cut by the 30 ms budget; paced polls leave
    # most uncut. On a busy machine the pace is noisy and about half are cut (10 of 20 seen
    # with two busy loops on the two cores), so the bound leaves room for that.
    cuts = clients.consumer_or_fail.seeks[1:]
    assert len(cuts) < len(clients.transactions) * 0.75, (len(cuts), len(clients.transactions))
    assert {_tp(0): 400} == clients.committed
    assert 400 == len(set(_outputs(clients))) == len(_outputs(clients))


def test_poll_size_follows_the_pace_within_its_bounds() -> None:
    size = PollSize(max_records=500, budget_s=0.25)
    assert size.records == 500  # nothing timed yet
    size.observe(0, 1.0)  # nothing triaged: no pace
    assert size.records == 500
    size.observe(50, 0.25)  # 5 ms a record: 50 fit
    assert size.records == 50
    size.observe(10, 0.25)  # 25 ms: the pace moves 30% of the way, to 11 ms
    assert size.records == int(0.25 / (0.005 + 0.3 * 0.02))
    for _ in range(60):
        size.observe(1, 10.0)  # one record longer than the budget: still one a poll
    assert size.records == 1
    for _ in range(60):
        size.observe(100, 0.0001)  # fast: never more than max_records
    assert size.records == 500
    size.observe(3, 0.0)
    assert size.records == 500


def test_at_least_once_commits_on_the_consumer() -> None:
    """With at_least_once there is no transaction: outputs are flushed, then offsets commit."""
    clients = FakeClients({0: _events(2, "c-a")})
    service = _service(clients, guarantee="at_least_once")
    _run(service, clients, assign=(0,))
    assert ([], {_tp(0): 2}) == (clients.transactions, clients.committed)
    assert "consumer_commit" in clients.calls and "send_offsets" not in clients.calls


def test_lag_is_read_from_committed_offsets_and_removed_on_revoke() -> None:
    """The lag thread's reading sets end minus committed per assigned partition; a revoked
    partition's series is removed and not set again."""
    clients = FakeClients({0: _events(5, "c-a"), 1: _events(3, "c-b")})
    registry = CollectorRegistry()
    service = _service(clients, registry)
    consumer = clients.consumer(service)
    service._consumer = consumer
    consumer.assign(0, 1)
    clients.committed[_tp(0)] = 2
    lag = LagThread(clients, service.partitions, service.metrics)
    reader = FakeLagReader(clients)
    lag.read_once(reader)
    value = registry.get_sample_value
    assert (3.0, 3.0) == (
        value("triage_consumer_lag", {"partition": "0"}),
        value("triage_consumer_lag", {"partition": "1"}),
    )
    consumer.revoke(1)
    lag.read_once(reader)
    assert value("triage_consumer_lag", {"partition": "1"}) is None
    assert reader.timeouts
    assert None not in reader.timeouts  # every read is bounded
