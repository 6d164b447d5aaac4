"""What the training scripts share: the project-wide fit / held-out split, JSON-lines loading,
document frequencies, the scaled bag-of-words matrix and the character n-gram matrix.

The split: a row whose ``zlib.crc32(str(id).encode())`` is even is in the FIT half (the
training scripts fit on it); odd rows are the HELD-OUT half (scripts/eval.py reports on it).
Cross-validation folds inside the fit half use the same hash (``crc32 // 2 % folds``).
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from scipy import sparse

from worker.core.linear import char_grams

__all__ = [
    "FIT",
    "HELD_OUT",
    "char_matrix",
    "char_vocabulary",
    "document_frequency",
    "fit_half",
    "fold",
    "half",
    "held_out",
    "load_jsonl",
    "word_matrix",
]

FIT = 0
HELD_OUT = 1


def half(row_id: object) -> int:
    """``FIT`` (0) or ``HELD_OUT`` (1) for a row id (deterministic, a hash of the id)."""
    return zlib.crc32(str(row_id).encode("utf-8")) % 2


def fold(row_id: object, folds: int) -> int:
    """The cross-validation fold (0 .. folds - 1) of a row of the fit half."""
    return zlib.crc32(str(row_id).encode("utf-8")) // 2 % folds


def fit_half(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the fit half, in their order."""
    return [r for r in rows if half(r["id"]) == FIT]


def held_out(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the held-out (evaluation) half, in their order."""
    return [r for r in rows if half(r["id"]) == HELD_OUT]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every non-blank line of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def document_frequency(bags: Iterable[frozenset[str]]) -> dict[str, int]:
    """How many bags each word occurs in."""
    df: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            df[w] = df.get(w, 0) + 1
    return df


def word_matrix(bags: list[frozenset[str]], vocab: dict[str, int], floor: int) -> sparse.csr_matrix:
    """Rows of word indicators scaled by ``1 / sqrt(max(distinct words, floor))``, the scaling
    the scorers apply at run time (worker/core/linear.py, ``WordLogit``)."""
    data: list[float] = []
    ind: list[int] = []
    ptr = [0]
    for bag in bags:
        scale = 1.0 / math.sqrt(max(len(bag), floor)) if bag else 0.0
        cols = sorted(vocab[w] for w in bag if w in vocab)
        ind.extend(cols)
        data.extend([scale] * len(cols))
        ptr.append(len(ind))
    return sparse.csr_matrix((data, ind, ptr), shape=(len(bags), len(vocab)))


def char_vocabulary(bags: Iterable[frozenset[str]], ns: Sequence[int], min_df: int) -> list[str]:
    """The character n-grams (``worker.core.linear.char_grams``) of the bags' words that occur
    in at least ``min_df`` bags, sorted."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update({g for w in bag for g in char_grams(w, ns)})
    return sorted(g for g, n in df.items() if n >= min_df)


def char_matrix(
    bags: list[frozenset[str]], vocab: dict[str, int], scale: float, ns: Sequence[int], floor: int
) -> sparse.csr_matrix:
    """Per row, each known n-gram's count over the distinct words, times ``scale / sqrt(max(
    n-grams of the words, floor))``: what ``WordLogit`` adds at run time, before ``scale``."""
    data: list[float] = []
    ind: list[int] = []
    ptr = [0]
    for bag in bags:
        counts: Counter[int] = Counter()
        total = 0
        for word in bag:
            grams = char_grams(word, ns)
            total += len(grams)
            counts.update(vocab[g] for g in grams if g in vocab)
        factor = scale / math.sqrt(max(total, floor))
        for k in sorted(counts):
            ind.append(k)
            data.append(counts[k] * factor)
        ptr.append(len(ind))
    return sparse.csr_matrix((data, ind, ptr), shape=(len(bags), len(vocab)))
