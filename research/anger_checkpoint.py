"""Checkpoint of the anger scorer alone on every anger set (evaluation-only sets included).

Usage: .venv/bin/python research/anger_checkpoint.py [--data-dir ../shared/data/dev] [--note X]

Scores the scorer directly (``analyse`` + ``Vader`` + ``AngerScorer``), without the engine,
and appends one line per run to ``research/anger_checkpoints.log`` so that the number of looks
at the evaluation-only sets (SemEval-2018, complaints) stays on record. Nothing is fitted or
tuned here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.stats import pearson, roc_auc, spearman  # noqa: E402
from worker.core.anger import AngerConfig, AngerScorer  # noqa: E402
from worker.core.sentiment import Sarcasm, SarcasmCues, Vader  # noqa: E402
from worker.core.text import analyse  # noqa: E402

LOG = ROOT / "research" / "anger_checkpoints.log"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    raw = yaml.safe_load((args.config / "anger.yaml").read_text("utf-8"))
    raw["weights"] = json.loads((args.config / "anger.weights.json").read_text("utf-8"))
    scorer = AngerScorer(AngerConfig.model_validate(raw))
    vader = Vader()
    cues = yaml.safe_load((args.config / "sarcasm.yaml").read_text("utf-8"))
    sarcasm = Sarcasm(SarcasmCues.model_validate(cues))

    def score(text: str) -> float:
        doc = analyse(text)
        return scorer.score(doc, vader.sentiment(text), sarcasm.find(doc)).value

    def values(name: str) -> tuple[list[dict[str, object]], list[float]]:
        with (args.data_dir / name).open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        out = [score(str(r["text"])) for r in rows]
        return rows, out

    rows, v = values("anger_semeval_ei.jsonl")
    gold = [float(r["anger_intensity"]) for r in rows]  # type: ignore[arg-type]
    sem_p, sem_s = pearson(v, gold), spearman(v, gold)
    rows, v = values("frustration_complaints_dev.jsonl")
    comp = roc_auc([int(r["complaint"]) for r in rows], v)  # type: ignore[call-overload]
    rows, v = values("anger_goemotions_dev.jsonl")
    goe = roc_auc([int(r["angry"]) for r in rows], v)  # type: ignore[call-overload]
    line = (
        f"{time.strftime('%Y-%m-%dT%H:%M:%S')} semeval pearson {sem_p:.4f} spearman {sem_s:.4f}"
        f" | complaints auc {comp:.4f} | goemotions_dev auc {goe:.4f} | {args.note}"
    )
    with LOG.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    looks = sum(1 for _ in LOG.open(encoding="utf-8"))
    print(line)
    print(f"looks at SemEval/complaints so far (this log): {looks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
