"""Unit tests for worker/core/linear.py, the linear pieces every scorer shares."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worker.core.embed import Embedder
from worker.core.linear import LinearWeights, WordLogit, char_grams, sigmoid, softmax


@given(x=st.floats(min_value=-1e6, max_value=1e6))
def test_sigmoid_is_a_probability_and_symmetric(x: float) -> None:
    """sigmoid(x) is in [0, 1] without overflow and sigmoid(-x) == 1 - sigmoid(x)."""
    p = sigmoid(x)
    assert 0.0 <= p <= 1.0
    assert sigmoid(-x) == pytest.approx(1.0 - p, abs=1e-12)


def test_sigmoid_values() -> None:
    """The logistic function at 0 and at log(3)."""
    assert 0.5 == sigmoid(0.0)
    assert 0.75 == pytest.approx(sigmoid(math.log(3.0)))


@given(logits=st.lists(st.floats(min_value=-1e4, max_value=1e4), min_size=1, max_size=20))
def test_softmax_sums_to_one_and_keeps_the_order(logits: list[float]) -> None:
    """Softmax gives probabilities that sum to 1, the largest logit the largest probability."""
    probs = softmax(logits)
    assert sum(probs) == pytest.approx(1.0)
    assert max(probs) == probs[logits.index(max(logits))]


def test_word_logit_scales_by_distinct_words() -> None:
    """Known words add their weights over sqrt(max(distinct words, floor)); repeats count once."""
    layer = WordLogit(LinearWeights(bias=0.0, words={"refund": 1.0, "late": 2.0}))
    assert 1.0 + 3.0 / 2.0 == layer.add(1.0, ("refund", "late", "late"))  # floor 4
    words = ("refund", *(f"w{i}" for i in range(15)))  # 16 distinct words
    assert 1.0 / 4.0 == layer.add(0.0, words)
    assert 0.5 == layer.add(0.5, ())


def test_word_logit_counts_adjacent_pairs_with_word_bigrams() -> None:
    """With word_bigrams, adjacent pairs are terms too and count in the scaling."""
    weights = {"could you": 2.0, "you": 1.0}
    plain = WordLogit(LinearWeights(bias=0.0, words=weights))
    paired = WordLogit(LinearWeights(bias=0.0, words=weights, word_bigrams=True))
    words = ("could", "you", "please", "check", "could", "you")
    assert 1.0 / 2.0 == plain.add(0.0, words)  # 4 distinct words
    # 4 words + 4 distinct pairs (could you, you please, please check, check could)
    assert 3.0 / 8**0.5 == paired.add(0.0, words)
    assert 1.0 / 2.0 == paired.add(0.0, ("you",))


def test_word_logit_adds_the_embedding_when_fitted() -> None:
    """With embedding weights, the mean projection of the known words is added."""
    dim = Embedder.shared().dim
    plain = WordLogit(LinearWeights(bias=0.0))
    embedded = WordLogit(LinearWeights(bias=0.0, embedding=[1.0] * dim))
    words = ("refund", "angry", "thanks")
    assert 0.0 == plain.add(0.0, words)
    assert 0.0 != embedded.add(0.0, words)


def test_char_grams_mark_both_ends() -> None:
    """The n-grams of "<word>" of the given lengths, each once."""
    assert char_grams("ok", (3,)) == {"<ok", "ok>"}
    assert char_grams("ok", (3, 4)) == {"<ok", "ok>", "<ok>"}
    assert char_grams("aaaa", (3,)) == {"<aa", "aaa", "aa>"}
    assert char_grams("a", (5,)) == frozenset()


def test_word_logit_adds_character_ngrams_over_sqrt_of_their_count() -> None:
    """Each distinct word's known n-grams add their weights; the sum is scaled by the square
    root of all n-grams of the distinct words (known or not), at least the floor."""
    weights = LinearWeights(
        bias=0.0, char_grams={"<ok": 1.0, "ok>": 0.5, "<no": -2.0}, char_ns=(3,)
    )
    layer = WordLogit(weights)
    # "ok": 2 n-grams, both known (1.5); "maybe": 5 n-grams, none known; floor 4 -> sqrt(7).
    assert 1.5 / math.sqrt(7) == pytest.approx(layer.add(0.0, ("ok", "maybe", "ok")))
    assert 1.5 / 2.0 == pytest.approx(layer.add(0.0, ("ok",)))  # 2 n-grams: the floor 4
    assert -2.0 / 2.0 == pytest.approx(layer.add(0.0, ("no",)))
    assert 0.0 == layer.add(0.0, ())
    # Words unknown to the word weights still count through their n-grams (a typo).
    assert layer.add(0.0, ("okk",)) != 0.0


def test_word_logit_without_character_ngrams_is_unchanged() -> None:
    layer = WordLogit(LinearWeights(bias=0.0, words={"late": 2.0}))
    assert 2.0 / 2.0 == layer.add(0.0, ("late", "okay"))
