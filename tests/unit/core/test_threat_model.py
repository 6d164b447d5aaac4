"""The learned threat head (worker/core/threat_model.py) behind the threat frames.

Sentences written for these tests (not rows of data/threats, the scenario corpus or the
held-out set). The frames are switched off where a case must show the head's own verdict.
"""

from __future__ import annotations

import json
import math
import zlib
from itertools import pairwise
from pathlib import Path

import pytest

from tests.unit.core.test_engine import triage
from worker.core.embed import Embedder
from worker.core.threat_model import ThreatModel, gram_keys, sentence_unit, units, unquote
from worker.core.threats import ThreatFrames, ThreatFramesConfig

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def head_only(frames_config: ThreatFramesConfig) -> ThreatFrames:
    """The head with no frame to match: what it finds, it finds alone."""
    return ThreatFrames(frames_config.model_copy(update={"frames": (), "combine": ()}))


# Caught by the head alone (frames off). Of the 87 threats written for these tests and
# test_threats.py, the shipped head alone catches 12 (the frames catch 85: test_threats.py);
# of the 116 must-not cases there and in MUST_NOT it fires on none. The cross-validated
# figures are in docs/quality.md.
HEAD_CAUGHT = [
    "Your engineer is going to get a fist in his face next visit.",
    "I know which bus you take home.",
]

# Never escalated, whole engine (rules and head).
MUST_NOT = [
    "Please kill this bug before the release, it eats my saved drafts.",
    "I know where your office is, I'm visiting for the demo on Thursday.",
    "I'll be waiting for your reply, as I have been all week.",
    "If the refund isn't here by Friday my solicitor will write to you.",
    "We are moving the whole team to another vendor at renewal.",
    "I've asked my card issuer to reverse the payment.",
    "Regards,\nHeinz",
    "This release is a massacre of every feature I liked.",
    "I'm coming to the branch tomorrow to return the kettle.",
    "I found your LinkedIn page and applied for the support role.",
    "I'll post a review about this on every site I can.",
    "I could kill whoever designed this menu, honestly, three clicks to log out.",
    "The ombudsman will hear about this.",
    "I know your shift ends at five, could someone else call me after that?",
]


@pytest.mark.parametrize("text", HEAD_CAUGHT)
def test_head_alone_catches(head_only: ThreatFrames, text: str) -> None:
    (label,) = head_only.find(text)
    assert label.startswith("model:p=")


@pytest.mark.parametrize("text", MUST_NOT)
def test_never_escalated(text: str) -> None:
    out = triage(text)
    assert not out.escalation.required, out.evidence.abuse


def test_threat_in_one_sentence_of_a_long_email(head_only: ThreatFrames) -> None:
    text = (
        "Hello,\n\nMy router has dropped the line every evening since the upgrade. "
        "I have restarted it, changed the cable and called twice. "
        "I know which bus you take home. "
        "Please send an engineer this week.\n\nRegards,\nPat"
    )
    (label,) = head_only.find(text)
    assert label.startswith("model:p=")
    # The cue names the sentence (numbered from 1), never its words.
    sentence = int(label.rsplit("=", 1)[1])
    assert sentence in (4, 5)
    assert "bus" not in label


def test_engine_cue_for_the_head() -> None:
    # (stop 60: "a fist in his face" is a threat frame now, so the head is not asked)
    out = triage("Your engineer is going to leave with a limp next visit.")
    assert out.escalation.required
    assert "threat" in out.abuse.kinds
    assert any(c.startswith("threat_frame:model:p=") for c in out.evidence.abuse)


def test_quoted_words_are_not_the_customers(head_only: ThreatFrames) -> None:
    assert head_only.find('A stranger on your forum wrote "I know where your mother lives."') == ()
    assert unquote('he said "I know where you live" to me') == "he said   to me"


def test_model_null_turns_the_head_off(frames_config: ThreatFramesConfig) -> None:
    off = ThreatFrames(
        frames_config.model_copy(update={"frames": (), "combine": (), "model": None})
    )
    assert off.model is None
    assert off.find("I know where your mother lives.") == ()


def test_units_are_sentences_and_adjacent_pairs() -> None:
    embedder = Embedder.shared()
    sentences = [
        (["refund", "me"], frozenset()),
        (["''"], frozenset()),  # no known word: no unit (its neighbours pair up)
        (["i", "know", "your", "car"], frozenset({"x"})),
        (["see", "you", "soon"], frozenset()),
    ]
    got = units(embedder, sentences, 1 << 18)
    assert [u.first for u in got] == [1, 3, 1, 4, 3]
    pair = got[4]
    assert pair.labels == frozenset({"x"})
    assert pair.keys == got[1].keys | got[3].keys
    assert pair.hi == tuple(map(max, got[1].hi, got[3].hi))
    assert pair.total == tuple(a + b for a, b in zip(got[1].total, got[3].total, strict=True))
    assert abs(sum(v * v for v in pair.vector()) - 1.0) < 1e-9


def test_one_known_word_makes_no_unit(head_only: ThreatFrames) -> None:
    """One word alone carries no threat the head can read: "your" once scored p 0.99, so a
    reply of one word, or what is left of a message once a reported clause is blanked,
    escalated."""
    embedder = Embedder.shared()
    sentences = [(["your"], frozenset()), (["refund", "me"], frozenset())]
    assert [u.first for u in units(embedder, sentences, 1 << 18)] == [2]
    for word in ("Your", "your", "Tonight.", "Yours"):
        assert head_only.find(word) == ()
    reported = triage("Your engineer called my wife a silly cow in our own kitchen.")
    assert not reported.escalation.required


def test_gram_keys_are_stable_buckets() -> None:
    # crc32, not hash(): the same in every process and in training.
    assert gram_keys(["you", "live"], 1 << 18) == gram_keys(("you", "live"), 1 << 18)
    assert len(gram_keys(["you", "live"], 1 << 18)) == 3


@pytest.mark.parametrize(
    "toks", [[], ["you"], ["i", "know", "where", "you", "live", "you"], ["a", "", "b", "c"], [""]]
)
def test_gram_keys_are_each_unigram_and_bigram(toks: list[str]) -> None:
    want = {zlib.crc32(t.encode()) % 1000 for t in toks}
    pairs = [f"{toks[i - 1]} {toks[i]}" for i in range(1, len(toks)) if toks[i - 1]]
    want |= {zlib.crc32(p.encode()) % 1000 for p in pairs}
    assert gram_keys(toks, 1000) == want


def test_weights_must_fit_the_table() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        ThreatModel(
            Embedder.shared(),
            column=[0.0] * 3,
            pool=[0.0] * 6,
            grams={},
            frames={},
            bias=0.0,
            buckets=8,
            threshold=0.5,
        )


def test_shipped_head_threshold_is_strict() -> None:
    head = ThreatModel.shared()
    assert 0.5 < head.threshold < 1.0


def _reference(
    head: ThreatModel, sentences: list[tuple[list[str], frozenset[str]]]
) -> tuple[float, set[int]]:
    """best() written out plainly: the highest probability over units(), unit by unit, and
    the sentences where a unit reaches it (to rounding: equal units tie)."""
    scored = [(head.logit(u), u.first) for u in units(Embedder.shared(), sentences, head.buckets)]
    if not scored:
        return 0.0, {0}
    top = max(z for z, _ in scored)
    return 1.0 / (1.0 + math.exp(-top)), {first for z, first in scored if z >= top - 1e-12}


def _with_frame_weights() -> ThreatModel:
    """The shipped weights, plus weights for two frame labels (the shipped head has none)."""
    meta = json.loads((ROOT / "worker/data/threats.json").read_text("utf-8"))
    return ThreatModel(
        Embedder.shared(),
        column=meta["column"],
        pool=meta["pool"],
        grams={int(k): v for k, v in meta["grams"].items()},
        frames={"x": 2.5, "y": -1.0},
        bias=meta["bias"],
        buckets=meta["buckets"],
        threshold=meta["threshold"],
    )


VECTORISED_CASES = [
    "",
    "ok",
    "'' ''",
    "Where is my refund?",
    "I know your car. See you at six.",
    "Fix it now. '' I am done waiting. Your engineer is going to get a fist in his face.",
    "Thanks. Thanks. Thanks.",
    " ".join(["word"] * 80) + ". " + " ".join(f"w{i}" for i in range(70)),
    "Hello. " * 40 + "I know where your mother lives. Bye.",
    # Adjacent sentences sharing words (their n-gram keys counted once in the pair):
    "I know where you live. I know where you park. I know where you work.",
    "Watch your back. Watch your back, I know your car.",
]


@pytest.mark.parametrize("frame_weights", [False, True])
@pytest.mark.parametrize("text", VECTORISED_CASES)
def test_best_equals_the_unit_by_unit_reference(
    head_only: ThreatFrames, text: str, frame_weights: bool
) -> None:
    # best() computes all units at once with numpy; the plain per-unit logit must agree.
    head = _with_frame_weights() if frame_weights else ThreatModel.shared()
    sentences = [(list(t), labels) for t, labels in head_only.sentences(text)]
    for k in range(1, len(sentences), 2):  # labels on every other sentence: pairs merge them
        sentences[k] = (sentences[k][0], frozenset({"x", "y"} if k % 4 == 1 else {"x"}))
    p, where = _reference(head, sentences)
    got = head.best(sentences)
    assert abs(got.p - p) < 1e-12
    assert got.sentence in where


def _reference_skipping(
    head: ThreatModel, sentences: list[tuple[list[str], frozenset[str]]], skip: frozenset[int]
) -> tuple[float, set[int]]:
    """score(reading, skip) written out plainly: each kept sentence and each pair of adjacent
    kept sentences, less the units that hold a skipped sentence."""
    embedder = Embedder.shared()
    kept = [
        (i, u)
        for i, (toks, labels) in enumerate(sentences, start=1)
        if (u := sentence_unit(embedder, i, toks, labels, head.buckets)) is not None
    ]
    scored = [(head.logit(u), i) for i, u in kept if i not in skip]
    scored += [
        (head.logit(a.pair(b)), i)
        for (i, a), (j, b) in pairwise(kept)
        if i not in skip and j not in skip
    ]
    if not scored:
        return 0.0, {0}
    top = max(z for z, _ in scored)
    return 1.0 / (1.0 + math.exp(-top)), {first for z, first in scored if z >= top - 1e-12}


@pytest.mark.parametrize("skip", [frozenset({1}), frozenset({2}), frozenset({1, 3}), frozenset()])
@pytest.mark.parametrize("text", VECTORISED_CASES)
def test_skipped_sentences_are_in_no_scored_unit(
    head_only: ThreatFrames, text: str, skip: frozenset[int]
) -> None:
    # The sentences an excuse frame matched ("I'll tell him what I think") are in no unit the
    # head scores: neither alone nor paired with a neighbour.
    head = ThreatModel.shared()
    sentences = [(list(t), labels) for t, labels in head_only.sentences(text)]
    p, where = _reference_skipping(head, sentences, skip)
    got = head.score(head.read(sentences), skip)
    assert abs(got.p - p) < 1e-12
    assert got.sentence in where
