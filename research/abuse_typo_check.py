"""List the scorer's typo forms that are ordinary words in clean, licence-cleared text.

Typo forms ("idoit", "stupd") are derived from the lexicon at start-up. A form that occurs
in everyday text (GoEmotions train, Stanford Politeness: both may be used for shipped
artifacts) is probably a real word ("honey" from "honkey") and belongs in ``typo_exclude``
in ``config/abuse.yaml``::

    .venv/bin/python research/abuse_typo_check.py [--min-count 2]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import yaml

from worker.core.abuse import AbuseConfig, AbuseScorer
from worker.core.text import analyse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args()
    raw = yaml.safe_load((ROOT / "config" / "abuse.yaml").read_text(encoding="utf-8"))
    raw["weights"] = {"bias": 0.0, "features": {}}
    scorer = AbuseScorer(AbuseConfig.model_validate(raw))
    typos = scorer.lexicon.typos
    counts: Counter[str] = Counter()
    for name in ("anger_goemotions_train.jsonl", "politeness_wikipedia.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            for line in fh:
                counts.update(t for t in set(analyse(json.loads(line)["text"]).plain) if t in typos)
    common = sorted(t for t, c in counts.items() if c >= args.min_count)
    print(f"typo forms: {len(typos)}; seen in clean text >= {args.min_count}x: {len(common)}")
    print(", ".join(f"{t} ({typos[t]})" for t in common))


if __name__ == "__main__":
    main()
