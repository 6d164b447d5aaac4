"""`make run`: a local broker, the worker, the sample tickets, and the triaged result as a table.

Starts (or reuses) the local single-node Kafka from tests/harness/kafka.py, creates the
topics, starts `triage-worker run`, feeds examples/tickets.jsonl (event ids made unique per
run), prints the committed outputs, shows the metrics endpoint, then stops the worker with
SIGTERM and the broker (if this script started it).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness.kafka import KafkaBroker  # noqa: E402

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kafka-port", type=int, default=9092)
    parser.add_argument("--kafka-dir", type=Path, default=ROOT / ".kafka")
    parser.add_argument("--http-port", type=int, default=8000)
    parser.add_argument("--tickets", type=Path, default=ROOT / "examples" / "tickets.jsonl")
    args = parser.parse_args()

    broker = KafkaBroker(args.kafka_dir, args.kafka_port)
    started_broker = not broker.is_running()
    if started_broker:
        print(f"starting Kafka on 127.0.0.1:{args.kafka_port} (data in {args.kafka_dir}) ...")
        broker.start()
    else:
        print(f"reusing the Kafka broker already running on 127.0.0.1:{args.kafka_port}")
    bootstrap = broker.bootstrap
    http_port = args.http_port if _port_free(args.http_port) else _free_port()
    env = {
        **os.environ,
        "TRIAGE_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        "TRIAGE_HTTP__PORT": str(http_port),
        "TRIAGE_LOGGING__FORMAT": "json",
        "TRIAGE_CONFIG_DIR": str(ROOT / "config"),
    }
    cli = [sys.executable, "-m", "worker"]
    subprocess.run([*cli, "topics", "create", "--partitions", "3"], env=env, check=True, cwd=ROOT)

    run_dir = ROOT / ".run"
    run_dir.mkdir(exist_ok=True)
    log_path = run_dir / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [*cli, "run"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
        )
    print(f"worker started (pid {worker.pid}), logs in {log_path.relative_to(ROOT)}")
    try:
        return _feed_and_show(bootstrap, args.tickets, http_port, worker)
    finally:
        worker.terminate()
        code = worker.wait(timeout=30)
        print(f"worker stopped with SIGTERM, exit status {code}")
        if started_broker:
            broker.stop()
            print("Kafka stopped")


def _feed_and_show(
    bootstrap: str, tickets: Path, http_port: int, worker: subprocess.Popen[bytes]
) -> int:
    run_id = time.strftime("%Y%m%d%H%M%S")
    events = [json.loads(line) for line in tickets.read_text().splitlines() if line.strip()]
    for event in events:
        event["event_id"] = f"{event['event_id']}-{run_id}"
    wanted = {e["event_id"] for e in events}

    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        isolation_level="read_committed",
        enable_auto_commit=False,
        group_id=None,
    )
    partitions = [
        TopicPartition("support.tickets.triaged", p)
        for p in consumer.partitions_for_topic("support.tickets.triaged") or []
    ]
    consumer.assign(partitions)
    consumer.seek_to_end()
    for tp in partitions:
        consumer.position(tp)

    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for event in events:
        producer.send(
            "support.tickets", key=event["customer_id"].encode(), value=json.dumps(event).encode()
        )
    producer.flush()
    producer.close()
    print(f"fed {len(events)} sample tickets to support.tickets; waiting for the triage ...")

    outputs: dict[str, dict] = {}
    deadline = time.monotonic() + 90
    while len(outputs) < len(wanted) and time.monotonic() < deadline:
        if worker.poll() is not None:
            print(f"the worker exited early with status {worker.returncode}; see .run/worker.log")
            return 1
        for batch in consumer.poll(timeout_ms=500).values():
            for record in batch:
                out = json.loads(record.value)
                if out["event_id"] in wanted:
                    outputs[out["event_id"]] = out
    consumer.close()
    _table([outputs[e["event_id"]] for e in events if e["event_id"] in outputs], events)
    print(
        f"\n{len(outputs)}/{len(events)} triaged events read from support.tickets.triaged "
        "(read_committed); escalations also went to support.escalations"
    )
    _metrics(http_port)
    return 0 if len(outputs) == len(events) else 1


def _table(outputs: list[dict], events: list[dict]) -> None:
    bodies = {e["event_id"]: e["message"]["body"] for e in events}

    def abuse_of(o: dict) -> str:
        return ",".join(o["abuse"]["kinds"]) if o["scored"] and o["abuse"]["detected"] else "-"

    width = max([5, *(len(abuse_of(o)) for o in outputs)])
    header = (
        f"{'event':<8} {'customer':<8} {'anger':<12} {'politeness':<14} {'abuse':<{width}} "
        f"{'escalate':<8} {'relationship':<15} {'technique':<30} message"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for o in outputs:
        short = bodies[o["event_id"]][:48].replace("\n", " ")
        if not o["scored"]:
            print(
                f"{o['event_id'][:7]:<8} {o['customer_id']:<8} "
                f"{'(agent message: not scored)':<{width + 83}} {short}"
            )
            continue
        s, lv = o["scores"], o["levels"]
        print(
            f"{o['event_id'][:7]:<8} {o['customer_id']:<8} "
            f"{s['anger']:.2f} {lv['anger']:<7} {s['politeness']:.2f} {lv['politeness']:<9} "
            f"{abuse_of(o):<{width}} {'manager' if o['escalation']['required'] else '-':<8} "
            f"{o['relationship']['action']:<15} {o['technique']['id']:<30} {short}"
        )


def _metrics(port: int) -> None:
    url = f"http://127.0.0.1:{port}/metrics"
    print(
        f"\nmetrics: {url}   health: http://127.0.0.1:{port}/healthz   "
        f"readiness: http://127.0.0.1:{port}/readyz"
    )
    try:
        text = urllib.request.urlopen(url, timeout=5).read().decode()
    except OSError as exc:
        print(f"(could not read metrics: {exc})")
        return
    for line in text.splitlines():
        if line.startswith(
            (
                "triage_messages_total",
                "triage_escalations_total",
                'triage_dead_letter_total{reason="invalid_json"}',
            )
        ):
            print("  " + line)


if __name__ == "__main__":
    raise SystemExit(main())
