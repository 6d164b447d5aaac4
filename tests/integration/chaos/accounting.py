"""Read-committed accounting for the chaos tests: every event in is found exactly once, as a
triaged output or as a dead letter, and the group's committed offsets reach the log end.

Inputs are short synthetic events (so tens of thousands stay fast) plus, optionally, some
records that must be dead-lettered. :class:`Feeder` writes them from a background thread at a
steady rate with an idempotent producer, so a broker restart cannot duplicate an input.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.admin import KafkaAdminClient
    from kafka.errors import KafkaError

from tests.integration.worker_proc import Topics, WorkerProcess

SHORT_BODIES = [
    "Where is my order?",
    "Thanks, all good now.",
    "This is useless, fix it now!!",
    "I want a refund, you idiots.",
    "Can you reset my password please?",
    "Still waiting. Third time I ask.",
    "ok",
]


@dataclass(frozen=True)
class Input:
    """One input record: ``id`` is the event_id, or the key of a record meant for the DLQ."""

    id: str
    key: bytes
    value: bytes
    valid: bool


def short_events(n: int, *, seed: int = 1, customers: int = 300, bad_every: int = 0) -> list[Input]:
    """``n`` records with short bodies; every ``bad_every``-th is invalid JSON (a dead letter)."""
    rng = random.Random(seed)
    base = 1_767_225_600  # 2026-01-01T00:00:00Z
    tag = uuid.uuid4().hex[:6]
    out = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            ident = f"bad-{tag}-{i}"
            out.append(Input(ident, ident.encode(), f"not json {i}".encode(), valid=False))
            continue
        customer = f"c-{rng.randrange(customers)}"
        event = {
            "event_id": f"e-{tag}-{i}",
            "ticket_id": f"t-{rng.randrange(n // 3 + 1)}",
            "customer_id": customer,
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + i)),
            "message": {"body": rng.choice(SHORT_BODIES), "author_role": "customer"},
        }
        out.append(Input(event["event_id"], customer.encode(), json.dumps(event).encode(), True))
    return out


def make_producer(bootstrap: str) -> KafkaProducer:
    """Idempotent, patient producer: survives a broker restart without duplicating inputs."""
    return KafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        max_block_ms=120_000,
        delivery_timeout_ms=180_000,
        request_timeout_ms=15_000,
    )


def produce_all(bootstrap: str, topic: str, inputs: list[Input]) -> None:
    """Write every input to ``topic`` at once (a backlog), failing on any failed send."""
    producer = make_producer(bootstrap)
    try:
        futures = [producer.send(topic, key=r.key, value=r.value) for r in inputs]
        producer.flush(timeout=120)
        for future in futures:
            future.get(timeout=0)
    finally:
        producer.close(timeout=10)


class Feeder(threading.Thread):
    """Produce ``inputs`` to ``topic`` at about ``rate`` records/s, then flush."""

    def __init__(self, bootstrap: str, topic: str, inputs: list[Input], rate: float) -> None:
        super().__init__(daemon=True, name="chaos-feeder")
        self.bootstrap, self.topic, self.inputs, self.rate = bootstrap, topic, inputs, rate
        self.sent = 0
        self.error: BaseException | None = None
        self.failed: list[str] = []  # ids whose send the producer reported as failed

    def run(self) -> None:
        try:
            producer = make_producer(self.bootstrap)
            try:
                started = time.monotonic()
                for i, record in enumerate(self.inputs):
                    future = producer.send(self.topic, key=record.key, value=record.value)
                    future.add_errback(lambda _exc, ident=record.id: self.failed.append(ident))
                    self.sent = i + 1
                    ahead = started + (i + 1) / self.rate - time.monotonic()
                    if ahead > 0.01:
                        time.sleep(ahead)
                producer.flush(timeout=180)
            finally:
                producer.close(timeout=30)
        except BaseException as exc:  # noqa: BLE001 - reported by finish()
            self.error = exc

    def finish(self, timeout: float = 240.0) -> None:
        self.join(timeout)
        assert not self.is_alive(), "feeder did not finish"
        assert self.error is None, f"feeder failed: {self.error!r}"
        assert self.failed == [], f"feeder: {len(self.failed)} sends failed: {self.failed[:5]}"


@dataclass
class Accounting:
    """What the read_committed consumer found in the worker's output topics."""

    name: str
    events_in: int
    outputs: int
    dlq: int
    escalations: int
    lost: list[str] = field(default_factory=list)  # in the input topic, not in any output
    not_in_input: list[str] = field(default_factory=list)  # never reached the input topic
    duplicated: int = 0
    misrouted: list[str] = field(default_factory=list)  # valid in DLQ, or invalid in output
    escalation_problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    notes: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in self.notes.items())
        return (
            f"[chaos] {self.name}: in={self.events_in} out={self.outputs} dlq={self.dlq} "
            f"esc={self.escalations} lost={len(self.lost)} dup={self.duplicated} "
            f"not_in_input={len(self.not_in_input)} "
            f"misrouted={len(self.misrouted)} runtime={self.seconds:.0f}s {extra}".rstrip()
        )

    def check(self) -> None:
        print(self.summary(), flush=True)
        assert self.not_in_input == [], (
            f"{len(self.not_in_input)} inputs missing from the input topic itself (the feeder or "
            f"the broker lost them, not the worker), e.g. {self.not_in_input[:5]}"
        )
        assert self.lost == [], f"{len(self.lost)} lost, e.g. {self.lost[:5]}"
        assert self.duplicated == 0, f"{self.duplicated} duplicated"
        assert self.misrouted == [], f"misrouted: {self.misrouted[:5]}"
        assert self.escalation_problems == [], self.escalation_problems[:5]
        assert self.outputs + self.dlq == self.events_in


def account(
    bootstrap: str,
    topics: Topics,
    inputs: list[Input],
    *,
    name: str,
    timeout: float = 180.0,
    settle: float = 3.0,
) -> Accounting:
    """Read output, DLQ and escalation topics (read_committed) until every input is accounted
    for (or ``timeout``), then ``settle`` s more to catch late duplicates."""
    valid = {i.id for i in inputs if i.valid}
    invalid = {i.id for i in inputs if not i.valid}
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_poll_records=10_000,
        fetch_max_bytes=64 * 1024 * 1024,
    )
    outs: list[str] = []
    dlq: list[str] = []
    escalated_expected: set[str] = set()
    esc: list[str] = []
    try:
        deadline = time.monotonic() + timeout
        tps = _partitions(
            consumer, (topics.output, topics.dead_letter, topics.escalations), deadline
        )
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        settle_until: float | None = None
        while time.monotonic() < deadline:
            for tp, batch in consumer.poll(timeout_ms=500).items():
                for r in batch:
                    if tp.topic == topics.output:
                        out = json.loads(r.value)
                        outs.append(out["event_id"])
                        if out["escalation"]["required"]:
                            escalated_expected.add(out["event_id"])
                    elif tp.topic == topics.escalations:
                        esc.append(json.loads(r.value)["event_id"])
                    else:
                        dlq.append(_record_id(r))
            seen = set(outs) | set(dlq)
            if settle_until is None and len(seen & (valid | invalid)) >= len(inputs):
                settle_until = time.monotonic() + settle
            if settle_until is not None and time.monotonic() >= settle_until:
                break
    finally:
        consumer.close()
    found = set(outs) | set(dlq)
    written = input_ids(bootstrap, topics.input)
    esc_dups = sum(c - 1 for c in Counter(esc).values())
    problems = []
    if esc_dups:
        problems.append(f"{esc_dups} duplicated escalations")
    if set(esc) != escalated_expected:
        problems.append(f"escalations differ: {len(set(esc) ^ escalated_expected)} ids")
    return Accounting(
        name=name,
        events_in=len(inputs),
        outputs=len(outs),
        dlq=len(dlq),
        escalations=len(esc),
        lost=sorted(((valid | invalid) & written) - found),
        not_in_input=sorted((valid | invalid) - written),
        duplicated=(len(outs) - len(set(outs))) + (len(dlq) - len(set(dlq))),
        misrouted=sorted((set(outs) & invalid) | (set(dlq) & valid)),
        escalation_problems=problems,
    )


def account_ridden_out(
    bootstrap: str,
    topics: Topics,
    inputs: list[Input],
    group: str,
    worker: WorkerProcess,
    *,
    name: str,
    started: float,
) -> Accounting:
    """After a broker fault: account for every input, check the group committed to the end,
    that the worker is still the same process (it rode the fault out) and stops cleanly."""
    result = account(bootstrap, topics, inputs, name=name, timeout=240)
    wait_committed_to_end(bootstrap, group, topics.input)
    assert worker.proc is not None and worker.proc.poll() is None, "the worker must ride it out"
    assert 0 == worker.stop()
    result.seconds = time.monotonic() - started
    return result


def _partitions(
    consumer: KafkaConsumer, topics: tuple[str, ...], deadline: float
) -> list[TopicPartition]:
    """The partitions of ``topics``, asking again until ``deadline`` while the broker cannot
    say: a broker just thawed or restarted answers metadata with an empty broker list (its
    registration lapsed) until it has registered again, and kafka-python raises on that."""
    while True:
        try:
            return [
                TopicPartition(t, p)
                for t in topics
                for p in sorted(consumer.partitions_for_topic(t) or ())
            ]
        except KafkaError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def input_ids(bootstrap: str, topic: str) -> set[str]:
    """The ids of every record in the input topic (what the worker was given)."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
        max_poll_records=10_000, fetch_max_bytes=64 * 1024 * 1024,
    )  # fmt: skip
    ids: set[str] = set()
    try:
        tps = _partitions(consumer, (topic,), time.monotonic() + 60)
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        ends = consumer.end_offsets(tps)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(consumer.position(tp) < ends[tp] for tp in tps):
            for batch in consumer.poll(timeout_ms=500).values():
                ids.update(_record_id(r) for r in batch)
    finally:
        consumer.close()
    return ids


def _record_id(record: Any) -> str:
    """An input's id; a dead letter keeps the original record, and our invalid inputs are keyed
    by their id."""
    if record.key and record.key.startswith(b"bad-"):
        return str(record.key.decode())
    try:
        return str(json.loads(record.value)["event_id"])
    except (ValueError, KeyError, TypeError):
        return f"?{record.topic}:{record.partition}:{record.offset}"


def committed_offsets(bootstrap: str, group: str, topic: str) -> dict[int, int]:
    """The group's committed offsets on ``topic`` (partition -> offset)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="chaos-admin")
    try:
        offsets = admin.list_group_offsets(group).get(group, {})
    finally:
        admin.close()
    return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == topic}


def end_offsets(bootstrap: str, topic: str) -> dict[int, int]:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    try:
        tps = _partitions(consumer, (topic,), time.monotonic() + 60)
        return {tp.partition: off for tp, off in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def wait_committed_to_end(bootstrap: str, group: str, topic: str, timeout: float = 60.0) -> None:
    """The group's committed offsets reach the log end of the input (all work committed)."""
    ends = end_offsets(bootstrap, topic)
    deadline = time.monotonic() + timeout
    while True:
        committed = committed_offsets(bootstrap, group, topic)
        if all(committed.get(p, 0) >= end for p, end in ends.items()):
            return
        assert time.monotonic() < deadline, f"committed {committed} != ends {ends}"
        time.sleep(0.5)


def log_count(workers: list[WorkerProcess], msg: str) -> int:
    return sum(1 for w in workers for e in w.logs() if e.get("msg") == msg)
