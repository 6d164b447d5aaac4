"""5-fold CV of politeness-layer variants on the FIT half only, scored as the engine scores.

Usage: PYTHONPATH=. .venv/bin/python research/politeness_cv.py [--data-dir DIR]

Reads only rows with ``crc32(id) % 2 == 0`` (scripts/training.fit_half). Each row is prepared
and analysed as the engine does (worker/core/prepare.py, then text.analyse), the hand-set
weights (direct_command, you_demand, caps_words) and the sarcasm logit are added to the fitted
logit, and a row whose language is not covered counts as "not polite" (eval.py's level "none").
Out-of-fold scores give the CV AUC and the CV accuracy at candidate polite thresholds.
The defaults of ``run`` are the layer before word pairs (C 3, FEATURE_SCALE 3.0,
EMBEDDING_SCALE 1.0, MIN_DF 5, single words): CV AUC 0.895, accuracy 0.807 at 0.51. The
layer of stop 18 (C 5, 0.5, 0.35, MIN_DF 3, word pairs): CV AUC 0.902, accuracy 0.829 at 0.51.
``char_scale`` adds the character n-grams of the distinct words (scripts/train_politeness.py).
--grid base | sweep | scale | emb | fine | chars: the grids that were run.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import train_politeness as tp  # noqa: E402
from scripts.training import fit_half, fold, load_jsonl  # noqa: E402
from worker.core.politeness import features  # noqa: E402
from worker.core.prepare import prepare  # noqa: E402
from worker.core.text import analyse  # noqa: E402
from worker.core.triage import Engine  # noqa: E402
from worker.rules import load_rules  # noqa: E402

THRESHOLDS = (0.5, 0.505, 0.51, 0.52, 0.53, 0.55, 0.575, 0.6, 0.65)


def bigrams(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))


def load(data_dir: Path) -> dict[str, object]:
    engine = Engine(load_rules(ROOT / "config"))
    cfg = engine.config.politeness
    fitted = [f for f in cfg.feature_names() if f not in cfg.hand_weights]
    rows = [
        r
        for r in fit_half(load_jsonl(data_dir / "politeness_wikipedia.jsonl"))
        if r["polite"] is not None
    ]
    rows.sort(key=lambda r: r["id"])
    emb = engine._politeness._word_logit._meaning._projections.embedder  # noqa: SLF001
    feats, meaning, offset, covered, bags, bis, words = [], [], [], [], [], [], []
    sarcasm_logit = cfg.sarcasm.logit if cfg.sarcasm else 0.0
    for r in rows:
        prepared = prepare(r["text"])
        doc = analyse(prepared.text)
        sent = engine._vader.sentiment(doc.text)  # noqa: SLF001
        values, bag = features(doc, sent, cfg)
        feats.append([values[f] for f in fitted])
        meaning.append(emb.mean(doc.words))
        off = sum(w * values[f] for f, w in cfg.hand_weights.items())
        if engine._sarcasm.find(doc):  # noqa: SLF001
            off += sarcasm_logit
        offset.append(off)
        covered.append(engine._language.detect(prepared.text).covered)  # noqa: SLF001
        bags.append(bag)
        bis.append(bigrams(doc.words))
        words.append(frozenset(doc.words))
    return {
        "rows": rows,
        "fitted": fitted,
        "feats": np.array(feats),
        "meaning": np.array(meaning),
        "offset": np.array(offset),
        "covered": np.array(covered),
        "bags": bags,
        "bis": bis,
        "words": words,
        "y": np.array([int(r["polite"]) for r in rows]),
        "folds": np.array([fold(r["id"], tp.FOLDS) for r in rows]),
        "engine": engine,
    }


def run(
    d: dict[str, object],
    *,
    c: float,
    vocab_n: int = 400,
    min_df: int = 5,
    fscale: float = 3.0,
    escale: float = 1.0,
    use_bigrams: bool = False,
    char_scale: float = 0.0,
) -> tuple[float, dict[float, float], np.ndarray]:
    """Out-of-fold runtime logits; returns CV AUC, accuracy by threshold, the logits."""
    feats = np.hstack([d["feats"], d["meaning"] * escale / fscale])  # type: ignore[list-item]
    bags: list[frozenset[str]] = d["bags"]  # type: ignore[assignment]
    if use_bigrams:
        bags = [b | bb for b, bb in zip(bags, d["bis"], strict=True)]  # type: ignore[call-overload]
    words: list[frozenset[str]] = d["words"]  # type: ignore[assignment]
    y: np.ndarray = d["y"]  # type: ignore[assignment]
    folds: np.ndarray = d["folds"]  # type: ignore[assignment]
    old = (tp.VOCAB, tp.MIN_DF, tp.FEATURE_SCALE)
    tp.VOCAB, tp.MIN_DF, tp.FEATURE_SCALE = vocab_n, min_df, fscale
    try:
        z = np.zeros(len(y))
        for k in range(tp.FOLDS):
            tr, te = folds != k, folds == k
            trb = [b for b, t in zip(bags, tr, strict=True) if t]
            teb = [b for b, t in zip(bags, te, strict=True) if t]
            trw = [b for b, t in zip(words, tr, strict=True) if t]
            tew = [b for b, t in zip(words, te, strict=True) if t]
            layer = tp.Layer(feats[tr], trb, trw, y[tr], c, char_scale)
            z[te] = layer.logit(feats[te], teb, tew)
    finally:
        tp.VOCAB, tp.MIN_DF, tp.FEATURE_SCALE = old
    z = z + d["offset"]  # type: ignore[operator]
    p = 1 / (1 + np.exp(-z))
    p = np.round(p, 4)
    covered: np.ndarray = d["covered"]  # type: ignore[assignment]
    auc = float(roc_auc_score(y, p))
    accs = {t: float(np.mean(((p >= t) & covered) == (y == 1))) for t in THRESHOLDS}
    return auc, accs, z


def show(label: str, auc: float, accs: dict[float, float]) -> None:
    best = max(accs, key=accs.__getitem__)
    acc = " ".join(f"{t}:{a:.3f}" for t, a in accs.items())
    print(f"{label:45s} AUC {auc:.4f} best@{best} {accs[best]:.3f} | {acc}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--grid", default="base")
    args = ap.parse_args()
    d = load(args.data_dir)
    print(f"{len(d['y'])} fit-half quartile rows, {int(np.sum(~d['covered']))} not covered")
    if args.grid == "base":
        for c in (0.3, 1.0, 3.0, 10.0, 30.0):
            show(f"C={c}", *run(d, c=c)[:2])
    elif args.grid == "sweep":
        for c in (1.0, 3.0, 10.0):
            for bi in (False, True):
                for v in (200, 400, 800, 1600):
                    for md in (3, 5):
                        show(f"C={c} bi={bi} V={v} mindf={md}",
                             *run(d, c=c, vocab_n=v, min_df=md, use_bigrams=bi)[:2])
    elif args.grid == "emb":
        for c in (2.0, 3.0, 5.0):
            for fs in (0.5, 1.0, 2.0):
                for es in (0.0, 0.25, 0.5, 0.75):
                    for bi in (False, True):
                        show(f"C={c} fs={fs} es={es} bi={bi}",
                             *run(d, c=c, fscale=fs, escale=es, use_bigrams=bi, min_df=5)[:2])
    elif args.grid == "fine":
        for c in (5.0, 7.0, 10.0, 15.0):
            for fs in (0.5, 1.0):
                for es in (0.25, 0.35, 0.5):
                    for bi in (False, True):
                        for v, md in ((400, 5), (400, 3), (800, 3)):
                            show(f"C={c} fs={fs} es={es} bi={bi} V={v} md={md}",
                                 *run(d, c=c, fscale=fs, escale=es, use_bigrams=bi,
                                      vocab_n=v, min_df=md)[:2])
    elif args.grid == "scale":
        for c in (1.0, 3.0, 10.0):
            for fs in (1.0, 2.0, 3.0, 5.0):
                for es in (0.5, 1.0, 2.0, 4.0):
                    show(f"C={c} fs={fs} es={es}", *run(d, c=c, fscale=fs, escale=es)[:2])
    elif args.grid == "chars":
        for c in (5.0, 7.0, 10.0, 15.0):
            for cs in (0.0, 0.25, 0.35, 0.5, 0.7):
                show(f"C={c} char_scale={cs}",
                     *run(d, c=c, fscale=0.5, escale=0.35, use_bigrams=True, vocab_n=400,
                          min_df=3, char_scale=cs)[:2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
