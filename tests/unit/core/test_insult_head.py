"""The learned insult head (worker/data/insult.json): when it runs, what it reads, and
help-desk messages it must never escalate.

Sentences written for these tests, not taken from any corpus. The head's cross-validated and
blind figures are in docs/quality.md (stop 40); it is fitted by ``scripts/train_threats.py
--target insult --folds 3``.
"""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import triage
from worker.core.threat_model import ThreatModel
from worker.core.threats import ThreatFrames, ThreatFramesConfig, _reader


@pytest.fixture(scope="module")
def frames(frames_config: ThreatFramesConfig) -> ThreatFrames:
    return ThreatFrames(frames_config)


def _off(config: ThreatFramesConfig) -> ThreatFrames:
    return ThreatFrames(config.model_copy(update={"insult_model": None}))


# Of 53 insults written while wiring the head (stop 40), the whole engine escalated 30, one of
# them by the head alone (33 after that stop's letdown phrases, written from them); it reads
# insults that call the reader a thing ("a joke of a human") more than witty ones ("You make a
# brick wall look like a genius." stays at p 0.03; docs/quality.md, stop 40). Above its threshold
# with these weights (refitted at stop 41: "You are a joke of a human being." fell to p 0.82,
# under its 0.859; refitted at stop 42, threshold 0.694; refitted at stop 43, threshold 0.714:
# "Pathetic excuse for a human being, that's what you are." fell to p 0.54, and the engine
# still escalates it by its harassment phrases):
HEAD_FIRES = [
    "You are a waste of a salary.",
    "You are a joke of a human being.",
    "What a joke of a human you are.",
]

# Escalated by the head alone: no rule and no other head fires (stop 40's "Such a joke of a
# human." fell to p 0.73 with stop 41's weights, stop 41's "Such a pathetic joke of a human."
# to p 0.60 with stop 42's; stop 55's comparison rule, worker/core/abuse/compare.py, now
# catches "Honestly a goldfish would remember my account number better than you.").
HEAD_CAUGHT = "Honestly a goldfish would remember my account number, unlike you."

# Never escalated, whole engine: product complaints, self-directed and reported insults,
# praise, words an insult could use about things.
MUST_NOT = [
    "This update is a joke, the app crashes every time I open it.",
    "I feel like an idiot, I typed my own email address wrong.",
    "My neighbour called me useless for not fixing the fence, can you send someone out?",
    "The chocolate teapot I ordered for my niece arrived in pieces.",
    "Honestly the new layout is awful, where did the export button go?",
    "My son says the game has been rubbish since the last patch.",
    "I'm not very technical, so please explain it like you would to a beginner.",
    "You have been so patient with me, thank you, I know I'm not the easiest customer.",
    "The sponge filter you sent is the wrong size for my tank.",
    "What a useless policy, I can't believe you charge for paper bills.",
    "The joke of it is that the human on the phone fixed it in a minute.",
    # Escalated by a harassment phrase ("you was a waste of", across "through you | was")
    # until stop 40 (tests/unit/core/test_outsiders.py).
    "The comedian we booked through you was a waste of the fee, can we get a refund?",
]


@pytest.mark.parametrize("text", HEAD_FIRES)
def test_head_fires(frames: ThreatFrames, text: str) -> None:
    labels, heard, _ = frames.read(text)
    assert labels == ()
    found = frames.insult(heard)
    assert found is not None
    assert found[0] >= ThreatModel.shared("insult.json").threshold


def test_head_alone_escalates(frames: ThreatFrames) -> None:
    """The engine calls a manager on the head's word when nothing else found abuse, and its cue
    names the probability and the sentence, never the words."""
    labels, heard, _ = frames.read(HEAD_CAUGHT)
    assert labels == () and frames.harassment(heard) is None
    found = frames.insult(heard)
    assert found is not None
    out = triage(HEAD_CAUGHT)
    assert out.escalation.required and "insult" in out.abuse.kinds, out.evidence.abuse
    assert found[1] in out.evidence.abuse
    assert found[1].startswith("insult_model:p=") and found[1].endswith(":sentence=1")


@pytest.mark.parametrize("text", MUST_NOT)
def test_never_escalated(frames: ThreatFrames, text: str) -> None:
    _, heard, _ = frames.read(text)
    assert frames.insult(heard) is None
    out = triage(text)
    assert not out.escalation.required, out.evidence.abuse


def test_insult_model_null_turns_the_head_off(frames_config: ThreatFramesConfig) -> None:
    off = _off(frames_config)
    assert off.insult_model is None
    _, heard, _ = off.read(HEAD_FIRES[0])
    assert heard is not None and off.insult(heard) is None


def test_heads_must_share_buckets(frames: ThreatFrames) -> None:
    """The heads score one reading of the message: weights with other n-gram buckets are
    refused when the frames are built, not met at the first message."""
    head = frames.insult_model
    assert head is not None and frames.model is not None
    assert head.buckets == frames.model.buckets
    dim = len(head._column)
    other = ThreatModel(
        head._embedder,
        column=[0.0] * dim,
        pool=[0.0] * (2 * dim),
        grams={},
        frames={},
        bias=0.0,
        buckets=head.buckets // 2,
        threshold=0.9,
    )
    with pytest.raises(ValueError, match="same n-gram buckets"):
        _reader(frames.model, frames.harassment_model, other)


def test_shipped_head_threshold_is_strict() -> None:
    assert 0.5 < ThreatModel.shared("insult.json").threshold < 1.0
