"""Print the anger value, level and cues of a few hand-written calibration messages.

Usage: .venv/bin/python research/anger_examples.py [--config config] [text ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from worker.core.anger import AngerConfig, AngerScorer  # noqa: E402
from worker.core.sentiment import Sarcasm, SarcasmCues, Vader  # noqa: E402
from worker.core.text import analyse  # noqa: E402

EXAMPLES = (
    "Send me the invoice.",
    "Hello, how do I change the email address on my account?",
    "Could you please resend the receipt? Thanks!",
    "Fix it.",
    "I'm not angry, just curious how the export works.",
    "I'm a bit annoyed that the page is slow.",
    "My order hasn't arrived yet, it's been a week. Can you check?",
    "This is the third time I'm writing about this and still no reply.",
    "I was charged twice this month and nobody has answered my emails.",
    "I am so fed up with your service, this is ridiculous.",
    "I am absolutely furious, this is a disgrace.",
    "THIS IS RIDICULOUS!!! I WANT MY MONEY BACK NOW!!! WORST SERVICE EVER!!!",
    "WHY IS NOBODY ANSWERING?????",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    ap.add_argument("texts", nargs="*")
    args = ap.parse_args()
    raw = yaml.safe_load((args.config / "anger.yaml").read_text("utf-8"))
    raw["weights"] = json.loads((args.config / "anger.weights.json").read_text("utf-8"))
    scorer = AngerScorer(AngerConfig.model_validate(raw))
    vader = Vader()
    cues = yaml.safe_load((args.config / "sarcasm.yaml").read_text("utf-8"))
    sarcasm = Sarcasm(SarcasmCues.model_validate(cues))
    for text in args.texts or EXAMPLES:
        doc = analyse(text)
        s = scorer.score(doc, vader.sentiment(text), sarcasm.find(doc))
        print(f"{s.value:.3f} {scorer.level(s.value):<6} {text[:70]:<70} {' '.join(s.cues)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
