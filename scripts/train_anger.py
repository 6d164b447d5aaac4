"""Fit the anger scorer's linear layer; write config/anger.weights.json.

Usage: .venv/bin/python scripts/train_anger.py [--data-dir ../shared/data/dev] [--config config]

Fits ONLY on sets whose licence allows shipped artifacts:

- GoEmotions train (Apache-2.0), ``anger_goemotions_train.jsonl``, with a *graded* target:
  anger proper (``anger_only``) = 1, annoyance only = ``grade``, everything else = 0;
- Stanford Politeness Corpus (CC BY 4.0), the fit half (``zlib.crc32(id) % 2 == 0``) of
  ``politeness_wikipedia.jsonl`` without its least polite quartile, as calm requests
  (target 0): ordinary asks on a help desk should score low.

The terms: the hand features, the mean static embedding, the distinct words and the character
3- to 5-grams of those words (``worker/core/linear.py``).
A graded target is fitted as a logistic regression on soft labels (each row appears once as
positive with weight t and once as negative with weight 1 - t). No class balancing, so the
output is a probability-like value: calm text is near the GoEmotions base rate, not 0.5.
The regularisation strength C, the annoyance grade and the n-grams' scale are chosen on
``anger_goemotions_dev.jsonl`` (GoEmotions) by AUC(angry) + AUC(anger_only).
SemEval-2018 and the complaints set are never read here.
Deterministic: fixed vocabulary order, liblinear with a fixed seed, rounded weights.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import training  # noqa: E402
from scripts.training import document_frequency, fit_half, load_jsonl, word_matrix  # noqa: E402
from worker.core.anger import FEATURES, AngerConfig, _Compiled, _features  # noqa: E402
from worker.core.embed import Embedder  # noqa: E402
from worker.core.sentiment import Vader  # noqa: E402
from worker.core.text import analyse  # noqa: E402

SEED = 20240601
MIN_DF = 5
VOCAB = 3000  # words kept after pruning by |weight|
FLOOR = 4  # words are scaled by 1 / sqrt(max(distinct words, FLOOR))
# Hand features are multiplied by this before fitting so that L2 shrinks them less than words;
# the written weights are rescaled so runtime uses raw feature values.
FEATURE_SCALE = 3.0
# The mean static embedding (worker/core/embed.py) enters the fit multiplied by this.
EMBEDDING_SCALE = 1.0
# Character n-grams of the distinct words (worker/core/linear.py, ``char_grams``): lengths,
# minimum document frequency, how many are kept after pruning by |weight|, and their scale in
# the fit (chosen on GoEmotions dev with C and the grade). GoEmotions dev AUC of the chosen
# logit: 0.8636 without them (C 1, grade 0.75), 0.8737 with them (C 1, grade 0.5, scale 2).
CHAR_NS = (3, 4, 5)
CHAR_MIN_DF = 5
CHAR_VOCAB = 8000
CHAR_SCALE_GRID = (1.0, 2.0)
C_GRID = (0.3, 1.0)
GRADE_GRID = (0.5, 0.75)  # target of annoyance-only rows (anger proper = 1)
# Share of the hand-set intensity term in the value, chosen on GoEmotions dev by the Pearson
# correlation of the value with the graded target (0 / annoyance grade / 1).
MIX_GRID = (0.2, 0.35, 0.5)
# Calibration anchors on GoEmotions dev: the median calm comment maps to CALM_VALUE and the
# median comment labelled anger proper to ANGER_VALUE (the "medium" cut point).
CALM_VALUE = 0.05
ANGER_VALUE = 0.75


def calm_requests(path: Path) -> list[dict[str, Any]]:
    """Stanford Politeness fit half, least polite quartile left out: calm requests."""
    rows = fit_half(load_jsonl(path))
    return [r for r in rows if r.get("polite") != 0]


def matrices(
    texts: list[str], cfg: AngerConfig, fitted: list[str]
) -> tuple[np.ndarray, np.ndarray, list[frozenset[str]], np.ndarray]:
    """Fitted feature values, the hand-weighted logit part, word bags, intensity terms."""
    vader = Vader()
    tables = _Compiled(cfg)
    index = [FEATURES.index(name) for name in fitted]
    hand = np.array([cfg.hand_weights.get(name, 0.0) for name in FEATURES])
    embedder = Embedder.shared()
    feats = np.zeros((len(texts), len(fitted) + embedder.dim))
    hand_z = np.zeros(len(texts))
    iw = np.array([cfg.intensity.weights.get(name, 0.0) for name in FEATURES])
    intensity = np.zeros(len(texts))
    bags: list[frozenset[str]] = []
    for i, text in enumerate(texts):
        doc = analyse(text)
        values = _features(doc, vader.sentiment(text), cfg, tables)[0]
        meaning = [e * EMBEDDING_SCALE / FEATURE_SCALE for e in embedder.mean(doc.words)]
        feats[i] = [values[j] for j in index] + meaning
        hand_z[i] = float(np.dot(hand, values))
        strength = float(np.dot(iw, values))
        intensity[i] = 1.0 - math.exp(-cfg.intensity.scale * strength) if strength > 0 else 0.0
        bags.append(frozenset(doc.words))
    return feats, hand_z, bags, intensity


def design(
    feats: np.ndarray, words: sparse.csr_matrix, chars: sparse.csr_matrix | None = None
) -> sparse.csr_matrix:
    blocks = [sparse.csr_matrix(feats * FEATURE_SCALE), words]
    return sparse.hstack(blocks if chars is None else [*blocks, chars]).tocsr()


def char_matrix(
    bags: list[frozenset[str]], vocab: dict[str, int], scale: float
) -> sparse.csr_matrix:
    return training.char_matrix(bags, vocab, scale, CHAR_NS, FLOOR)


def index(items: list[str]) -> dict[str, int]:
    return {w: i for i, w in enumerate(items)}


@dataclass
class Fit:
    """One setting's fit and its GoEmotions dev figures."""

    c: float
    grade: float
    scale: float
    crit: float
    words: list[str]
    grams: list[str]
    coef: np.ndarray
    bias: float
    stats: dict[str, float]


def fit_soft(x: sparse.csr_matrix, target: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """Logistic regression on soft labels in [0, 1] (rows duplicated with weights t, 1 - t)."""
    pos, neg = target > 0, target < 1
    xx = sparse.vstack([x[pos], x[neg]]).tocsr()
    yy = np.concatenate([np.ones(int(pos.sum())), np.zeros(int(neg.sum()))])
    ww = np.concatenate([target[pos], 1.0 - target[neg]])
    model = LogisticRegression(C=c, max_iter=5000, solver="liblinear", random_state=SEED)
    model.fit(xx, yy, sample_weight=ww)
    return model.coef_[0].copy(), float(model.intercept_[0])


def clip(coef: np.ndarray, n_feats: int, words: list[str], cfg: AngerConfig) -> None:
    """A word of the hand lexicon never lowers anger: clip its fitted weight at 0.

    GoEmotions' fine-grained labels (disgust, sadness...) otherwise give words such as
    "disgusting" or "terrible" negative anger weights, which would not carry over to tickets.
    """
    for j, w in enumerate(words):
        if w in cfg.lexicon and coef[n_feats + j] < 0:
            coef[n_feats + j] = 0.0


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def calibration(z: np.ndarray, calm: np.ndarray, anger: np.ndarray) -> tuple[float, float]:
    """Gain and offset mapping the median calm / anger logits to the anchor values."""
    z_calm, z_anger = float(np.median(z[calm])), float(np.median(z[anger]))
    gain = (logit(ANGER_VALUE) - logit(CALM_VALUE)) / (z_anger - z_calm)
    return gain, logit(CALM_VALUE) - gain * z_calm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    args = ap.parse_args()
    train_path = args.data_dir / "anger_goemotions_train.jsonl"
    dev_path = args.data_dir / "anger_goemotions_dev.jsonl"
    calm_path = args.data_dir / "politeness_wikipedia.jsonl"
    for p in (train_path, dev_path, calm_path):
        if not p.exists():
            print(f"missing {p}: the data lives in ../shared/data/dev", file=sys.stderr)
            return 2

    raw = yaml.safe_load((args.config / "anger.yaml").read_text(encoding="utf-8"))
    cfg = AngerConfig.model_validate({**raw, "weights": {"bias": 0.0}})
    fitted = [f for f in FEATURES if f not in cfg.hand_weights]
    dim = Embedder.shared().dim
    dense = len(fitted) + dim  # fitted features, then the embedding, then the words

    train, dev = load_jsonl(train_path), load_jsonl(dev_path)
    calm = calm_requests(calm_path)
    f_tr, _, bags_tr, _ = matrices([r["text"] for r in train + calm], cfg, fitted)
    f_dev, hand_dev, bags_dev, int_dev = matrices([r["text"] for r in dev], cfg, fitted)
    angry_tr = np.array([int(r["angry"]) for r in train] + [0] * len(calm))
    only_tr = np.array([int(r["anger_only"]) for r in train] + [0] * len(calm))
    y_dev = np.array([int(r["angry"]) for r in dev])
    only_dev = np.array([int(r["anger_only"]) for r in dev])

    def target(grade: float) -> np.ndarray:
        return np.where(only_tr == 1, 1.0, np.where(angry_tr == 1, grade, 0.0))

    df = document_frequency(bags_tr)
    # Tokens with digits ("40", "2016", "3rd") are topical noise on Reddit, not anger: left out.
    full = sorted(w for w, n in df.items() if n >= MIN_DF and not any(ch.isdigit() for ch in w))
    w_full = word_matrix(bags_tr, {w: i for i, w in enumerate(full)}, FLOOR)
    all_grams = training.char_vocabulary(bags_tr, CHAR_NS, CHAR_MIN_DF)

    def run(c: float, grade: float, scale: float) -> tuple[list[str], list[str], np.ndarray, float]:
        x_full = design(f_tr, w_full, char_matrix(bags_tr, index(all_grams), scale))
        coef, _ = fit_soft(x_full, target(grade), c)
        n_words = len(full)
        keep = sorted(np.argsort(-np.abs(coef[dense : dense + n_words]), kind="stable")[:VOCAB])
        keep_c = sorted(np.argsort(-np.abs(coef[dense + n_words :]), kind="stable")[:CHAR_VOCAB])
        words = [full[i] for i in keep]
        grams = [all_grams[i] for i in keep_c]
        x = design(
            f_tr,
            word_matrix(bags_tr, index(words), FLOOR),
            char_matrix(bags_tr, index(grams), scale),
        )
        coef, bias = fit_soft(x, target(grade), c)
        clip(coef, dense, words, cfg)
        return words, grams, coef, bias

    def dev_logit(
        words: list[str], grams: list[str], scale: float, coef: np.ndarray, bias: float
    ) -> np.ndarray:
        x = design(
            f_dev,
            word_matrix(bags_dev, index(words), FLOOR),
            char_matrix(bags_dev, index(grams), scale),
        )
        return np.asarray(x @ coef + bias + hand_dev)

    best: Fit | None = None
    for c, grade, scale in itertools.product(C_GRID, GRADE_GRID, CHAR_SCALE_GRID):
        words, grams, coef, bias = run(c, grade, scale)
        z = dev_logit(words, grams, scale, coef, bias)
        p = 1.0 / (1.0 + np.exp(-z))
        stats = {
            "auc_angry": float(roc_auc_score(y_dev, z)),
            "auc_anger_only": float(roc_auc_score(only_dev, z)),
            "mean_p_calm": float(p[y_dev == 0].mean()),
            "mean_p_angry": float(p[y_dev == 1].mean()),
        }
        crit = stats["auc_angry"] + stats["auc_anger_only"]
        print(
            f"C={c} grade={grade} char_scale={scale}: "
            + ", ".join(f"{k} {v:.4f}" for k, v in stats.items()),
            flush=True,
        )
        if best is None or crit > best.crit:
            best = Fit(c, grade, scale, crit, words, grams, coef, bias, stats)
    if best is None:
        raise RuntimeError("no model was fitted")
    c, grade, scale, words, grams, coef, bias, stats = (
        best.c,
        best.grade,
        best.scale,
        best.words,
        best.grams,
        best.coef,
        best.bias,
        best.stats,
    )
    vocab = index(words)
    z = dev_logit(words, grams, scale, coef, bias)
    gain, offset = calibration(z, y_dev == 0, only_dev == 1)
    prob = 1.0 / (1.0 + np.exp(-(gain * z + offset)))
    graded = np.where(only_dev == 1, 1.0, np.where(y_dev == 1, grade, 0.0))
    mix, best_r = 0.0, -1.0
    for m in MIX_GRID:
        value = (1.0 - m) * prob + m * int_dev
        r = float(np.corrcoef(value, graded)[0, 1])
        angry = y_dev == 1
        r_angry = float(np.corrcoef(value[angry], graded[angry])[0, 1])
        print(
            f"mix={m}: GoEmotions dev Pearson with graded target {r:.4f} (angry rows {r_angry:.4f})"
        )
        if r > best_r:
            mix, best_r = m, r
    out = {
        "bias": round(bias, 4),
        "features": {
            name: round(float(coef[i]) * FEATURE_SCALE, 4) for i, name in enumerate(fitted)
        },
        "embedding": [round(float(coef[len(fitted) + k]) * EMBEDDING_SCALE, 5) for k in range(dim)],
        "words": {
            w: round(float(coef[dense + vocab[w]]), 4)
            for w in words
            if abs(coef[dense + vocab[w]]) >= 1e-4
        },
        "word_norm_floor": FLOOR,
        "char_grams": {
            g: round(float(coef[dense + len(words) + j]) * scale, 4)
            for j, g in enumerate(grams)
            if abs(coef[dense + len(words) + j]) * scale >= 1e-4
        },
        "char_ns": list(CHAR_NS),
        "gain": round(gain, 4),
        "offset": round(offset, 4),
        "intensity_mix": mix,
        "meta": {
            "trained_on": "GoEmotions train (Apache-2.0), graded target anger 1 / annoyance "
            "grade / other 0; Stanford Politeness fit half minus least polite quartile "
            "(CC BY 4.0) as calm requests",
            "script": "scripts/train_anger.py",
            "C": c,
            "annoyance_grade": grade,
            "char_scale": scale,
            "seed": SEED,
            "rows": len(train) + len(calm),
            "goemotions_dev_auc": round(stats["auc_angry"], 4),
            "goemotions_dev_auc_anger_only": round(stats["auc_anger_only"], 4),
            "goemotions_dev_pearson_graded": round(best_r, 4),
        },
    }
    dest = args.config / "anger.weights.json"
    dest.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {dest} ({dest.stat().st_size} bytes), C={c}, grade={grade}, "
        f"gain={gain:.4f}, offset={offset:.4f}, intensity_mix={mix}"
    )
    print("features:", json.dumps(out["features"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
