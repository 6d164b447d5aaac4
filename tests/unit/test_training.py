"""Unit tests for scripts/training.py: the fit / held-out split the shipped weights were fitted
on must never move, and the word matrix must scale as the scorers do at run time."""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path

import numpy as np
import pytest

from scripts.training import (
    FIT,
    HELD_OUT,
    char_matrix,
    char_vocabulary,
    document_frequency,
    fit_half,
    fold,
    half,
    held_out,
    load_jsonl,
    word_matrix,
)
from worker.core.linear import LinearWeights, WordLogit, char_grams

IDS = ["conv-0001", "conv-0002", "wiki-17", "t3_abc", "42", 7, "ünïcode-1", ""]


def test_half_is_pinned() -> None:
    """Known ids fall in the halves they fell in when the shipped weights were fitted."""
    assert [1, 1, 0, 0, 0, 0, 1, 0] == [half(i) for i in IDS]


@pytest.mark.parametrize("row_id", IDS)
def test_half_matches_every_old_copy(row_id: object) -> None:
    """The one split equals each formula the scripts used to repeat (str ids, int ids)."""
    key = str(row_id)
    assert (zlib.crc32(key.encode()) % 2 == 0) == (half(row_id) == FIT)  # train_politeness
    assert zlib.crc32(key.encode("utf-8")) % 2 == half(row_id)  # train_abuse
    assert (zlib.crc32(key.encode()) % 2 != 0) == (half(row_id) == HELD_OUT)  # eval.held_out


def test_folds_are_pinned() -> None:
    """Cross-validation folds are ``crc32 // 2 % folds``, as train_politeness used."""
    assert [4, 2, 3, 3, 4, 3, 3, 0] == [fold(i, 5) for i in IDS]
    assert [zlib.crc32(str(i).encode()) // 2 % 5 for i in IDS] == [fold(i, 5) for i in IDS]


def test_halves_partition_rows() -> None:
    """Every row is in exactly one half, and each half keeps the input order."""
    rows = [{"id": i, "n": n} for n, i in enumerate(IDS)]
    fit, rest = fit_half(rows), held_out(rows)
    assert len(rows) == len(fit) + len(rest)
    assert sorted(r["n"] for r in fit + rest) == list(range(len(rows)))
    assert [r["n"] for r in fit] == sorted(r["n"] for r in fit)


def test_word_matrix_scales_by_distinct_words() -> None:
    """A row holds 1 / sqrt(max(distinct words, floor)) for each known word, 0 elsewhere."""
    vocab = {"refund": 0, "late": 1, "thanks": 2}
    bags = [
        frozenset({"refund", "late"}),
        frozenset(),
        frozenset({"a", "b", "c", "d", "e", "f", "g", "h", "i", "thanks"}),
    ]
    m = word_matrix(bags, vocab, floor=4).toarray()
    assert (3, 3) == m.shape
    assert [0.5, 0.5, 0.0] == m[0].tolist()
    assert [0.0, 0.0, 0.0] == m[1].tolist()
    assert m[2].tolist() == pytest.approx([0.0, 0.0, 1 / math.sqrt(10)])


def test_document_frequency_counts_bags() -> None:
    """A word counts once per bag that holds it."""
    assert {"a": 2, "b": 1} == document_frequency([frozenset("ab"), frozenset("a")])


def test_load_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    """Blank lines are skipped; every other line is one JSON object."""
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": 1}) + "\n\n" + json.dumps({"id": 2}) + "\n")
    assert [{"id": 1}, {"id": 2}] == load_jsonl(path)


def test_char_vocabulary_counts_each_bag_once() -> None:
    """An n-gram is kept when at least ``min_df`` bags hold it, however often one bag does."""
    bags = [frozenset({"rude", "crude"}), frozenset({"rude"}), frozenset({"prude"})]
    assert ["de>", "rud", "ude"] == char_vocabulary(bags, (3,), 3)
    # "<ru": "rude" twice, in two bags; "<cr": "crude" once, in the first bag only
    assert ["<ru", "de>", "rud", "ude"] == char_vocabulary(bags, (3,), 2)
    assert "<cr" in char_vocabulary(bags, (3,), 1)


def test_char_matrix_times_weights_is_the_run_time_term() -> None:
    """A weight vector fitted on ``char_matrix`` columns, written as the training scripts write
    it (times the scale), gives exactly the logit term ``WordLogit`` adds at run time."""
    ns, floor, scale = (3, 4, 5), 4, 0.25
    bags = [frozenset({"thank", "you", "kindly"}), frozenset({"ok"}), frozenset()]
    grams = sorted({g for bag in bags for w in bag for g in char_grams(w, ns)})[::2]
    vocab = {g: i for i, g in enumerate(grams)}
    coef = np.linspace(-1.0, 1.0, len(grams))
    fitted = char_matrix(bags, vocab, scale, ns, floor) @ coef
    logit = WordLogit(
        LinearWeights(
            bias=0.0,
            word_norm_floor=floor,
            char_grams={g: float(coef[i]) * scale for g, i in vocab.items()},
            char_ns=ns,
        )
    )
    run_time = [logit.add(0.0, tuple(sorted(bag))) for bag in bags]
    assert fitted.tolist() == pytest.approx(run_time)
    assert fitted[0] != 0.0
