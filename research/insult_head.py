"""A learned insult head: how it was measured before it shipped (docs/quality.md, stops 39, 40).

    .venv/bin/python research/insult_head.py [--c 3] [--convabuse] [--clean] [--cap 0.99]
                                             [--weight balanced|none] [--long-units N]
                                             --sets FILE [FILE ...]

The threat head's features (``scripts/train_threats.py``: units of the static embedding and
hashed word n-grams, multiple-instance rounds) fitted to tell an insult aimed at the reader
from everything else. Positives: the ``insult`` rows of the read written sets (the threat
head's ``WRITTEN`` and ``WRITTEN_THREAT_ONLY``) and the scenario corpus' escalations that are
neither threats nor repeat abuse; ``--convabuse`` adds the abusive rows of ConvAbuse's fit half
(crc32(id) even). Negatives: the same sets' rows that do not escalate and the threat head's
everyday texts (GoEmotions, Davidson); ``--clean`` adds, as everyday text, the non-abusive rows
of ConvAbuse's fit half (what people say to a chatbot that its annotators found no abuse in),
as the harassment head has them. ``--weight none`` fits without balancing the classes (the
default ``balanced`` gives the 163 insults about 30 times a negative's weight). The threshold
comes from 3-fold out-of-fold scores, as the threat head's does: at most 0.75% of the written
hard negatives, 3 scenario messages and 0.2% of the everyday texts above it, capped at
``--cap``. With ``--long-units N`` the messages of more than N units (sentences and adjacent
pairs) get a threshold of their own by the same rules (the 3 scenario messages shared by the
two groups' sizes).

``--clean --weight none --cap 1.0`` is the head that ships since stop 40
(``scripts/train_threats.py --target insult --folds 3`` fits the same rows the same way).

Then each ``--sets`` file (written blind; never fitted here) is scored by the shipped engine
(``config/``; since stop 40 it holds the shipped insult head) and by the engine or the head:
per file, the insults caught and the near misses (rows that must not escalate) escalated.
Prints numbers and file names only, never a text.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_threats as tt  # noqa: E402

from worker.core.threats import ThreatFrames  # noqa: E402
from worker.offline import OfflineScorer  # noqa: E402
from worker.rules import load_rules  # noqa: E402


def load(convabuse: bool, clean: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name in tt.WRITTEN + tt.WRITTEN_THREAT_ONLY:
        for line in (ROOT / "data/threats" / name).read_text("utf-8").splitlines():
            r = json.loads(line)
            if r["escalate"] and r["kind"] != "insult":
                continue
            rows.append({"id": r["id"], "text": r["text"], "y": r["escalate"], "kind": r["kind"]})
    for path in sorted((ROOT / "data/scenarios").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            r = json.loads(line)
            y = bool(r["escalate"]) and not r.get("threat") and not r.get("prior_abuse")
            if r["escalate"] and not y:
                continue
            kind = "scenario_abuse" if y else "scenario"
            rows.append({"id": r["id"], "text": r["text"], "y": y, "kind": kind})
    rows += [r for r in tt.load("threat") if r["kind"] == "extra"]
    if convabuse or clean:
        for line in (tt.DATA / "abuse_convabuse_dev.jsonl").read_text("utf-8").splitlines():
            r = json.loads(line)
            if zlib.crc32(r["id"].encode()) % 2 or r["abusive"] is None:
                continue
            y = bool(r["abusive"])
            if y and not convabuse:
                continue
            kind = "extra" if clean and not y else "conv"
            rows.append({"id": f"conv-{r['id']}", "text": r["text"], "y": y, "kind": kind})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=3.0, help="inverse L2 strength")
    parser.add_argument("--convabuse", action="store_true", help="ConvAbuse fit half too")
    parser.add_argument("--clean", action="store_true", help="annotated clean text as everyday")
    parser.add_argument("--weight", choices=("balanced", "none"), default="balanced")
    parser.add_argument("--cap", type=float, default=0.99, help="highest threshold allowed")
    parser.add_argument(
        "--long-units",
        type=int,
        default=0,
        help="messages of more units than this get their own threshold (0: one threshold)",
    )
    parser.add_argument("--sets", nargs="+", type=Path, required=True)
    args = parser.parse_args()

    rows = load(args.convabuse, args.clean)
    weight = None if args.weight == "none" else "balanced"
    config = load_rules(ROOT / "config").abuse.threat_frames
    if config is None:
        raise SystemExit("config/abuse.yaml has no threat_frames")
    frames = ThreatFrames(
        config.model_copy(update={"model": None, "harassment_model": None, "insult_model": None})
    )
    feat = tt.Featuriser(frames, [])
    rows, cache = tt.featurise(feat, rows)
    y = np.array([bool(r["y"]) for r in rows])
    kind = np.array([r["kind"] for r in rows])
    print(f"rows {len(rows)}, insults {int(y.sum())}", flush=True)

    oof = tt.oof_scores(feat, rows, cache, 3, 0, args.c, tt.ROUNDS, weight)
    scen = np.char.startswith(kind.astype(str), "scenario")
    extra, conv = kind == "extra", kind == "conv"
    written = ~scen & ~extra & ~conv
    n_units = np.array([len(cache["units"][r["id"]]) for r in rows])
    long_cut = args.long_units if args.long_units > 0 else int(n_units.max())

    def choose(group: np.ndarray) -> float:
        """The threshold rules of the threat head over the rows of ``group``; the scenario
        allowance is shared between the groups by their number of scenario messages."""
        n_scen = int((group & scen & ~y).sum())
        allowed = int(tt.FALSE_SCENARIO * n_scen / max(1, int((scen & ~y).sum())))
        t = tt.choose_threshold(
            oof,
            y,
            group & written,
            group & scen,
            group & extra,
            false_scenario=allowed,
            cap=args.cap,
        )
        print(
            f"threshold {t.value:.3f} (written {t.written:.3f}, scenarios {t.scenarios:.3f}, "
            f"everyday {t.everyday:.3f}) for {int(group.sum())} rows"
        )
        return t.value

    short = n_units <= long_cut
    t_short = choose(short)
    t_long = choose(~short) if (~short).any() else t_short
    thr = np.where(short, t_short, t_long)
    for mask, name in ((written, "written"), (scen, "scenarios"), (conv, "convabuse")):
        if mask.any():
            hit = oof >= thr
            print(
                f"3-fold {name}: recall {hit[mask & y].mean():.3f} "
                f"of {int((mask & y).sum())}, false {int(hit[mask & ~y].sum())} "
                f"of {int((mask & ~y).sum())}"
            )
    print(f"3-fold everyday: false {int((oof >= thr)[extra].sum())} of {int(extra.sum())}")

    model = tt.fit(feat, rows, cache, args.c, weight, tt.ROUNDS)
    engine = OfflineScorer.from_config_dir(ROOT / "config")
    total = np.zeros(6, dtype=int)
    print("set: insults caught engine -> engine or head / total; near misses escalated likewise")
    for path in args.sets:
        # insults: engine, engine or head, total; near misses: the same three
        counts = np.zeros(6, dtype=int)
        for line in path.read_text("utf-8").splitlines():
            r = json.loads(line)
            engine.history.clear()
            out = engine.score_event(
                {
                    "event_id": r["id"],
                    "event_type": "ticket.created",
                    "ticket_id": "t",
                    "customer_id": "c",
                    "occurred_at": "2026-12-01T12:00:00Z",
                    "message": {"body": r["text"], "author_role": "customer"},
                }
            )
            escalated = bool(out["escalation"]["required"])
            units = feat.message_units(r["text"])
            p = tt.message_p(model, feat.matrix(units)) if units else 0.0
            either = escalated or p >= (t_short if len(units) <= long_cut else t_long)
            if r["kind"] == "insult":
                counts[:3] += (escalated, either, 1)
            elif not r["escalate"]:
                counts[3:] += (escalated, either, 1)
        total += counts
        c = counts
        print(f"{path.name}: insults {c[0]} -> {c[1]} / {c[2]}; false {c[3]} -> {c[4]} / {c[5]}")
    t = total
    print(f"TOTAL: insults {t[0]} -> {t[1]} / {t[2]}; false {t[3]} -> {t[4]} / {t[5]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
