"""The engine's fast paths give what the plain definitions they replace give."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from worker.core.situations import SituationClassifier, SituationWeights
from worker.core.text import analyse
from worker.rules import load_rules

CONFIG = load_rules(CONFIG_DIR)
CORPUS = Path(__file__).resolve().parents[3] / "data" / "scenarios"
EXTRA = (
    "",
    "fine.",
    "refund refund refund refund",
    "I WANT MY MONEY BACK!!! NOW!!!",
    "This is the third time I write. Nobody answers. What happens next?",
)


def _texts() -> list[str]:
    rows = [
        json.loads(line)["text"]
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text().splitlines()
        if line
    ]
    return [*EXTRA, *rows[::5]]


@pytest.mark.parametrize(
    "signals",
    [{}, {"anger": 0.5, "polite": 1.0, "shouting": 0.25}, {"abuse": 1.0, "threat": 1.0}],
)
def test_situation_equals_classify_over_features(signals: dict[str, float]) -> None:
    """situation() finds the n-grams by set intersection and sums them with numpy: the same
    label and cues as classify(features(), meaning()), probabilities equal to rounding."""
    assert CONFIG.playbook.weights is not None
    clf = SituationClassifier(CONFIG.playbook.weights)
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        doc = analyse(text)
        fast = clf.situation(doc, signals)
        plain = clf.classify(clf.features(doc, signals), clf.meaning(doc))
        assert (fast.label, fast.cues) == (plain.label, plain.cues), text
        for label, p in plain.probabilities.items():
            assert math.isclose(fast.probabilities[label], p, rel_tol=1e-9, abs_tol=1e-12)


def test_situation_ties_in_cues_break_by_name_as_classify() -> None:
    """Equal contributions: the cues are the same whichever way the candidates are found."""
    weights = SituationWeights(
        labels=["a", "b"],
        bias=[0.0, 0.0],
        scale=1.0,
        weights={f"w:{w}": [2, 0] for w in ("alpha", "beta", "gamma", "delta", "omega")},
    )
    clf = SituationClassifier(weights)
    doc = analyse("omega beta delta alpha gamma")
    fast = clf.situation(doc, {}, max_cues=3)
    plain = clf.classify(clf.features(doc, {}), max_cues=3)
    assert fast.cues == plain.cues == ("'omega'", "'gamma'", "'delta'")
    assert fast.label == plain.label == "a"
