"""Fit the abuse scorer's linear layer and write ``config/abuse.weights.json``.

Only data sets whose licence allows shipped artifacts are used (see shared/data/README.md):

- ConvAbuse (CC BY 4.0): the *fit half* of ``abuse_convabuse_dev.jsonl``
  (``zlib.crc32(id) % 2 == 0``); the other half is held out for evaluation;
- Davidson et al. 2017 (MIT), optional (``--davidson-weight``): ``offensive`` as a weak,
  down-weighted label (it marks profanity not aimed at the reader as well);
- GoEmotions (Apache-2.0), optional (``--goemotions``): comments not labelled angry, as
  extra negatives (everyday profanity about things).

OLID and Kaggle insults are evaluation-only and never read here.

Features are those of :class:`worker.core.abuse.AbuseScorer` (the same code that runs in
production), plus optionally the most frequent word unigrams (``--words``). The decision
threshold is the F1-optimal one for the shipped decision (value >= t and a person-aimed kind,
or a hard kind) over 5-fold out-of-fold predictions.

- Stanford Politeness (CC BY 4.0), optional (``--politeness``): every request as a negative.

``--drop short,vader_neg`` leaves out the two features that fall with length alone (a bonus
for three tokens or fewer, VADER's negative *share*): ConvAbuse turns are two words long
(median), so the layer otherwise learns that short means abusive and the threshold does not
carry over to help-desk messages. Measured on ConvAbuse held-out rows set inside one or two
calm GoEmotions dev comments (median 148 characters): F1 0.770 -> 0.781, unpadded 0.812 both.

``--ngram-head`` also fits the n-gram rescue layer (hashed word unigrams + bigrams, binary,
L2-normalised; see :class:`worker.core.abuse.NgramHead`) on the same rows; its threshold is
F1-optimal for the whole decision over out-of-fold predictions, and only the
``--ngram-keep`` largest weights are written.

The word layer (``--words``, ``--vocab lexicon``) learns a weight for each lexicon word form
seen in the offensive rows ("bitch" strong, "crazy" weak), never corpus-style words.

Usage (the shipped weights; then copy ``fitted_threshold`` to ``threshold`` in
``config/abuse.yaml`` and check with ``scripts/dev_abuse_eval.py``)::

    .venv/bin/python scripts/train_abuse.py --goemotions 8000 --angry-weight 0.3 \
        --politeness --davidson-weight 0.25 --words 1500 --vocab lexicon --min-df 3 \
        --ngram-head --drop short,vader_neg
    .venv/bin/python scripts/train_abuse.py --out /tmp/w.json ...   # a candidate
    .venv/bin/python scripts/dev_abuse_eval.py --weights /tmp/w.json --sets convabuse,goemotions
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.training import FIT, half, load_jsonl  # noqa: E402
from worker.core.abuse import FEATURES, AbuseConfig, AbuseScorer, kinds, ngram_keys  # noqa: E402
from worker.core.text import analyse  # noqa: E402
from worker.core.types import Sentiment  # noqa: E402

#: Features that make a GoEmotions/Politeness row an unlabelled insult, not a clean negative.
UNLABELLED_IF = (
    "insult_noun@person",
    "insult_adj@person",
    "insult_noun@none",
    "slur",
)
SEED = 20240601


def base_config(weights: dict[str, Any] | None = None) -> AbuseConfig:
    raw = yaml.safe_load((ROOT / "config" / "abuse.yaml").read_text(encoding="utf-8"))
    raw["weights"] = weights or {"bias": 0.0, "features": {}}
    return AbuseConfig.model_validate(raw)


def training_rows(
    data: Path,
    davidson_weight: float,
    goemotions: int,
    angry_weight: float,
    politeness: bool,
    pad: int = 0,
) -> list[tuple[str, int, float, str]]:
    """(text, label, sample weight, source) rows from the licence-cleared sets only.

    ``pad`` > 0 adds, for each ConvAbuse fit row, that many copies set inside one to three
    calm GoEmotions comments (same label): ConvAbuse turns are two words long (median), help
    desk messages and tweets twenty or more, and without longer examples the fitted value
    leans on length-bound features ("short", VADER's negative share) so that the threshold
    does not transfer to longer text.
    """
    rows: list[tuple[str, int, float, str]] = []
    for r in load_jsonl(data / "abuse_convabuse_dev.jsonl"):
        if half(r["id"]) == FIT and r.get("abusive") is not None:
            rows.append((r["text"], int(r["abusive"]), 1.0, "conv"))
    n_conv = len(rows)
    if pad > 0:
        rows += padded(rows, load_jsonl(data / "anger_goemotions_train.jsonl"), pad)
    if davidson_weight > 0:
        dav = load_jsonl(data / "offense_davidson.jsonl")
        # Spread a total weight of davidson_weight * n_conv over the Davidson rows.
        w = davidson_weight * n_conv / len(dav)
        rows += [(r["text"], int(r["offensive"]), w, "davidson") for r in dav]
    rng = np.random.default_rng(SEED)
    if goemotions > 0:
        goe = load_jsonl(data / "anger_goemotions_train.jsonl")
        calm = [r for r in goe if r["angry"] == 0]
        pick = rng.choice(len(calm), size=min(goemotions, len(calm)), replace=False)
        rows += [(calm[i]["text"], 0, 1.0, "goe") for i in sorted(pick)]
        if angry_weight > 0:
            # Angry but (mostly) not abusive: hard negatives, down-weighted because a few
            # Reddit comments do insult someone and GoEmotions does not label that.
            rows += [(r["text"], 0, angry_weight, "goe_angry") for r in goe if r["angry"] == 1]
    if politeness:
        rows += [
            (r["text"], 0, 1.0, "polite") for r in load_jsonl(data / "politeness_wikipedia.jsonl")
        ]
    return rows


def padded(
    conv: list[tuple[str, int, float, str]], goe: list[dict[str, Any]], copies: int
) -> list[tuple[str, int, float, str]]:
    """ConvAbuse rows set inside calm GoEmotions comments that show no abuse kind."""
    scorer = AbuseScorer(base_config())
    vader = SentimentIntensityAnalyzer()
    rng = np.random.default_rng(SEED + 1)
    calm = [r["text"] for r in goe if r["angry"] == 0 and "[NAME]" not in r["text"]]
    pool: list[str] = []
    for i in rng.choice(len(calm), size=min(6000, len(calm)), replace=False):
        doc = analyse(calm[i])
        pol = vader.polarity_scores(doc.text)
        sent = Sentiment(compound=pol["compound"], neg=pol["neg"], neu=pol["neu"], pos=pol["pos"])
        if not kinds(scorer.features(doc, sent)[0]):
            pool.append(calm[i])
    out: list[tuple[str, int, float, str]] = []
    for text, label, _, _ in conv:
        for _ in range(copies):
            before = [pool[j] for j in rng.choice(len(pool), size=int(rng.integers(0, 3)))]
            after = [pool[j] for j in rng.choice(len(pool), size=int(rng.integers(0, 2)))]
            if not before and not after:
                after = [pool[int(rng.integers(len(pool)))]]
            out.append((" ".join([*before, text, *after]), label, 1.0, "conv_pad"))
    return out


def featurise(
    rows: list[tuple[str, int, float, str]], n_words: int, min_df: int, vocab_from: str
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Feature matrix, names, whether a person-aimed kind was found, whether a hard kind."""
    scorer = AbuseScorer(base_config())
    vader = SentimentIntensityAnalyzer()
    dicts: list[dict[str, float]] = []
    token_sets: list[set[str]] = []
    gate = np.zeros(len(rows), dtype=bool)
    hard = np.zeros(len(rows), dtype=bool)
    for r, (text, _, _, _) in enumerate(rows):
        doc = analyse(text)
        pol = vader.polarity_scores(doc.text)
        sent = Sentiment(compound=pol["compound"], neg=pol["neg"], neu=pol["neu"], pos=pol["pos"])
        feats, _ = scorer.features(doc, sent)
        found = kinds(feats)
        gate[r] = bool(found)
        hard[r] = "threat" in found
        dicts.append(feats)
        token_sets.append(set(doc.plain))
    vocab: list[str] = []
    if n_words > 0:
        # Words that occur in the offensive rows (label 1) of at least min_df messages: the
        # layer learns which of them are abusive, the clean sets teach which are harmless.
        # With vocab_from == "lexicon", only the lexicon's own words (their per-word strength
        # is learned: "bitch" vs "crazy"), never corpus-style words ("rt", "amp").
        allowed = scorer.lexicon_forms() if vocab_from == "lexicon" else None
        df = Counter(
            t
            for s, row in zip(token_sets, rows, strict=True)
            if row[1] == 1
            for t in s
            if t.isalpha() and len(t) > 1 and (allowed is None or t in allowed)
        )
        vocab = [t for t, c in df.most_common(n_words) if c >= min_df]
    names = list(FEATURES) + [f"w:{t}" for t in vocab]
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for r, (feats, toks) in enumerate(zip(dicts, token_sets, strict=True)):
        for name, value in feats.items():
            x[r, index[name]] = value
        for t in toks:
            j = index.get(f"w:{t}")
            if j is not None:
                x[r, j] = 1.0
    return x, names, gate, hard


def ngram_matrix(texts: list[str], buckets: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """Binary L2-normalised hashed n-grams (as the scorer computes them), and whether each
    message is addressed to the reader (the rescue's precondition)."""
    scorer = AbuseScorer(base_config())
    r: list[int] = []
    c: list[int] = []
    v: list[float] = []
    addressed = np.zeros(len(texts), dtype=bool)
    for n, text in enumerate(texts):
        doc = analyse(text)
        keys = ngram_keys(doc.plain, buckets)
        feats, _ = scorer.features(doc, Sentiment(compound=0.0, neg=0.0, neu=1.0, pos=0.0))
        addressed[n] = scorer.addressed(feats, set(doc.plain))
        norm = 1.0 / np.sqrt(max(1, len(keys)))
        for k in keys:
            r.append(n)
            c.append(k)
            v.append(norm)
    return sp.csr_matrix((v, (r, c)), shape=(len(texts), buckets)), addressed


def fit_ngram_head(
    texts: list[str],
    y: np.ndarray,
    w: np.ndarray,
    rule_pred: np.ndarray,
    tw: np.ndarray,
    sel: np.ndarray,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """The n-gram rescue layer; its threshold is F1-optimal for the whole decision (rules OR
    rescue of an addressed message) over out-of-fold predictions."""
    x, addressed = ngram_matrix(texts, args.buckets)
    oof = np.zeros(len(texts))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for tr, te in folds.split(np.zeros(len(y)), y):
        model = LogisticRegression(C=args.ngram_c, max_iter=3000, random_state=SEED)
        oof[te] = model.fit(x[tr], y[tr], sample_weight=w[tr]).predict_proba(x[te])[:, 1]
    best, best_t = -1.0, 0.5
    ys, ts = y[sel], tw[sel]
    for t in np.arange(0.30, 0.951, 0.01):
        pred = rule_pred[sel] | ((oof[sel] >= t) & addressed[sel])
        tp = float(ts[pred & (ys == 1)].sum())
        fp = float(ts[pred & (ys == 0)].sum())
        fn = float(ts[~pred & (ys == 1)].sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if args.verbose:
            print(f"  rescue t={t:.2f} oof F1={f1:.4f}")
        if f1 > best + 1e-9:
            best, best_t = f1, float(t)
    model = LogisticRegression(C=args.ngram_c, max_iter=3000, random_state=SEED)
    model.fit(x, y, sample_weight=w)
    coef = model.coef_[0]
    keep = np.argsort(-np.abs(coef))[: args.ngram_keep]
    weights = {str(int(k)): round(float(coef[k]), 4) for k in sorted(keep) if coef[k] != 0.0}
    print(f"ngram head: oof F1 (rules or rescue) {best:.3f} threshold {best_t:.2f}")
    return {
        "buckets": args.buckets,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": weights,
        "threshold": round(best_t, 2),
        "kind": "insult",
        "meta": {
            "ngrams": "word unigrams + bigrams, binary, L2-normalised",
            "c": args.ngram_c,
            "kept": len(weights),
        },
    }


def best_threshold(
    y: np.ndarray, p: np.ndarray, w: np.ndarray, gate: np.ndarray, hard: np.ndarray
) -> float:
    """F1-optimal threshold for the shipped decision: value >= t with a kind, or a hard kind."""
    best, best_t = -1.0, 0.5
    for t in np.arange(0.01, 0.951, 0.01):
        pred = ((p >= t) & gate) | hard
        tp = float(w[(pred == 1) & (y == 1)].sum())
        fp = float(w[(pred == 1) & (y == 0)].sum())
        fn = float(w[(pred == 0) & (y == 1)].sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best:
            best, best_t = f1, float(t)
    return round(best_t, 2)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs", random_state=SEED)
    model.fit(x, y, sample_weight=w)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("--out", type=Path, default=ROOT / "config" / "abuse.weights.json")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--davidson-weight", type=float, default=0.0)
    parser.add_argument("--goemotions", type=int, default=0, help="non-angry negatives")
    parser.add_argument(
        "--angry-weight",
        type=float,
        default=0.0,
        help="weight of GoEmotions angry comments as hard negatives",
    )
    parser.add_argument("--politeness", action="store_true", help="Politeness as negatives")
    parser.add_argument("--words", type=int, default=0, help="unigram features (0 = none)")
    parser.add_argument("--min-df", type=int, default=5)
    parser.add_argument("--ngram-head", action="store_true", help="fit the n-gram rescue layer")
    parser.add_argument(
        "--drop",
        default="",
        help="comma-separated features left out (e.g. the length-bound ones: "
        "short,vader_neg,vader_negative,vader_positive,caps_ratio,exclaim)",
    )
    parser.add_argument("--verbose", action="store_true", help="print the threshold curves")
    parser.add_argument("--buckets", type=int, default=1 << 18)
    parser.add_argument("--ngram-c", type=float, default=4.0)
    parser.add_argument("--ngram-keep", type=int, default=6000, help="largest weights kept")
    parser.add_argument(
        "--pad", type=int, default=0, help="padded copies of each ConvAbuse fit row"
    )
    parser.add_argument(
        "--vocab",
        choices=("lexicon", "all"),
        default="lexicon",
        help="word features: lexicon words only, or any frequent word",
    )
    parser.add_argument(
        "--neg-share",
        type=float,
        default=0.5,
        help="weight of the clean negatives in the threshold choice, "
        "relative to the ConvAbuse rows",
    )
    args = parser.parse_args()

    rows = training_rows(
        args.data,
        args.davidson_weight,
        args.goemotions,
        args.angry_weight,
        args.politeness,
        args.pad,
    )
    x, names, gate, hard = featurise(rows, args.words, args.min_df, args.vocab)
    for name in args.drop.split(",") if args.drop else ():
        x[:, names.index(name)] = 0.0  # the feature gets no weight
    y = np.array([r[1] for r in rows])
    w = np.array([r[2] for r in rows])
    src = np.array([r[3] for r in rows])
    # GoEmotions and Politeness are not labelled for abuse: a comment there that insults a
    # person outright ("you're an idiot", "she's a moron") or uses a slur has an unknown
    # label, not a negative one, so it is left out rather than taught as clean.
    strong = [names.index(f) for f in UNLABELLED_IF]
    unknown = np.isin(src, ["goe", "goe_angry", "polite"]) & (x[:, strong] > 0).any(axis=1)
    keep = ~unknown
    print(f"negatives left out as unlabelled insults: {int(unknown.sum())}")
    x, y, w, src, gate, hard = x[keep], y[keep], w[keep], src[keep], gate[keep], hard[keep]
    rows = [r for r, k in zip(rows, keep, strict=True) if k]
    # Threshold: F1-optimal over out-of-fold predictions of the shipped decision, on the
    # ConvAbuse rows (the label that matches the product's definition) plus the clean
    # negatives (GoEmotions, Politeness) at a total weight of neg_share x the ConvAbuse rows,
    # so that the threshold also pays for false alarms on everyday text.
    oof = np.zeros(len(rows))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for tr, te in folds.split(x, y):
        oof[te] = fit(x[tr], y[tr], w[tr], args.c).predict_proba(x[te])[:, 1]
    conv = np.isin(src, ["conv", "conv_pad"])
    neg = np.isin(src, ["goe", "polite", "goe_angry"])
    sel = conv | neg
    tw = np.where(conv, 1.0, 0.0)
    if neg.any():
        tw[neg] = args.neg_share * conv.sum() / neg.sum()
    threshold = best_threshold(y[sel], oof[sel], tw[sel], gate[sel], hard[sel])
    for name in ("conv", "conv_pad", "davidson", "goe", "goe_angry", "polite"):
        m = src == name
        if m.any():
            pred = ((oof[m] >= threshold) & gate[m]) | hard[m]
            yy = y[m]
            tp = int((pred & (yy == 1)).sum())
            p = tp / max(1, int(pred.sum()))
            r = tp / max(1, int((yy == 1).sum()))
            print(
                f"oof {name:9s} n={int(m.sum()):6d} flagged={pred.mean():.3f} P={p:.3f} "
                f"R={r:.3f} F1={2 * p * r / (p + r) if p + r else 0:.3f}"
            )
    model = fit(x, y, w, args.c)
    coef = model.coef_[0]
    features = {
        n: round(float(v), 4)
        for n, v in zip(names, coef, strict=True)
        if not n.startswith("w:") and abs(v) >= 1e-4
    }
    words = {
        n[2:]: round(float(v), 4)
        for n, v in zip(names, coef, strict=True)
        if n.startswith("w:") and abs(v) >= 1e-3
    }
    ngrams = None
    if args.ngram_head:
        rule_pred = ((oof >= threshold) & gate) | hard
        ngrams = fit_ngram_head([r[0] for r in rows], y, w, rule_pred, tw, sel, args)
    out = {
        "bias": round(float(model.intercept_[0]), 4),
        "features": features,
        "words": dict(sorted(words.items())),
        "fitted_threshold": threshold,
        **({"ngrams": ngrams} if ngrams else {}),
        "meta": {
            "script": "scripts/train_abuse.py",
            "data": "ConvAbuse fit half (crc32(id)%2==0)"
            + (f" + Davidson (weight {args.davidson_weight})" if args.davidson_weight else "")
            + (f" + GoEmotions non-angry x{args.goemotions}" if args.goemotions else "")
            + (f" + GoEmotions angry (weight {args.angry_weight})" if args.angry_weight else "")
            + (" + Stanford Politeness (negatives)" if args.politeness else "")
            + (
                f" + ConvAbuse fit rows padded with calm GoEmotions x{args.pad}" if args.pad else ""
            ),
            "rows": len(rows),
            "c": args.c,
            "words": f"{args.words} ({args.vocab}, min_df {args.min_df})",
            "seed": SEED,
            **({"dropped": args.drop} if args.drop else {}),
        },
    }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"rows={len(rows)} features={len(features)} words={len(words)} threshold={threshold}")


if __name__ == "__main__":
    main()
