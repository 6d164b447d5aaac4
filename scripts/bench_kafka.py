"""End-to-end benchmarks through a real local broker (used by scripts/bench.py).

Every run starts its own broker (tests/harness/kafka.py) on a free port, pre-loads the input
topic, and measures the processes from their own "batch committed" log lines: throughput is
records / (last commit - first batch start), so start-up and the producer are not counted.
"""

from __future__ import annotations

import argparse
import calendar
import gc
import itertools
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness.kafka import KafkaBroker, free_port  # noqa: E402

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.admin import KafkaAdminClient, NewTopic

PARTITIONS = 3


def _topics(
    bootstrap: str, tag: str, output_config: dict[str, str] | None = None
) -> dict[str, str]:
    names = {
        k: f"bench-{k}-{tag}"
        for k in ("input", "output", "escalations", "dead_letter", "changelog")
    }
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        admin.create_topics(
            [
                NewTopic(
                    name,
                    PARTITIONS,
                    1,
                    topic_configs=(
                        output_config
                        if k == "output" and output_config
                        else {"cleanup.policy": "compact"}
                        if k == "changelog"
                        else {}
                    ),
                )
                for k, name in names.items()
            ]
        )
    finally:
        admin.close()
    return names


def _env(bootstrap: str, topics: dict[str, str], **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "TRIAGE_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        "TRIAGE_KAFKA__GROUP_ID": f"bench-{uuid.uuid4().hex[:8]}",
        "TRIAGE_HTTP__ENABLED": "false",
        "TRIAGE_LOGGING__FORMAT": "json",
        "TRIAGE_CONFIG_DIR": str(ROOT / "config"),
        "TRIAGE_PROCESSING__INSTANCE_ID": f"bench-{uuid.uuid4().hex[:8]}",
        **{f"TRIAGE_TOPICS__{k.upper()}": v for k, v in topics.items()},
    }
    env.update(extra)
    return env


#: Event time of the first benchmark event; each later one is a minute later, so a stream of
#: 1M events spans about 690 days and the 90-day window holds about 130k of them, as a real
#: stream would (with one fixed time, no customer's history would ever leave the window).
_T0 = calendar.timegm((2026, 1, 1, 0, 0, 0))


def _events(n: int, seed: int = 1) -> list[bytes]:
    """``n`` events; ``seed`` is also the index of the first (chunks of one stream)."""
    from scripts.bench import corpus

    texts = corpus(min(n, 5000), ROOT.parent / "shared" / "data" / "dev", seed=seed)
    out = []
    for i in range(n):
        index = seed + i
        out.append(
            json.dumps(
                {
                    "event_id": f"b{seed}-{i}",
                    "ticket_id": f"t{index % 7919}",
                    "customer_id": f"c{index % 10007}",
                    "occurred_at": time.strftime(
                        "%Y-%m-%dT%H:%M:%SZ", time.gmtime(_T0 + 60 * index)
                    ),
                    "message": {"body": texts[i % len(texts)]},
                }
            ).encode()
        )
    return out


def _load(bootstrap: str, topic: str, values: list[bytes]) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=20, batch_size=256_000, acks=1)
    for v in values:
        key = json.loads(v)["customer_id"].encode()
        producer.send(topic, key=key, value=v)
    producer.flush(timeout=600)
    producer.close()


class _Proc:
    """A worker (or pass-through) subprocess whose JSON log lines we parse."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as fh:
            self.proc = subprocess.Popen(
                args, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT
            )

    def batches(self) -> list[dict[str, Any]]:
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            if '"batch committed"' in line:
                out.append(json.loads(line))
        return out

    def wait_records(
        self, n: int, timeout: float, on_progress: Callable[[int], None] | None = None
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batches = self.batches()
            done = sum(b["records"] for b in batches)
            if on_progress:
                on_progress(done)
            if done >= n:
                return batches
            if self.proc.poll() is not None:
                raise RuntimeError(f"process exited {self.proc.returncode}: {self.log}")
            time.sleep(0.5)
        raise TimeoutError(f"{n} records not processed within {timeout}s: {self.log}")

    def rss_mb(self) -> float:
        return _rss_mb(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rate(batches: list[dict[str, Any]]) -> float:
    def ts(b: dict[str, Any]) -> float:
        t = time.strptime(b["ts"][:19], "%Y-%m-%dT%H:%M:%S")
        return calendar.timegm(t) + float("0." + b["ts"][20:23])

    start = ts(batches[0]) - float(batches[0]["duration_ms"]) / 1000
    end = ts(batches[-1])
    records = sum(int(b["records"]) for b in batches)
    return records / max(end - start, 1e-3)


#: The worker with kafka-python's pure-Python CRC32C (as if the crc32c package were missing).
_NO_CRC32C = (
    "import sys; sys.modules['crc32c'] = None; from worker.cli import main; "
    "raise SystemExit(main(['run']))"
)


def _throughput(broker: KafkaBroker, workdir: Path, n: int, kind: str, **extra: str) -> float:
    topics = _topics(broker.bootstrap, uuid.uuid4().hex[:8])
    _load(broker.bootstrap, topics["input"], _events(n))
    cmd = {
        "worker": [sys.executable, "-m", "worker", "run"],
        "worker-no-crc32c": [sys.executable, "-c", _NO_CRC32C],
        "pass": [sys.executable, "-m", "scripts.bench_kafka", "passthrough"],
    }[kind]
    proc = _Proc(
        cmd, _env(broker.bootstrap, topics, **extra), workdir / f"{kind}-{time.time()}.log"
    )
    try:
        return _rate(proc.wait_records(n, timeout=max(600, n / 50)))
    finally:
        proc.stop()


def bench_worker(args: argparse.Namespace) -> None:
    n = 5_000 if args.quick else 20_000
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        runs: dict[str, list[float]] = {
            k: []
            for k in (
                "pass-through (exactly_once)",
                "worker exactly_once",
                "worker at_least_once",
                "worker exactly_once, memory state",
            )
        }
        for _ in range(args.repeat):
            runs["pass-through (exactly_once)"].append(_throughput(b, Path(tmp), n, "pass"))
            runs["worker exactly_once"].append(_throughput(b, Path(tmp), n, "worker"))
            runs["worker at_least_once"].append(
                _throughput(b, Path(tmp), n, "worker", TRIAGE_PROCESSING__GUARANTEE="at_least_once")
            )
            runs["worker exactly_once, memory state"].append(
                _throughput(b, Path(tmp), n, "worker", TRIAGE_PROCESSING__STATE_STORE="memory")
            )
    print(
        f"\n## worker end to end: {n} events, {PARTITIONS} partitions, one process each, "
        f"median of {args.repeat} runs"
    )
    print(f"{'process':<36} {'msg/s':>8}")
    med = {k: statistics.median(v) for k, v in runs.items()}
    for k, v in med.items():
        print(f"{k:<36} {v:>8.0f}")
    pairs = [
        ("worker exactly_once", "pass-through (exactly_once)", 0.8),
        ("worker exactly_once", "worker at_least_once", 0.85),
        ("worker exactly_once", "worker exactly_once, memory state", 0.9),
    ]
    for a, b_, target in pairs:
        per_run = [x / y for x, y in zip(runs[a], runs[b_], strict=True)]
        print(
            f"{a} / {b_}: {', '.join(f'{r:.2f}' for r in per_run)} per run, median "
            f"{statistics.median(per_run):.2f} (target >= {target})"
        )


def bench_crc32c(args: argparse.Namespace) -> None:
    """Worker throughput with the crc32c package (C) and without it (kafka-python's pure-Python
    CRC32C, which every record batch written and every batch fetched goes through)."""
    n = 5_000 if args.quick else 20_000
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        runs: dict[str, list[float]] = {"with crc32c": [], "without crc32c": []}
        for _ in range(args.repeat):
            runs["with crc32c"].append(_throughput(b, Path(tmp), n, "worker"))
            runs["without crc32c"].append(_throughput(b, Path(tmp), n, "worker-no-crc32c"))
    print(f"\n## crc32c: worker exactly_once, {n} events, {PARTITIONS} partitions, median of "
          f"{args.repeat} runs (interleaved)")  # fmt: skip
    print(f"{'worker':<16} {'msg/s':>8}  runs")
    for k, v in runs.items():
        print(f"{k:<16} {statistics.median(v):>8.0f}  {', '.join(f'{x:.0f}' for x in v)}")
    ratios = [x / y for x, y in zip(runs["with crc32c"], runs["without crc32c"], strict=True)]
    print(f"with / without: {', '.join(f'{r:.2f}' for r in ratios)} per run, median "
          f"{statistics.median(ratios):.2f}")  # fmt: skip


def bench_latency(args: argparse.Namespace) -> None:
    seconds = 15 if args.quick else 60
    rate = 200
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        lat = _latency_run(b, Path(tmp), rate, seconds)
    q = statistics.quantiles(lat, n=100)
    print(
        f"\n## latency: {rate * seconds} events at {rate} msg/s for {seconds}s; input record "
        "timestamp -> output LogAppendTime"
    )
    print(
        f"p50 {q[49]:.1f} ms   p95 {q[94]:.1f} ms   p99 {q[98]:.1f} ms   max {max(lat):.1f} ms "
        "(target p99 < 250 ms)"
    )


def _latency_run(
    broker: KafkaBroker, workdir: Path, rate: int, seconds: int, **extra: str
) -> _Latencies:
    topics = _topics(
        broker.bootstrap,
        uuid.uuid4().hex[:8],
        output_config={"message.timestamp.type": "LogAppendTime"},
    )
    proc = _Proc(
        [sys.executable, "-m", "worker", "run"],
        _env(broker.bootstrap, topics, **extra),
        workdir / f"latency-{time.time()}.log",
    )
    try:
        _wait_assigned(proc)
        sent = _steady(broker.bootstrap, topics["input"], rate, seconds)
        return _latencies(broker.bootstrap, topics["output"], sent)
    finally:
        proc.stop()


def bench_budget(args: argparse.Namespace) -> None:
    """End-to-end latency at half the worker's capacity, with the per-transaction latency
    budget (processing.batch_budget_ms, default) and without it (only the share of
    max.poll.interval.ms bounds a transaction, as before issue 12)."""
    n = 5_000 if args.quick else 20_000
    seconds = 20 if args.quick else 60
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        capacity = _throughput(b, Path(tmp), n, "worker")
        rate = int(capacity / 2)
        runs = {
            "without budget": _latency_run(
                b, Path(tmp), rate, seconds, TRIAGE_PROCESSING__BATCH_BUDGET_MS="600000"
            ),
            "with budget (default)": _latency_run(b, Path(tmp), rate, seconds),
        }
    print(
        f"\n## latency budget: capacity {capacity:.0f} msg/s ({n} events, backlog), offered "
        f"{rate} msg/s for {seconds} s to a worker started 1 s before; input timestamp -> "
        f"output LogAppendTime; 'p99 after {_SETTLED_S} s' leaves out what was sent in the "
        "first seconds of the worker's life"
    )
    print(
        f"{'transaction bound':<24} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{f'p99 after {_SETTLED_S} s':>16}"
    )
    for name, lat in runs.items():
        q = statistics.quantiles(lat, n=100)
        settled = statistics.quantiles(lat.settled, n=100)[98]
        print(
            f"{name:<24} {q[49]:>8.1f} {q[94]:>8.1f} {q[98]:>8.1f} {max(lat):>8.1f} "
            f"{settled:>16.1f}"
        )


def _wait_assigned(proc: _Proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if '"partitions assigned"' in proc.log.read_text(errors="replace"):
            time.sleep(1)
            return
        time.sleep(0.2)
    raise TimeoutError("worker not assigned")


def _steady(bootstrap: str, topic: str, rate: int, seconds: int) -> dict[str, int]:
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=0, acks=1)
    values = _events(rate * seconds, seed=2)
    sent: dict[str, int] = {}
    start = time.perf_counter()
    for i, v in enumerate(values):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        ts_ms = int(time.time() * 1000)
        event = json.loads(v)
        sent[event["event_id"]] = ts_ms
        producer.send(topic, key=event["customer_id"].encode(), value=v, timestamp_ms=ts_ms)
    producer.flush()
    producer.close()
    return sent


def _output_times(bootstrap: str, topic: str, expected: int, timeout: float) -> dict[str, int]:
    """event_id -> the output's LogAppendTime (ms), read until ``expected`` outputs are in or
    ``timeout`` seconds have passed."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
    )
    seen: dict[str, int] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < expected and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for r in records:
                    seen[json.loads(r.value)["event_id"]] = r.timestamp
    finally:
        consumer.close()
    return seen


#: Seconds after the first input after which a record counts as sent to a settled worker.
_SETTLED_S = 5


class _Latencies(list[float]):
    """Latencies (ms) of every output; ``settled``: of those sent after the first
    :data:`_SETTLED_S` seconds."""

    settled: list[float]


def _latencies(bootstrap: str, topic: str, sent: dict[str, int]) -> _Latencies:
    seen = _output_times(bootstrap, topic, len(sent), 120)
    first = min(sent.values())
    out = _Latencies(float(ts - sent[eid]) for eid, ts in seen.items())
    out.settled = [
        float(ts - sent[eid]) for eid, ts in seen.items() if sent[eid] - first >= _SETTLED_S * 1000
    ]
    return out


def bench_memory(args: argparse.Namespace) -> None:
    marks = (20_000, 100_000) if args.quick else (200_000, 1_000_000)
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        topics = _topics(b.bootstrap, uuid.uuid4().hex[:8])
        proc = _Proc(
            [sys.executable, "-m", "worker", "run"],
            _env(b.bootstrap, topics),
            Path(tmp) / "memory.log",
        )
        rss: dict[str, float] = {}
        try:
            _wait_assigned(proc)
            rss["start"] = proc.rss_mb()
            loaded = 0
            for mark in marks:
                chunk = 50_000
                while loaded < mark:
                    _load(
                        b.bootstrap,
                        topics["input"],
                        _events(min(chunk, mark - loaded), seed=loaded),
                    )
                    loaded += min(chunk, mark - loaded)
                proc.wait_records(mark, timeout=mark / 20)
                rss[f"after {mark:,}"] = proc.rss_mb()
        finally:
            proc.stop()
    print("\n## memory: worker RSS (10,007 customers; changelog state on)")
    for k, v in rss.items():
        print(f"{k:<16} {v:8.1f} MB")
    values = list(rss.values())
    print(
        f"growth from {list(rss)[1]} to {list(rss)[2]}: {(values[2] / values[1] - 1) * 100:.1f}% "
        "(target < 10%, RSS < 200 MB)"
    )


def bench_restore(args: argparse.Namespace) -> None:
    from datetime import UTC, datetime

    from worker.core.history_codec import encode_history
    from worker.core.types import AbuseIncident, History
    from worker.kafka.changelog import restore
    from worker.settings import WorkerSettings

    sizes = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    value = encode_history(
        History(
            incidents=(AbuseIncident("e-1", t0),),
            recent=tuple((t0, 0.5, "keep-calm") for _ in range(3)),
        )
    )
    print(
        f"\n## restore: customers' history from the changelog ({PARTITIONS} partitions, "
        f"{len(value)} bytes a customer)"
    )
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        for size in sizes:
            topics = _topics(b.bootstrap, uuid.uuid4().hex[:8])
            producer = KafkaProducer(
                bootstrap_servers=b.bootstrap, linger_ms=20, batch_size=512_000, acks=1
            )
            for i in range(size):
                producer.send(topics["changelog"], key=f"c{i}".encode(), value=value)
            producer.flush(timeout=900)
            producer.close()
            settings = WorkerSettings(kafka={"bootstrap_servers": b.bootstrap}, topics=topics)
            gc.collect()
            rss_before = _rss_mb()
            start = time.perf_counter()
            states = restore(settings, list(range(PARTITIONS)), timeout_s=1800)
            took = time.perf_counter() - start
            if states is None:
                raise SystemExit(f"restore of {size:,} customers stopped before the end")
            restored = sum(len(s) for s in states.values())
            per_customer = (_rss_mb() - rss_before) * 1024 * 1024 / max(restored, 1)
            print(
                f"{size:>9,} customers: restored {restored:,} in {took:6.1f} s "
                f"({restored / took:,.0f}/s); process RSS grew {per_customer:,.0f} bytes "
                "a restored customer"
            )
            del states


def passthrough() -> int:
    """Consume the input and produce the same bytes to the output: same client, same
    transaction settings and batch bounds as the worker, no triage."""
    from worker.kafka import clients
    from worker.kafka._client import ConsumerRebalanceListener
    from worker.kafka.transaction import next_offsets
    from worker.logconfig import configure_logging
    from worker.settings import WorkerSettings

    settings = WorkerSettings()
    configure_logging("INFO", "json")
    log = logging.getLogger("passthrough")

    class _NoListener(ConsumerRebalanceListener):  # type: ignore[misc]
        def on_partitions_revoked(self, revoked: object) -> None:
            pass

        def on_partitions_assigned(self, assigned: object) -> None:
            pass

    producer = clients.producer(settings)
    consumer = clients.consumer(settings, _NoListener())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    while not stop.is_set():
        polled = consumer.poll(timeout_ms=settings.processing.batch_max_ms)
        records = [r for batch in polled.values() for r in batch]
        if not records:
            continue
        started = time.perf_counter()
        producer.begin_transaction()
        for r in records:
            producer.send(settings.topics.output, key=r.key, value=r.value)
        producer.send_offsets_to_transaction(next_offsets(records), consumer.group_metadata())
        producer.commit_transaction()
        log.info(
            "batch committed",
            extra={
                "fields": {
                    "records": len(records),
                    "duration_ms": (time.perf_counter() - started) * 1000,
                }
            },
        )
    consumer.close()
    producer.close()
    return 0


# -- recovery: the pause after a worker crash and during a rolling restart -------------------

_RECOVERY_PARTITIONS = 6
_RECOVERY_RATE = 300  # events per second, spread evenly over the partitions
#: Group membership before issue 12 (dynamic members, eager range assignor) and after.
_MEMBERSHIP = {
    "before (dynamic, range)": {
        "TRIAGE_KAFKA__STATIC_MEMBERSHIP": "false",
        "TRIAGE_KAFKA__ASSIGNOR": "range",
    },
    "after (static, cooperative-sticky)": {},
}


class _Feeder(threading.Thread):
    """Send events at a steady rate, partition ``i % 6``, remembering when each was sent."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__(daemon=True)
        self.bootstrap, self.topic = bootstrap, topic
        self.sent: dict[str, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, linger_ms=0, acks="all")
        values = _events(_RECOVERY_RATE * 600, seed=3)
        start = time.perf_counter()
        for i, v in enumerate(values):
            if self.done.is_set():
                break
            delay = start + i / _RECOVERY_RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            event_id = json.loads(v)["event_id"]
            self.sent[event_id] = time.time()
            producer.send(self.topic, value=v, partition=i % _RECOVERY_PARTITIONS)
        producer.flush()
        producer.close()


def _appended(bootstrap: str, topic: str, expected: int, timeout: float = 180) -> dict[str, float]:
    """event_id -> the output's LogAppendTime (s), once ``expected`` outputs are in."""
    seen = _output_times(bootstrap, topic, expected, timeout)
    if len(seen) < expected:
        raise TimeoutError(f"{len(seen)} of {expected} outputs within {timeout}s")
    return {event_id: ts / 1000 for event_id, ts in seen.items()}


def _pause(
    sent: dict[str, float], appended: dict[str, float], t0: float, t1: float
) -> tuple[float, float]:
    """(longest wait of an event sent in [t0, t1] beyond the median wait before t0,
    longest time in [t0, t1 + 75] with no output at all)."""
    before = [appended[e] - t for e, t in sent.items() if t < t0 and e in appended]
    normal = statistics.median(before) if before else 0.0
    waits = [appended[e] - t for e, t in sent.items() if t0 <= t <= t1]
    times = sorted(a for a in appended.values() if t0 <= a <= t1 + 75)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return max(waits) - normal, max(gaps, default=0.0)


def _wait_log(proc: _Proc, msg: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in proc.log.read_text(errors="replace").splitlines():
            if f'"msg": "{msg}"' in line and '"partitions": []' not in line:
                return
        time.sleep(0.1)
    raise TimeoutError(f"no {msg!r} in {proc.log}")


def _recovery_run(
    broker: KafkaBroker, workdir: Path, scenario: str, extra: dict[str, str]
) -> tuple[float, float]:
    tag = uuid.uuid4().hex[:8]
    topics = _topics(
        broker.bootstrap, tag, output_config={"message.timestamp.type": "LogAppendTime"}
    )
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:  # _topics makes 3 partitions; this scenario wants 6 on the input and changelog
        from kafka.admin import NewPartitions

        admin.create_partitions(
            {topics[k]: NewPartitions(_RECOVERY_PARTITIONS) for k in ("input", "changelog")}
        )
    finally:
        admin.close()
    group = f"bench-{tag}"

    def start(instance: str) -> _Proc:
        env = _env(broker.bootstrap, topics, **extra)
        env |= {"TRIAGE_KAFKA__GROUP_ID": group, "TRIAGE_PROCESSING__INSTANCE_ID": instance}
        cmd = [sys.executable, "-m", "worker", "run"]
        return _Proc(cmd, env, workdir / f"{scenario}-{instance}-{time.time()}.log")

    count = 2 if scenario == "kill" else 3
    procs = [start(f"w{i}-{tag}") for i in range(count)]
    feeder = _Feeder(broker.bootstrap, topics["input"])
    try:
        for p in procs:
            _wait_log(p, "partitions assigned")
        feeder.start()
        time.sleep(10)  # steady state
        t0 = time.time()
        if scenario == "kill":
            # As Kubernetes restarts a crashed container: same pod, same name.
            procs[1].proc.kill()
            procs[1].proc.wait()
            procs[1] = start(f"w1-{tag}")
            _wait_log(procs[1], "worker started")
        else:
            # A Deployment rollout: a new pod (new name) ready, then an old one stopped.
            for i in range(count):
                new = start(f"n{i}-{tag}")
                _wait_log(new, "partitions assigned")
                procs[i].stop()
                procs.append(new)
            time.sleep(5)
        t1 = time.time()
        time.sleep(75)  # longer than the session timeout (45 s): every pause is inside
        feeder.done.set()
        feeder.join()
        appended = _appended(broker.bootstrap, topics["output"], len(feeder.sent))
    finally:
        feeder.done.set()
        for p in procs:
            p.stop()
    return _pause(feeder.sent, appended, t0, t1)


def bench_recovery(args: argparse.Namespace) -> None:
    """Processing pause after SIGKILL of one of two workers (restarted under the same name)
    and during a rolling restart of three (each replaced by a worker with a new name),
    before and after static membership and cooperative-sticky assignment."""
    repeat = 1 if args.quick else args.repeat
    rows: list[tuple[str, str, list[tuple[float, float]]]] = []
    with tempfile.TemporaryDirectory() as tmp, KafkaBroker(Path(tmp) / "k", free_port()) as b:
        for scenario, runs in (("kill", repeat), ("rolling", 1)):
            for name, extra in _MEMBERSHIP.items():
                results = []
                for _ in range(runs):
                    results.append(_recovery_run(b, Path(tmp), scenario, extra))
                    print(f"  {scenario}, {name}: {results[-1]}", file=sys.stderr, flush=True)
                rows.append((scenario, name, results))
    print(
        f"\n## recovery: {_RECOVERY_RATE} events/s over {_RECOVERY_PARTITIONS} partitions, "
        "session timeout 45 s; longest extra wait of an event, longest time with no output"
    )
    print(f"{'fault':<34} {'membership':<36} {'runs':>4} {'event wait s':>12} {'no output s':>11}")
    labels = {
        "kill": "SIGKILL 1 of 2, restarted",
        "rolling": "rolling restart of 3",
    }
    for scenario, name, results in rows:
        wait = statistics.median(r[0] for r in results)
        gap = statistics.median(r[1] for r in results)
        each = ", ".join(f"{r[0]:.1f}" for r in results)
        print(f"{labels[scenario]:<34} {name:<36} {len(results):>4} {wait:>12.1f} {gap:>11.1f}"
              f"  ({each})")  # fmt: skip


SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {
    "worker": bench_worker,
    "crc32c": bench_crc32c,
    "recovery": bench_recovery,
    "budget": bench_budget,
    "latency": bench_latency,
    "memory": bench_memory,
    "restore": bench_restore,
}

if __name__ == "__main__":
    if sys.argv[1:] == ["passthrough"]:
        raise SystemExit(passthrough())
    raise SystemExit("usage: python -m scripts.bench_kafka passthrough")
