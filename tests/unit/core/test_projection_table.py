"""Projections keeps each word's projections as a row of one numpy table: the means must be
exactly those of the plain per-word sums (same additions, same order), also after the table
grows and after the bounded cache is cleared."""

from __future__ import annotations

import math
import operator
import random

import pytest

from worker.core import embed
from worker.core.embed import Embedder, Projections


def _exact_means(projections: Projections, words: list[str]) -> list[float]:
    """The mean projections as plain Python sums over the distinct words, in set order."""
    embedder = projections.embedder
    columns = projections._columns
    projected = []
    for word in set(words):
        vec = embedder.word(word)
        if vec is not None:
            projected.append(tuple(sum(map(operator.mul, vec, c)) for c in columns))
    if not projected:
        return [0.0] * len(columns)
    return [s / len(projected) for s in map(sum, zip(*projected, strict=True))]


@pytest.mark.parametrize("max_cache", [embed._MAX_CACHE, 7])
def test_table_means_equal_plain_sums(monkeypatch: pytest.MonkeyPatch, max_cache: int) -> None:
    monkeypatch.setattr(embed, "_MAX_CACHE", max_cache)
    embedder = Embedder.shared()
    projections = Projections(embedder)
    projections.add(tuple(tuple(math.cos(i * k) for i in range(embedder.dim)) for k in (1, 2)))
    vocabulary = [*[*embedder._ids][:2000], "zzqqxx", "", "don't", "refund"]
    rng = random.Random(5)
    for _ in range(300):  # 2,000 words: the table of 256 rows grows
        words = rng.choices(vocabulary, k=rng.randint(0, 40))
        assert projections.means(words) == _exact_means(projections, words)
