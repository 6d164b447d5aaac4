"""Fit the learned threat head (``worker/data/threats.json``) and measure it by cross-validation.

    .venv/bin/python scripts/train_threats.py [--target threat|harassment|insult] [--cv-only]
                                              [--folds 5] [--seed 0] [--c C]
                                              [--grid [--grid-c 0.3,1,3] [--grid-rounds 1,2]]

``--target harassment`` fits the harassment head (``worker/data/harassment.json``) the same
way: the ``harassment`` rows of the written corpora are its positives, the same hard
negatives, scenario messages and everyday text its negatives; threats and insults, which
escalate anyway, are left out of it. ``--target insult`` fits the insult head
(``worker/data/insult.json``, stop 40): the ``insult`` rows of the written corpora and of the
threat head's read sets and the scenario corpus' escalations that are neither threats nor
repeat abuse are its positives; threats and harassment are left out; the everyday negatives
gain ConvAbuse's rows without abuse, as the harassment head's do; the classes are not
balanced (balanced, the head's probabilities on ordinary help-desk text were too high for any
threshold: docs/quality.md, stops 39 and 40). It is fitted with ``--folds 3``, the folds it was
measured with (``research/insult_head.py --clean --weight none``).

Data (both written for this project, so both may train what ships):

* ``data/threats/written.jsonl``, ``fresh.jsonl``, ``fresh3a/b.jsonl``, ``fresh4a/b/c.jsonl``,
  ``fresh5a/b/c.jsonl``, ``fresh6a/b.jsonl``, ``fresh7.jsonl``, ``fresh8.jsonl``,
  ``fresh9.jsonl`` and ``harassment_negatives.jsonl``, and for the threat head only
  ``fresh10a.jsonl``, ``fresh12a/c.jsonl``, ``fresh13a/b.jsonl`` and ``fresh15.jsonl``, and
  for the harassment and insult heads only ``fresh21p.jsonl``:
  threats (``threat`` true, or in the fresh files the kinds harm, stalking, premises, or
  threat_harm, stalking_doxxing, threat_premises in the later ones) and
  hard negatives (``escalate`` false: legal, churn, chargeback, review, regulator threats,
  idioms, product profanity, self-directed and quoted abuse, harmless presence and
  knowledge); harassment rows (escalate, no threat) are left out of this head;
* ``data/scenarios/*.jsonl``: ``threat`` rows are positives, ``escalate`` false rows negatives.

A message is a bag of units (each sentence, each pair of adjacent sentences; see
``worker/core/threat_model.py``); a negative message's every unit is a negative, a threat's
positive is the unit the head ranks highest (multiple-instance training: the first round
takes the whole message, later rounds its best unit). The threshold is the lowest one that
gives no false escalation on the out-of-fold negatives of every fold, plus a margin; CV
prints recall and false positives per kind at it. Never reads ``tests/heldout``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from worker.core.embed import Embedder  # noqa: E402
from worker.core.threat_model import Unit, sentence_unit, units, unquote  # noqa: E402
from worker.core.threats import ThreatFrames  # noqa: E402
from worker.rules import load_rules  # noqa: E402

DATA = ROOT.parent / "shared/data/dev"
EXTRA_GOEMOTIONS = 2000
EXTRA_DAVIDSON = 2000
#: Of those everyday texts, out of fold.
FALSE_EXTRA = 0.002
BUCKETS = 1 << 18
#: The fit's inverse L2 strength per target: the threat head at 10 since stop 36 (chosen by
#: the in-sample grid and CV at stop 35, docs/quality.md; 3 before), the harassment head at 3.
C = {"threat": 10.0, "harassment": 3.0, "insult": 3.0}
ROUNDS = 2
MARGIN = 0.01  # added to the highest out-of-fold negative probability
FALSE_SCENARIO = 3  # of the ~600 ordinary scenario messages (0.5%)
#: Of the written hard negatives (minimal pairs of the threats), out of fold: a share, so
#: that more written data does not raise the bar by itself. 3 of the first ~380 (0.8%) was
#: the most the unit tests' support-desk near misses allowed (7 let some escalate).
FALSE_WRITTEN_SHARE = 0.0075


#: The written corpora (data/threats/README.md). The sets written blind are kept for measuring only:
#: fresh2, fresh10b, fresh11, fresh12b, fresh13c, fresh14, fresh16a/b, fresh17a-d, fresh18a/b,
#: fresh19a/c/d, fresh20a/b, fresh21a, fresh22a/b/c, fresh23a/b, fresh45b, fresh50b, quoted50
#: and tests/heldout. fresh10a
#: alone (stop 25) and fresh12a alone (stop 30) did not help when added; every set read since
#: (fresh10a, 12a, 12c, 13a, 13b, 15) added at once at stop 34 caught more on the blind sets (see
#: docs/quality.md, stop 34),
#: so the threat head is refitted with them. fresh17a/b/c added at stop 35 raised the fitted
#: threshold (0.864 -> 0.883) and caught fewer blind threats (367 -> 355 of 676), so they stayed
#: blind. At stop 39 the six oldest blind sets (fresh2, 10b, 11, 12b, 13c, 14) added here raised it
#: 0.925 -> 0.938 and caught the same on the sets still blind (367 of 596, false 16 -> 15 of 630):
#: not kept. The fresh files have no ``threat`` key: their threats are the rows of these kinds
#: (their insults and harassment are left out, as above).
WRITTEN = (
    "written.jsonl",
    "fresh.jsonl",
    "fresh3a.jsonl",
    "fresh3b.jsonl",
    "fresh4a.jsonl",
    "fresh4b.jsonl",
    "fresh4c.jsonl",
    "fresh5a.jsonl",
    "fresh5b.jsonl",
    "fresh5c.jsonl",
    "fresh6a.jsonl",
    "fresh6b.jsonl",
    "fresh7.jsonl",
    "fresh8.jsonl",
    "fresh9.jsonl",
    "harassment_negatives.jsonl",
)
#: Read sets that train the threat head only (stop 34); the harassment head keeps the data
#: it was fitted on (a refit of it with them was not measured).
WRITTEN_THREAT_ONLY = (
    "fresh10a.jsonl",
    "fresh12a.jsonl",
    "fresh12c.jsonl",
    "fresh13a.jsonl",
    "fresh13b.jsonl",
    "fresh15.jsonl",
    # Stop 63: every threat set read since stop 36 (each file's own threat kinds below).
    "harass54a.jsonl",
    "veiled55a.jsonl",
    "selfharm58a.jsonl",
    "selfharm58b.jsonl",
    "premises59a.jsonl",
    "premises59b.jsonl",
    "premises59c.jsonl",
    "reports60a.jsonl",
    "reports60b.jsonl",
    "reports60c.jsonl",
    "reports60f.jsonl",
    "reports60h.jsonl",
    "watched61a.jsonl",
    "watched61b.jsonl",
    "watched61c.jsonl",
    "train49t.jsonl",
    "veil62a.jsonl",
    "veil62b.jsonl",
    "veil62c.jsonl",
    "presence63.jsonl",
    "warm63.jsonl",
)
#: The kinds, besides THREAT_KINDS, that are threats in the later sets (their other rows that
#: escalate, insults and harassment, are left out of the threat head as always). Stop 63:
#: ``selfharm58a/b``'s harm wished and self-harm urged (``suffer``, ``incite``) are left out
#: too (their look-alikes stay as negatives): taken as threats, the head scored good wishes
#: ("Hope you and your family have a lovely Christmas") 0.61 against 0.20 without them, and
#: caught 10 fewer never-read threats at 0.85 (docs/quality.md, stop 63). ``presence63`` and
#: ``warm63`` are look-alikes written for this head, each with threats in the same words.
FILE_THREAT_KINDS: dict[str, frozenset[str]] = {
    "veiled55a.jsonl": frozenset({"waiting", "family_doxx", "accident"}),
    **dict.fromkeys(
        ("premises59a.jsonl", "premises59b.jsonl", "premises59c.jsonl"),
        frozenset({"turn_up", "damage", "veiled"}),
    ),
    **dict.fromkeys(
        ("watched61a.jsonl", "watched61b.jsonl", "watched61c.jsonl"),
        frozenset({"sighting", "home", "online"}),
    ),
    **dict.fromkeys(
        ("veil62a.jsonl", "veil62b.jsonl", "veil62c.jsonl"),
        frozenset({"shame", "conditional", "people", "foreshadow"}),
    ),
    "presence63.jsonl": frozenset({"waiting_threat", "routine_threat"}),
    "warm63.jsonl": frozenset({"warm_threat"}),
}
#: Read sets that train the harassment and insult heads only (stop 41): ``fresh21p``, 160
#: messages a helper wrote as probes from the playbook alone, read while writing rules.
#: Refitted with it, the threat head's threshold rose 0.925 -> 0.937 and the engine caught
#: fewer blind messages (765 -> 740 of 1,226, the other heads as shipped); refitted with it,
#: the harassment and insult heads caught more (775 and 768; 778 together), the same 34 near
#: misses escalated (docs/quality.md, stop 41).
#: ``bot_questions`` (stop 41): 40 questions of mine about whether the reader is a person or a
#: bot ("are you a real person?"), as negatives: the harassment head gave "are you a real
#: person" p 0.996, over its threshold, and 6 of the 40 escalated before they were fitted.
#: Stop 42: ``fresh22p`` (200 probes a helper wrote from the playbook, read while writing
#: rules), ``train22h`` and ``train22i`` (280 messages each that helpers wrote as training data
#: for these two heads: harassment and insults aimed at staff against hard negatives).
#: Measured on the blind files: docs/quality.md, stop 42. The threat head, refitted with
#: ``fresh22p``, caught fewer blind messages (852 -> 823 of 1,326) and keeps its data.
#: Stop 43: ``fresh23p`` (200 probes, read while writing rules) and ``train23i`` (300 veiled
#: insults and hard negatives written as training data): over 25 blind files the two heads
#: refitted with them caught 926 of 1,426 against 912, the same 42 of 1,460 near misses
#: escalated. The threat head refitted with ``train23t`` (300 veiled threats and negatives)
#: caught 901 and escalated 39: it keeps its data, and ``train23t`` trains nothing yet.
#: Stop 45: ``fresh45p`` (320 probes a helper wrote from the playbook, read while writing
#: rules; its threat rows are left out of these two heads as every threat is). Refitted with
#: it, the two heads caught 1,016 of 1,476 blind messages over 26 files against 1,010, the same
#: 45 of 1,510 near misses escalated, and 69 of 120 of ``fresh45b`` (never read) against 66;
#: but the harassment head then escalated a must-not unit test ("I'll ring every single morning
#: until you quit charging me twice"). ``persistent_contact``: 40 messages of mine promising
#: daily calls or e-mails until the company stops doing something or does what was asked, as
#: negatives (no unit-test sentence copied; none escalated with either head). The threat head
#: refitted with ``fresh45p``'s threats caught 1,080 of 1,596 over 27 blind files either way,
#: escalated 46 near misses against 48, ``fresh45b`` 67 against 68, ``fresh2`` 126 against
#: 129: a wash, so it keeps its data.
WRITTEN_ABUSE_ONLY = (
    "fresh21p.jsonl",
    "bot_questions.jsonl",
    "fresh22p.jsonl",
    "train22h.jsonl",
    "train22i.jsonl",
    "fresh23p.jsonl",
    "train23i.jsonl",
    "fresh45p.jsonl",
    "persistent_contact.jsonl",
)
#: Stop 49: ``train49t``, ``train49h`` and ``train49i`` (320 messages each that three helpers
#: wrote from the playbook alone as training data: veiled threats, harassment of staff and
#: insults aimed at staff, each against 140 hard negatives) train nothing yet. The insult head
#: refitted with all three (their threats and harassment left out of it as always) caught
#: 1,087 of 1,596 blind messages over 27 files against 1,080 and escalated 49 of 1,630 near
#: misses against 48, with ``fresh45b``, ``fresh2`` and the held-out set unchanged, but
#: ConvAbuse held-out F1 fell 0.795 -> 0.792 (OLID 0.495 -> 0.494, Kaggle 0.676 -> 0.675): a
#: wash. The threat head refitted with ``train49t`` caught 1,100 and escalated 52 at the
#: shipped 0.875, where the shipped head at 0.825 catches 1,129 for the same 52 (and lets
#: must-not unit tests escalate); the harassment head refitted with ``train49h`` escalated
#: three must-not unit tests (a request for a woman to call, for staff who speak Urdu, "You
#: talk to me like a child."), and the same three with ``requests49`` (80 legitimate requests a
#: fourth helper wrote: a woman or a man to visit, a language, an accommodation, being spoken
#: to like a child) among its negatives. docs/quality.md, stop 49.
#: Negatives of the harassment head only (stop 42): ``group_requests``, 40 polite requests of
#: mine naming a language, a faith, an age or a disability. Fitted without them, the harassment
#: head escalated "Do you have staff who speak Urdu?"; the insult head fitted with them too
#: escalated two more blind near misses (34 -> 36 of 1,360) and is fitted without them.
WRITTEN_HARASSMENT_ONLY = ("group_requests.jsonl",)
THREAT_KINDS = frozenset(
    {"harm", "stalking", "premises", "threat_harm", "stalking_doxxing", "threat_premises"}
)
#: Left out of the harassment head's data, kept to measure it blind: fitted with them, the
#: head fired on "Do you want my personal number?" and "your name" (must-nots of the unit
#: tests): it does not yet tell a customer's offer from a demand for an agent's details.
HARASSMENT_HELD_OUT = frozenset({"fresh6a.jsonl", "fresh6b.jsonl"})
#: Where each head's weights go (the names config/abuse.yaml gives them).
OUTPUT = {"threat": "threats.json", "harassment": "harassment.json", "insult": "insult.json"}


def positive(row: dict[str, Any], target: str, name: str = "") -> bool:
    """Whether a written row (of the file ``name``) is a positive of the ``target`` head."""
    if target in ("harassment", "insult"):
        return bool(row["escalate"]) and row["kind"] == target
    extra = row["escalate"] and row["kind"] in FILE_THREAT_KINDS.get(name, frozenset())
    return bool(row.get("threat", row["kind"] in THREAT_KINDS or extra))


def load(target: str = "threat") -> list[dict[str, Any]]:
    """The rows of one head: positives, hard negatives, scenario messages, everyday text.
    Rows that escalate for another reason (an insult; a threat for the harassment head) are
    left out: they are neither."""
    rows: list[dict[str, Any]] = []
    names = WRITTEN + (WRITTEN_THREAT_ONLY if target != "harassment" else ())
    names += WRITTEN_ABUSE_ONLY if target != "threat" else ()
    for name in names + (WRITTEN_HARASSMENT_ONLY if target == "harassment" else ()):
        if target == "harassment" and name in HARASSMENT_HELD_OUT:
            continue
        for line in (ROOT / "data/threats" / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            y = positive(row, target, name)
            if row["escalate"] and not y:
                continue
            rows.append({"id": row["id"], "text": row["text"], "y": y, "kind": row["kind"]})
    for path in sorted((ROOT / "data/scenarios").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            if target == "insult":
                # Abuse that escalates on its own words: neither a threat nor repeat abuse.
                y = bool(row["escalate"]) and not row.get("threat") and not row.get("prior_abuse")
            else:
                y = target == "threat" and bool(row.get("threat"))
            if row["escalate"] and not y:
                continue
            kind = f"scenario_{target}" if y else "scenario"
            rows.append({"id": row["id"], "text": row["text"], "y": y, "kind": kind})
    # Everyday text that is no threat, from licence-cleared sets (GoEmotions: Apache-2.0,
    # Davidson et al.: MIT; see ../shared/data/README.md): Reddit comments and tweets. Left
    # out of the fit, the head fired on 3% of them out of fold even at p >= 0.99.
    for name, keep, key in (
        ("anger_goemotions_train.jsonl", EXTRA_GOEMOTIONS, None),
        ("offense_davidson.jsonl", EXTRA_DAVIDSON, "offensive"),
    ):
        lines = (DATA / name).read_text("utf-8").splitlines()
        picked = [json.loads(x) for x in lines]
        picked = [r for r in picked if key is None or not r[key]]
        step = max(1, len(picked) // keep)
        for row in picked[::step][:keep]:
            rows.append(
                {"id": f"extra-{row['id']}", "text": row["text"], "y": False, "kind": "extra"}
            )
    if target != "threat":
        # What people say to a chatbot that its annotators found no abuse (ConvAbuse, CC BY
        # 4.0; only the fit half, crc32(id) even, as scripts/eval.py splits it): fitted on
        # the written rows alone, the harassment head fired on "your name" and "are you a
        # girl" there. The insult head has them too.
        for line in (DATA / "abuse_convabuse_dev.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            if zlib.crc32(row["id"].encode()) % 2 == 0 and not row["abusive"]:
                rows.append(
                    {"id": f"extra-{row['id']}", "text": row["text"], "y": False, "kind": "extra"}
                )
    return rows


class Featuriser:
    def __init__(self, frames: ThreatFrames, labels: list[str]) -> None:
        self.frames = frames
        self.embedder = Embedder.shared()
        self.labels = {label: i for i, label in enumerate(labels)}
        self.dim = self.embedder.dim

    def message_units(self, text: str) -> list[Unit]:
        return units(self.embedder, self.frames.sentences(unquote(text)), BUCKETS)

    def whole(self, text: str) -> Unit | None:
        """Every sentence of the message as one unit."""
        singles = [
            u
            for i, (toks, labels) in enumerate(self.frames.sentences(unquote(text)), start=1)
            if (u := sentence_unit(self.embedder, i, toks, labels, BUCKETS)) is not None
        ]
        if not singles:
            return None
        acc = singles[0]
        for u in singles[1:]:
            acc = acc.pair(u)
        return acc

    def matrix(self, items: list[Unit]) -> sparse.csr_matrix:
        n_lab = len(self.labels)
        emb = np.array(
            [(*u.vector(), *(v * POOL_SCALE for v in (*u.hi, *u.lo))) for u in items],
            dtype=np.float64,
        )
        lab = np.zeros((len(items), n_lab))
        rows, cols, vals = [], [], []
        for i, u in enumerate(items):
            for label in u.labels:
                if label in self.labels:
                    lab[i, self.labels[label]] = 1.0
            for k in u.keys:
                rows.append(i)
                cols.append(k)
                vals.append(1.0 / math.sqrt(len(u.keys)))
        grams = sparse.csr_matrix((vals, (rows, cols)), shape=(len(items), BUCKETS))
        return sparse.hstack(
            [sparse.csr_matrix(emb * EMB_SCALE), sparse.csr_matrix(lab), grams]
        ).tocsr()


#: Class weights of each head's fit: None for threats (a fifth of the rows), "balanced" for
#: the rarer harassment rows.
WEIGHT: dict[str, str | None] = {"threat": None, "harassment": "balanced", "insult": None}
POOL_SCALE = 1.0
EMB_SCALE = 1.0  # set from the data in main (one scalar: the column stays one projection)


def fit(
    feat: Featuriser,
    rows: list[dict[str, Any]],
    cache: dict[str, Any],
    c: float,
    weight: str | None = "balanced",
    rounds: int = ROUNDS,
) -> LogisticRegression:
    """Multiple-instance rounds: a threat's positive unit is its whole text, then its best."""
    x_neg = sparse.vstack([cache["xu"][r["id"]] for r in rows if not r["y"]]).tocsr()
    pos = [r["id"] for r in rows if r["y"]]
    x_pos = sparse.vstack([cache["xw"][i] for i in pos]).tocsr()
    model = LogisticRegression(C=c, max_iter=3000, class_weight=weight)
    for _ in range(rounds):
        x = sparse.vstack([x_pos, x_neg]).tocsr()
        y = np.r_[np.ones(x_pos.shape[0]), np.zeros(x_neg.shape[0])]
        model.fit(x, y)
        best = []
        for i in pos:
            xu = cache["xu"][i]
            best.append(xu[int(np.argmax(model.decision_function(xu)))])
        x_pos = sparse.vstack(best).tocsr()
    return model


def message_p(model: LogisticRegression, xu: sparse.csr_matrix) -> float:
    return float(model.predict_proba(xu)[:, 1].max())


def oof_scores(
    feat: Featuriser,
    rows: list[dict[str, Any]],
    cache: dict[str, Any],
    folds: int,
    seed: int,
    c: float,
    rounds: int,
    weight: str | None,
) -> np.ndarray:
    y = np.array([r["y"] for r in rows])
    oof = np.zeros(len(rows))
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in skf.split(np.zeros(len(rows)), y):
        model = fit(feat, [rows[i] for i in train], cache, c, weight, rounds)
        for i in test:
            oof[i] = message_p(model, cache["xu"][rows[i]["id"]])
    return oof


def featurise(
    feat: Featuriser, rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Split every row into units, set ``EMB_SCALE`` and ``POOL_SCALE`` from the first units
    (one scalar each: a column stays one projection) and build each row's unit and whole
    matrices. Returns the rows that have units and the cache ``fit`` and ``oof_scores`` read."""
    global EMB_SCALE, POOL_SCALE
    cache: dict[str, Any] = {"units": {}, "whole": {}, "xu": {}, "xw": {}}
    for r in rows:
        cache["units"][r["id"]] = feat.message_units(r["text"])
        cache["whole"][r["id"]] = feat.whole(r["text"])
    firsts = [us[0] for us in cache["units"].values() if us]
    EMB_SCALE = float(1.0 / max(np.array([u.vector() for u in firsts]).std(), 1e-6))
    pool_std = np.array([(*u.hi, *u.lo) for u in firsts]).std()
    POOL_SCALE = float(1.0 / max(pool_std, 1e-6)) / EMB_SCALE
    rows = [r for r in rows if cache["units"][r["id"]]]
    for r in rows:
        cache["xu"][r["id"]] = feat.matrix(cache["units"][r["id"]])
        cache["xw"][r["id"]] = feat.matrix([cache["whole"][r["id"]]])
    return rows, cache


class Threshold(NamedTuple):
    """A chosen threshold and what each rule asked for (each with ``MARGIN`` added)."""

    value: float
    written: float
    scenarios: float
    everyday: float
    false_written: int


def choose_threshold(
    oof: np.ndarray,
    y: np.ndarray,
    written: np.ndarray,
    scen: np.ndarray,
    extra: np.ndarray,
    *,
    false_scenario: int = FALSE_SCENARIO,
    cap: float = 0.99,
) -> Threshold:
    """The lowest threshold that keeps the out-of-fold scores ``oof`` under every rule: at most
    ``FALSE_WRITTEN_SHARE`` of the written hard negatives, ``false_scenario`` of the scenario
    corpus' ordinary messages and ``FALSE_EXTRA`` of the everyday texts above it; at most
    ``cap``. The masks pick the rows of each kind; ``y`` marks the positives."""
    wneg = np.sort(oof[written & ~y])[::-1]
    false_written = int(FALSE_WRITTEN_SHARE * len(wneg))
    t_written = float(wneg[false_written]) + MARGIN
    t_scen = float(np.sort(oof[scen & ~y])[::-1][false_scenario]) + MARGIN
    eneg = np.sort(oof[extra & ~y])[::-1]
    t_extra = float(eneg[int(FALSE_EXTRA * len(eneg))]) + MARGIN
    value = min(cap, max(t_scen, t_written, t_extra))
    return Threshold(value, t_written, t_scen, t_extra, false_written)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("threat", "harassment", "insult"), default="threat")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--c",
        type=float,
        default=None,
        help="inverse L2 strength of the fit (default: 10 for the threat head, 3 for harassment)",
    )
    parser.add_argument("--grid", action="store_true", help="compare settings (3-fold)")
    parser.add_argument(
        "--grid-c", default="0.3,1,3", help="the C values --grid compares (comma-separated)"
    )
    parser.add_argument(
        "--grid-rounds", default="1,2", help="the rounds --grid compares (comma-separated)"
    )
    parser.add_argument("--frames", action="store_true", help="frame labels as features")
    args = parser.parse_args()
    if args.c is None:
        args.c = C[args.target]

    config = load_rules(ROOT / "config").abuse.threat_frames
    if config is None:
        raise SystemExit("config/abuse.yaml has no threat_frames")
    frames = ThreatFrames(
        config.model_copy(update={"model": None, "harassment_model": None, "insult_model": None})
    )
    # The frames' labels as features (whole and part) let part frames alone ("I'm driving to
    # your office", "it'd be a shame if") push near misses over the threshold: off (--frames).
    labels = sorted({f.label for f in config.frames}) if args.frames else []
    feat = Featuriser(frames, labels)
    rows = load(args.target)
    weight = WEIGHT[args.target]
    for r in rows:
        # The threat frames are the rules beside the threat head; the harassment head is
        # measured alone here (the engine's harassment phrases: scripts/heldout_escalation.py).
        r["frames"] = args.target == "threat" and bool(frames.find(r["text"]))
    rows, cache = featurise(feat, rows)
    y = np.array([r["y"] for r in rows])
    extra = np.array([r["id"].startswith("extra-") for r in rows])
    scen = np.array([r["kind"].startswith("scenario") for r in rows])
    print(
        f"rows: {len(rows)} ({int(y.sum())} {args.target} rows, {int((~y).sum())} negatives; "
        f"written {int((~scen & ~extra).sum())}, scenarios {int(scen.sum())}, "
        f"everyday {int(extra.sum())})"
    )
    if args.grid:
        for c in map(float, args.grid_c.split(",")):
            for rounds in map(int, args.grid_rounds.split(",")):
                oof = oof_scores(feat, rows, cache, 3, args.seed, c, rounds, weight)
                negs = np.sort(oof[~y])[::-1]
                rec = [float((oof[y] > negs[k]).mean()) for k in (0, 5, 10, 20)]
                print(
                    f"C={c} rounds={rounds}: head recall at 0/5/10/20 false "
                    + " ".join(f"{v:.3f}" for v in rec),
                    flush=True,
                )
        return 0

    oof = oof_scores(feat, rows, cache, args.folds, args.seed, args.c, ROUNDS, weight)
    fr = np.array([r["frames"] for r in rows])
    # The threshold: at most FALSE_SCENARIO out-of-fold false escalations on the scenario
    # corpus' ordinary messages and FALSE_WRITTEN_SHARE of the written hard negatives (pairs
    # of the threats); none at all is out of reach of this head (see docs/quality.md).
    written = ~scen & ~extra
    chosen = choose_threshold(oof, y, written, scen, extra)
    threshold = chosen.value
    rules = "threat frames alone" if args.target == "threat" else "none (head alone)"
    print(f"{args.folds}-fold CV (message = highest unit); rules = {rules}")
    print(f"{'threshold':>9} {'head recall':>12} {'rules+head recall':>18} ", end="")
    print(f"{'false written':>14} {'false scenarios':>16} {'false everyday':>15}")
    for t in sorted({0.5, 0.6, 0.7, 0.8, 0.9, 0.93, 0.95, 0.97, 0.99, round(threshold, 3)}):
        hit = oof >= t
        both = hit | fr
        print(
            f"{t:>9.3f} {hit[y].mean():>12.3f} {both[y].mean():>18.3f} "
            f"{int(both[~y & written].sum()):>6} / {int((~y & written).sum()):<6}"
            f"{int(both[~y & scen].sum()):>7} / {int((~y & scen).sum()):<6}"
            f"{int(both[extra].sum()):>7} / {int(extra.sum()):<6}"
        )
    print(
        f"rules alone: recall {fr[y].mean():.3f}, false written {int(fr[~y & written].sum())}, "
        f"false scenarios {int(fr[~y & scen].sum())}"
    )
    print(
        f"chosen threshold {threshold:.3f} (for {FALSE_SCENARIO} false on the scenarios: "
        f"{chosen.scenarios:.3f}; for {chosen.false_written} on the written negatives: "
        f"{chosen.written:.3f}; for {FALSE_EXTRA:.1%} of everyday text: {chosen.everyday:.3f})"
    )
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, p in zip(rows, oof, strict=True):
        kind = r["kind"] if r["y"] else f"neg:{r['kind']}"
        by_kind[kind][0] += int(p >= threshold or r["frames"])
        by_kind[kind][1] += 1
    for kind in sorted(by_kind):
        k, n = by_kind[kind]
        print(f"  {kind:<20} {'fired' if kind.startswith('neg:') else 'caught':>6} {k}/{n}")
    if args.cv_only:
        return 0

    model = fit(feat, rows, cache, args.c, weight, ROUNDS)
    coef = model.coef_[0]
    dim, n_lab = feat.dim, len(labels)
    column = [round(float(w) * EMB_SCALE, 6) for w in coef[:dim]]
    pool = [round(float(w) * EMB_SCALE * POOL_SCALE, 6) for w in coef[dim : 3 * dim]]
    frame_w = {label: round(float(coef[3 * dim + i]), 4) for i, label in enumerate(labels)}
    grams = {
        str(k): round(float(w), 4) for k, w in enumerate(coef[3 * dim + n_lab :]) if abs(w) >= 1e-3
    }
    out = {
        "about": f"{args.target.capitalize()} head: scripts/train_threats.py "
        f"--target {args.target} on data/threats and data/scenarios",
        "buckets": BUCKETS,
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 3),
        "column": column,
        "pool": pool,
        "frames": frame_w,
        "grams": grams,
        "counts": dict(Counter((args.target if r["y"] else "negative") for r in rows)),
    }
    path = ROOT / "worker/data" / OUTPUT[args.target]
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(grams)} n-gram weights, threshold {threshold:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
