"""`make bench`: speed and memory, printed as tables (never asserted: shared machines are noisy).

Sections (all by default; pick with --only):
  engine   the engine on 20,000 messages of 20-2,000 characters vs a bare VADER
           polarity_scores loop on the same texts, in the same run (median of --repeat runs).
  state    memory of one customer's history in the worker (tracemalloc).
  worker   end to end through a local broker: the worker vs a pass-through (same client and
           transaction settings), exactly-once vs at-least-once, and the worker with its
           customer-state changelog vs without.
  latency  input-record timestamp -> output append time at a steady 200 msg/s (p50/p99).
  budget   the worker's capacity (a backlog), then latency at half of it (p50/p99), with and
           without the per-transaction latency budget, in the same run.
  memory   RSS of the worker at start, after 200k and after 1M messages.
  restore  time to restore 100k and 1M customers' state from the changelog.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worker.core.triage import Engine  # noqa: E402
from worker.core.types import History  # noqa: E402
from worker.models import Message, TicketIn  # noqa: E402
from worker.pipeline import Pipeline, utcnow  # noqa: E402
from worker.rules import load_rules  # noqa: E402


def corpus(n: int, data_dir: Path, seed: int = 1) -> list[str]:
    """``n`` texts of 20-2,000 characters (uniform length), built from real sentences."""
    pool: list[str] = []
    for name in ("anger_goemotions_dev.jsonl", "frustration_complaints_dev.jsonl"):
        path = data_dir / name
        if path.is_file():
            pool += [json.loads(line)["text"] for line in path.read_text().splitlines()]
    if not pool:
        examples = ROOT / "examples" / "tickets.jsonl"
        pool = [json.loads(x)["message"]["body"] for x in examples.read_text().splitlines()]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        target = rng.randint(20, 2000)
        parts: list[str] = []
        size = 0
        while size < target:
            part = rng.choice(pool)
            parts.append(part)
            size += len(part) + 1
        texts.append(" ".join(parts)[:target])
    return texts


def realistic(n: int, data_dir: Path, seed: int = 2) -> list[str]:
    """``n`` texts with help-desk lengths: log-normal, median ~200 characters, tail to 2,000."""
    pool = corpus(n, data_dir, seed=seed)  # long real texts to cut from
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        target = int(min(2000, max(20, rng.lognormvariate(5.3, 0.75))))
        text = pool[i]
        while len(text) < target:
            text += " " + rng.choice(pool)
        texts.append(text[:target])
    return texts


def bench_engine(args: argparse.Namespace) -> None:
    """Two mixes: uniform 20-2,000 characters, and the realistic help-desk mix."""
    engine_table(args, corpus(args.messages, args.data_dir), "uniform 20-2000 chars")
    engine_table(
        args, realistic(args.messages, args.data_dir), "realistic mix (log-normal, tail 2000)"
    )


def engine_table(args: argparse.Namespace, texts: list[str], mix: str) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    engine = Engine(load_rules(ROOT / "config"))
    pipeline = Pipeline(engine)
    vader = SentimentIntensityAnalyzer()
    now = utcnow()
    events = [
        TicketIn(
            event_id=f"e{i}", ticket_id="t", customer_id=f"c{i % 500}", message=Message(body=t)
        )
        for i, t in enumerate(texts)
    ]
    raw = [e.model_dump_json().encode() for e in events]

    def run_vader() -> float:
        start = time.perf_counter()
        for t in texts:
            vader.polarity_scores(t)
        return time.perf_counter() - start

    def run_engine() -> float:
        start = time.perf_counter()
        empty = History()
        for e in events:
            engine.triage(e, empty, now)
        return time.perf_counter() - start

    def run_pipeline() -> float:
        store: dict[str, History] = {}
        start = time.perf_counter()
        for r in raw:
            pipeline.process(r, store)
        return time.perf_counter() - start

    runs: dict[str, list[float]] = {"vader": [], "engine": [], "pipeline": []}
    for _ in range(args.repeat):
        runs["vader"].append(run_vader())
        runs["engine"].append(run_engine())
        runs["pipeline"].append(run_pipeline())
    n = len(texts)
    lengths = sorted(map(len, texts))
    print(
        f"\n## engine, {mix}: {n} messages, chars median {lengths[n // 2]}, "
        f"mean {sum(lengths) / n:.0f}, p95 {lengths[int(n * 0.95)]}, max {lengths[-1]}; "
        f"median of {args.repeat} runs"
    )
    print(f"{'loop':<34} {'msg/s':>9} {'median us/msg':>14} {'cost vs VADER':>14}")
    base = statistics.median(runs["vader"])
    for name, label in (
        ("vader", "bare VADER polarity_scores"),
        ("engine", "engine (Engine.triage)"),
        ("pipeline", "pipeline (bytes -> JSON bytes)"),
    ):
        med = statistics.median(runs[name])
        print(f"{label:<34} {n / med:>9.0f} {med / n * 1e6:>14.1f} {med / base:>13.2f}x")
    ratios = [e / v for v, e in zip(runs["vader"], runs["engine"], strict=True)]
    print(
        f"engine cost / VADER cost per run: {', '.join(f'{r:.2f}' for r in ratios)} (target <= 3x)"
    )


def bench_state(args: argparse.Namespace) -> None:
    """Memory of one customer's history as the worker holds it (decoded from the changelog
    into a dict), by tracemalloc, for typical and for the largest histories."""
    import tracemalloc
    from datetime import UTC, datetime, timedelta

    from worker.core.history_codec import decode_history, encode_history
    from worker.core.types import AbuseIncident

    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    n = 5_000
    print(f"\n## state: memory per customer history ({n:,} customers each, tracemalloc)")
    print(f"{'incidents':>9} {'recent':>6} {'changelog bytes':>15} {'bytes in memory':>15}")
    for incidents, recent in ((1, 3), (1, 10), (50, 10)):
        values = [
            encode_history(
                History(
                    incidents=tuple(
                        AbuseIncident(f"evt-{k}-{j:06d}", t0 + timedelta(minutes=k + j))
                        for j in range(incidents)
                    ),
                    recent=tuple(
                        (t0 + timedelta(minutes=k + j), 0.5 + j / 1000, "keep-calm")
                        for j in range(recent)
                    ),
                )
            )
            for k in range(n)
        ]
        tracemalloc.start()
        held = {f"c{k}": decode_history(v) for k, v in enumerate(values)}
        size = tracemalloc.get_traced_memory()[0] / len(held)
        tracemalloc.stop()
        print(f"{incidents:>9} {recent:>6} {len(values[0]):>15} {size:>15,.0f}")


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=["engine", "state", "worker", "crc32c", "latency", "budget", "memory", "restore"],
    )
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument(
        "--quick", action="store_true", help="smaller end-to-end runs (for a smoke test)"
    )
    args = parser.parse_args()
    # SIGTERM (a CI timeout, `timeout`, `kill`) unwinds like Ctrl-C, so each section's
    # broker and worker processes are stopped and their temporary directories removed.
    signal.signal(signal.SIGTERM, _terminated)
    from scripts import bench_kafka

    sections: dict[str, Any] = {
        "engine": bench_engine,
        "state": bench_state,
        **bench_kafka.SECTIONS,
    }
    for name in args.only:
        if name not in sections:
            parser.error(f"unknown section {name!r}; choose from {', '.join(sections)}")
        sections[name](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
