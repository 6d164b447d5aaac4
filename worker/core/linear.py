"""The linear pieces the scorers share: the logistic and softmax functions, a fitted linear
layer's weights, and the bag-of-words plus embedding part of a logit.

Anger and politeness add the same two terms to their logit: the fitted weights of the
distinct words (and, when ``word_bigrams`` is set, of the distinct adjacent word pairs),
scaled by ``1 / sqrt(max(distinct terms, word_norm_floor))``, and the mean
static embedding of those words projected on the fitted embedding weights
(:class:`WordLogit`). Abuse and the n-gram head use :func:`sigmoid`, the situation
classifier :func:`softmax`. Pure.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from worker.core.embed import Embedder, Projections, Projector

__all__ = ["LinearWeights", "WordLogit", "sigmoid", "softmax"]


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

    def add(self, z: float, words: tuple[str, ...], pairs: tuple[str, ...] | None = None) -> float:
        """``z`` plus the word term and the embedding term of the distinct ``words``
        (``pairs``: their adjacent pairs joined by a space, when already made)."""
        distinct = set(words)
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
