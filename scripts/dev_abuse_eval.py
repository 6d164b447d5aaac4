"""Dev loop for the abuse scorer: P/R/F1 at the shipped threshold, and speed vs VADER.

    .venv/bin/python scripts/dev_abuse_eval.py [--sets convabuse] [--speed]

Each row also prints the recall ceiling: the share of positives that carry a person-aimed
kind (or a hard kind), which the decision needs, and the F1 that allows at precision 1.

Sets: ``convabuse`` (held-out half only), ``olid``, ``insults`` (evaluation only: look at them
as a final check, never tune on them), ``davidson`` (``offensive``, a proxy), ``goemotions``
(false-positive rate on comments not labelled angry).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.training import HELD_OUT, half  # noqa: E402
from worker.core.abuse import AbuseConfig, AbuseScorer, kinds  # noqa: E402
from worker.core.text import analyse  # noqa: E402
from worker.core.types import Sentiment  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dev"


def load_config(weights: Path | None = None) -> AbuseConfig:
    """The shipped config; with ``weights``, a candidate weights file and its threshold."""
    raw = yaml.safe_load((ROOT / "config" / "abuse.yaml").read_text(encoding="utf-8"))
    path = weights or ROOT / "config" / "abuse.weights.json"
    if path.exists():
        raw["weights"] = json.loads(path.read_text(encoding="utf-8"))
        if weights is not None and raw["weights"].get("fitted_threshold"):
            raw["threshold"] = raw["weights"]["fitted_threshold"]
    return AbuseConfig.model_validate(raw)


def rows(name: str) -> list[tuple[str, int]]:
    def load(f: str) -> list[dict[str, Any]]:
        with (DATA / f).open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]

    if name == "convabuse":
        return [
            (r["text"], int(r["abusive"]))
            for r in load("abuse_convabuse_dev.jsonl")
            if half(r["id"]) == HELD_OUT and r["abusive"] is not None
        ]
    if name == "olid":
        return [
            (r["text"], int(r["abusive"]))
            for r in load("abuse_olid_train.jsonl")
            if r["abusive"] is not None
        ]
    if name == "insults":
        return [(r["text"], int(r["abusive"])) for r in load("abuse_insults_train.jsonl")]
    if name == "davidson":
        return [(r["text"], int(r["offensive"])) for r in load("offense_davidson.jsonl")]
    if name == "goemotions":
        return [(r["text"], 0) for r in load("anger_goemotions_dev.jsonl") if r["angry"] == 0]
    raise SystemExit(f"unknown set {name}")


def sentiment(vader: SentimentIntensityAnalyzer, text: str) -> Sentiment:
    p = vader.polarity_scores(text)
    return Sentiment(compound=p["compound"], neg=p["neg"], neu=p["neu"], pos=p["pos"])


def evaluate(scorer: AbuseScorer, name: str, show: int) -> None:
    vader = SentimentIntensityAnalyzer()
    tp = fp = fn = tn = 0
    reachable = 0  # positives with a person-aimed kind: the most the decision can recall
    errors: list[tuple[str, int, float, tuple[str, ...]]] = []
    for text, label in rows(name):
        doc = analyse(text)
        sent = sentiment(vader, doc.text)
        s = scorer.score(doc, sent)
        if label and (s.detected or kinds(scorer.features(doc, sent)[0])):
            reachable += 1
        pred = int(s.detected)
        tp += pred and label
        fp += pred and not label
        fn += (not pred) and label
        tn += (not pred) and (not label)
        if pred != label:
            errors.append((text[:140], label, s.value, s.cues))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = tp + fp + fn + tn
    ceiling = reachable / (tp + fn) if tp + fn else 0.0
    print(
        f"{name:11s} rows={n:6d} pos={tp + fn:5d}  P={p:.3f} R={r:.3f} F1={f1:.3f}"
        f"  flagged={(tp + fp) / n:.3f}  recall ceiling={ceiling:.3f}"
        f" (F1 <= {2 * ceiling / (1 + ceiling):.3f})"
    )
    random.Random(0).shuffle(errors)
    for e in errors[:show]:
        print("   ", e)


def speed(scorer: AbuseScorer) -> None:
    rng = random.Random(0)
    src = [t for s in ("convabuse", "insults", "goemotions") for t, _ in rows(s)]
    texts = []
    for _ in range(1500):
        # A help-desk-like mix: median about 200 characters, a long tail to 2,000.
        n = int(min(2000, max(20, rng.lognormvariate(5.3, 0.8))))
        s = ""
        while len(s) < n:
            s += " " + rng.choice(src)
        texts.append(s[:n])
    vader = SentimentIntensityAnalyzer()
    sents = [sentiment(vader, t) for t in texts]
    print(f"speed mix: {len(texts)} messages, median {sorted(map(len, texts))[750]} characters")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            vader.polarity_scores(t)
        t1 = time.perf_counter()
        docs = [analyse(t) for t in texts]
        t2 = time.perf_counter()
        for d, s in zip(docs, sents, strict=True):
            scorer.score(d, s)
        t3 = time.perf_counter()
        k = 1e6 / len(texts)
        print(
            f"speed us/msg: vader={(t1 - t0) * k:.1f} analyse={(t2 - t1) * k:.1f} "
            f"abuse.score={(t3 - t2) * k:.1f}  (ours/vader={(t3 - t1) / (t1 - t0):.3f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="convabuse")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument(
        "--weights",
        type=Path,
        default=None,
        help="candidate weights file (its fitted_threshold is used)",
    )
    args = parser.parse_args()
    config = load_config(args.weights)
    print(f"threshold={config.threshold}")
    scorer = AbuseScorer(config)
    for name in args.sets.split(","):
        evaluate(scorer, name, args.show)
    if args.speed:
        speed(scorer)


if __name__ == "__main__":
    main()
