"""A learned threat detector: a logistic head per sentence (and per pair of adjacent sentences).

A threat often sits in one sentence of a long e-mail, so the head scores each sentence and
each pair of adjacent sentences ("I know your car. See you at six.") and the message takes
the highest probability. A unit's features:

* the mean of its distinct known words' static embeddings (``worker/core/embed.py``, whose
  per-word vectors are cached), L2-normalised, and per dimension their largest and smallest
  value (max- and min-pooling: one telling word is not diluted by the rest of a sentence);
  each sentence's are computed once and a pair adds and pools its two sentences';
* hashed word unigrams and bigrams (``zlib.crc32``, the same buckets in training), scaled
  by ``1 / sqrt(n)`` so that the threshold transfers across lengths;
* the threat frames (``worker/core/threats.py``) that matched in the unit, whole or part.

:meth:`ThreatModel.best` computes the units of a message together with numpy: a
:class:`WordTable` (one per embedding table, shared by the threat and harassment heads) reads
the message once (one gather of the words' rows, ``reduceat`` per sentence) and each head
scores that :class:`Reading` (one product for all units); :class:`Unit`, :func:`units` and
:meth:`ThreatModel.logit` are the plain reference, used in training.

The weights (``worker/data/threats.json``) are fitted by ``scripts/train_threats.py`` on the
project's own written corpus (``data/threats/``) and the scenario corpus; the threshold is
chosen there by cross-validation for almost no false escalation (see docs/quality.md).
Pure: the file is read once, when the engine is built. The head judges the customer's own
words: quoted spans are blanked first.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from worker.core.embed import Embedder

__all__ = [
    "Reading",
    "ThreatHit",
    "ThreatModel",
    "Unit",
    "WordTable",
    "gram_keys",
    "sentence_unit",
    "units",
    "unquote",
]

#: A quotation of someone else's words (the head judges the customer's own words): straight
#: or curly double quotes around 3 to 300 characters on one line.
_QUOTED = re.compile(r'"[^"\n]{3,300}"|\u201c[^\u201d\n]{3,300}\u201d')

#: Units longer than this many tokens are cut (a run-on paragraph is not one sentence).
MAX_UNIT = 60

#: A sentence with fewer distinct known words makes no unit: one word alone ("Your",
#: "Tonight.") carries no threat the head can read, and the head gave "your" p 0.99.
MIN_WORDS = 2

#: Words whose row the head keeps in its own float64 table (cleared when full: bounded memory,
#: 20,000 rows of 2 x 64 values: about 20 MB).
_MAX_ROWS = 20_000

_TINY = float(np.finfo(np.float64).smallest_subnormal)


def unquote(text: str) -> str:
    """``text`` with quoted spans blanked (what the head reads)."""
    return _QUOTED.sub(" ", text) if '"' in text or "\u201c" in text else text


def gram_keys(toks: Sequence[str], buckets: int) -> set[int]:
    """Buckets of the word unigrams and bigrams of ``toks`` (``zlib.crc32``: stable)."""
    if "" not in toks:  # the common case, at C speed (an empty token starts no bigram)
        crc, enc = zlib.crc32, str.encode
        out = {c % buckets for c in map(crc, map(enc, toks))}
        out.update(crc(f"{a} {b}".encode()) % buckets for a, b in pairwise(toks))
        return out
    out = set()
    prev = ""
    for tok in toks:
        out.add(zlib.crc32(tok.encode("utf-8")) % buckets)
        if prev:
            out.add(zlib.crc32(f"{prev} {tok}".encode()) % buckets)
        prev = tok
    return out


@dataclass(frozen=True, slots=True)
class Unit:
    """What the head reads of a sentence or of two adjacent sentences.

    ``total``, ``hi``, ``lo``: per dimension the sum, the largest and the smallest value of
    the distinct known words' vectors (of each sentence: a pair adds and pools its two
    sentences', so a word in both counts twice); ``keys``: n-gram buckets; ``labels``: the
    threat frames (whole or part) matched in it.
    """

    first: int
    total: tuple[float, ...]
    hi: tuple[float, ...]
    lo: tuple[float, ...]
    keys: frozenset[int]
    labels: frozenset[str]

    def pair(self, nxt: Unit) -> Unit:
        return Unit(
            self.first,
            tuple(map(operator.add, self.total, nxt.total)),
            tuple(map(max, self.hi, nxt.hi)),
            tuple(map(min, self.lo, nxt.lo)),
            self.keys | nxt.keys,
            self.labels | nxt.labels,
        )

    def vector(self) -> tuple[float, ...]:
        """The mean word vector, L2-normalised (the mean's scale cancels out)."""
        norm = math.sqrt(sum(map(operator.mul, self.total, self.total)))
        return self.total if norm == 0.0 else tuple(v / norm for v in self.total)


def sentence_unit(
    embedder: Embedder, first: int, toks: Sequence[str], labels: frozenset[str], buckets: int
) -> Unit | None:
    """The unit of one sentence (its first ``MAX_UNIT`` tokens), or None with fewer than
    ``MIN_WORDS`` known words."""
    toks = toks[:MAX_UNIT]
    vecs = [v for v in map(embedder.word, set(toks)) if v is not None]
    if len(vecs) < MIN_WORDS:
        return None
    cols = list(zip(*vecs, strict=True))
    return Unit(
        first,
        tuple(map(sum, cols)),
        tuple(map(max, cols)),
        tuple(map(min, cols)),
        frozenset(gram_keys(toks, buckets)),
        labels,
    )


def units(
    embedder: Embedder, sentences: Sequence[tuple[Sequence[str], frozenset[str]]], buckets: int
) -> list[Unit]:
    """Each sentence with MIN_WORDS known words, and each pair of such adjacent sentences.
    ``sentences``: (tokens, frame labels matched in it), numbered from 1."""
    out: list[Unit] = []
    prev: Unit | None = None
    for i, (toks, labels) in enumerate(sentences, start=1):
        cur = sentence_unit(embedder, i, toks, labels, buckets)
        if cur is None:
            continue
        out.append(cur)
        if prev is not None:
            out.append(prev.pair(cur))
        prev = cur
    return out


@dataclass(frozen=True, slots=True)
class ThreatHit:
    """The head's highest probability in a message and the sentence it starts at (1-based)."""

    p: float
    sentence: int


@dataclass(frozen=True, slots=True)
class Reading:
    """What every head needs of one message's units, computed once (:meth:`WordTable.read`)
    and scored by each head with its own weights (:meth:`ThreatModel.score`).

    ``kept``: (sentence number, n-gram keys, labels) of each sentence with MIN_WORDS known
    words; ``total``, ``peak``, ``norm``: per unit (each kept sentence, then each adjacent
    pair) the sum of its word vectors, their per-dimension ``[max, -min]`` and the sum's
    length; ``grams``: the units' n-gram keys laid out for one gather a head
    (:class:`_Grams`)."""

    buckets: int
    kept: list[tuple[int, set[int], frozenset[str]]]
    total: npt.NDArray[np.float64]
    peak: npt.NDArray[np.float64]
    norm: npt.NDArray[np.float64]
    grams: _Grams


@dataclass(frozen=True, slots=True)
class _Grams:
    """The n-gram keys of a message's units as flat arrays, so that a head sums its weights
    of every unit with one gather and ``bincount``: each kept sentence's keys (``keys``, the
    sentence's index in ``of``), each adjacent pair's shared keys (``shared``, the pair's
    index in ``shared_of``), and per unit ``1 / sqrt(distinct keys)`` (0 without keys): a
    pair's sum is its two sentences' less that of the keys they share. ``labels``: the frame
    labels of each unit (sentences, then pairs), or None when no unit has any. ``order``:
    the units in the order :func:`units` lists them (each sentence, then its pair with the
    one before), for the first of equal maxima; ``first``: each unit's sentence number."""

    keys: npt.NDArray[np.intp]
    of: npt.NDArray[np.intp]
    shared: npt.NDArray[np.intp]
    shared_of: npt.NDArray[np.intp]
    scale: npt.NDArray[np.float64]
    labels: list[frozenset[str]] | None
    order: npt.NDArray[np.intp]
    first: list[int]

    @classmethod
    def of_units(cls, kept: list[tuple[int, set[int], frozenset[str]]]) -> _Grams:
        n = len(kept)
        sets = [keys for _, keys, _ in kept]
        both = [a & b for a, b in pairwise(sets)]
        counts = [len(k) for k in sets] + [
            len(a) + len(b) - len(ab) for (a, b), ab in zip(pairwise(sets), both, strict=True)
        ]
        scale = np.array(counts, dtype=np.float64)
        np.sqrt(scale, out=scale)
        np.divide(1.0, scale, out=scale, where=scale > 0)
        sent_labels = [labels for _, _, labels in kept]
        labels = None
        if any(sent_labels):
            labels = sent_labels + [a | b for a, b in pairwise(sent_labels)]
        order = [0] + [i for k in range(1, n) for i in (k, n + k - 1)]
        firsts = [first for first, _, _ in kept]
        return cls(
            _flat(sets),
            _segments(sets),
            _flat(both),
            _segments(both),
            scale,
            labels,
            np.array(order, dtype=np.intp),
            firsts + firsts[:-1],
        )


def _flat(sets: Sequence[set[int]]) -> npt.NDArray[np.intp]:
    return np.fromiter(itertools.chain.from_iterable(sets), dtype=np.intp)


def _segments(sets: Sequence[set[int]]) -> npt.NDArray[np.intp]:
    return np.repeat(np.arange(len(sets), dtype=np.intp), [len(s) for s in sets])


class WordTable:
    """Each seen word's ``[v, -v]`` row, one table per embedding table, shared by every head
    that reads it (the threat and harassment heads): a word is looked up once, and the
    bounded memory (``_MAX_ROWS``) is spent once. The table grows on first sight of a word:
    not for calls from several threads at once (the worker scores in its one consuming
    thread)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._index: dict[str, int] = {}
        self._table = np.zeros((1024, 2 * embedder.dim))  # a word's row: [v, -v]
        self._size = 0

    @classmethod
    @functools.cache
    def shared(cls, embedder: Embedder) -> WordTable:
        """One table per embedding table, per process."""
        return cls(embedder)

    def _row(self, word: str) -> int:
        """The row of ``word`` (added on first sight), or -1."""
        vec = self._embedder.word(word)
        row = -1
        if vec is not None:
            row = self._size
            if row == len(self._table):
                self._table = np.concatenate((self._table, np.zeros_like(self._table)))
            self._table[row, : len(vec)] = vec
            self._table[row, len(vec) :] = vec
            self._table[row, len(vec) :] *= -1.0
            self._size = row + 1
        self._index[word] = row
        return row

    def read(
        self, sentences: Sequence[tuple[Sequence[str], frozenset[str]]], buckets: int
    ) -> Reading | None:
        """The message's units pooled (None when no sentence has MIN_WORDS known words): the
        word rows gathered into one array, each sentence's sum and (one ``[v, -v]`` row a
        word) max and min by ``reduceat``, the pairs' by elementwise ops."""
        rows, starts, kept = self._gather(sentences, buckets)
        if not kept:
            return None
        vecs = self._table[rows]
        total = np.add.reduceat(vecs[:, : self._embedder.dim], starts, axis=0)
        peak = np.maximum.reduceat(vecs, starts, axis=0)  # [max, -min] per dimension
        if len(starts) > 1:  # rows n.. are the pairs (k, k + 1)
            total = np.concatenate((total, total[:-1] + total[1:]))
            peak = np.concatenate((peak, np.maximum(peak[:-1], peak[1:])))
        # A zero sum gives 0 / tiny = 0, as logit()'s 0 / 1 (any other norm is >= tiny).
        norm = np.maximum(np.sqrt(np.einsum("ij,ij->i", total, total)), _TINY)
        return Reading(buckets, kept, total, peak, norm, _Grams.of_units(kept))

    def _gather(
        self, sentences: Sequence[tuple[Sequence[str], frozenset[str]]], buckets: int
    ) -> tuple[list[int], list[int], list[tuple[int, set[int], frozenset[str]]]]:
        """The rows of each sentence's distinct known words (one after another), where each
        sentence's begin, and (number, n-gram keys, labels) of each sentence with MIN_WORDS rows."""
        if self._size + sum(min(len(toks), MAX_UNIT) for toks, _ in sentences) > _MAX_ROWS:
            self._index.clear()
            self._size = 0
        index = self._index
        rows: list[int] = []
        starts: list[int] = []
        kept: list[tuple[int, set[int], frozenset[str]]] = []
        for i, (toks, labels) in enumerate(sentences, start=1):
            toks = toks[:MAX_UNIT]
            start = len(rows)
            for word in set(toks):
                row = index.get(word)
                if row is None:
                    row = self._row(word)
                if row >= 0:
                    rows.append(row)
            if len(rows) - start >= MIN_WORDS:
                starts.append(start)
                kept.append((i, gram_keys(toks, buckets), labels))
            else:
                del rows[start:]
        return rows, starts, kept


class ThreatModel:
    """The fitted head: :meth:`best` gives the highest unit probability of a message."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        column: Sequence[float],
        pool: Sequence[float],
        grams: dict[int, float],
        frames: dict[str, float],
        bias: float,
        buckets: int,
        threshold: float,
    ) -> None:
        self._embedder = embedder
        self._column = tuple(column)
        self._hi = tuple(pool[: embedder.dim])
        self._lo = tuple(pool[embedder.dim :])
        if len(self._column) != embedder.dim or len(pool) != 2 * embedder.dim:
            raise ValueError("threat head: weights do not fit the embedding table")
        self._grams = grams
        self._frames = frames
        self._bias = bias
        self.buckets = buckets
        self.threshold = threshold
        # For score(): the same weights as numpy vectors.
        self._np_column = np.array(self._column)
        # [hi, -lo]: the pooling weights against a row's [v, -v] (a min is a max negated)
        self._np_pool = np.concatenate((np.array(self._hi), -np.array(self._lo)))
        # The n-gram weights by bucket (0 where none was fitted): 2 MB at 2 ** 18 buckets.
        self._np_grams = np.zeros(buckets)
        if grams:
            self._np_grams[np.fromiter(grams, dtype=np.intp)] = np.fromiter(
                grams.values(), dtype=np.float64
            )
        self._words = WordTable.shared(embedder)

    @classmethod
    @functools.cache
    def shared(cls, name: str = "threats.json") -> ThreatModel:
        """The head shipped in the package (``worker/data/<name>``), one per process."""
        meta = json.loads((resources.files("worker") / "data" / name).read_text("utf-8"))
        return cls(
            Embedder.shared(),
            column=meta["column"],
            pool=meta["pool"],
            grams={int(k): v for k, v in meta["grams"].items()},
            frames=meta["frames"],
            bias=meta["bias"],
            buckets=meta["buckets"],
            threshold=meta["threshold"],
        )

    def logit(self, unit: Unit) -> float:
        """The head's log-odds for one unit."""
        total = unit.total
        norm = math.sqrt(sum(map(operator.mul, total, total))) or 1.0
        z: float = self._bias + sum(map(operator.mul, total, self._column)) / norm
        z += sum(map(operator.mul, unit.hi, self._hi)) + sum(map(operator.mul, unit.lo, self._lo))
        if unit.keys:
            w = self._grams
            z += sum(w.get(k, 0.0) for k in unit.keys) / math.sqrt(len(unit.keys))
        f = self._frames
        return z + sum(f.get(label, 0.0) for label in unit.labels)

    def read(self, sentences: Sequence[tuple[Sequence[str], frozenset[str]]]) -> Reading | None:
        """The message's units as every head over this embedding table reads them."""
        return self._words.read(sentences, self.buckets)

    def best(self, sentences: Sequence[tuple[Sequence[str], frozenset[str]]]) -> ThreatHit:
        """The highest probability over the message's units, and where it is."""
        return self.score(self.read(sentences))

    def score(self, reading: Reading | None, skip: frozenset[int] = frozenset()) -> ThreatHit:
        """The highest probability over a read message's units, and where it is; the units
        holding a sentence numbered in ``skip`` are not scored.

        The log-odds of :meth:`logit` over :func:`units` (to rounding: the tests compare):
        every unit's embedding terms by two matrix-vector products over the pooled
        ``reading``, which other heads over the same table and buckets may score too; a
        pair's n-gram sum is its two sentences' less that of the keys they share."""
        if reading is None:
            return ThreatHit(0.0, 0)
        if reading.buckets != self.buckets:
            raise ValueError("threat head: the reading was made for other n-gram buckets")
        g, n = reading.grams, len(reading.kept)
        dense = reading.total @ self._np_column / reading.norm + reading.peak @ self._np_pool
        # The sparse terms: a pair's n-gram sum is its sentences' less their shared keys'.
        w = self._np_grams
        sums = np.bincount(g.of, weights=w[g.keys], minlength=n)
        shared = np.bincount(g.shared_of, weights=w[g.shared], minlength=n - 1)
        z = dense + self._bias + np.concatenate((sums, sums[:-1] + sums[1:] - shared)) * g.scale
        if g.labels is not None and self._frames:
            f = self._frames
            z += np.array([sum(f.get(label, 0.0) for label in labels) for labels in g.labels])
        if skip:
            spoken = [first in skip for first, _, _ in reading.kept]
            z[np.array(spoken + [a or b for a, b in pairwise(spoken)])] = -math.inf
        # The first of equal maxima in the order of units(): each sentence, then its pair.
        ordered = z[g.order]
        best = int(np.argmax(ordered))
        top = float(ordered[best])
        if top == -math.inf:
            return ThreatHit(0.0, 0)
        return ThreatHit(1.0 / (1.0 + math.exp(-top)), g.first[int(g.order[best])])
