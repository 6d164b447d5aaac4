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
- ``c:<chars>``: character 3- and 4-grams of each distinct word, marked at both ends
  (``<refund>`` gives ``<re``, ``ref``, ..., ``nd>``): how many distinct words have it, times
  ``char_scale / sqrt(max(their total, norm_floor))``. They carry typos, inflections and
  compounds the word features miss ("refnd", "cancelling", "re-activated"); at run time each
  word's n-gram weights are summed once and cached, so a message costs one 16-wide sum per
  distinct word, as for the embedding;
- ``e:<i>``: the mean static embedding of the distinct words (:mod:`worker.core.embed`),
  scaled; at run time each word's projection onto the classes is cached, so a message
  costs one 16-wide sum per distinct word.

Weights come from ``config/playbook.weights.json`` (``scripts/train_situations.py``, fitted
on the scenario corpus in ``data/scenarios``). Only features seen in training have weights;
unknown words are ignored. Pure: dict lookups and one transpose-and-sum per message.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.embed import Embedder, Projections, Projector
from worker.core.linear import softmax
from worker.core.text import Doc

__all__ = [
    "LENGTH_BINS",
    "Situation",
    "SituationClassifier",
    "SituationWeights",
    "char_grams",
    "features",
]

#: Upper bounds (in words) of the length bins: ``n:0`` is 1-2 words, ``n:7`` is over 150.
LENGTH_BINS: tuple[int, ...] = (2, 4, 8, 16, 32, 64, 150)

#: Lengths of the character n-grams (``c:`` features).
CHAR_NS: tuple[int, ...] = (3, 4)

#: Words whose summed n-gram weights a classifier caches (cleared when full: bounded memory).
_MAX_CACHED_WORDS = 50_000


def char_grams(word: str) -> frozenset[str]:
    """The character n-grams of ``word`` marked at both ends: ``"ok"`` -> ``<ok``, ``ok>``,
    ``<ok>``."""
    marked = f"<{word}>"
    return frozenset(marked[i : i + n] for n in CHAR_NS for i in range(len(marked) - n + 1))


class SituationWeights(BaseModel):
    """A fitted multinomial linear layer: ``logit[c] = bias[c] + sum_f x_f * w[f][c] / scale``.

    Weights are stored as integers (``round(w * scale)``) to keep the file small.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[str] = Field(min_length=2)
    bias: list[float]
    scale: float = Field(gt=0.0)
    norm_floor: int = Field(default=4, ge=1)
    #: ``e:<i>`` features: the mean static embedding of the message's distinct words
    #: (``Embedder.mean``, worker/core/embed.py) times this.
    embedding_scale: float = Field(default=0.0, ge=0.0)
    #: ``c:<chars>`` features: character n-grams of the distinct words, each the number of
    #: words that have it times ``char_scale / sqrt(max(n-grams, norm_floor))``; 0 leaves
    #: them out.
    char_scale: float = Field(default=0.0, ge=0.0)
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
    char_scale: float = 0.0,
) -> dict[str, float]:
    """The classifier's input for one message: feature name -> value."""
    words = doc.words
    grams: set[str] = {f"w:{w}" for w in words}
    grams.update(f"b:{p}" for p in doc.pairs)
    out: dict[str, float] = dict.fromkeys(grams, 1.0 / math.sqrt(max(len(grams), norm_floor)))
    if char_scale:
        counts: Counter[str] = Counter()
        for word in set(words):
            counts.update(char_grams(word))
        value = char_scale / math.sqrt(max(counts.total(), norm_floor))
        out.update((f"c:{g}", value * k) for g, k in counts.items())
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

    def __init__(
        self,
        weights: SituationWeights,
        embedder: Embedder | None = None,
        projections: Projections | None = None,
    ) -> None:
        """``projections``: shared with other projectors of the message's words (the
        engine's anger and politeness); its table is then the embedder."""
        self.labels = tuple(weights.labels)
        self._norm_floor = weights.norm_floor
        self._embedding_scale = weights.embedding_scale
        self._char_scale = weights.char_scale
        if embedder is None and projections is not None:
            embedder = projections.embedder
        if self._embedding_scale and embedder is None:
            embedder = Embedder.shared()
        self._embedder = embedder
        self._bias = tuple(weights.bias)
        inv = 1.0 / weights.scale
        self._weights = {f: tuple(v * inv for v in w) for f, w in weights.weights.items()}
        self._means = {f: _mean(w) for f, w in self._weights.items()}
        self._entries = {f: (f, w, self._means[f]) for f, w in self._weights.items()}
        self._signal_entries = {f[4:]: e for f, e in self._entries.items() if f[:4] == "sig:"}
        dim = embedder.dim if embedder and self._embedding_scale else 0
        zero = (0.0,) * len(self.labels)
        rows = [self._weights.get(f"e:{i}", zero) for i in range(dim)]
        # Embedding weights by class, times the scale: logit[c] += dot(embedding, column[c]).
        self._columns = tuple(
            tuple(r[c] * self._embedding_scale for r in rows) for c in range(len(self.labels))
        )
        self._projector = (
            Projector(embedder, self._columns, projections) if embedder and dim else None
        )
        # For situation(): the n-gram features (names, weights as a matrix, weights less
        # their mean: a cue's contribution) and their rows by bare word / "a b" bigram.
        self._names = [f for f in self._weights if f[:2] in ("w:", "b:")]
        shape = (len(self._names), len(self.labels))
        self._matrix = np.array([self._weights[f] for f in self._names]).reshape(shape)
        means = np.array([self._means[f] for f in self._names]).reshape(-1, 1)
        # Per class, each n-gram's weight less its mean (a cue's contribution), as floats.
        diff = self._matrix - means
        self._diff = tuple(diff[:, c].tolist() for c in range(len(self.labels)))
        self._gram_rows = (
            {f[2:]: i for i, f in enumerate(self._names) if f[0] == "w"},
            {f[2:]: i for i, f in enumerate(self._names) if f[0] == "b"},
        )
        # The character n-grams' weights by n-gram; per word seen, a row of one table: the
        # sum of its known n-grams' weights per class, then how many n-grams it has.
        self._char_weights = {f[2:]: w for f, w in self._weights.items() if f[:2] == "c:"}
        self._char_index: dict[str, int] = {}
        self._char_table = np.zeros((256 if self._char_scale else 0, len(self.labels) + 1))

    def features(self, doc: Doc, signals: Mapping[str, float]) -> dict[str, float]:
        """Features without the embedding (see :meth:`embedding`)."""
        return features(doc, signals, norm_floor=self._norm_floor, char_scale=self._char_scale)

    def meaning(self, doc: Doc) -> list[float]:
        """The embedding's share of each class logit: mean over distinct known words of the
        word vector projected on the class columns (projections cached per word)."""
        if not self._columns or self._embedder is None:
            return []
        if self._projector is None:  # no embedding weights: every projection is zero
            return [0.0] * len(self.labels)
        return self._projector.project(doc.words)

    def situation(self, doc: Doc, signals: Mapping[str, float], *, max_cues: int = 3) -> Situation:
        """``classify(features(doc, signals), meaning(doc))`` without building the n-gram
        feature names: the known words and bigrams found by set intersection, their weights
        summed by numpy (in another order: equal to rounding)."""
        words = doc.words
        distinct = set(words)
        pairs = set(doc.pairs)
        value = 1.0 / math.sqrt(max(len(distinct) + len(pairs), self._norm_floor))
        table, bigrams = self._gram_rows
        rows = [table[w] for w in table.keys() & distinct]
        rows += [bigrams[b] for b in bigrams.keys() & pairs]
        known = self._known(words, signals)
        chars = self._chars(words)
        if not rows:
            return self._decide(known, self.meaning(doc), max_cues, chars=chars)
        total = tuple(self._matrix[rows].sum(axis=0).tolist())
        return self._decide(known, self.meaning(doc), max_cues, (value, total, rows), chars)

    def _chars(self, words: tuple[str, ...]) -> tuple[float, tuple[float, ...]] | None:
        """The character n-grams' value per occurrence and summed weights (None: none known)."""
        if not self._char_scale or not words:
            return None
        distinct = list(set(words))
        index = self._char_index
        if len(index) + len(distinct) > _MAX_CACHED_WORDS:  # bounded; never cleared mid-pass
            index.clear()
        rows = []
        for word in distinct:
            row = index.get(word)
            rows.append(self._char_row(word) if row is None else row)
        *total, count = self._char_table[rows].sum(axis=0).tolist()
        if not any(total):
            return None
        return self._char_scale / math.sqrt(max(count, self._norm_floor)), tuple(total)

    def _char_row(self, word: str) -> int:
        """The table row of ``word`` (made once): its known n-grams' summed weights, and
        its number of n-grams."""
        index = self._char_index
        row = len(index)
        if row >= len(self._char_table):
            self._char_table = np.resize(self._char_table, (2 * row, len(self.labels) + 1))
        grams = char_grams(word)
        table = self._char_weights
        known = [table[g] for g in grams if g in table]
        total = list(map(sum, zip(*known, strict=True))) if known else [0.0] * len(self.labels)
        self._char_table[row] = [*total, len(grams)]
        index[word] = row
        return row

    def _known(
        self, words: tuple[str, ...], signals: Mapping[str, float]
    ) -> list[tuple[float, str, tuple[float, ...], float]]:
        """The known features but the n-grams, in :func:`features` order (first word,
        length, signals): (value, name, weights, mean weight)."""
        entries = self._entries
        length = f"n:{_length_bin(len(words))}"
        names = (f"s:{words[0]}", length) if words else (length,)
        known = [(1.0, *entries[f]) for f in names if f in entries]
        by_signal = self._signal_entries
        for name, v in signals.items():
            entry = by_signal.get(name)
            if entry is not None:
                known.append((v, *entry))
        return known

    def classify(
        self, x: Mapping[str, float], meaning: list[float] | None = None, *, max_cues: int = 3
    ) -> Situation:
        """Probabilities over the situations for the features ``x`` and :meth:`meaning`."""
        weights, means = self._weights, self._means
        known = [(x[f], f, weights[f], means[f]) for f in x if f in weights and f[:2] != "c:"]
        chars = [tuple(x[f] * v for v in weights[f]) for f in x if f in weights and f[:2] == "c:"]
        group = None
        if chars:  # one cue, as situation() has it
            group = 1.0, tuple(map(sum, zip(*chars, strict=True)))
        return self._decide(known, meaning or [], max_cues, chars=group)

    def _decide(
        self,
        known: list[tuple[float, str, tuple[float, ...], float]],
        meaning: list[float],
        max_cues: int,
        grams: tuple[float, tuple[float, ...], list[int]] | None = None,
        chars: tuple[float, tuple[float, ...]] | None = None,
    ) -> Situation:
        """The situation from the known features (value, name, weights, mean weight) in the
        features' order and the embedding's share of each logit; ``grams``: the known
        n-grams apart (their shared value, summed weights, rows), as :meth:`situation` has
        them; ``chars``: the character n-grams' shared value and summed weights (one cue)."""
        # Features sharing one value (the n-grams) are summed first, then scaled once.
        groups: dict[float, list[tuple[float, ...]]] = {}
        if grams is not None:
            groups[grams[0]] = [grams[1]]
        if chars is not None:
            groups.setdefault(chars[0], []).append(chars[1])
        for x, _, w, _ in known:
            groups.setdefault(x, []).append(w)
        logits = list(self._bias)
        for value, vecs in groups.items():
            sums = map(sum, zip(*vecs, strict=True)) if len(vecs) > 1 else vecs[0]
            logits = [z + value * s for z, s in zip(logits, sums, strict=True)]
        if meaning:
            logits = [z + m for z, m in zip(logits, meaning, strict=True)]
        else:
            meaning = [0.0] * len(logits)
        probs = dict(zip(self.labels, softmax(logits), strict=True))
        best = max(range(len(self.labels)), key=logits.__getitem__)
        candidates = [(x * (w[best] - m), f) for x, f, w, m in known]
        if grams is not None:
            candidates += self._gram_cues(grams[0], grams[2], best, max_cues)
        candidates.append((meaning[best] - sum(meaning) / len(meaning), "e:"))
        if chars is not None:
            candidates.append((chars[0] * (chars[1][best] - _mean(chars[1])), "c:"))
        contributions = heapq.nlargest(max_cues, candidates)
        cues = tuple(_cue(f) for c, f in contributions if c > 0)
        return Situation(
            label=self.labels[best],
            confidence=probs[self.labels[best]],
            probabilities=probs,
            cues=cues,
        )

    def _gram_cues(
        self, value: float, rows: list[int], best: int, k: int
    ) -> list[tuple[float, str]]:
        """The n-grams' cue candidates (contribution, name) that may be among the ``k``
        largest: every one whose contribution reaches the k-th largest n-gram's."""
        column = self._diff[best]
        values = [value * column[r] for r in rows]
        names = self._names
        if len(rows) > k:
            cut = heapq.nlargest(k, values)[-1]
            return [(v, names[r]) for v, r in zip(values, rows, strict=True) if v >= cut]
        return [(v, names[r]) for v, r in zip(values, rows, strict=True)]


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
    if kind == "c":
        return "word forms (character n-grams)"
    return name
