"""Held-out escalation check: hand-written threats, abuse and near misses through the engine.

    .venv/bin/python scripts/heldout_escalation.py [--set tests/heldout/escalation.jsonl ...]
                                                   [--config config]

Every row of a set is scored as its own new ticket (unique customer, so no history carries
over) through ``worker.offline.OfflineScorer``, the service's offline path (built once; each
set starts with no history), and compared with its label: ``escalate`` true rows must get
``escalation.required``, false rows must not.
Prints caught / total per kind, false escalations / total, and the ids of the misses (ids and
kinds only, never the text). "flagged" counts the rows not escalated that got the review tag
for a possible threat (``escalation.review_threat_from`` in config/triage.yaml): a person reads
them first, no manager is called. A report, not a test: it always exits 0 on a readable set.
The set is written independently of the detector's own scenarios; see tests/heldout/README.md.
``make eval`` runs it once on the Makefile's ``BLIND_SETS``: this set and
``data/threats/fresh2.jsonl``, ``fresh10b.jsonl``, ``fresh11.jsonl``, ``fresh12b.jsonl``,
``fresh13c.jsonl``, ``fresh14.jsonl``, ``fresh16a.jsonl``, ``fresh16b.jsonl``,
``fresh17a.jsonl`` .. ``fresh17d.jsonl``, ``fresh18a.jsonl``, ``fresh18b.jsonl``,
``fresh19a.jsonl``, ``fresh19c.jsonl``, ``fresh19d.jsonl``, ``fresh20a.jsonl``,
``fresh20b.jsonl``, ``fresh21a.jsonl``, ``fresh22a.jsonl``, ``fresh22b.jsonl``,
``fresh22c.jsonl``, ``fresh23a.jsonl``, ``fresh23b.jsonl``, ``fresh45b.jsonl``,
``fresh50b.jsonl`` and ``quoted50.jsonl`` (written
blind, never fitted; their near misses carry their own kinds, all counted as near misses
here).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from worker.models import REVIEW_POSSIBLE_THREAT  # noqa: E402
from worker.offline import OfflineScorer  # noqa: E402

KINDS = ("threat_harm", "stalking_doxxing", "threat_premises", "insult", "harassment")


def load(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    ids = [row["id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"{path}: duplicate ids")
    for row in rows:
        if (row["kind"] == "none") if row["escalate"] else (row["kind"] in KINDS):
            raise SystemExit(f"{path}: row {row['id']}: kind {row['kind']!r} contradicts escalate")
        if not row["escalate"]:
            row["kind"] = "none"  # a near miss, whatever kind of near miss it is
    return rows


def event(row: dict[str, Any], number: int) -> dict[str, Any]:
    return {
        "event_id": f"heldout-{row['id']}",
        "event_type": "ticket.created",
        "ticket_id": f"heldout-ticket-{number}",
        "customer_id": f"heldout-customer-{number}",
        "occurred_at": "2026-12-01T12:00:00Z",
        "message": {"body": row["text"], "author_role": "customer"},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        type=Path,
        nargs="+",
        default=[ROOT / "tests/heldout/escalation.jsonl"],
        help="one or more sets, each reported on its own",
    )
    parser.add_argument("--config", type=Path, default=ROOT / "config")
    args = parser.parse_args()

    sets = [(path, load(path)) for path in args.set]  # every set checked before any is scored
    scorer = OfflineScorer.from_config_dir(args.config)
    for path, rows in sets:
        scorer.history.clear()  # each set alone: its customer ids restart at 1
        report(scorer, path, rows)
    return 0


def report(scorer: OfflineScorer, path: Path, rows: list[dict[str, Any]]) -> None:
    """Score one set's rows and print its table, misses and false escalations."""
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    missed: list[str] = []
    false_escalations: list[str] = []
    for number, row in enumerate(rows, start=1):
        out = scorer.score_event(event(row, number))
        escalated = bool(out["escalation"]["required"])
        total[row["kind"]] += 1
        if not escalated and any(t.endswith(REVIEW_POSSIBLE_THREAT) for t in out["tags"]):
            flagged[row["kind"]] += 1
        if row["escalate"]:
            if escalated:
                caught[row["kind"]] += 1
            else:
                missed.append(f"{row['id']}({row['kind']})")
        elif escalated:
            false_escalations.append(row["id"])

    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"held-out escalation set: {shown} ({len(rows)} messages)")
    print(f"{'kind':<18} {'caught':>6} / {'total':<5} {'recall':>6} {'flagged':>8}")
    kinds = [kind for kind in KINDS if total[kind]] + sorted(
        kind for kind in total if kind not in KINDS and kind != "none"
    )
    for kind in kinds:
        recall = caught[kind] / total[kind]
        print(f"{kind:<18} {caught[kind]:>6} / {total[kind]:<5} {recall:>6.2f} {flagged[kind]:>8}")
    must = sum(total[kind] for kind in kinds)
    hit = sum(caught[kind] for kind in kinds)
    if must:
        more = sum(flagged[kind] for kind in kinds)
        print(f"{'all must-escalate':<18} {hit:>6} / {must:<5} {hit / must:>6.2f} {more:>8}")
    near = total["none"]
    if near:
        rate = len(false_escalations) / near
        print(
            f"{'false escalations':<18} {len(false_escalations):>6} / {near:<5} {rate:>6.2f} "
            f"{flagged['none']:>8}"
        )
    print("missed: " + (" ".join(missed) if missed else "none"))
    print("false escalations: " + (" ".join(false_escalations) if false_escalations else "none"))


if __name__ == "__main__":
    raise SystemExit(main())
