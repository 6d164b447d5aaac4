"""The situation classifier, the static embeddings and the technique they choose."""

from __future__ import annotations

import json
import math
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.conftest import CONFIG_DIR
from worker.core.embed import Embedder
from worker.core.situations import (
    Situation,
    SituationClassifier,
    SituationWeights,
    char_grams,
    features,
)
from worker.core.techniques import TECHNIQUE_IDS, Recommender, Signals
from worker.core.text import analyse
from worker.core.triage import Engine
from worker.rules import load_rules

NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)
CONFIG = load_rules(CONFIG_DIR)
ENGINE = Engine(CONFIG)
CORPUS = Path(__file__).resolve().parents[3] / "data" / "scenarios"


def _analyse(text: str) -> Any:
    analysis, _ = ENGINE.analyse(text, now=NOW)
    return analysis


def _weights(**over: Any) -> dict[str, Any]:
    raw = {
        "labels": ["a", "b"],
        "bias": [0.0, 0.0],
        "scale": 1000.0,
        "weights": {"w:refund": [2000, -2000], "sig:anger": [-1000, 1000]},
    }
    return {**raw, **over}


def test_shipped_weights_cover_every_situation() -> None:
    """The fitted classifier knows exactly the playbook's situations."""
    assert CONFIG.playbook.weights is not None
    assert set(CONFIG.playbook.situations) == set(CONFIG.playbook.weights.labels)


def test_every_situation_maps_to_a_technique() -> None:
    """Each situation names one of the 15 technique ids."""
    assert {s.technique for s in CONFIG.playbook.situations.values()} <= set(TECHNIQUE_IDS)


def test_weights_with_wrong_shape_are_rejected() -> None:
    """A weight vector whose length is not the number of labels is a config error."""
    with pytest.raises(ValidationError):
        SituationWeights.model_validate(_weights(weights={"w:x": [1, 2, 3]}))
    with pytest.raises(ValidationError):
        SituationWeights.model_validate(_weights(bias=[0.0]))


def test_classifier_follows_its_weights() -> None:
    """A word with a positive weight for a class makes that class win, and is a cue."""
    clf = SituationClassifier(SituationWeights.model_validate(_weights()))
    situation = clf.classify(features(analyse("please refund me"), {}))
    assert "a" == situation.label
    assert situation.confidence > 0.5
    assert "'refund'" in situation.cues
    assert 1.0 == pytest.approx(sum(situation.probabilities.values()))
    assert "b" == clf.classify(features(analyse("hello"), {"anger": 1.0})).label


def test_long_and_short_messages_weigh_alike() -> None:
    """N-gram features are scaled by 1/sqrt(count): repeating a text does not inflate it."""
    short = features(analyse("refund please"), {})
    long = features(analyse(" ".join(["refund please"] * 50)), {})
    assert sum(v for k, v in long.items() if k[:2] in {"w:", "b:"}) < 8 * sum(
        v for k, v in short.items() if k[:2] in {"w:", "b:"}
    )


def test_char_grams_mark_word_ends() -> None:
    """Character 3- and 4-grams of the word with its ends marked."""
    assert {"<ok", "ok>", "<ok>"} == char_grams("ok")
    assert {"<re", "ref", "efu", "fun", "und", "nd>", "<ref", "refu", "efun", "fund", "und>"} == (
        char_grams("refund")
    )


def test_character_ngrams_carry_a_misspelt_word() -> None:
    """With ``char_scale`` the n-grams a misspelling shares with the word still count: a
    classifier that knows only "refund"'s n-grams reads "refnd" and "refunded" with it; without
    ``char_scale`` they are left out of the features and the weights do nothing."""
    grams = {f"c:{g}": [1500, -1500] for g in char_grams("refund")}
    clf = SituationClassifier(
        SituationWeights.model_validate(_weights(weights=grams, char_scale=2.0))
    )
    for text in ("refnd pls", "I want it refunded", "REFUND"):
        situation = clf.situation(analyse(text), {})
        assert "a" == situation.label, text
        assert "word forms (character n-grams)" in situation.cues
    assert "word forms (character n-grams)" not in clf.situation(analyse("hello"), {}).cues
    off = SituationClassifier(SituationWeights.model_validate(_weights(weights=grams)))
    assert not any(k.startswith("c:") for k in off.features(analyse("refnd pls"), {}))
    assert 0.5 == pytest.approx(off.situation(analyse("refnd pls"), {}).confidence)


def test_character_ngrams_are_counted_over_distinct_words_and_scaled() -> None:
    """Each ``c:`` feature is the number of distinct words with the n-gram times char_scale /
    sqrt(max(their n-grams, norm_floor)): a repeated word counts once."""
    x = features(analyse("ok ok"), {}, char_scale=2.0)
    chars = {k: v for k, v in x.items() if k.startswith("c:")}
    assert {"c:<ok", "c:ok>", "c:<ok>"} == set(chars)
    assert all(v == pytest.approx(2.0 / 2.0) for v in chars.values())  # 3 n-grams: floor 4
    two = features(analyse("ok oki"), {}, char_scale=2.0)  # 3 + 5 n-grams, "<ok" in both
    assert two["c:<ok"] == pytest.approx(2 * 2.0 / math.sqrt(8))
    assert two["c:oki"] == pytest.approx(2.0 / math.sqrt(8))


@pytest.mark.parametrize(
    ("text", "technique"),
    [
        ("My card was charged twice for the same order, please refund one.", "admit-fault"),
        (
            "I restarted it, reinstalled it and reset it to factory settings. Still broken.",
            "strategic-hold",
        ),
        (
            "What's the catch? Our last supplier hid fees in the small print.",
            "root-cause-questions",
        ),
        ("Whatever.", "reflective-listening"),
    ],
)
def test_situation_decides_the_technique(text: str, technique: str) -> None:
    """Messages written for this test (not in the corpus) get their playbook technique."""
    analysis = _analyse(text)
    assert technique == analysis.recommendation.technique, analysis.recommendation.why


def test_why_names_situation_confidence_and_cues() -> None:
    """`why` starts with the situation and its probability, then the cues that weighed most."""
    why = _analyse(
        "I have been on hold for two hours and transferred four times."
    ).recommendation.why
    assert why[0].startswith("situation: ")
    assert "(0." in why[0] or "(1." in why[0]
    assert any(w.startswith("cues: ") for w in why)


def _signals(values: dict[str, float], label: str) -> Signals:
    situation = Situation(label=label, confidence=0.9, probabilities={label: 1.0}, cues=())
    return Signals(values=values, reasons=dict.fromkeys(values, "reason"), situation=situation)


def test_abuse_at_the_agent_overrides_the_situation() -> None:
    """Insults aimed at the agent get dont-take-it-personally whatever the situation says."""
    rec = Recommender(CONFIG.playbook).recommend(
        _signals({"insult_at_agent": 1.0, "abuse": 1.0}, "company_fault")
    )
    assert "dont-take-it-personally" == rec.technique
    calm = Recommender(CONFIG.playbook).recommend(_signals({"threat": 1.0}, "hostile"))
    assert "keep-calm" == calm.technique


def test_repeated_abuse_leads_to_consider_ending() -> None:
    """Repeated abuse with no improvement recommends considering ending the relationship."""
    rec = Recommender(CONFIG.playbook).recommend(
        _signals({"repeated_abuse_no_improvement": 1.0, "insult_at_agent": 1.0}, "abuse")
    )
    assert "consider-ending-relationship" == rec.technique


def test_without_abuse_the_situation_technique_stands() -> None:
    """With no abuse signal the situation's own technique is recommended."""
    rec = Recommender(CONFIG.playbook).recommend(_signals({"anger": 0.4}, "waiting"))
    assert "empathize" == rec.technique


def test_embedding_is_unit_length_and_semantic() -> None:
    """Message vectors are unit length; related words are closer than unrelated ones."""
    emb = Embedder.load()

    def vec(text: str) -> tuple[float, ...]:
        return emb.embed(analyse(text).words)

    def cos(a: tuple[float, ...], b: tuple[float, ...]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True))

    assert 1.0 == pytest.approx(cos(vec("refund"), vec("refund")), abs=1e-6)
    assert cos(vec("too expensive"), vec("the price is high")) > cos(
        vec("too expensive"), vec("the printer is offline")
    )
    assert (0.0,) * emb.dim == emb.embed(["\u2603\u2603"])


def test_embedding_table_is_small() -> None:
    """The shipped table stays a few MB."""
    data = Path(__file__).resolve().parents[3] / "worker" / "data"
    size = (data / "embed.bin").stat().st_size + (data / "embed.json").stat().st_size
    assert size < 8_000_000
    meta = json.loads((data / "embed.json").read_text("utf-8"))
    assert len(meta["tokens"]) * meta["dim"] == (data / "embed.bin").stat().st_size


def test_no_network_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the engine and scoring a message open no socket (weights ship in the package)."""

    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("network access at run time")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine = Engine(load_rules(CONFIG_DIR))
    analysis, _ = engine.analyse("Oh great, it crashed again. Thanks for nothing.", now=NOW)
    assert analysis.signals.situation is not None


def test_corpus_rows_are_well_formed() -> None:
    """Every corpus row has a known situation, a known best technique inside `acceptable`."""
    rows = [
        json.loads(line)
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    assert len(rows) >= 600
    for row in rows:
        assert row["situation"] in CONFIG.playbook.situations, row["id"]
        assert row["best"] in row["acceptable"], row["id"]
        assert set(row["acceptable"]) <= set(TECHNIQUE_IDS), row["id"]
        assert not row["threat"] or row["escalate"], row["id"]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["best"]] = counts.get(row["best"], 0) + 1
    assert set(counts) == set(TECHNIQUE_IDS)
    assert min(counts.values()) >= 40


def test_uncertain_situations_favour_a_technique_that_fits_them_all() -> None:
    """Split between distrust, price anger and a grievance: reflective listening fits all."""
    probs = {"distrust": 0.4, "price_time": 0.35, "grievance": 0.25}
    situation = Situation(label="distrust", confidence=0.4, probabilities=probs, cues=())
    rec = Recommender(CONFIG.playbook).recommend(
        Signals(values={"anger": 0.5}, reasons={"anger": "anger"}, situation=situation)
    )
    assert "reflective-listening" == rec.technique
    assert "root-cause-questions" in rec.alternatives


@pytest.mark.parametrize(
    ("text", "sarcastic"),
    [
        ("Just wanted to say the new checkout is much faster, well done to whoever built it.", 0),
        ("Brilliant support as always, thank you.", 0),
        ("Great job, the app crashed again during payroll.", 1),
        ("Oh great, another update.", 1),
    ],
)
def test_sarcasm_signal_is_the_engines_cue_not_bare_praise(text: str, sarcastic: int) -> None:
    """Praise counts as sarcasm only before a failure (or as a phrase sarcastic on its own):
    "well done to whoever built it" is thanks, so the situation never reads it as hostile
    for the word alone."""
    assert _analyse(text).signals.values.get("sarcasm", 0.0) == float(sarcastic)
