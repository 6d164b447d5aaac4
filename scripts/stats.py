"""Pure-Python metrics: Pearson, Spearman, ROC-AUC (ties count half), P/R/F1, accuracy."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["accuracy", "pearson", "prf", "rank", "roc_auc", "spearman"]


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation; 0.0 when either side is constant."""
    n = len(xs)
    if n != len(ys) or n < 2:
        raise ValueError("need two equally long sequences of at least 2 values")
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def rank(xs: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties share the mean of their ranks."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = avg
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson on average ranks)."""
    return pearson(rank(xs), rank(ys))


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """ROC-AUC via the Mann-Whitney U statistic; tied scores count one half."""
    pos = sum(1 for y in labels if y)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        raise ValueError("ROC-AUC needs both classes")
    ranks = rank(scores)
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def prf(labels: Sequence[int], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class (0.0 where undefined)."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy(labels: Sequence[int], predicted: Sequence[bool]) -> float:
    """Share of rows where the decision equals the label."""
    if not labels:
        raise ValueError("no rows")
    return sum(1 for y, p in zip(labels, predicted, strict=True) if bool(y) == p) / len(labels)
