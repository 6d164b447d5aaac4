"""Fit the politeness scorer's linear layer; write config/politeness.weights.json.

Usage: .venv/bin/python scripts/train_politeness.py [--data-dir DIR] [--config config]

Fits ONLY on the fit half of the Stanford Politeness Corpus (Wikipedia, CC BY 4.0): rows with
``zlib.crc32(id.encode()) % 2 == 0``. The other half is the evaluation set of scripts/eval.py
and is never read here. The terms: the strategies and surface features, the mean static
embedding, the distinct words and word pairs, and the character 3- to 5-grams of the distinct
words. The regularisation strength C and the n-grams' scale are chosen by 5-fold
cross-validation inside the fit half, by the accuracy at the polite level of
config/politeness.yaml (the metric of the target; CV AUC breaks ties); the run prints both,
and the accuracy at candidate polite thresholds. The shipped levels (polite >= 0.51, rude
< 0.2) leave a neutral band around 0.5, where a message with no strategy lands since the
layer has no intercept.
Deterministic: fixed vocabulary order, fixed folds, a seeded solver, rounded weights.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.training import (  # noqa: E402
    char_matrix,
    char_vocabulary,
    document_frequency,
    fit_half,
    fold,
    load_jsonl,
    word_matrix,
)
from worker.core.embed import Embedder  # noqa: E402
from worker.core.politeness import PolitenessConfig, features  # noqa: E402
from worker.core.prepare import prepare  # noqa: E402
from worker.core.sentiment import Vader  # noqa: E402
from worker.core.text import analyse  # noqa: E402

SEED = 20240601
MIN_DF = 3
VOCAB = 400
FLOOR = 4
FOLDS = 5
# Strategies are multiplied by this before fitting (L2 shrinks a feature less the larger
# its scale). 0.5, with EMBEDDING_SCALE 0.35, MIN_DF 3 and word pairs, by fit-half 5-fold CV
# of the engine's score (research/politeness_cv.py): CV AUC 0.895 -> 0.903, accuracy at the
# polite level 0.807 -> 0.830, against 3.0 / 1.0 / 5 and single words.
FEATURE_SCALE = 0.5
# The mean static embedding (worker/core/embed.py) enters the fit multiplied by this.
EMBEDDING_SCALE = 0.35
# Adjacent word pairs ("could you", "you please") are terms of the word layer beside single
# words (LinearWeights.word_bigrams; one space between the words).
BIGRAMS = True
# Character n-grams of the distinct words (worker/core/linear.py, ``char_grams``): lengths,
# minimum document frequency, how many are kept after pruning by |weight|, and the scales tried
# (0: none). By fit-half 5-fold CV (C 10): accuracy at the polite level 0.829 (C 5, no n-grams)
# -> 0.837 (scale 0.25), 0.836 (0.35), 0.828 (0.5); CV AUC 0.9016 -> 0.9054, 0.9067, 0.9077.
CHAR_NS = (3, 4, 5)
CHAR_MIN_DF = 3
CHAR_VOCAB = 8000
CHAR_SCALE_GRID = (0.0, 0.25, 0.35, 0.5)
C_GRID = (1.0, 3.0, 5.0, 10.0, 15.0, 30.0)
# Function words carry length and topic artefacts of Wikipedia talk pages, not politeness;
# they are left out of the word layer (the strategies cover the pronouns and modals).
STOPWORDS = frozenset(
    "a an the of in on at to for from by with as into about over after before this that these "
    "those it its is are was were be been being am there here and or if then than so such "
    "he him his she her they them their i me my you your we our us url".split()
)


def terms(words: tuple[str, ...]) -> frozenset[str]:
    """The word layer's terms of a message: distinct words, plus adjacent pairs if BIGRAMS
    (what ``WordLogit.add`` looks up at run time)."""
    if BIGRAMS:
        return frozenset(words) | frozenset(map(" ".join, itertools.pairwise(words)))
    return frozenset(words)


def design(
    feats: np.ndarray,
    bags: list[frozenset[str]],
    vocab: dict[str, int],
    words: list[frozenset[str]],
    grams: dict[str, int],
    scale: float,
) -> Any:
    blocks = [sparse.csr_matrix(feats * FEATURE_SCALE), word_matrix(bags, vocab, FLOOR)]
    if grams:
        blocks.append(char_matrix(words, grams, scale, CHAR_NS, FLOOR))
    return sparse.hstack(blocks).tocsr()


def fit(x: Any, y: np.ndarray, c: float) -> LogisticRegression:
    # No intercept: a message without any strategy or known word scores exactly 0.5 (neutral).
    model = LogisticRegression(
        C=c, max_iter=2000, solver="liblinear", random_state=SEED, fit_intercept=False
    )
    model.fit(x, y)
    return model


def vocabulary(bags: list[frozenset[str]]) -> dict[str, int]:
    df = document_frequency(bags)
    words = sorted(w for w, n in df.items() if n >= MIN_DF and w not in STOPWORDS)
    return {w: i for i, w in enumerate(words)}


def _top(names: dict[str, int], coef: np.ndarray, n: int) -> dict[str, int]:
    """The ``n`` names of largest |weight| (none of weight 0), re-indexed in sorted order."""
    inv = sorted(names, key=names.__getitem__)
    keep = sorted(inv[i] for i in np.argsort(-np.abs(coef), kind="stable")[:n] if coef[i] != 0)
    return {w: i for i, w in enumerate(keep)}


class Layer:
    """One fit: the model and the words and n-grams it kept."""

    def __init__(
        self,
        feats: np.ndarray,
        bags: list[frozenset[str]],
        words: list[frozenset[str]],
        y: np.ndarray,
        c: float,
        scale: float,
    ) -> None:
        self.scale = scale
        vocab = vocabulary(bags)
        grams = (
            {g: i for i, g in enumerate(char_vocabulary(words, CHAR_NS, CHAR_MIN_DF))}
            if scale
            else {}
        )
        model = fit(design(feats, bags, vocab, words, grams, scale), y, c)
        coef, dense = model.coef_[0], feats.shape[1]
        self.vocab = _top(vocab, coef[dense : dense + len(vocab)], VOCAB)
        self.grams = _top(grams, coef[dense + len(vocab) :], CHAR_VOCAB) if grams else {}
        self.model = fit(design(feats, bags, self.vocab, words, self.grams, scale), y, c)

    def logit(
        self, feats: np.ndarray, bags: list[frozenset[str]], words: list[frozenset[str]]
    ) -> np.ndarray:
        x = design(feats, bags, self.vocab, words, self.grams, self.scale)
        return np.asarray(self.model.decision_function(x))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    args = ap.parse_args()
    path = args.data_dir / "politeness_wikipedia.jsonl"
    if not path.exists():
        print(f"missing {path}: the data lives in ../shared/data/dev", file=sys.stderr)
        return 2

    raw = yaml.safe_load((args.config / "politeness.yaml").read_text(encoding="utf-8"))
    cfg = PolitenessConfig.model_validate({**raw, "weights": {"bias": 0.0}})
    fitted = [f for f in cfg.feature_names() if f not in cfg.hand_weights]

    rows = [r for r in fit_half(load_jsonl(path)) if r["polite"] is not None]
    rows.sort(key=lambda r: r["id"])
    vader = Vader()
    embedder = Embedder.load()
    dense = len(fitted) + embedder.dim  # strategies and surface, then the embedding
    feats = np.zeros((len(rows), dense))
    hand = np.zeros(len(rows))  # the hand-set weights' share of the logit, as the engine adds it
    bags: list[frozenset[str]] = []
    words: list[frozenset[str]] = []
    for i, row in enumerate(rows):
        doc = analyse(prepare(row["text"]).text)  # the text the engine scores
        values, _ = features(doc, vader.sentiment(doc.text), cfg)
        meaning = [e * EMBEDDING_SCALE / FEATURE_SCALE for e in embedder.mean(doc.words)]
        feats[i] = [values[f] for f in fitted] + meaning
        hand[i] = sum(w * values[f] for f, w in cfg.hand_weights.items())
        bags.append(terms(doc.words))
        words.append(frozenset(doc.words))
    y = np.array([int(r["polite"]) for r in rows])
    folds = np.array([fold(r["id"], FOLDS) for r in rows])
    level = cfg.levels.polite

    def subset(items: list[frozenset[str]], mask: np.ndarray) -> list[frozenset[str]]:
        return [b for b, t in zip(items, mask, strict=True) if t]

    # Out-of-fold logits plus the hand-set share. Not modelled: the sarcasm cue (it fires on
    # 1 of the 4,353 requests) and language coverage (eval.py counts an uncovered request as
    # not polite).
    best: tuple[float, float, float, float] | None = None  # accuracy, AUC, C, scale
    for c, scale in itertools.product(C_GRID, CHAR_SCALE_GRID):
        scores = np.array(hand)
        for k in range(FOLDS):
            tr, te = folds != k, folds == k
            layer = Layer(feats[tr], subset(bags, tr), subset(words, tr), y[tr], c, scale)
            scores[te] += layer.logit(feats[te], subset(bags, te), subset(words, te))
        probs = 1 / (1 + np.exp(-scores))
        auc = float(roc_auc_score(y, probs))
        acc = float(np.mean((probs >= level) == (y == 1)))
        accs = " ".join(
            f"{t}:{float(np.mean((probs >= t) == (y == 1))):.3f}"
            for t in (0.5, 0.51, 0.52, 0.53, 0.55, 0.6)
        )
        print(
            f"C={c} char_scale={scale}: fit-half {FOLDS}-fold CV AUC {auc:.4f}, accuracy at "
            f"the polite level {level} {acc:.4f}; at threshold {accs}",
            flush=True,
        )
        if best is None or (acc, auc) > best[:2]:
            best = (acc, auc, c, scale)
    if best is None:
        raise RuntimeError("no model was fitted")
    cv_acc, cv_auc, c, scale = best
    layer = Layer(feats, bags, words, y, c, scale)
    coef = layer.model.coef_[0]
    n_words = len(layer.vocab)
    out = {
        "bias": 0.0,
        "features": {f: round(float(coef[i]) * FEATURE_SCALE, 4) for i, f in enumerate(fitted)},
        "embedding": [
            round(float(coef[len(fitted) + k]) * EMBEDDING_SCALE, 5) for k in range(embedder.dim)
        ],
        "words": {
            w: round(float(coef[dense + j]), 4)
            for w, j in layer.vocab.items()
            if abs(coef[dense + j]) >= 1e-4
        },
        "word_norm_floor": FLOOR,
        "word_bigrams": BIGRAMS,
        "char_grams": {
            g: round(float(coef[dense + n_words + j]) * scale, 4)
            for g, j in layer.grams.items()
            if abs(coef[dense + n_words + j]) * scale >= 1e-4
        },
        "char_ns": list(CHAR_NS),
        "meta": {
            "trained_on": "Stanford Politeness Corpus, Wikipedia, fit half crc32(id)%2==0 "
            "(CC BY 4.0), label polite = top vs bottom quartile",
            "script": "scripts/train_politeness.py",
            "C": c,
            "char_scale": scale,
            "seed": SEED,
            "rows": len(rows),
            "cv_auc": round(cv_auc, 4),
            "cv_accuracy": round(cv_acc, 4),
        },
    }
    dest = args.config / "politeness.weights.json"
    dest.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {dest} ({dest.stat().st_size} bytes), C={c}, char scale {scale}, "
        f"CV AUC {cv_auc:.4f}, accuracy {cv_acc:.4f}"
    )
    print("features:", json.dumps(out["features"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
