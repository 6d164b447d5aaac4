"""The linear pieces the scorers share: the logistic and softmax functions, a fitted linear
layer's weights, and the bag-of-words plus embedding part of a logit.

Anger and politeness add the same two terms to their logit: the fitted weights of the
distinct words (and, when ``word_bigrams`` is set, of the distinct adjacent word pairs),
scaled by ``1 / sqrt(max(distinct terms, word_norm_floor))``, and the mean
static embedding of those words projected on the fitted embedding weights
(:class:`WordLogit`); anger also the fitted weights of the words' character n-grams. Abuse
and the n-gram head use :func:`sigmoid`, the situation classifier :func:`softmax`. Pure.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from worker.core.embed import Embedder, Projections, Projector

__all__ = ["LinearWeights", "WordLogit", "char_grams", "sigmoid", "softmax"]

_MAX_CACHED_WORDS = 50_000  # words whose n-gram sums are cached (cleared when full)


def sigmoid(x: float) -> float:
    """The logistic function, without overflow for large negative ``x``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def softmax(logits: Sequence[float]) -> list[float]:
    """Probabilities from logits (shifted by the largest, so nothing overflows)."""
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


class LinearWeights(BaseModel):
    """A fitted linear layer: bias, weights of named hand features and of single words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    features: dict[str, float] = Field(default_factory=dict)
    words: dict[str, float] = Field(default_factory=dict)
    #: Weights of the mean static embedding of the distinct words (worker/core/embed.py).
    embedding: list[float] = Field(default_factory=list)
    #: Words are scaled by ``1 / sqrt(max(distinct words, word_norm_floor))``.
    word_norm_floor: int = Field(default=4, ge=1)
    #: When true, adjacent word pairs ("could you", written with one space) are terms of
    #: ``words`` too, and count in the distinct words of the scaling.
    word_bigrams: bool = False
    #: Weights of the character n-grams of the distinct words (each word marked ``<word>``,
    #: n-grams of the lengths ``char_ns``), summed over the words and scaled by
    #: ``1 / sqrt(max(n-grams of those words, word_norm_floor))``: typos, inflections and
    #: compounds ("furios", "fuming", "rip-off") that the word weights do not know.
    char_grams: dict[str, float] = Field(default_factory=dict)
    char_ns: tuple[int, ...] = (3, 4, 5)
    #: The probability part is ``sigmoid(gain * z + offset)``, ``z`` the fitted logit plus the
    #: hand-weighted cues: a monotone stretch that maps the median calm comment and the median
    #: angry comment of GoEmotions dev to fixed anchors (chosen by the training script).
    gain: float = Field(default=1.0, gt=0.0)
    offset: float = 0.0
    #: Share of the intensity term in the value (chosen on GoEmotions dev by the trainer).
    intensity_mix: float = Field(default=0.0, ge=0.0, le=1.0)
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class WordLogit:
    """The words' share of a logit: fitted word weights, then the embedding projection."""

    def __init__(self, weights: LinearWeights, projections: Projections | None = None) -> None:
        self._words = dict(weights.words)
        self._floor = weights.word_norm_floor
        self._bigrams = weights.word_bigrams
        emb = weights.embedding
        table = projections.embedder if projections is not None else Embedder.shared()
        self._meaning = Projector(table, [emb], projections) if emb else None
        self._chars = dict(weights.char_grams)
        self._char_ns = weights.char_ns
        #: Per word seen: its n-grams' summed weights and their number (bounded, as below).
        self._char_cache: dict[str, tuple[float, int]] = {}

    def add(self, z: float, words: tuple[str, ...], pairs: tuple[str, ...] | None = None) -> float:
        """``z`` plus the word term and the embedding term of the distinct ``words``
        (``pairs``: their adjacent pairs joined by a space, when already made)."""
        distinct = set(words)
        if self._chars and distinct:
            z += self._char_term(distinct)
        if self._bigrams and len(words) > 1:
            if pairs is None:
                pairs = tuple(map(" ".join, itertools.pairwise(words)))
            distinct.update(pairs)
        if distinct:
            total = sum(filter(None, map(self._words.get, distinct)))
            z += total / math.sqrt(max(len(distinct), self._floor))
        if self._meaning is not None:
            z += self._meaning(words)  # the same words' projection is shared by the scorers
        return z

    def _char_term(self, words: set[str]) -> float:
        """The character n-grams' share of the logit for the distinct ``words``."""
        cache = self._char_cache
        if len(cache) + len(words) > _MAX_CACHED_WORDS:  # bounded; never cleared mid-message
            cache.clear()
        total, count = 0.0, 0
        for word in words:
            hit = cache.get(word)
            if hit is None:
                hit = cache[word] = self._char_row(word)
            total += hit[0]
            count += hit[1]
        return total / math.sqrt(max(count, self._floor))

    def _char_row(self, word: str) -> tuple[float, int]:
        grams = char_grams(word, self._char_ns)
        return sum(filter(None, map(self._chars.get, grams))), len(grams)


def char_grams(word: str, ns: Sequence[int]) -> frozenset[str]:
    """The distinct character n-grams of ``word`` marked at both ends (``<word>``), of the
    lengths ``ns``: ``"ok"``, (3,) -> ``<ok``, ``ok>``."""
    marked = f"<{word}>"
    return frozenset(marked[i : i + n] for n in ns for i in range(len(marked) - n + 1))
