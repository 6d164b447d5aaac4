"""Run the engine over data/scenarios/ and the dev data and write every output as JSON lines.

A refactor of worker/core must leave this file byte-identical: run it before and after the
change and ``cmp`` the two files. Scenario messages go through ``Engine.triage`` in order with a
per-customer history (so the relationship rule is exercised); dev texts one by one with an
empty history. The clock is fixed.

    .venv/bin/python research/engine_snapshot.py --out /tmp/before.jsonl [--per-file 3000]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worker.core.triage import Engine  # noqa: E402
from worker.core.types import History  # noqa: E402
from worker.models import Message, TicketIn  # noqa: E402
from worker.rules import load_rules  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)
DEV_SETS = ("abuse_", "anger_", "frustration_", "offense_", "politeness_")


def texts(data_dir: Path, per_file: int) -> list[tuple[str, str]]:
    """(source, text) for the scenarios (all) and the first ``per_file`` texts of each dev set."""
    rows: list[tuple[str, str]] = []
    for path in sorted((ROOT / "data" / "scenarios").glob("*.jsonl")):
        rows += [(path.stem, json.loads(x)["text"]) for x in path.read_text().splitlines() if x]
    for path in sorted(data_dir.glob("*.jsonl")):
        lines = [x for x in path.read_text().splitlines() if x][:per_file]
        rows += [(path.stem, json.loads(x)["text"]) for x in lines]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-file", type=int, default=3000)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    args = parser.parse_args()
    engine = Engine(load_rules(ROOT / "config"))
    histories: dict[str, History] = {}
    with args.out.open("w") as out:
        for i, (source, text) in enumerate(texts(args.data_dir, args.per_file)):
            scenario = not source.startswith(DEV_SETS)
            customer = f"{source}-{i % 7}" if scenario else f"c{i}"
            event = TicketIn(
                event_id=f"e{i}",
                ticket_id="t",
                customer_id=customer,
                message=Message(body=text),
                occurred_at=NOW + timedelta(minutes=i),
            )
            result, history = engine.triage(event, histories.get(customer, History()), NOW)
            if scenario:
                histories[customer] = history
            row = result.model_dump(mode="json", exclude={"triage_version"})
            out.write(json.dumps([source, row], sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
