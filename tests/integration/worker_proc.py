"""Run the real worker (``python -m worker run``) as a subprocess against the test broker,
and read back what it wrote.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worker.kafka.topics import wait_for_leaders

ROOT = Path(__file__).resolve().parents[2]

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.admin import KafkaAdminClient, NewTopic


@dataclass
class Topics:
    """uuid-named topics of one test."""

    input: str
    output: str
    escalations: str
    dead_letter: str
    changelog: str

    @classmethod
    def create(cls, bootstrap: str, partitions: int = 3) -> Topics:
        tag = uuid.uuid4().hex[:12]
        topics = cls(
            input=f"in-{tag}",
            output=f"out-{tag}",
            escalations=f"esc-{tag}",
            dead_letter=f"dlq-{tag}",
            changelog=f"chg-{tag}",
        )
        return cls.create_named(bootstrap, topics, partitions)

    @staticmethod
    def create_named(bootstrap: str, topics: Topics, partitions: int = 3) -> Topics:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-admin")
        try:
            admin.create_topics(
                [
                    NewTopic(topics.input, partitions, 1),
                    NewTopic(topics.output, partitions, 1),
                    NewTopic(topics.escalations, partitions, 1),
                    NewTopic(topics.dead_letter, partitions, 1),
                    NewTopic(
                        topics.changelog, partitions, 1, topic_configs={"cleanup.policy": "compact"}
                    ),
                ]
            )
            names = (topics.input, topics.output, topics.escalations, topics.dead_letter)
            ready = {name: partitions for name in (*names, topics.changelog)}
            assert [] == wait_for_leaders(admin, ready)
        finally:
            admin.close()
        return topics

    def env(self) -> dict[str, str]:
        return {
            "TRIAGE_TOPICS__INPUT": self.input,
            "TRIAGE_TOPICS__OUTPUT": self.output,
            "TRIAGE_TOPICS__ESCALATIONS": self.escalations,
            "TRIAGE_TOPICS__DEAD_LETTER": self.dead_letter,
            "TRIAGE_TOPICS__CHANGELOG": self.changelog,
        }


@dataclass
class WorkerProcess:
    """One ``triage-worker run`` subprocess; its stdout (JSON logs) goes to a file."""

    bootstrap: str
    topics: Topics
    group: str
    log_path: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    instance: str = field(default_factory=lambda: f"w-{uuid.uuid4().hex[:8]}")
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        env = {
            **os.environ,
            "TRIAGE_KAFKA__BOOTSTRAP_SERVERS": self.bootstrap,
            "TRIAGE_KAFKA__GROUP_ID": self.group,
            "TRIAGE_KAFKA__SESSION_TIMEOUT_MS": "6000",
            "TRIAGE_PROCESSING__INSTANCE_ID": self.instance,
            "TRIAGE_HTTP__ENABLED": "false",
            "TRIAGE_LOGGING__FORMAT": "json",
            "TRIAGE_CONFIG_DIR": str(ROOT / "config"),
            **self.topics.env(),
            **self.extra_env,
        }
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the fd
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "worker", "run"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
        return self

    def signal(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM and wait; returns the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.signal(signal.SIGTERM)
        return self.wait(timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def logs(self) -> list[dict[str, Any]]:
        entries = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                entries.append({"raw": line})
        return entries

    def assignment(self) -> list[int]:
        """Partitions of the latest assignment (empty after a revocation with none since)."""
        current: list[int] = []
        for e in self.logs():
            if e.get("msg") == "partitions assigned":
                current = sorted(set(current) | set(e.get("partitions", [])))
            elif e.get("msg") == "partitions revoked":
                current = sorted(set(current) - set(e.get("partitions", [])))
        return current

    def wait_for_log(
        self, msg: str, timeout: float = 60.0, count: int = 1, poll_s: float = 0.2
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for e in self.logs() if e.get("msg") == msg) >= count:
                return
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"worker exited {self.proc.returncode}: {self.logs()[-5:]}")
            time.sleep(poll_s)
        raise AssertionError(f"no {msg!r} log line within {timeout}s: {self.logs()[-5:]}")


BODIES = [
    line["message"]["body"]
    for line in map(json.loads, (ROOT / "examples" / "tickets.jsonl").read_text().splitlines())
]


def make_events(n: int, *, customers: int = 100, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` valid events with event times, over ``customers`` customers."""
    rng = random.Random(seed)
    base = 1_767_225_600  # 2026-01-01T00:00:00Z
    events = []
    for i in range(n):
        customer = f"cust-{rng.randrange(customers)}"
        body = rng.choice(BODIES)
        if rng.random() < 0.3:
            body = body + " " + rng.choice(BODIES)
        events.append(
            {
                "event_id": f"e-{seed}-{i}",
                "ticket_id": f"t-{rng.randrange(n // 3 + 1)}",
                "customer_id": customer,
                "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + i * 60)),
                "message": {
                    "body": body,
                    "author_role": "customer" if rng.random() < 0.9 else "agent",
                },
                "metadata": {"n": i},
            }
        )
    return events


def produce(
    bootstrap: str,
    topic: str,
    events: list[dict[str, Any]] | list[bytes],
    keys: list[bytes | None] | None = None,
    headers: list[list[tuple[str, bytes]]] | None = None,
) -> None:
    """Write events (dicts keyed by customer id, or raw bytes) and flush."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    try:
        for i, event in enumerate(events):
            if isinstance(event, dict):
                value = json.dumps(event).encode()
                key = event["customer_id"].encode()
            else:
                value, key = event, None
            if keys is not None:
                key = keys[i]
            producer.send(
                topic, key=key, value=value, headers=headers[i] if headers is not None else None
            )
        producer.flush(timeout=60)
    finally:
        producer.close(timeout=10)


def consume(
    bootstrap: str, topic: str, *, expected: int, timeout: float = 120.0, settle: float = 2.0
) -> list[Any]:
    """Read committed records until ``expected`` arrived, then ``settle`` more seconds to
    catch duplicates; returns kafka-python ConsumerRecords."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        isolation_level="read_committed",
    )
    records: list[Any] = []
    deadline = time.monotonic() + timeout
    settle_until: float | None = None
    try:
        while time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
            if len(records) >= expected and settle_until is None:
                settle_until = time.monotonic() + settle
            if settle_until is not None and time.monotonic() >= settle_until:
                break
    finally:
        consumer.close()
    return records


def event_ids(records: list[Any]) -> list[str]:
    return [json.loads(r.value)["event_id"] for r in records]


def iter_lines(events: list[dict[str, Any]]) -> Iterator[bytes]:
    for event in events:
        yield json.dumps(event).encode()
