"""The situation a message is in, as the playbook keys on it: a learned linear classifier.

Situations (company at fault, already tried everything, did not know, waiting or bounced,
distrust, venting, ...) are what decide the technique (``config/playbook.yaml``:
``situations``). The classifier is a multinomial logistic regression over fast features:

- ``w:<word>`` and ``b:<word> <word>``: word unigrams and bigrams of the prepared text,
  scaled by ``1 / sqrt(max(distinct n-grams, norm_floor))`` so a long e-mail and a chat line
  weigh alike;
- ``s:<word>``: the first word, which carries curt replies ("fine.", "whatever");
- ``n:<bin>``: the message length in words, binned;
- ``sig:<name>``: the engine's own signals (anger, politeness, shouting, abuse aimed at a
  person, the playbook's topic cues), each a number in [0, 1];
- ``e:<i>``: the message's static embedding (:mod:`worker.core.embed`), scaled.

Weights come from ``config/playbook.weights.json`` (``scripts/train_situations.py``, fitted
on the scenario corpus in ``data/scenarios``). Only features seen in training have weights;
unknown words are ignored. Pure: dict lookups and one transpose-and-sum per message.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.embed import Embedder
from worker.core.text import Doc

__all__ = [
    "LENGTH_BINS",
    "Situation",
    "SituationClassifier",
    "SituationWeights",
    "features",
]

#: Upper bounds (in words) of the length bins: ``n:0`` is 1-2 words, ``n:7`` is over 150.
LENGTH_BINS: tuple[int, ...] = (2, 4, 8, 16, 32, 64, 150)


class SituationWeights(BaseModel):
    """A fitted multinomial linear layer: ``logit[c] = bias[c] + sum_f x_f * w[f][c] / scale``.

    Weights are stored as integers (``round(w * scale)``) to keep the file small.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[str] = Field(min_length=2)
    bias: list[float]
    scale: float = Field(gt=0.0)
    norm_floor: int = Field(default=4, ge=1)
    #: ``e:<i>`` features: the message's static embedding (worker/core/embed.py) times this.
    embedding_scale: float = Field(default=0.0, ge=0.0)
    weights: dict[str, list[int]] = Field(min_length=1)
    meta: dict[str, str | int | float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _shapes(self) -> SituationWeights:
        n = len(self.labels)
        if len(set(self.labels)) != n:
            raise ValueError("labels must be unique")
        if len(self.bias) != n:
            raise ValueError(f"bias has {len(self.bias)} values for {n} labels")
        bad = [f for f, w in self.weights.items() if len(w) != n]
        if bad:
            raise ValueError(f"weights of {bad[:3]} do not have {n} values")
        return self


@dataclass(frozen=True, slots=True)
class Situation:
    """The most likely situation, its probability, the runners-up and the strongest cues."""

    label: str
    confidence: float
    probabilities: Mapping[str, float]
    cues: tuple[str, ...]


def _length_bin(n_words: int) -> int:
    for i, bound in enumerate(LENGTH_BINS):
        if n_words <= bound:
            return i
    return len(LENGTH_BINS)


def features(
    doc: Doc,
    signals: Mapping[str, float],
    *,
    norm_floor: int = 4,
    embedding: tuple[float, ...] = (),
    embedding_scale: float = 0.0,
) -> dict[str, float]:
    """The classifier's input for one message: feature name -> value."""
    words = doc.words
    grams: set[str] = {f"w:{w}" for w in words}
    grams.update(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    out: dict[str, float] = dict.fromkeys(grams, 1.0 / math.sqrt(max(len(grams), norm_floor)))
    if words:
        out[f"s:{words[0]}"] = 1.0
    out[f"n:{_length_bin(len(words))}"] = 1.0
    for name, value in signals.items():
        out[f"sig:{name}"] = value
    if embedding_scale:
        for i, value in enumerate(embedding):
            out[f"e:{i}"] = value * embedding_scale
    return out


class SituationClassifier:
    """Compiled :class:`SituationWeights`."""

    def __init__(self, weights: SituationWeights, embedder: Embedder | None = None) -> None:
        self.labels = tuple(weights.labels)
        self._norm_floor = weights.norm_floor
        self._embedding_scale = weights.embedding_scale
        if self._embedding_scale and embedder is None:
            embedder = Embedder.load()
        self._embedder = embedder
        self._bias = tuple(weights.bias)
        inv = 1.0 / weights.scale
        self._weights = {f: tuple(v * inv for v in w) for f, w in weights.weights.items()}

    def features(self, doc: Doc, signals: Mapping[str, float]) -> dict[str, float]:
        embedding = self._embedder.embed(doc.words) if self._embedder else ()
        return features(
            doc,
            signals,
            norm_floor=self._norm_floor,
            embedding=embedding,
            embedding_scale=self._embedding_scale,
        )

    def classify(self, x: Mapping[str, float], *, max_cues: int = 3) -> Situation:
        """Probabilities over the situations for the features ``x``."""
        known = [(f, v, self._weights[f]) for f, v in x.items() if f in self._weights]
        columns: Iterable[tuple[float, ...]] = zip(
            self._bias, *((tuple(v * c for c in w)) for _, v, w in known), strict=True
        )
        logits = [sum(col) for col in columns]
        top = max(logits)
        exps = [math.exp(z - top) for z in logits]
        total = sum(exps)
        probs = {label: e / total for label, e in zip(self.labels, exps, strict=True)}
        best = max(range(len(self.labels)), key=logits.__getitem__)
        contributions = sorted(((v * w[best] - _mean(w) * v, f) for f, v, w in known), reverse=True)
        cues = tuple(_cue(f) for c, f in contributions[:max_cues] if c > 0)
        return Situation(
            label=self.labels[best],
            confidence=probs[self.labels[best]],
            probabilities=probs,
            cues=cues,
        )


def _mean(w: tuple[float, ...]) -> float:
    return sum(w) / len(w)


def _cue(feature: str) -> str:
    """A feature name as a reader sees it: ``w:refund`` -> ``'refund'``, ``sig:price`` -> price."""
    kind, _, name = feature.partition(":")
    if kind in {"w", "b", "s"}:
        return f"'{name}'"
    if kind == "n":
        return "message length"
    if kind == "e":
        return "meaning (embedding)"
    return name
