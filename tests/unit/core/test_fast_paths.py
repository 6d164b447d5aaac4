"""The engine's fast paths give what the plain definitions they replace give."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from worker.core.embed import Embedder, Projections, Projector
from worker.core.situations import SituationClassifier, SituationWeights
from worker.core.text import analyse
from worker.core.triage import Engine
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


def _plain_projection(embedder: Embedder, column: list[float], words: list[str]) -> float:
    """The definition: the mean over distinct known words of word vector . column."""
    vecs = [v for v in map(embedder.word, set(words)) if v is not None]
    if not vecs:
        return 0.0
    return sum(sum(a * b for a, b in zip(v, column, strict=True)) for v in vecs) / len(vecs)


def test_projectors_given_one_projections_share_a_pass_and_each_gets_its_columns() -> None:
    embedder = Embedder.shared()
    columns = [[math.sin(i * k) for i in range(embedder.dim)] for k in (1, 2, 3)]
    shared = Projections(embedder)
    one, two = Projector(embedder, columns[:1], shared), Projector(embedder, columns[1:], shared)
    alone = Projector(embedder, columns[1:])
    for text in ("refund my order now", "", "zzzqqq", "the the cat sat", "Thanks, fine."):
        words = analyse(text).words
        got = [one(words), *two.project(words), *alone.project(words)]
        want = [_plain_projection(embedder, c, list(words)) for c in (*columns, *columns[1:])]
        assert got == pytest.approx(want, abs=1e-12), text


def test_projection_of_a_list_is_not_taken_from_the_last_message() -> None:
    """Only a tuple (immutable) asked again is answered from the last pass."""
    embedder = Embedder.shared()
    column = [1.0] * embedder.dim
    projector = Projector(embedder, [column])
    words = ["refund"]
    first = projector(words)
    words.append("angry")
    assert projector(words) == pytest.approx(_plain_projection(embedder, column, words))
    assert projector(words) != first


def test_the_engine_shares_one_pass_between_anger_politeness_and_the_situation() -> None:
    engine = Engine(CONFIG)
    situation = engine._recommender._classifier
    assert situation is not None and situation._projector is not None
    groups = {
        id(engine._anger._word_logit._meaning._projections),  # type: ignore[union-attr]
        id(engine._politeness._word_logit._meaning._projections),  # type: ignore[union-attr]
        id(situation._projector._projections),
    }
    assert len(groups) == 1
    other = Engine(CONFIG)  # another engine projects only its own columns
    assert other._anger._word_logit._meaning._projections is not (  # type: ignore[union-attr]
        engine._anger._word_logit._meaning._projections  # type: ignore[union-attr]
    )


def test_a_projector_shares_only_with_projectors_of_its_table() -> None:
    embedder = Embedder.shared()
    other = Embedder(["a"], [1.0], bytes(embedder.dim), embedder.dim)
    with pytest.raises(ValueError, match="its table"):
        Projector(other, [[1.0] * embedder.dim], Projections(embedder))


def _judgement(engine: Engine, text: str) -> tuple[object, ...]:
    a, _ = engine.analyse(text, now=_NOW)
    return (
        a.anger.value,
        a.politeness.value,
        a.abuse.value,
        a.abuse.kinds,
        a.language,
        a.recommendation,
        a.signals,
    )


_NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_warm_up_changes_no_judgement() -> None:
    """A warmed engine (caches full) judges every text exactly as a cold one."""
    cold, warm = Engine(CONFIG), Engine(CONFIG)
    assert warm.warm_up(2_000) == 14  # 2,000 words, 150 a text
    for text in _texts()[:150]:
        assert _judgement(warm, text) == _judgement(cold, text), text


def test_warm_up_fills_the_word_caches_with_the_common_words() -> None:
    engine = Engine(CONFIG)
    projections = engine._anger._word_logit._meaning._projections  # type: ignore[union-attr]
    words = Embedder.shared().common_words(300)
    assert words[:3] == ["the", "of", "and"] and len(set(words)) == 300
    assert all(w.isalpha() and len(w) > 1 for w in words)
    assert not set(words) & projections._rows.keys()
    engine.warm_up(300)
    assert set(words) <= projections._rows.keys()


def test_warm_up_stops_when_asked() -> None:
    engine = Engine(CONFIG)
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    assert engine.warm_up(3_000, should_stop) == 3
    assert engine.warm_up(0) == 0


def test_the_embedding_table_is_dequantised_as_value_times_its_rows_scale() -> None:
    """The vectorised de-quantisation gives, bit for bit, each int8 times its row's scale in
    float64 rounded to float32 (the per-value loop it replaced)."""
    from array import array

    dim, scales = 3, [0.1, 1 / 3, 2.5e-3]
    rows = bytes([0, 1, 127, 128, 255, 7, 64, 200, 3])  # int8: 0 1 127 -128 -1 7 64 -56 3
    expected = array("f", (q * scales[k // dim] for k, q in enumerate(array("b", rows))))
    table = Embedder(["a", "b", "c"], scales, rows, dim)
    assert table._rows.tobytes() == expected.tobytes()
